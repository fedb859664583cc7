/**
 * What a TypeScript consumer of the package compiles against: the tarball a clean clone packs,
 * installed with npm as any package is (the registry brings @logto/connector-kit and zod, what
 * package.json declares, and nothing of the devDependencies), then `tsc` strict, NodeNext, with
 * skipLibCheck off, on a consumer that imports the factory, calls it with `{ getConfig }` and
 * uses the connector's type. A declaration file that is missing, or that imports a package the
 * consumer does not have (the types of the AWS SDK that lib/ bundles, say), fails it.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import ts from 'typescript';

import { packFromCleanTree, repoRoot, run, type PackedPackage } from './clean-pack.js';

type Manifest = { name: string; dependencies: Record<string, string>; devDependencies: Record<string, string> };

const consumerSource = `import createAwsSesConnector, {
  awsSesConfigGuard,
  connectorId,
  destroyClients,
  metadata,
  parseConfig,
  type AwsSesConfig,
  type Template,
} from 'connector-aws-ses';

const template: Template = { usageType: 'Generic', subject: 'Your code', content: 'Your code is {{code}}' };
const config: AwsSesConfig = parseConfig({ region: 'eu-west-1', emailAddress: 'noreply@example.com', templates: [template] });
const getConfig = async (id: string): Promise<unknown> => {
  if (id !== connectorId) {
    throw new Error(\`no config for \${id}\`);
  }
  return config;
};

type Connector = Awaited<ReturnType<typeof createAwsSesConnector>>;
const connector: Connector = await createAwsSesConnector({ getConfig });
const send: Connector['sendMessage'] = connector.sendMessage;
const id: string = connector.metadata.id;
const guarded = awsSesConfigGuard.safeParse(config);
const templates: Template[] = guarded.success ? guarded.data.templates : [];
const closing: Promise<void> = destroyClients();

// The types are real ones, not \`any\`: each line after a @ts-expect-error must be a type error.
// @ts-expect-error createConnector needs getConfig
await createAwsSesConnector({});
// @ts-expect-error a region is a string
const badRegion: AwsSesConfig = { ...config, region: 1 };
// @ts-expect-error sendMessage takes the message's data, not an address
await connector.sendMessage('ada@example.com');

export { badRegion, closing, id, metadata, send, templates };
`;

const consumerConfig = {
  compilerOptions: {
    strict: true,
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    target: 'ES2022',
    lib: ['ES2022'],
    types: [],
    skipLibCheck: false,
    noEmit: true,
  },
  files: ['consumer.ts'],
};

let packed: PackedPackage;
let consumer: string;
let manifest: Manifest;
before(async () => {
  manifest = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;
  packed = await packFromCleanTree();
  consumer = await realpath(await mkdtemp(path.join(tmpdir(), 'consumer-types-')));
  await writeFile(path.join(consumer, 'package.json'), '{ "name": "consumer", "private": true, "type": "module" }\n');
  await writeFile(path.join(consumer, 'tsconfig.json'), JSON.stringify(consumerConfig, null, 2));
  await writeFile(path.join(consumer, 'consumer.ts'), consumerSource);
  // @types/node too, which a Node project such as Logto has: the kit's own declarations need it
  // (its dependency @withtyped/server references Node's types without declaring them).
  await run(
    'npm',
    ['install', '--no-audit', '--no-fund', packed.tarball, `@types/node@${manifest.devDependencies['@types/node']}`],
    consumer
  );
});
after(async () => {
  await rm(consumer, { recursive: true, force: true });
  await rm(path.dirname(packed.tarball), { recursive: true, force: true });
});

test('lib/ declares the public entry only: lib/index.d.ts and what it imports, naming only declared dependencies', async () => {
  const installed = path.join(consumer, 'node_modules', packed.name);
  const shipped = packed.files.filter((file) => file.endsWith('.d.ts')).sort();
  const reached = new Set<string>();
  const pending = ['lib/index.d.ts'];
  const undeclared: string[] = [];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (reached.has(file)) {
      continue;
    }
    reached.add(file);
    const text = await readFile(path.join(installed, file), 'utf8').catch(() =>
      assert.fail(`the tarball has no ${file}`)
    );
    const { importedFiles, referencedFiles, typeReferenceDirectives, libReferenceDirectives } = ts.preProcessFile(
      text,
      true,
      true
    );
    for (const { fileName: specifier } of importedFiles) {
      if (specifier.startsWith('.')) {
        pending.push(path.posix.join(path.posix.dirname(file), specifier.replace(/\.js$/, '.d.ts')));
      } else if (
        !Object.keys(manifest.dependencies).some((name) => specifier === name || specifier.startsWith(`${name}/`))
      ) {
        undeclared.push(`${file} imports ${specifier}`);
      }
    }
    for (const { fileName } of [...referencedFiles, ...typeReferenceDirectives, ...libReferenceDirectives]) {
      undeclared.push(`${file} references ${fileName}`);
    }
  }
  assert.deepEqual(undeclared, [], 'a declaration names what package.json does not declare');
  assert.deepEqual(shipped, [...reached].sort(), 'the tarball ships declarations no public type reaches');
});

test('a strict NodeNext consumer compiles against the installed tarball with skipLibCheck off', async () => {
  for (const name of Object.keys(manifest.devDependencies).filter((name) => name !== '@types/node')) {
    assert.ok(
      !existsSync(path.join(consumer, 'node_modules', name)),
      `${name}, a devDependency, was installed: the consumer would not show what it lacks`
    );
  }
  const tsc = path.join(repoRoot, 'node_modules/typescript/bin/tsc');
  const { stdout } = await run(process.execPath, [tsc, '-p', 'tsconfig.json', '--pretty', 'false'], consumer);
  assert.equal(stdout, '');
});

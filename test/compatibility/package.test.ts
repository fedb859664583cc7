/**
 * The tarball a fresh clone's `npm pack` makes (and so `npm publish` and a git install): it must
 * hold everything Logto and the CLI run, the licence and the notices of what lib/ bundles, and
 * nothing that does not belong in an operator's connectors folder.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, realpath, rename, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, test } from 'node:test';
import { promisify } from 'node:util';

import { packFromCleanTree, repoRoot, run, type PackedPackage } from './clean-pack.js';

/** The most lib/ may weigh: what every Logto process reads from disk on its first send. */
const libBudgetBytes = 1_200_000;

/** Everything the package may ship; any other file is a mistake in package.json "files". */
const shippable = [
  /^package\.json$/,
  /^README\.md$/,
  /^docs\/console-guide\.md$/,
  /^LICENSE$/,
  /^THIRD-PARTY-NOTICES\.md$/,
  /^logo\.svg$/,
  /^lib\/(?:[\w-]+\/)*[\w-]+\.(?:js|d\.ts)$/,
  // The stylesheets of the studio page and of dev's viewer, which those pages serve.
  /^lib\/(?:studio|dev)\/[\w-]+\.css$/,
];

let packed: PackedPackage;
before(async () => {
  packed = await packFromCleanTree();
});

test('prepack builds: the tarball holds the connector, the CLI, the licence and the notices', () => {
  for (const file of [
    'package.json',
    'lib/index.js',
    'lib/index.d.ts',
    'lib/cli/index.js',
    'logo.svg',
    'README.md',
    'LICENSE',
    'THIRD-PARTY-NOTICES.md',
  ]) {
    assert.ok(packed.files.includes(file), `npm pack from a clean tree leaves out ${file}`);
  }
});

test('the tarball holds nothing else (no sources, tests, maps or build metadata)', () => {
  const strays = packed.files.filter((file) => !shippable.some((pattern) => pattern.test(file)));
  assert.deepEqual(strays, [], `npm pack ships files that do not belong: ${strays.join(', ')}`);
});

test('LICENSE is the MPL-2.0 text that package.json names', async () => {
  const licence = await readFile(path.join(packed.cloneDirectory, 'LICENSE'), 'utf8');
  const { license } = JSON.parse(await readFile(path.join(packed.cloneDirectory, 'package.json'), 'utf8')) as {
    license: string;
  };
  assert.equal(license, 'MPL-2.0');
  assert.match(licence, /^Mozilla Public License Version 2\.0\n/);
  assert.match(licence, /Exhibit B - "Incompatible With Secondary Licenses" Notice/);
});

test('THIRD-PARTY-NOTICES.md names every package the bundle contains, with its version, licence and text', async () => {
  const notices = await readFile(path.join(packed.cloneDirectory, 'THIRD-PARTY-NOTICES.md'), 'utf8');
  const { inputs } = JSON.parse(await readFile(path.join(packed.cloneDirectory, '.build/metafile.json'), 'utf8')) as {
    inputs: Record<string, unknown>;
  };
  const packageDirectories = new Set(
    Object.keys(inputs)
      .map((input) => /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1])
      .filter((directory): directory is string => directory !== undefined)
  );
  assert.ok(packageDirectories.size > 10, `the metafile lists only ${packageDirectories.size} packages`);
  for (const directory of packageDirectories) {
    const { name, version, license } = JSON.parse(
      await readFile(path.join(packed.cloneDirectory, directory, 'package.json'), 'utf8')
    ) as { name: string; version: string; license: string };
    assert.ok(
      notices.includes(`- ${name} ${version} (${license})`),
      `${name}@${version} is bundled but not in the notices`
    );
    const licenceFile = (await readdir(path.join(packed.cloneDirectory, directory))).find((file) =>
      /^licen[cs]e(?:\.(?:md|txt))?$/i.test(file)
    );
    if (licenceFile) {
      const text = (await readFile(path.join(packed.cloneDirectory, directory, licenceFile), 'utf8')).trim();
      assert.ok(notices.includes(text), `the licence text of ${name} is not in the notices`);
    }
  }
});

test(`lib/ stays within ${libBudgetBytes.toLocaleString('en')} bytes`, async () => {
  let total = 0;
  for (const file of packed.files.filter((file) => file.startsWith('lib/'))) {
    total += (await stat(path.join(packed.cloneDirectory, file))).size;
  }
  assert.ok(total <= libBudgetBytes, `lib/ is ${total.toLocaleString('en')} bytes`);
});

test('an operator install (no optional peers) runs logto-ses, and `dev` says how to get the local SES', async () => {
  // What `npm install <tarball>` leaves: the package and its dependencies, not aws-ses-v2-local.
  const project = await realpath(await mkdtemp(path.join(tmpdir(), 'operator-install-')));
  const modules = path.join(project, 'node_modules');
  await mkdir(path.join(modules, '@logto'), { recursive: true });
  await run('tar', ['xzf', packed.tarball, '-C', project], project);
  await rename(path.join(project, 'package'), path.join(modules, packed.name));
  await symlink(path.join(repoRoot, 'node_modules/@logto/connector-kit'), path.join(modules, '@logto/connector-kit'));
  await symlink(path.join(repoRoot, 'node_modules/zod'), path.join(modules, 'zod'));
  const cli = path.join(modules, packed.name, 'lib/cli/index.js');

  const help = await run(process.execPath, [cli, '--help'], project);
  assert.match(help.stdout, /send|check|preview/);

  const dev = await promisify(execFile)(process.execPath, [cli, 'dev', '--port', '0'], { cwd: project }).then(
    () => assert.fail('logto-ses dev succeeded without aws-ses-v2-local'),
    (error: { code?: number; stderr?: string }) => error
  );
  assert.equal(dev.code, 1);
  assert.match(dev.stderr ?? '', /aws-ses-v2-local, which is not installed here/);
  assert.match(dev.stderr ?? '', /npm install aws-ses-v2-local/);
});

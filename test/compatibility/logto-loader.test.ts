/**
 * Loads the package the way Logto does: `npm pack`, install the tarball into
 * packages/core/connectors/ with the code behind `logto connector add` (which installs no
 * dependencies), find it there (as Logto core does at start-up), then `loadConnectorFactories` and `buildRawConnector`
 * from `@logto/cli`, and send the console's test email through a local SES. What is loaded is
 * what npm would publish, so a file missing from package.json `files` (lib, logo.svg, README.md)
 * or a dependency missing from the lib/ bundle fails here.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, realpath, rm, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';

import {
  ConnectorConfigFormItemType,
  ConnectorType,
  TemplateType,
  connectorMetadataGuard,
  type AllConnector,
  type ConnectorConfigFormItem,
  type ConnectorMetadata,
  type CreateConnector,
  type GetConnectorConfig,
  type GetI18nEmailTemplate,
} from '@logto/connector-kit';
import { ZodArray, ZodDefault, ZodEffects, ZodNumber, ZodObject, ZodOptional, ZodString, type ZodTypeAny } from 'zod';

import { startLocalSes, type LocalSes, type StoredEmail } from '../../src/dev/local-ses.js';

const execFileAsync = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const expectedId = 'aws-ses-mail';
/** Dependencies of Logto's core that a connector may leave to it (and must, for these two). */
const providedByLogto = ['@logto/connector-kit', 'zod'];

/** The parts of `@logto/cli/lib/connector` used here (its own .d.ts pulls in server types). */
type ConnectorPackage = { name: string; path: string };
type ConnectorFactory = {
  metadata: ConnectorMetadata;
  type: ConnectorType;
  configGuard: ZodTypeAny;
  createConnector: CreateConnector<AllConnector>;
  path: string;
};
type LogtoConnectorLoader = {
  loadConnectorFactories: (
    connectorPackages: ConnectorPackage[],
    ignoreVersionMismatch: boolean
  ) => Promise<ConnectorFactory[]>;
  buildRawConnector: (
    factory: ConnectorFactory,
    getConnectorConfig?: GetConnectorConfig,
    getCloudServiceClient?: undefined,
    getI18nEmailTemplate?: GetI18nEmailTemplate
  ) => Promise<{ rawConnector: AllConnector; rawMetadata: ConnectorMetadata }>;
};
type LogtoCliUtils = {
  getConnectorPackagesFromDirectory: (directory: string) => Promise<ConnectorPackage[]>;
};
type LogtoCliCommands = {
  addConnectorsToPath: (connectorsDirectory: string, packageNames: string[]) => Promise<void>;
};
type PackResult = Array<{ name: string; version: string; filename: string; files: Array<{ path: string }> }>;

/** `@logto/cli` has no `exports` map; its modules are imported by file URL, as Logto core does by path. */
const cliRequire = createRequire(createRequire(import.meta.url).resolve('@logto/cli/package.json'));
const cliDirectory = path.dirname(cliRequire.resolve('./package.json'));
const importCli = async <T>(file: string) => (await import(pathToFileURL(path.join(cliDirectory, file)).href)) as T;

/** The fields the console shows for the official connector, plus this package's additions. */
const expectedFormKeys = [
  'accessKeyId',
  'accessKeySecret',
  'region',
  'emailAddress',
  'emailAddressIdentityArn',
  'feedbackForwardingEmailAddress',
  'feedbackForwardingEmailAddressIdentityArn',
  'configurationSetName',
  'templates',
  'endpoint',
  'replyTo',
  'sessionToken',
  'roleArn',
  'externalId',
  'roleSessionName',
  'timeoutMs',
  'maxAttempts',
];

/**
 * Logto core skips a connector whose form items disagree with its config guard: a Text item must
 * edit a string, a Json item an object or array, and a key the guard lets be absent must not be
 * marked required. Wrappers (preprocess, refinements, optional, default) are looked through.
 */
const checkFormItem = (guard: ZodTypeAny | undefined, formItem: ConnectorConfigFormItem): void => {
  assert.ok(guard, `form item ${formItem.key} has no config key`);
  let inner: ZodTypeAny = guard;
  let optional = false;
  for (;;) {
    if (inner instanceof ZodEffects) {
      inner = (inner as ZodEffects<ZodTypeAny>).innerType();
    } else if (inner instanceof ZodOptional || inner instanceof ZodDefault) {
      optional = true;
      inner = inner._def.innerType as ZodTypeAny;
    } else {
      break;
    }
  }
  if (optional) {
    assert.ok(!formItem.required, `form item ${formItem.key} is required, but its config key is optional`);
  } else {
    assert.equal(formItem.required, true, `config key ${formItem.key} is required, but its form item is not`);
  }
  const expectedType =
    inner instanceof ZodString
      ? ConnectorConfigFormItemType.Text
      : inner instanceof ZodNumber
        ? ConnectorConfigFormItemType.Number
        : inner instanceof ZodArray || inner instanceof ZodObject
          ? ConnectorConfigFormItemType.Json
          : undefined;
  assert.equal(formItem.type, expectedType, `form item ${formItem.key} does not fit its config key's type`);
};

const run = async (command: string, args: string[], cwd: string) => {
  try {
    return await execFileAsync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (error: unknown) {
    const { stderr } = error as { stderr?: string };
    throw new Error(`\`${command} ${args.join(' ')}\` failed in ${cwd}:\n${stderr ?? String(error)}`, {
      cause: error,
    });
  }
};

const packageJson = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as {
  name: string;
  dependencies: Record<string, string>;
};

describe('Logto loads the packed package', () => {
  let workDirectory: string;
  let connectorsDirectory: string;
  let installedDirectory: string;
  let packedFiles: string[];
  let discovered: ConnectorPackage[];
  let factories: ConnectorFactory[];
  /** What Logto's loader logged while loading: a skipped connector is only logged. */
  const loaderLog: string[] = [];
  let loader: LogtoConnectorLoader;
  let ses: LocalSes;

  before(async () => {
    if (!existsSync(path.join(repoRoot, 'lib/index.js'))) {
      throw new Error('lib/index.js is missing: run `npm run build` first (`npm test` does it).');
    }

    workDirectory = await realpath(await mkdtemp(path.join(tmpdir(), 'logto-loader-test-')));
    // Logto's layout: packages/core/connectors/<package name with "/" replaced by "-">.
    connectorsDirectory = path.join(workDirectory, 'packages/core/connectors');
    await mkdir(connectorsDirectory, { recursive: true });

    // `npm pack`, as `logto connector add` does (without scripts: lib is already built).
    const { stdout } = await run(
      'npm',
      ['pack', '--json', '--ignore-scripts', '--pack-destination', workDirectory],
      repoRoot
    );
    const [packed] = JSON.parse(stdout) as PackResult;
    assert.ok(packed, `npm pack printed no result:\n${stdout}`);
    packedFiles = packed.files.map(({ path: file }) => file);

    // Installed by the code behind `logto connector add <tarball>`: npm pack, then unpack into
    // packages/core/connectors/<name>.
    const commands = await importCli<LogtoCliCommands>('lib/commands/connector/utils.js');
    await commands.addConnectorsToPath(connectorsDirectory, [path.join(workDirectory, packed.filename)]);
    installedDirectory = path.join(connectorsDirectory, packed.name.replaceAll('/', '-'));
    assert.ok(
      existsSync(path.join(installedDirectory, 'package.json')),
      `logto connector add did not install ${packed.filename}`
    );
    // `logto connector add` installs no dependencies: the connector's imports resolve up to
    // packages/core/node_modules. Only what Logto's core provides is put there, so a dependency
    // left out of the lib/ bundle fails to load here as it would in Logto.
    for (const provided of providedByLogto) {
      const target = path.join(workDirectory, 'packages/core/node_modules', provided);
      await mkdir(path.dirname(target), { recursive: true });
      await symlink(path.join(repoRoot, 'node_modules', provided), target, 'dir');
    }

    // Start-up discovery, as Logto core does it before loading.
    const utils = await importCli<LogtoCliUtils>('lib/utils.js');
    discovered = await utils.getConnectorPackagesFromDirectory(connectorsDirectory);

    loader = await importCli<LogtoConnectorLoader>('lib/connector/index.js');
    // It caches its result per process, so it is called once, here.
    const { error, warn } = console;
    const record = (...args: unknown[]) => {
      loaderLog.push(args.map(String).join(' '));
    };
    console.error = record;
    console.warn = record;
    try {
      factories = await loader.loadConnectorFactories([{ name: packed.name, path: installedDirectory }], false);
    } finally {
      console.error = error;
      console.warn = warn;
    }

    ses = await startLocalSes();
  });

  after(async () => {
    if (factories?.length) {
      // The module instance Logto loaded: its cached SES clients keep sockets open.
      const { destroyClients } = (await import(pathToFileURL(path.join(installedDirectory, 'lib/index.js')).href)) as {
        destroyClients: () => Promise<void>;
      };
      await destroyClients();
    }
    await ses?.stop();
    if (workDirectory) {
      await rm(workDirectory, { recursive: true, force: true });
    }
  });

  const factory = () => {
    assert.equal(
      factories.length,
      1,
      `Logto's loader skipped the connector. It logged:\n${loaderLog.join('\n') || '(nothing)'}`
    );
    return factories[0]!;
  };

  const emailConnector = async (getConfig: GetConnectorConfig, getI18nEmailTemplate?: GetI18nEmailTemplate) => {
    const { rawConnector, rawMetadata } = await loader.buildRawConnector(
      factory(),
      getConfig,
      undefined,
      getI18nEmailTemplate
    );
    assert.equal(rawConnector.type, ConnectorType.Email);
    assert.equal(rawMetadata.id, expectedId);
    return rawConnector;
  };

  const storedEmail = async (messageId: unknown): Promise<StoredEmail> => {
    assert.equal(typeof messageId, 'string', `sendMessage must return the SES MessageId, got ${String(messageId)}`);
    const matching = (await ses.emails()).filter((email) => email.messageId === messageId);
    assert.equal(matching.length, 1, `exactly one stored email must have MessageId ${String(messageId)}`);
    return matching[0]!;
  };

  const templatesFormItem = () => {
    const item = factory().metadata.formItems?.find(({ key }) => key === 'templates');
    assert.ok(item, 'the templates form item is missing');
    return item;
  };

  /** What an operator saves after filling the console's form: the form's default templates. */
  const consoleConfig = (endpoint: string) => ({
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    accessKeySecret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    region: 'us-east-1',
    emailAddress: 'Logto <noreply@example.com>',
    endpoint,
    templates: structuredClone(templatesFormItem().defaultValue) as Array<Record<string, unknown>>,
  });

  test('the tarball holds what Logto reads', () => {
    for (const file of ['package.json', 'lib/index.js', 'logo.svg', 'README.md']) {
      assert.ok(existsSync(path.join(repoRoot, file)), `${file} is missing from the repository`);
      assert.ok(packedFiles.includes(file), `npm pack leaves out ${file}: add it to package.json "files"`);
    }
  });

  test("Logto's start-up discovery finds the package in its connectors directory", () => {
    // Logto core and `logto connector add` keep only packages named "connector-*" or "@scope/connector-*".
    assert.deepEqual(
      discovered.map(({ path: found }) => found),
      [installedDirectory],
      `Logto ignores a package named "${packageJson.name}": its name must start with "connector-" or be "@<scope>/connector-…"`
    );
  });

  test("Logto's loader loads it without an error or a warning", () => {
    assert.ok(packageJson.dependencies['@logto/connector-kit'], '@logto/connector-kit must be a dependency');
    factory();
    assert.equal(loaderLog.length, 0, `Logto's loader warned or failed:\n${loaderLog.join('\n')}`);
  });

  test('loads as an email connector with the official id and target', () => {
    const { metadata, type, configGuard } = factory();
    assert.equal(metadata.id, expectedId);
    assert.equal(metadata.target, 'aws-ses');
    assert.equal(type, ConnectorType.Email);
    assert.ok(configGuard instanceof ZodObject, "the config guard must be a ZodObject of Logto's zod");
  });

  test('its metadata passes connector-kit validation, with the logo and README inlined', async () => {
    const { metadata } = factory();
    assert.doesNotThrow(() => connectorMetadataGuard.parse(metadata));

    const logo = await readFile(path.join(repoRoot, 'logo.svg'));
    const logoUrl = `data:image/svg+xml;base64,${logo.toString('base64')}`;
    assert.ok(metadata.logo.startsWith('data:image/svg+xml;base64,'), `logo was not inlined: ${metadata.logo}`);
    assert.equal(metadata.logo, logoUrl);
    if (metadata.logoDark) {
      assert.ok(
        metadata.logoDark.startsWith('data:image/svg+xml;base64,'),
        `logoDark was not inlined: ${metadata.logoDark}`
      );
    }

    const readmePath = path.join(repoRoot, 'README.md');
    assert.ok(existsSync(readmePath), 'README.md is missing from the repository');
    const readme = await readFile(readmePath, 'utf8');
    assert.ok(readme.trim().length > 0, 'README.md is empty');
    // The loader leaves the path ("./README.md") in place when the file is not in the package.
    assert.equal(metadata.readme, readme, 'metadata.readme is not the README text');
  });

  test('every config field has a labelled form item consistent with the config guard', () => {
    const { metadata, configGuard } = factory();
    const formItems = metadata.formItems ?? [];
    for (const key of expectedFormKeys) {
      const item = formItems.find((formItem) => formItem.key === key);
      assert.ok(item, `no form item for ${key}`);
      assert.ok(item.label.trim(), `the form item for ${key} has no label`);
    }
    assert.ok(configGuard instanceof ZodObject);
    const shape = (configGuard as ZodObject<Record<string, ZodTypeAny>>).shape;
    for (const item of formItems) {
      assert.ok(item.key in shape, `form item ${item.key} is not a config key`);
      checkFormItem(shape[item.key], item);
    }
  });

  test("the templates form item's default covers every connector-kit template type", () => {
    const { defaultValue } = templatesFormItem();
    assert.ok(Array.isArray(defaultValue), 'the templates default value must be an array');
    const usageTypes = (defaultValue as Array<{ usageType?: unknown }>).map(({ usageType }) => usageType);
    for (const type of Object.values(TemplateType)) {
      assert.ok(usageTypes.includes(type), `no default template for ${type}`);
    }
    assert.equal(factory().configGuard.safeParse(consoleConfig('https://email.us-east-1.amazonaws.com')).success, true);
  });

  test("sends the console's test email with the config being edited", async () => {
    const asked: string[] = [];
    const i18nLookups: unknown[] = [];
    const connector = await emailConnector(
      async (id) => {
        asked.push(id);
        throw new Error('the saved config must not be read when a config is passed');
      },
      async (templateType, languageTag) => {
        i18nLookups.push([templateType, languageTag]);
        return undefined;
      }
    );
    const config = consoleConfig(ses.url);
    const messageId = await connector.sendMessage(
      { to: 'tester@example.com', type: TemplateType.Generic, payload: { code: '000000' } },
      config
    );

    const email = await storedEmail(messageId);
    const generic = config.templates.find(({ usageType }) => usageType === TemplateType.Generic);
    assert.ok(generic, 'the default templates have no Generic one');
    assert.deepEqual(email.destination.to, ['tester@example.com']);
    assert.equal(email.from, 'Logto <noreply@example.com>');
    assert.equal(email.subject, generic.subject);
    assert.match(email.body.text ?? '', /000000/);
    assert.match(email.body.html ?? '', /000000/);
    assert.deepEqual(asked, []);
    assert.deepEqual(i18nLookups, [[TemplateType.Generic, undefined]]);
  });

  test('sends with the saved config, asked for by its connector id', async () => {
    const asked: string[] = [];
    const savedConfig = consoleConfig(ses.url);
    const connector = await emailConnector(async (id) => {
      asked.push(id);
      return savedConfig;
    });
    const messageId = await connector.sendMessage({
      to: 'user@example.com',
      type: TemplateType.SignIn,
      payload: { code: '314159' },
    });

    const email = await storedEmail(messageId);
    assert.deepEqual(asked, [expectedId]);
    assert.deepEqual(email.destination.to, ['user@example.com']);
    assert.match(email.body.text ?? '', /314159/);
  });

  test('accepts and sends a config written for @logto/connector-aws-ses 1.5.4', async () => {
    const template = (usageType: string, subject: string, what: string) => ({
      usageType,
      subject,
      content: `Your Logto ${what} verification code is {{code}}. The code will remain active for 10 minutes.`,
    });
    const officialConfig = {
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      accessKeySecret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      region: 'us-east-1',
      emailAddress: 'Logto<noreply@logto.io>',
      templates: [
        template('SignIn', 'Logto Sign-In Template', 'sign-in'),
        template('Register', 'Logto Register Template', 'sign-up'),
        template('ForgotPassword', 'Logto Forgot Password Template', 'password change'),
        template('Generic', 'Logto Generic Template', 'generic'),
      ],
    };
    const result = factory().configGuard.safeParse(officialConfig);
    assert.equal(result.success, true, JSON.stringify(result.error?.issues));

    // The official config has no endpoint: the SDK's own endpoint variable points it at the local SES.
    const connector = await emailConnector(async () => officialConfig);
    process.env.AWS_ENDPOINT_URL_SESV2 = ses.url;
    let messageId: unknown;
    try {
      messageId = await connector.sendMessage(
        { to: 'tester@example.com', type: TemplateType.SignIn, payload: { code: '271828' } },
        structuredClone(officialConfig)
      );
    } finally {
      delete process.env.AWS_ENDPOINT_URL_SESV2;
    }

    const email = await storedEmail(messageId);
    assert.equal(email.from, 'Logto <noreply@logto.io>');
    assert.deepEqual(email.destination.to, ['tester@example.com']);
    assert.equal(email.subject, 'Logto Sign-In Template');
    assert.equal(
      email.body.text?.trim(),
      'Your Logto sign-in verification code is 271828. The code will remain active for 10 minutes.'
    );
  });
});

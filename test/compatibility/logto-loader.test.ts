/**
 * Loads the package the way Logto releases do, for every connector-kit a Logto release ships:
 * `npm pack` from a clean tree (prepack builds lib/), `logto connector add` with the tarball's
 * absolute path into a Logto-shaped folder holding that kit and the zod Logto pins (which
 * installs no dependencies), start-up discovery, then Logto's own `loadConnectorFactories` with
 * the kit version check on (as in production) and `buildRawConnector`, and the console's test
 * email through a local SES. A kit outside the declared range must be refused by that same
 * check, so the declared range and the tested one cannot drift apart.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';

import {
  ConnectorConfigFormItemType,
  ConnectorType,
  TemplateType,
  type ConnectorConfigFormItem,
  type GetConnectorConfig,
  type GetI18nEmailTemplate,
} from '@logto/connector-kit';
import { satisfies } from 'semver';
import type * as KitModule from '@logto/connector-kit';
import type * as Zod from 'zod';
import type { ZodTypeAny } from 'zod';

import { startLocalSes, type LocalSes, type StoredEmail } from '../../src/dev/local-ses.js';
import { consoleFormKeys } from '../support/console-form.js';

import { packFromCleanTree, repoRoot, type PackedPackage } from './clean-pack.js';
import {
  createLogtoFolder,
  installLogtoReleases,
  kitDirectory,
  type ConnectorFactory,
  type LogtoFolder,
} from './logto-folder.js';

type Kit = typeof KitModule;

const expectedId = 'aws-ses-mail';

/**
 * The connector-kit versions Logto releases ship that npm has (from Logto's release tags): 4.7.0 in Logto
 * 1.35–1.37, 5.0.0 in 1.38–1.39, 5.0.1 in 1.40, 5.1.0 in 1.41–1.42, 5.1.1 in 1.43; 4.0.0 in 1.20–1.24.
 */
const shippedKits = ['4.0.0', '4.7.0', '5.0.0', '5.0.1', '5.1.0', '5.1.1'];
/** The zod every Logto release since 1.30 pins. */
const logtoZod = '3.24.3';
/** Logto releases operators run today: the connector must load in them whatever the range says. */
const currentLogtoKits = ['5.1.0', '5.1.1'];

const packageJson = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as {
  name: string;
  dependencies: Record<string, string>;
};
const declaredRange = packageJson.dependencies['@logto/connector-kit'] ?? '';

/**
 * Logto core skips a connector whose form items disagree with its config guard: a Text item must
 * edit a string, a Json item an object or array, and a key the guard lets be absent must not be
 * marked required, and a Select offers the values of an enum. Wrappers (preprocess, refinements,
 * optional, default) are looked through.
 */
const checkFormItem = (zod: typeof Zod, guard: ZodTypeAny | undefined, formItem: ConnectorConfigFormItem): void => {
  assert.ok(guard, `form item ${formItem.key} has no config key`);
  let inner: ZodTypeAny = guard;
  let optional = false;
  for (;;) {
    if (inner instanceof zod.ZodEffects) {
      inner = (inner as Zod.ZodEffects<ZodTypeAny>).innerType();
    } else if (inner instanceof zod.ZodOptional || inner instanceof zod.ZodDefault) {
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
  if (inner instanceof zod.ZodEnum) {
    // A Select offers exactly the values the guard accepts.
    assert.equal(formItem.type, ConnectorConfigFormItemType.Select, `form item ${formItem.key} must be a Select`);
    const offered = formItem.type === ConnectorConfigFormItemType.Select ? formItem.selectItems : [];
    assert.deepEqual(
      offered.map(({ value }) => value),
      (inner as Zod.ZodEnum<[string, ...string[]]>).options
    );
    return;
  }
  const expectedType =
    inner instanceof zod.ZodString
      ? ConnectorConfigFormItemType.Text
      : inner instanceof zod.ZodNumber
        ? ConnectorConfigFormItemType.Number
        : inner instanceof zod.ZodArray || inner instanceof zod.ZodObject
          ? ConnectorConfigFormItemType.Json
          : undefined;
  assert.equal(formItem.type, expectedType, `form item ${formItem.key} does not fit its config key's type`);
};

let packed: PackedPackage;
let ses: LocalSes;

before(async () => {
  [packed, ses] = await Promise.all([packFromCleanTree(), startLocalSes(), installLogtoReleases()]);
});

after(async () => {
  await ses?.stop();
});

test('the declared connector-kit range admits the kits of current Logto releases and refuses an older one', async () => {
  for (const version of currentLogtoKits) {
    assert.ok(
      satisfies(version, declaredRange),
      `"${declaredRange}" refuses ${version}: that Logto release will not load the connector`
    );
  }
  assert.ok(
    shippedKits.some((version) => !satisfies(version, declaredRange)),
    `every shipped kit satisfies "${declaredRange}": keep one outside the range to prove the loader refuses it`
  );
  for (const version of shippedKits) {
    assert.ok(await kitDirectory(version), `connector-kit ${version} is not installed for this test`);
  }
});

/**
 * `Name` and `Name.Member` for every run-time connector-kit import in src/ (the minified bundle
 * renames them). Type-only imports are left out: they do not exist at run time.
 */
const kitNamesUsedBy = async (directory: string): Promise<Set<string>> => {
  const used = new Set<string>();
  for (const file of await readdir(directory, { recursive: true })) {
    if (!file.endsWith('.ts')) {
      continue;
    }
    const code = await readFile(path.join(directory, file), 'utf8');
    for (const [, names = ''] of code.matchAll(/import \{([^}]*)\} from '@logto\/connector-kit'/g)) {
      for (const binding of names.split(',').map((name) => name.trim())) {
        if (!binding || binding.startsWith('type ')) {
          continue;
        }
        const [imported = '', local = imported] = binding.split(/\s+as\s+/);
        used.add(imported);
        for (const [, member = ''] of code.matchAll(new RegExp(`\\b${local}\\.([A-Za-z]\\w*)`, 'g'))) {
          used.add(`${imported}.${member}`);
        }
      }
    }
  }
  return used;
};

const storedEmail = async (messageId: unknown): Promise<StoredEmail> => {
  assert.equal(typeof messageId, 'string', `sendMessage must return the SES MessageId, got ${String(messageId)}`);
  const matching = (await ses.emails()).filter((email) => email.messageId === messageId);
  assert.equal(matching.length, 1, `exactly one stored email must have MessageId ${String(messageId)}`);
  return matching[0]!;
};

for (const kitVersion of shippedKits.filter((version) => satisfies(version, declaredRange))) {
  describe(`Logto shipping connector-kit ${kitVersion} loads the packed package and sends`, () => {
    let logto: LogtoFolder;
    let kit: Kit;
    let zod: typeof Zod;
    let installedDirectory: string;
    let factories: ConnectorFactory[];
    let loaderLog: string[];

    before(async () => {
      logto = await createLogtoFolder(kitVersion);
      kit = await logto.importFromCore<Kit>('@logto/connector-kit');
      zod = await logto.importFromCore<typeof Zod>('zod');
      await logto.addConnector(packed.tarball);
      installedDirectory = path.join(logto.connectorsDirectory, packed.name.replaceAll('/', '-'));
      ({ factories, log: loaderLog } = await logto.load(await logto.discover()));
    });

    after(async () => {
      if (factories?.length) {
        // The module instance Logto loaded: its cached SES clients keep sockets open.
        const { destroyClients } = (await import(
          pathToFileURL(path.join(installedDirectory, 'lib/index.js')).href
        )) as {
          destroyClients: () => Promise<void>;
        };
        await destroyClients();
      }
      await logto?.remove();
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
      const { rawConnector, rawMetadata } = await logto.buildRawConnector(
        factory(),
        getConfig,
        undefined,
        getI18nEmailTemplate
      );
      assert.equal(rawConnector.type, ConnectorType.Email);
      assert.equal(rawMetadata.id, expectedId);
      return rawConnector;
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

    test(`the kit here is ${kitVersion}, and zod is the ${logtoZod} Logto pins`, async () => {
      const versionOf = async (name: string) =>
        (JSON.parse(await readFile(path.join(logto.coreModules, name, 'package.json'), 'utf8')) as { version: string })
          .version;
      assert.equal(await versionOf('@logto/connector-kit'), kitVersion);
      assert.equal(await versionOf('zod'), logtoZod);
    });

    test('every kit export and enum member the connector uses exists in this kit', async () => {
      // A missing export fails to link (loud), but a missing enum member reads as undefined
      // (silent): `ConnectorErrorCodes.UsageLimitExceeded` exists only since 5.1.1.
      const used = await kitNamesUsedBy(path.join(repoRoot, 'src'));
      assert.ok(used.size > 5, `found only ${used.size} uses of the kit in src/`);
      const kitExports = kit as unknown as Record<string, Record<string, unknown> | undefined>;
      const missing = [...used].filter((use) => {
        const [name = '', member] = use.split('.');
        return member === undefined ? kitExports[name] === undefined : kitExports[name]?.[member] === undefined;
      });
      assert.deepEqual(missing, [], `the connector uses what connector-kit ${kitVersion} does not have`);
    });

    test('logto connector add installs it from the absolute tarball path, and start-up discovery finds it', async () => {
      assert.ok(
        existsSync(path.join(installedDirectory, 'package.json')),
        `logto connector add did not install ${packed.tarball}`
      );
      // Logto core and `logto connector add` keep only packages named "connector-*" or "@scope/connector-*".
      assert.deepEqual(
        (await logto.discover()).map(({ path: found }) => found),
        [installedDirectory],
        `Logto ignores a package named "${packed.name}": its name must start with "connector-" or be "@<scope>/connector-…"`
      );
    });

    test("Logto's loader, version check on, loads it without an error or a warning", () => {
      factory();
      assert.equal(loaderLog.length, 0, `Logto's loader warned or failed:\n${loaderLog.join('\n')}`);
    });

    test("loads as an email connector with the official id and target, its guard a ZodObject of Logto's zod", () => {
      const { metadata, type, configGuard } = factory();
      assert.equal(metadata.id, expectedId);
      assert.equal(metadata.target, 'aws-ses');
      assert.equal(type, ConnectorType.Email);
      assert.ok(configGuard instanceof zod.ZodObject, "the config guard must be a ZodObject of Logto's zod");
    });

    test("its metadata passes this kit's connectorMetadataGuard, with the logo and the console guide inlined", async () => {
      const { metadata } = factory();
      const result = kit.connectorMetadataGuard.safeParse(metadata);
      assert.ok(result.success, JSON.stringify(result.error?.issues));

      const logo = await readFile(path.join(installedDirectory, 'logo.svg'));
      assert.equal(metadata.logo, `data:image/svg+xml;base64,${logo.toString('base64')}`);
      // The loader leaves the path in place when the file is not in the package, so only the text read from
      // the installed package can match; and that text must be the guide, not the repository's README.
      const guide = await readFile(path.join(installedDirectory, 'docs/console-guide.md'), 'utf8');
      assert.equal(metadata.readme, guide, 'Logto did not read docs/console-guide.md from the installed package');
      assert.equal(guide, await readFile(path.join(repoRoot, 'docs/console-guide.md'), 'utf8'));
      assert.match(guide, /^# AWS Direct Mail: Amazon SES for Logto\n/);
    });

    test('every config field has a labelled form item consistent with the config guard', () => {
      const { metadata, configGuard } = factory();
      const formItems = metadata.formItems ?? [];
      for (const key of consoleFormKeys) {
        const item = formItems.find((formItem) => formItem.key === key);
        assert.ok(item, `no form item for ${key}`);
        assert.ok(item.label.trim(), `the form item for ${key} has no label`);
      }
      assert.ok(configGuard instanceof zod.ZodObject);
      const shape = (configGuard as Zod.ZodObject<Record<string, ZodTypeAny>>).shape;
      for (const item of formItems) {
        assert.ok(item.key in shape, `form item ${item.key} is not a config key`);
        checkFormItem(zod, shape[item.key], item);
      }
    });

    test("the templates form item's default covers every template type of this kit", () => {
      const { defaultValue } = templatesFormItem();
      assert.ok(Array.isArray(defaultValue), 'the templates default value must be an array');
      const usageTypes = (defaultValue as Array<{ usageType?: unknown }>).map(({ usageType }) => usageType);
      for (const type of Object.values(kit.TemplateType)) {
        assert.ok(usageTypes.includes(type), `no default template for ${type}`);
      }
      assert.equal(
        factory().configGuard.safeParse(consoleConfig('https://email.us-east-1.amazonaws.com')).success,
        true
      );
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
      assert.deepEqual(email.headers, [{ name: 'Auto-Submitted', value: 'auto-generated' }]);
      assert.deepEqual(asked, []);
      assert.deepEqual(i18nLookups, [[TemplateType.Generic, undefined]]);
    });

    test("a custom template's sendFrom names the sender, as Logto's custom email templates do", async () => {
      const connector = await emailConnector(
        async () => consoleConfig(ses.url),
        async () => ({ subject: 'Code {{code}}', content: '<p>{{code}}</p>', sendFrom: 'Équipe {{application.name}}' })
      );
      const messageId = await connector.sendMessage({
        to: 'user@example.com',
        type: TemplateType.SignIn,
        payload: { code: '123456', application: { name: 'Acme' } },
      });
      const email = await storedEmail(messageId);
      assert.equal(email.subject, 'Code 123456');
      assert.match(email.from, /^=\?UTF-8\?Q\?=C3=89quipe_Acme\?= <noreply@example\.com>$/);
    });

    test("a failure is this kit's ConnectorError, the class Logto's error handler recognises", async () => {
      const connector = await emailConnector(async () => ({ region: 'us-east-1', templates: [] }));
      await assert.rejects(
        connector.sendMessage({ to: 'user@example.com', type: TemplateType.SignIn, payload: { code: '1' } }),
        (error: unknown) => error instanceof kit.ConnectorError
      );
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
      // Exactly as before, plus the header every automatic mail carries.
      assert.deepEqual(email.headers, [{ name: 'Auto-Submitted', value: 'auto-generated' }]);
    });
  });
}

for (const kitVersion of shippedKits.filter((version) => !satisfies(version, declaredRange))) {
  describe(`Logto shipping connector-kit ${kitVersion}, outside the declared range`, () => {
    let logto: LogtoFolder;

    before(async () => {
      logto = await createLogtoFolder(kitVersion);
      await logto.addConnector(packed.tarball);
    });

    after(async () => {
      await logto?.remove();
    });

    test('refuses the connector with its version check, as a Logto release does', async () => {
      const { factories, log } = await logto.load(await logto.discover());
      assert.equal(factories.length, 0, `a Logto shipping connector-kit ${kitVersion} loaded the connector`);
      assert.ok(
        log.some((line) =>
          line.includes(
            `Connector requires @logto/connector-kit to be ${declaredRange}, but the version here is ${kitVersion}.`
          )
        ),
        `the loader did not log the version mismatch:\n${log.join('\n')}`
      );
    });
  });
}

/**
 * A failing lookup of Logto's custom template: the sign-in email still goes out with the config's
 * template, and Logto's log gets one line per cause, without a secret.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import { TemplateType } from '@logto/connector-kit';

import { configFor, secret } from '../support/fixtures.js';
import { destroyClients } from '../../src/index.js';
import { startScriptedSes, type ScriptedSes } from '../support/scripted-ses.js';

import { makeConnector } from './harness.js';

let ses: ScriptedSes | undefined;
after(async () => {
  await destroyClients();
  await ses?.close();
});

test('a failing custom-template lookup is logged once per cause, redacted, and the mail still goes out', async (t) => {
  ses = await startScriptedSes();
  const warn = t.mock.method(console, 'warn', () => undefined);
  const causes = [
    `connect ECONNREFUSED 127.0.0.1:5432 (password ${secret})`,
    `connect ECONNREFUSED 127.0.0.1:5432 (password ${secret})`,
    'relation "email_templates" does not exist',
  ];
  let lookups = 0;
  const { connector } = await makeConnector({
    savedConfig: configFor(ses.url),
    getI18nEmailTemplate: async () => {
      const cause = causes[lookups]!;
      lookups += 1;
      throw new Error(cause);
    },
  });
  const message = { to: 'user@example.com', type: TemplateType.SignIn, payload: { code: '123456', locale: 'de' } };
  for (const expected of ['scripted-1', 'scripted-2', 'scripted-3']) {
    assert.equal(await connector.sendMessage(message), expected, 'sent with the config template');
  }
  assert.deepEqual(
    warn.mock.calls.map(({ arguments: args }) => args),
    [
      [
        "aws-ses-mail: Logto's custom email template for SignIn (de) could not be read, so the config's template was used: connect ECONNREFUSED 127.0.0.1:5432 (password [redacted])",
      ],
      [
        'aws-ses-mail: Logto\'s custom email template for SignIn (de) could not be read, so the config\'s template was used: relation "email_templates" does not exist',
      ],
    ]
  );
});

test('a failing lookup for a message without a locale names only the type', async (t) => {
  ses ??= await startScriptedSes();
  const warn = t.mock.method(console, 'warn', () => undefined);
  const { connector } = await makeConnector({
    savedConfig: configFor(ses.url),
    getI18nEmailTemplate: async () => {
      throw new Error('lookup without a locale failed');
    },
  });
  await connector.sendMessage({ to: 'user@example.com', type: TemplateType.Register, payload: { code: '1' } });
  assert.deepEqual(
    warn.mock.calls.map(({ arguments: args }) => args),
    [
      [
        "aws-ses-mail: Logto's custom email template for Register could not be read, so the config's template was used: lookup without a locale failed",
      ],
    ]
  );
});

test("the custom template is asked for with the message's locale, and without one that is not a string", async () => {
  ses ??= await startScriptedSes();
  const { connector, i18nCalls, configIds } = await makeConnector({
    savedConfig: configFor(ses.url),
    getI18nEmailTemplate: async () => undefined,
  });
  await connector.sendMessage({
    to: 'user@example.com',
    type: TemplateType.Register,
    payload: { code: '1', locale: 'fr' },
  });
  await connector.sendMessage({
    to: 'user@example.com',
    type: TemplateType.SignIn,
    payload: { code: '1', locale: 5 as unknown as string },
  });
  // A null config is no console test: the saved config is read.
  await connector.sendMessage({ to: 'user@example.com', type: TemplateType.Generic, payload: { code: '1' } }, null);
  assert.deepEqual(i18nCalls, [
    [TemplateType.Register, 'fr'],
    [TemplateType.SignIn, undefined],
    [TemplateType.Generic, undefined],
  ]);
  assert.deepEqual(configIds, ['aws-ses-mail', 'aws-ses-mail', 'aws-ses-mail']);
});

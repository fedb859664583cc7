process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { TemplateType } from '@logto/connector-kit';

import { configFor } from '../support/fixtures.js';
import { expectConnectorError, makeConnector, sendAndFind, storedCount, textOf, useLocalSes } from './harness.js';

const to = 'user@example.com';
const code = '123456';
const signIn = { to, type: TemplateType.SignIn, payload: { code } };

const local = useLocalSes();

/** SES takes 7-bit ASCII address fields only. */
const assertAscii = (value: string) => assert.match(value, /^[\x20-\x7E]*$/, `not 7-bit ASCII: ${value}`);

describe('sender (emailAddress) forms from the docs', () => {
  const sendFrom = async (emailAddress: string) => {
    const email = await sendAndFind(
      local.ses,
      local.plain.connector,
      signIn,
      configFor(local.ses.url, { emailAddress })
    );
    assertAscii(email.from);
    return email.from;
  };

  test('Logto<noreply@logto.io> (no space before "<")', async () => {
    assert.equal(await sendFrom('Logto<noreply@logto.io>'), 'Logto <noreply@logto.io>');
  });

  test('<noreply@logto.io> (no display name)', async () => {
    assert.equal(await sendFrom('<noreply@logto.io>'), 'noreply@logto.io');
  });

  test('bare noreply@logto.io', async () => {
    assert.equal(await sendFrom('noreply@logto.io'), 'noreply@logto.io');
  });

  test('a quoted display name with a comma stays one quoted name', async () => {
    assert.equal(await sendFrom('"Logto, Inc." <noreply@logto.io>'), '"Logto, Inc." <noreply@logto.io>');
  });

  test('an unquoted display name with a comma is quoted, not split into two mailboxes', async () => {
    assert.equal(await sendFrom('Logto, Inc. <noreply@logto.io>'), '"Logto, Inc." <noreply@logto.io>');
  });

  test('a non-ASCII display name arrives as an RFC 2047 encoded word', async () => {
    const from = await sendFrom('Équipe Logto <noreply@logto.io>');
    // An RFC 2047 Q-encoded word: =C3=89 is the UTF-8 of É, _ a space.
    assert.equal(from, '=?UTF-8?Q?=C3=89quipe_Logto?= <noreply@logto.io>');
  });

  test('a non-ASCII domain is sent in punycode', async () => {
    const from = await sendFrom('Logto <noreply@bücher.example>');
    assert.equal(from, 'Logto <noreply@xn--bcher-kva.example>');
  });
});

describe('reply-to', () => {
  test('the config replyTo arrives as the reply-to address', async () => {
    const email = await sendAndFind(
      local.ses,
      local.plain.connector,
      signIn,
      configFor(local.ses.url, { replyTo: 'Support <support@logto.io>' })
    );
    assert.deepEqual(email.replyTo, ['Support <support@logto.io>']);
  });

  test('no replyTo configured: no reply-to address', async () => {
    const email = await sendAndFind(local.ses, local.plain.connector, signIn, configFor(local.ses.url));
    assert.deepEqual(email.replyTo, []);
  });

  test("a custom template's replyTo takes precedence over the config's", async () => {
    const { connector } = await makeConnector({
      getI18nEmailTemplate: async () => ({
        subject: 'Code {{code}}',
        content: '<p>{{code}}</p>',
        replyTo: 'Hilfe <hilfe@logto.io>',
      }),
    });
    const email = await sendAndFind(
      local.ses,
      connector,
      signIn,
      configFor(local.ses.url, { replyTo: 'Support <support@logto.io>' })
    );
    assert.deepEqual(email.replyTo, ['Hilfe <hilfe@logto.io>']);
    assert.equal(email.from, 'Logto <noreply@example.com>');
  });
});

describe('recipients', () => {
  const rejected: Array<[string, string, string]> = [
    ['a header injection', 'a@example.com\r\nBcc: x@evil.com', 'The recipient address contains a line break.'],
    [
      'two addresses',
      'a@example.com, b@example.com',
      'The recipient address "a@example.com, b@example.com" must be exactly one email address.',
    ],
    [
      'a display name',
      'Name <a@example.com>',
      'The recipient address "Name <a@example.com>" must be a bare address without a display name.',
    ],
    ['an empty address', '', 'The recipient address is empty.'],
    [
      'a non-ASCII local part',
      'jörg@example.com',
      'The recipient address "jörg@example.com" has non-ASCII characters before the @, which SES cannot send to or from.',
    ],
  ];

  for (const [what, recipient, message] of rejected) {
    test(`${what} (${JSON.stringify(recipient)}) is rejected before anything is sent`, async () => {
      const config = configFor(local.ses.url);
      const before = await storedCount(local.ses);
      const error = await expectConnectorError(
        local.plain.connector.sendMessage({ ...signIn, to: recipient }, config),
        'invalid_request_parameters'
      );
      assert.equal(textOf(error), message, 'the error says what is wrong with the recipient');
      assert.equal(await storedCount(local.ses), before, 'nothing reached SES');
    });
  }

  test('the header injection attempt fails as invalid_request_parameters', async () => {
    await expectConnectorError(
      local.plain.connector.sendMessage(
        { ...signIn, to: 'a@example.com\r\nBcc: x@evil.com' },
        configFor(local.ses.url)
      ),
      'invalid_request_parameters'
    );
  });

  test('a non-ASCII domain is accepted and sent in punycode', async () => {
    const email = await sendAndFind(
      local.ses,
      local.plain.connector,
      { ...signIn, to: 'user@bücher.example' },
      configFor(local.ses.url)
    );
    assert.deepEqual(email.destination.to, ['user@xn--bcher-kva.example']);
    assert.deepEqual(email.destination.cc, []);
    assert.deepEqual(email.destination.bcc, []);
  });
});

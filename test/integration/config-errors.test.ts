process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

import assert from 'node:assert/strict';
import { createServer, type AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { inspect } from 'node:util';

import { ConnectorErrorCodes, TemplateType, type ConnectorError } from '@logto/connector-kit';

import { configFor, secret } from '../support/fixtures.js';
import { expectConnectorError, makeConnector, storedCount, textOf, useLocalSes } from './harness.js';

const signIn = { to: 'user@example.com', type: TemplateType.SignIn, payload: { code: '123456' } };

const local = useLocalSes();

const assertNoSecret = (error: ConnectorError) => {
  assert.ok(!error.message.includes(secret), 'the secret is not in error.message');
  assert.ok(!JSON.stringify(error).includes(secret), 'the secret is not in JSON.stringify(error)');
  assert.ok(
    !inspect(error, { showHidden: true, depth: null }).includes(secret),
    'the secret is not in util.inspect(error, { showHidden: true, depth: null })'
  );
  assert.ok(!String(error.stack).includes(secret), 'the secret is not in error.stack');
};

/** The human-readable message a ConnectorError carries in its data, which Logto shows. */

describe('invalid config', () => {
  const cases: Array<{ name: string; config: () => Record<string, unknown>; message: string }> = [
    {
      name: 'region "nowhere"',
      config: () => configFor(local.ses.url, { region: 'nowhere' }),
      message: 'Invalid AWS SES connector config: region must be an AWS region code such as us-east-1.',
    },
    {
      // A typo'd key carries the secret, so the redaction check is not vacuous.
      name: 'missing accessKeySecret',
      config: () => {
        const { accessKeySecret: _omitted, ...rest } = configFor(local.ses.url);
        return { ...rest, accessKeySecert: secret };
      },
      message:
        'Invalid AWS SES connector config: accessKeySecret is required when accessKeyId is set (found "accessKeySecert": did you mean "accessKeySecret"?).',
    },
    {
      name: 'endpoint "http://example.com" (plain http to a non-loopback host)',
      config: () => configFor(local.ses.url, { endpoint: 'http://example.com' }),
      message:
        'Invalid AWS SES connector config: endpoint may use http only for a loopback address (127.0.0.1, ::1, localhost); use https.',
    },
  ];

  for (const { name, config, message } of cases) {
    test(`${name}: invalid_config naming the field, without the secret`, async () => {
      const before = await storedCount(local.ses);
      const error = await expectConnectorError(
        local.plain.connector.sendMessage(signIn, config()),
        ConnectorErrorCodes.InvalidConfig
      );
      assert.equal(textOf(error), message);
      assertNoSecret(error);
      assert.equal(await storedCount(local.ses), before, 'nothing reached SES');
    });
  }

  test('an invalid saved config (from getConfig) fails the same way', async () => {
    const { connector } = await makeConnector({ savedConfig: configFor(local.ses.url, { region: 'nowhere' }) });
    const error = await expectConnectorError(connector.sendMessage(signIn), ConnectorErrorCodes.InvalidConfig);
    assert.equal(
      textOf(error),
      'Invalid AWS SES connector config: region must be an AWS region code such as us-east-1.'
    );
    assertNoSecret(error);
  });

  test('no emailAddress (and no custom sendFrom): invalid_config naming emailAddress', async () => {
    const { emailAddress: _omitted, ...config } = configFor(local.ses.url);
    const before = await storedCount(local.ses);
    const error = await expectConnectorError(
      local.plain.connector.sendMessage(signIn, config),
      ConnectorErrorCodes.InvalidConfig
    );
    assert.equal(
      textOf(error),
      'emailAddress is required: set it to an SES-verified sender such as Logto <noreply@example.com>.'
    );
    assertNoSecret(error);
    assert.equal(await storedCount(local.ses), before);
  });
});

describe('transport failures', () => {
  test('an endpoint where nothing listens fails with a ConnectorError that does not leak the secret', async () => {
    // A port that was free a moment ago: bind, read it, close.
    const probe = createServer();
    await new Promise<void>((resolve) => {
      probe.listen(0, '127.0.0.1', resolve);
    });
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => {
      probe.close(() => {
        resolve();
      });
    });

    const error = await expectConnectorError(
      local.plain.connector.sendMessage(signIn, configFor(`http://127.0.0.1:${port}`)),
      ConnectorErrorCodes.InvalidResponse
    );
    assert.equal(
      textOf(error),
      `Sending through SES failed: connect ECONNREFUSED 127.0.0.1:${port} (after 3 attempts). Nothing accepted the connection at http://127.0.0.1:${port}: check endpoint.`
    );
    assertNoSecret(error);
  });
});

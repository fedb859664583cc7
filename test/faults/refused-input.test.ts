/**
 * The built package refusing what it cannot use, each time naming the field and never echoing a
 * secret: send data Logto does not promise, key fields that cannot go into a header, user info in
 * endpoint, and numbers that are not decimal. Nothing of it reaches SES.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { ConnectorErrorCodes, type ConnectorError } from '@logto/connector-kit';

import { parseConfig } from '../../src/index.js';
import { useSesStub } from '../support/fault-helpers.js';
import { configFor, secret, signInMessage } from '../support/fixtures.js';
import { expectConnectorError, makeConnector, messageOf } from '../integration/harness.js';

describe('the built package refusing input it cannot use', () => {
  const ses = useSesStub();

  describe('input that is not what Logto promises', () => {
    const withoutPrototype = Object.assign(Object.create(null) as Record<string, unknown>, { name: 'Acme' });
    for (const [name, data, field] of [
      ['to as a number', { ...signInMessage, to: 42 }, /to must be a string \(one email address\), not a number/],
      ['to as null', { ...signInMessage, to: null }, /to must be a string .*, not null/],
      ['to as an array', { ...signInMessage, to: ['user@example.com'] }, /to must be a string .*, not an array/],
      ['type missing', { to: signInMessage.to, payload: signInMessage.payload }, /type is missing/],
      ['type as a number', { ...signInMessage, type: 3 }, /type must be a template type .*, not a number/],
      ['payload null', { ...signInMessage, payload: null }, /payload must be an object, not null/],
      [
        'a payload value without a prototype',
        { ...signInMessage, payload: { code: '1', organization: withoutPrototype } },
        /payload\.organization has no text form/,
      ],
    ] as const) {
      it(`${name}: invalid_request_parameters naming the field, both ways`, async () => {
        const config = configFor(ses.stub.url, {
          templates: [{ usageType: 'Generic', subject: '{{organization}}', content: '<p>{{code}}</p>' }],
        });
        const { connector } = await makeConnector({ savedConfig: config });
        // Deliberately not a SendMessageData: what a careless caller hands over.
        const send = connector.sendMessage as (data: unknown, config?: unknown) => Promise<unknown>;
        const logto = await expectConnectorError(send(data), ConnectorErrorCodes.InvalidRequestParameters);
        assert.equal(logto.code, ConnectorErrorCodes.InvalidRequestParameters);
        assert.match(messageOf(logto), field);
        const consoleTest = await expectConnectorError(
          send(data, config),
          ConnectorErrorCodes.InvalidRequestParameters
        );
        assert.equal(consoleTest.code, ConnectorErrorCodes.General);
        assert.equal(ses.stub.counts.sendEmail, 0);
      });
    }
  });

  it('refuses key fields that cannot go into a header, naming the field, never the value', async () => {
    for (const [field, value] of [
      ['accessKeyId', 'AKIAÉTÉ0000000000001'],
      ['accessKeySecret', `${secret.slice(0, 10)}\n${secret.slice(10)}`],
      ['sessionToken', 'token-with-ü-inside'],
    ] as const) {
      const config = configFor(ses.stub.url, { [field]: value });
      const { connector } = await makeConnector({ savedConfig: config });
      const error = await expectConnectorError(connector.sendMessage(signInMessage), ConnectorErrorCodes.InvalidConfig);
      assert.match(messageOf(error), new RegExp(`${field} must be visible ASCII characters only`));
      assert.ok(!messageOf(error).includes(value), 'the value is not echoed');
    }
    assert.equal(ses.stub.counts.requests, 0);
  });

  it('refuses user info in endpoint, without echoing it', async () => {
    const config = configFor('https://logto:Passw0rd-In-Url@email.example.com');
    const { connector } = await makeConnector({ savedConfig: config });
    const error = await expectConnectorError(connector.sendMessage(signInMessage), ConnectorErrorCodes.InvalidConfig);
    assert.match(messageOf(error), /endpoint must not contain a user name or password/);
    assert.ok(!messageOf(error).includes('Passw0rd-In-Url'));
  });

  it('takes numbers in decimal only', () => {
    for (const [field, value] of [
      ['timeoutMs', '0x1f4'],
      ['timeoutMs', '1e3'],
      ['maxAttempts', '0x2'],
      ['maxAttempts', '0b11'],
    ] as const) {
      assert.throws(
        () => parseConfig(configFor(ses.stub.url, { [field]: value })),
        (error: ConnectorError) => {
          assert.equal(error.code, ConnectorErrorCodes.InvalidConfig);
          assert.match(messageOf(error), new RegExp(`${field} must be a number`));
          return true;
        }
      );
    }
    const parsed = parseConfig(configFor(ses.stub.url, { timeoutMs: ' 500 ', maxAttempts: '2' }));
    assert.equal(parsed.timeoutMs, 500);
    assert.equal(parsed.maxAttempts, 2);
  });
});

/**
 * Every fault SES (or the network in front of it) can present, against a local SES stub that
 * verifies each request's signature and counts attempts: which faults are retried, how many
 * attempts each gets, and what the caller receives. The deadline over them: deadlines.test.ts.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import { ConnectorErrorCodes, type ConnectorError } from '@logto/connector-kit';

import { configFor, genericMessage, keyId, secret, sessionToken } from '../support/fixtures.js';
import { parseConfig } from '../../src/config/config.js';
import { destroyClients } from '../../src/index.js';
import { composeMessage } from '../../src/message/compose.js';
import { clientSettingsOf } from '../../src/transport/client-settings.js';
import { failureDataOf } from '../../src/transport/failure-data.js';
import { sendEmail } from '../../src/transport/send-email.js';
import { nxdomainResolver } from '../support/resolver.js';
import { startSesStub } from '../support/ses-stub.js';
import { renderings, sequence, useSesStub } from '../support/fault-helpers.js';
import { expectConnectorError, makeConnector, messageOf, type ConnectorUnderTest } from '../integration/harness.js';

describe('SES faults: which are retried, and what the caller receives', () => {
  const ses = useSesStub();
  let connector: ConnectorUnderTest;
  const config = (overrides: Record<string, unknown> = {}) =>
    configFor(ses.stub.url, { timeoutMs: 4000, maxAttempts: 3, ...overrides });

  before(async () => {
    connector = await makeConnector();
  });

  const sendMessage = (overrides?: Record<string, unknown>) =>
    connector.connector.sendMessage(genericMessage, config(overrides));

  /** The SendEmail attempts the stub saw, each with a valid signature. */
  const attempts = () => {
    const sendEmails = ses.stub.requests.filter(({ operation }) => operation === 'SendEmail');
    for (const request of sendEmails) {
      assert.equal(request.signatureValid, true, 'every attempt is signed with the configured key');
    }
    return sendEmails.length;
  };

  for (const fault of ['ok', 'accepted202'] as const) {
    it(`returns the MessageId of a ${fault === 'ok' ? '200' : '202'} answer after one attempt`, async () => {
      ses.stub.setFault(fault);
      const messageId = await sendMessage();
      assert.equal(attempts(), 1);
      assert.deepEqual(
        ses.stub.accepted.map((accepted) => accepted.messageId),
        [messageId]
      );
    });
  }

  for (const [fault, name] of [
    ['throttle', 'TooManyRequestsException'],
    ['server500json', 'InternalFailure'],
    ['server500text', undefined],
    ['unavailable503', undefined],
  ] as const) {
    it(`retries ${fault} up to maxAttempts, then reports ${fault === 'throttle' ? 'a rate limit' : 'an SES-side fault'}`, async () => {
      ses.stub.setFault(fault);
      const error = await expectConnectorError(
        sendMessage(),
        fault === 'throttle' ? ConnectorErrorCodes.RateLimitExceeded : ConnectorErrorCodes.InvalidResponse
      );
      assert.equal(attempts(), 3);
      assert.equal(ses.stub.counts.accepted, 0);
      const data = error.data as Record<string, unknown>;
      assert.equal(data.attempts, 3);
      assert.equal(
        data.httpStatusCode,
        { throttle: 429, server500json: 500, server500text: 500, unavailable503: 503 }[fault]
      );
      if (name) {
        assert.equal(data.sesError, name);
      } else {
        assert.match(messageOf(error), /SES answered HTTP 50\d with a body that is not an SES answer/);
      }
      assert.match(messageOf(error), /\(after 3 attempts\)/);
    });

    it(`sends once the ${fault} has passed`, async () => {
      ses.stub.setFault(sequence(fault));
      const messageId = await sendMessage();
      assert.equal(attempts(), 2);
      assert.deepEqual(
        ses.stub.accepted.map((accepted) => accepted.messageId),
        [messageId]
      );
    });
  }

  it('retries a connection reset before any answer, and sends on the next attempt', async () => {
    ses.stub.setFault(sequence('reset'));
    const messageId = await sendMessage();
    assert.equal(attempts(), 2);
    assert.deepEqual(
      ses.stub.accepted.map((accepted) => accepted.messageId),
      [messageId]
    );
  });

  it('reports resets on every attempt as a network fault', async () => {
    ses.stub.setFault('reset');
    const error = await expectConnectorError(sendMessage(), ConnectorErrorCodes.InvalidResponse);
    assert.equal(attempts(), 3);
    assert.match(messageOf(error), /reset before an answer came/);
  });

  it('never retries MessageRejected, and explains the sandbox and the sender identity', async () => {
    ses.stub.setFault('messageRejected');
    const error = await expectConnectorError(sendMessage(), ConnectorErrorCodes.InvalidConfig);
    assert.equal(attempts(), 1);
    assert.equal((error.data as Record<string, unknown>).sesError, 'MessageRejected');
    assert.match(messageOf(error), /SES MessageRejected: Email address is not verified/);
    assert.match(
      messageOf(error),
      /SES sandbox in us-east-1 \(verify the recipient address, or request production access\), or the sender identity is not verified in us-east-1/
    );
  });

  it('never retries InvalidClientTokenId, and points at the keys', async () => {
    ses.stub.setFault('invalidClientTokenId');
    const error = await expectConnectorError(sendMessage(), ConnectorErrorCodes.InvalidConfig);
    assert.equal(attempts(), 1);
    assert.equal((error.data as Record<string, unknown>).sesError, 'InvalidClientTokenId');
    assert.match(messageOf(error), /Check accessKeyId and accessKeySecret/);
  });

  it('refuses a signature made with the wrong secret, without retrying', async () => {
    const error = await expectConnectorError(
      sendMessage({ accessKeySecret: 'not-the-secret-the-stub-knows' }),
      ConnectorErrorCodes.InvalidConfig
    );
    assert.equal(ses.stub.requests.filter(({ operation }) => operation === 'SendEmail').length, 1);
    assert.equal((error.data as Record<string, unknown>).sesError, 'SignatureDoesNotMatch');
  });

  it('reports a malformed 200 answer as a failure, once: no MessageId, no claim of delivery', async () => {
    ses.stub.setFault('malformedJson');
    const error = await expectConnectorError(sendMessage(), ConnectorErrorCodes.InvalidResponse);
    assert.equal(attempts(), 1);
    assert.match(
      messageOf(error),
      /SES answered HTTP 200, but its answer could not be read \(.+\), so delivery cannot be confirmed\./
    );
    assert.doesNotMatch(messageOf(error), /Deserialization error|\$response/, 'no SDK debugging advice');
  });

  it('does not retry when maxAttempts is 1', async () => {
    ses.stub.setFault('unavailable503');
    await expectConnectorError(sendMessage({ maxAttempts: 1 }), ConnectorErrorCodes.InvalidResponse);
    assert.equal(attempts(), 1);
  });

  it('tells a refused connection and a host that does not resolve apart, and retries neither for ever', async () => {
    const refused = await expectConnectorError(
      connector.connector.sendMessage(genericMessage, configFor('http://127.0.0.1:9', { timeoutMs: 4000 })),
      ConnectorErrorCodes.InvalidResponse
    );
    assert.match(messageOf(refused), /Nothing accepted the connection at http:\/\/127\.0\.0\.1:9: check endpoint/);

    const resolver = nxdomainResolver();
    const settings = {
      ...clientSettingsOf(parseConfig(configFor('https://email.nowhere.invalid', { maxAttempts: 3 }))),
      lookup: resolver.lookup,
    };
    const unresolved = await expectConnectorError(
      sendEmail(settings, composeMessage(parseConfig(config()), genericMessage, undefined)),
      ConnectorErrorCodes.InvalidConfig
    );
    assert.deepEqual(failureDataOf(unresolved), {
      message:
        'Sending through SES failed: getaddrinfo ENOTFOUND email.nowhere.invalid. The SES endpoint host in https://email.nowhere.invalid does not resolve: check endpoint.',
      networkError: 'ENOTFOUND',
      attempts: 1,
    });
    assert.deepEqual(resolver.asked, ['email.nowhere.invalid']);
  });

  it('keeps the secret and the session token out of every failure', async () => {
    const temporary = await startSesStub({ credentials: { [keyId]: { secretAccessKey: secret, sessionToken } } });
    const failures: ConnectorError[] = [];
    try {
      for (const fault of [
        'throttle',
        'server500json',
        'server500text',
        'unavailable503',
        'messageRejected',
        'invalidClientTokenId',
        'reset',
        'malformedJson',
        'hang',
      ] as const) {
        temporary.setFault(fault);
        const sending = connector.connector.sendMessage(
          genericMessage,
          configFor(temporary.url, { sessionToken, timeoutMs: 500, maxAttempts: 2 })
        );
        const expectedCode =
          fault === 'messageRejected' || fault === 'invalidClientTokenId'
            ? ConnectorErrorCodes.InvalidConfig
            : fault === 'throttle'
              ? ConnectorErrorCodes.RateLimitExceeded
              : ConnectorErrorCodes.InvalidResponse;
        failures.push(await expectConnectorError(sending, expectedCode));
        await destroyClients();
      }
      assert.ok(temporary.requests.every(({ signatureValid }) => signatureValid !== false));
    } finally {
      await temporary.close();
    }
    assert.equal(failures.length, 9);
    for (const error of failures) {
      for (const text of renderings(error)) {
        assert.ok(!text.includes(secret), `secret in: ${text}`);
        assert.ok(!text.includes(sessionToken), `session token in: ${text}`);
      }
    }
  });
});

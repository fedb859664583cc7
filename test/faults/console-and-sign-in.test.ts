/**
 * Each kind of failure, sent both ways Logto sends: the console's "Send" test (a config passed to
 * sendMessage) and Logto's own sends (no config: the saved one). What Logto then shows, the
 * status and the message, is read with a mirror of Logto's connector error handler.
 *
 * The console must show the cause and the fix ("Error occurred in connector: …"); the sign-in
 * page must show Logto's neutral phrase, or "try again later" for a sending limit (429).
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it, type TestContext } from 'node:test';

import { ConnectorErrorCodes, type ConnectorError } from '@logto/connector-kit';

import { configFor, genericMessage, keyId, roleArn, secret, signInMessage } from '../support/fixtures.js';
import { destroyClients } from '../../src/index.js';
import { logtoDisplay } from '../support/logto-display.js';
import { startSesStub, type Fault, type SesStub } from '../support/ses-stub.js';
import { startSilentServer, type SilentServer } from '../support/silent-server.js';
import { expectConnectorError, makeConnector, textOf } from '../integration/harness.js';

type Kind = {
  name: string;
  /** The stub's answer to SendEmail, when the config points at the stub. */
  fault?: Fault;
  config: () => Record<string, unknown>;
  /** The precise code Logto's own sends get. */
  code: string;
  /** The sign-in page's text and status for that code. */
  signIn: { status: number; message: string };
  /** Cause and fix, both in the console's message. */
  cause: RegExp;
  fix: RegExp;
};

const neutral = {
  config: { status: 400, message: "The connector's config is invalid." },
  response: { status: 400, message: "The connector's response is invalid." },
  rate: { status: 429, message: 'Trigger rate limit. Please try again later.' },
  usage: { status: 429, message: 'The email service usage limit has been reached.' },
};

describe('what the console and the sign-in page show', () => {
  let stub: SesStub;
  let silent: SilentServer;

  before(async () => {
    stub = await startSesStub({ credentials: { [keyId]: { secretAccessKey: secret } } });
    silent = await startSilentServer();
    // STS for roleArn: port 9 on 127.0.0.1, where nothing listens.
    process.env.AWS_ENDPOINT_URL_STS = 'http://127.0.0.1:9';
  });
  afterEach(async () => {
    await destroyClients();
    stub.reset();
  });
  after(async () => {
    delete process.env.AWS_ENDPOINT_URL_STS;
    await stub.close();
    await silent.close();
  });

  const kinds = (): Kind[] => [
    {
      name: 'bad keys',
      fault: 'ok',
      config: () => configFor(stub.url, { accessKeyId: 'AKIAUNKNOWNKEY000001' }),
      code: ConnectorErrorCodes.InvalidConfig,
      signIn: neutral.config,
      cause: /SES InvalidClientTokenId: The security token included in the request is invalid\./,
      fix: /Check accessKeyId and accessKeySecret: SES did not accept them\./,
    },
    {
      name: 'the sandbox (recipient not verified)',
      fault: 'messageRejected',
      config: () => configFor(stub.url),
      code: ConnectorErrorCodes.InvalidConfig,
      signIn: neutral.config,
      cause: /SES MessageRejected: Email address is not verified\./,
      fix: /verify the recipient address, or request production access/,
    },
    {
      name: 'a dead endpoint',
      config: () => configFor('http://127.0.0.1:9', { maxAttempts: 1 }),
      code: ConnectorErrorCodes.InvalidResponse,
      signIn: neutral.response,
      cause: /connect ECONNREFUSED 127\.0\.0\.1:9/,
      fix: /Nothing accepted the connection at http:\/\/127\.0\.0\.1:9: check endpoint\./,
    },
    {
      name: 'an endpoint that hangs',
      config: () => configFor(silent.url, { timeoutMs: 500 }),
      code: ConnectorErrorCodes.InvalidResponse,
      signIn: neutral.response,
      cause: /SES did not answer within 500 ms/,
      fix: /is reachable from Logto, or raise timeoutMs\./,
    },
    {
      name: 'throttling (maximum send rate)',
      fault: 'maxSendRate',
      config: () => configFor(stub.url, { maxAttempts: 2 }),
      code: ConnectorErrorCodes.RateLimitExceeded,
      signIn: neutral.rate,
      cause: /SES TooManyRequestsException: Maximum sending rate exceeded \(after 2 attempts\)\./,
      fix: /request a higher sending rate in the SES console/,
    },
    {
      name: 'the daily quota used up',
      fault: 'dailyQuota',
      config: () => configFor(stub.url),
      code: 'usage_limit_exceeded', // connector-kit 5.1.1, the default here; older kits: unit tests
      signIn: neutral.usage,
      cause: /SES TooManyRequestsException: Daily message quota exceeded\./,
      fix: /24-hour sending quota in us-east-1 is used up.*Request a higher quota/,
    },
    {
      name: 'STS refusing the connection (roleArn)',
      fault: 'ok',
      config: () => configFor(stub.url, { roleArn, maxAttempts: 1 }),
      code: ConnectorErrorCodes.InvalidResponse,
      signIn: neutral.response,
      cause: /Assuming arn:aws:iam::123456789012:role\/logto-ses through STS failed: .*ECONNREFUSED 127\.0\.0\.1:9/,
      fix: /check that STS at http:\/\/127\.0\.0\.1:9 is reachable from Logto/,
    },
  ];

  const show = (t: TestContext, who: string, error: ConnectorError) => {
    const display = logtoDisplay(error);
    t.diagnostic(`${who}: ${display.status} ${display.message}`);
    return display;
  };

  for (const kind of kinds()) {
    it(`${kind.name}: the console shows cause and fix, the sign-in page Logto's phrase`, async (t) => {
      const current = kinds().find(({ name }) => name === kind.name)!;
      stub.setFault(current.fault ?? 'ok');

      // The console's "Send" test: the config being edited is passed in.
      const consoleTest = await makeConnector();
      const shown = await expectConnectorError(
        consoleTest.connector.sendMessage(genericMessage, current.config()),
        ConnectorErrorCodes.General
      );
      const data = shown.data as Record<string, unknown>;
      assert.equal(data.code, current.code, 'the precise code stays beside the description');
      const consoleDisplay = show(t, 'console', shown);
      assert.equal(consoleDisplay.status, 400);
      assert.match(consoleDisplay.message, /^Error occurred in connector: /);
      assert.match(consoleDisplay.message, current.cause);
      assert.match(consoleDisplay.message, current.fix);
      assert.equal(data.errorDescription, data.message);
      await destroyClients();

      // Logto's own send (a sign-in code): the saved config, no config argument.
      const logto = await makeConnector({ savedConfig: current.config() });
      const failed = await expectConnectorError(logto.connector.sendMessage(signInMessage), current.code);
      const signInDisplay = show(t, 'sign-in page', failed);
      assert.deepEqual({ status: signInDisplay.status, message: signInDisplay.message }, current.signIn);
      const details = failed.data as Record<string, unknown>;
      assert.equal(details.errorDescription, undefined, 'no operator text for the sign-in page');
      assert.match(String(details.message), current.cause, "the details stay in data, for Logto's log");
      assert.match(String(details.message), current.fix);
    });
  }

  it('a throttled send that runs into the deadline says it was throttled, as a rate limit', async (t) => {
    stub.setFault('maxSendRate');
    const { connector } = await makeConnector({
      savedConfig: configFor(stub.url, { timeoutMs: 400, maxAttempts: 10 }),
    });
    const error = await expectConnectorError(
      connector.sendMessage(signInMessage),
      ConnectorErrorCodes.RateLimitExceeded
    );
    const text = textOf(error);
    assert.match(
      text,
      /^SES throttled ((the only attempt|all \d+ attempts) made before timeoutMs \(400 ms\) passed|the first (attempt|\d+ attempts) and timeoutMs \(400 ms\) passed during the next)/
    );
    assert.match(text, /Maximum sending rate exceeded/);
    assert.doesNotMatch(text, /did not answer/);
    assert.equal(logtoDisplay(error).status, 429);
    t.diagnostic(`log: ${text}`);
  });

  it('a used-up daily quota is not retried', async () => {
    stub.setFault('dailyQuota');
    const { connector } = await makeConnector({ savedConfig: configFor(stub.url, { maxAttempts: 3 }) });
    await expectConnectorError(connector.sendMessage(signInMessage), 'usage_limit_exceeded');
    assert.equal(stub.counts.sendEmail, 1);
  });
});

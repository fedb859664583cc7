/**
 * The deadline over a send, against a local SES stub that verifies each request's signature and
 * counts attempts: a send settles at timeoutMs, retries included, never a moment earlier, and the
 * request in flight is aborted with its socket closed. Which faults are retried: ses-faults.test.ts.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import { ConnectorErrorCodes } from '@logto/connector-kit';

import { failureDataOf } from '../../src/transport/failure-data.js';
import { expectConnectorError, makeConnector, messageOf, type ConnectorUnderTest } from '../integration/harness.js';
import { nextTurn, settlesAtDeadline, until, watch, withMockedTimeouts } from '../support/clock.js';
import { connectionsClosed, sequence, useSesStub } from '../support/fault-helpers.js';
import { configFor, genericMessage } from '../support/fixtures.js';

describe('the deadline', () => {
  const ses = useSesStub();
  let connector: ConnectorUnderTest;

  before(async () => {
    connector = await makeConnector();
  });

  const sendMessage = (overrides?: Record<string, unknown>) =>
    connector.connector.sendMessage(
      genericMessage,
      configFor(ses.stub.url, { timeoutMs: 4000, maxAttempts: 3, ...overrides })
    );

  /** The SendEmail attempts the stub saw, each with a valid signature. */
  const attempts = () => {
    const sendEmails = ses.stub.requests.filter(({ operation }) => operation === 'SendEmail');
    for (const request of sendEmails) {
      assert.equal(request.signatureValid, true, 'every attempt is signed with the configured key');
    }
    return sendEmails.length;
  };

  it('settles a hung request at timeoutMs, not a moment earlier, and aborts it', async (t) => {
    ses.stub.setFault('hang');
    const { outcome } = await settlesAtDeadline(
      t,
      600,
      async () => sendMessage({ timeoutMs: 600 }),
      () => ses.stub.counts.sendEmail === 1
    );
    const error = await expectConnectorError(outcome, ConnectorErrorCodes.InvalidResponse);
    assert.match(messageOf(error), /SES did not answer within 600 ms \(timeoutMs, retries included\)/);
    assert.equal(attempts(), 1);
    // The aborted request's socket is closed, not left hanging on the server.
    await connectionsClosed(ses.stub);
    assert.equal(ses.stub.counts.openConnections, 0);
  });

  it('aborts a retry hung at the deadline, which its own request timeout would keep open past it', async (t) => {
    ses.stub.setFault(sequence('server500json', 'hang'));
    const timeoutMs = 5000;
    await withMockedTimeouts(t, async (tick) => {
      const outcome = sendMessage({ timeoutMs, maxAttempts: 2 });
      const watched = watch(outcome);
      await until(() => ses.stub.counts.sendEmail === 1, 'the first attempt reaching the server');
      // The clock moves on in steps until the retry's back-off has passed and the retry arrives.
      // The retry's own request timeout (timeoutMs) then starts later than the call's deadline.
      let elapsed = 0;
      while (ses.stub.counts.sendEmail < 2 && elapsed < 2000) {
        tick(10);
        elapsed += 10;
        await nextTurn();
      }
      assert.equal(ses.stub.counts.sendEmail, 2, 'the retry reached the server');
      assert.ok(elapsed > 0);
      tick(timeoutMs - elapsed);
      await until(watched.settled, 'settling at the deadline');
      const error = await expectConnectorError(outcome, ConnectorErrorCodes.InvalidResponse);
      assert.match(messageOf(error), /SES did not answer within 5000 ms/);
    });
    await connectionsClosed(ses.stub);
    assert.equal(ses.stub.counts.openConnections, 0, "the retry's socket is closed at the deadline");
  });

  it('keeps the deadline while retrying: throttled for ever, settled at timeoutMs', async () => {
    ses.stub.setFault('throttle');
    const error = await expectConnectorError(
      sendMessage({ timeoutMs: 400, maxAttempts: 10 }),
      ConnectorErrorCodes.RateLimitExceeded
    );
    const { message: text, attempts } = failureDataOf(error);
    assert.ok(
      attempts !== undefined && attempts < 10,
      `the deadline, not maxAttempts, ended it (${attempts} attempts)`
    );
    // Every request the server saw is counted, the one the deadline cut short included.
    assert.equal(ses.stub.counts.sendEmail, attempts);
    // The deadline falls in a back-off (every attempt throttled) or during the last attempt.
    const allThrottled = `${attempts === 1 ? 'the only attempt' : `all ${attempts} attempts`} made before timeoutMs \\(400 ms\\) passed`;
    const lastCut = attempts - 1 === 1 ? 'the first attempt' : `the first ${attempts - 1} attempts`;
    const made = `(${allThrottled}|${lastCut} and timeoutMs \\(400 ms\\) passed during the next)`;
    assert.match(
      String(text),
      new RegExp(`^SES throttled ${made}, so the send was given up: SES TooManyRequestsException: Too many requests\\.`)
    );
  });
});

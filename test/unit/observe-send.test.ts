import assert from 'node:assert/strict';
import { test } from 'node:test';

import type { AwsSesConfig } from '../../src/config/config.js';
import { quietSendLog } from '../../src/connector/log-switch.js';
import { observeSend } from '../../src/connector/observe-send.js';
import { writeSendLog } from '../../src/connector/send-log.js';
import { newSendRecord } from '../../src/connector/send-record.js';

/**
 * With no OpenTelemetry SDK, no channel subscriber and a quiet success, a send works nothing out
 * for its report: a failed attempt's error (one the SDK retried) is not even read.
 */
const recordWithRetriedAttempt = (config?: Partial<AwsSesConfig>) => {
  const record = newSendRecord({ to: 'user@example.com', type: 'SignIn', payload: { code: '1' } }, {});
  record.config = config as AwsSesConfig | undefined;
  let reads = 0;
  record.attempts.attempts = 2;
  record.attempts.failures.push({
    get name() {
      reads += 1;
      return 'Throttling';
    },
    message: 'Maximum sending rate exceeded.',
  });
  return { record, reads: () => reads };
};

test('a quiet success, with nobody listening, reads nothing of the send and logs nothing', async (t) => {
  const info = t.mock.method(console, 'info', () => undefined);
  const error = t.mock.method(console, 'error', () => undefined);
  const { record, reads } = recordWithRetriedAttempt({ logLevel: 'error' });
  assert.equal(await observeSend(record, async () => 'message-1'), 'message-1');
  assert.equal(record.messageId, 'message-1');
  assert.equal(reads(), 0);
  assert.equal(info.mock.callCount() + error.mock.callCount(), 0);
});

test('a success with logLevel "info" is worked out and logged, with nobody else listening', async (t) => {
  const info = t.mock.method(console, 'info', () => undefined);
  const { record, reads } = recordWithRetriedAttempt({ logLevel: 'info' });
  assert.equal(await observeSend(record, async () => 'message-2'), 'message-2');
  assert.equal(reads(), 1);
  assert.deepEqual(
    info.mock.calls.map(({ arguments: args }) => String(args[0]).replace(/durationMs=\d+/, 'durationMs=N')),
    [
      'aws-ses-mail: email sent: outcome=sent usageType=SignIn domain=example.com messageId=message-2 attempts=2 durationMs=N',
    ]
  );
});

test('anything but a ConnectorError thrown by the send is rethrown as it is and logged as general', async (t) => {
  const error = t.mock.method(console, 'error', () => undefined);
  const { record } = recordWithRetriedAttempt();
  const bug = new TypeError('a bug');
  await assert.rejects(
    observeSend(record, async () => {
      throw bug;
    }),
    (thrown) => thrown === bug
  );
  assert.equal(record.failure?.code, 'general');
  assert.deepEqual(
    error.mock.calls.map(({ arguments: args }) => String(args[0]).replace(/durationMs=\d+/, 'durationMs=N')),
    [
      'aws-ses-mail: email not sent: outcome=failed usageType=SignIn domain=example.com code=general attempts=2 durationMs=N',
    ]
  );
});

test('a quiet success reaching the log writes nothing; with no message, a failure names no domain', async (t) => {
  const info = t.mock.method(console, 'info', () => undefined);
  const error = t.mock.method(console, 'error', () => undefined);
  const { record } = recordWithRetriedAttempt();
  writeSendLog(record, { outcome: 'sent', attempts: 1, throttles: 0, durationMs: 1 });
  assert.equal(info.mock.callCount(), 0);
  const unread = newSendRecord(undefined, {});
  writeSendLog(unread, {
    outcome: 'failed',
    code: 'invalid_request_parameters',
    attempts: 0,
    throttles: 0,
    durationMs: 0,
  });
  assert.deepEqual(
    error.mock.calls.map(({ arguments: args }) => args),
    [['aws-ses-mail: email not sent: outcome=failed code=invalid_request_parameters attempts=0 durationMs=0']]
  );
});

// Last: the switch is per process, and it stays off.
test('after quietSendLog, not even a failure is logged', async (t) => {
  const error = t.mock.method(console, 'error', () => undefined);
  quietSendLog();
  const { record } = recordWithRetriedAttempt({ logLevel: 'info' });
  await assert.rejects(
    observeSend(record, async () => {
      throw new TypeError('a bug');
    })
  );
  writeSendLog(record, { outcome: 'failed', code: 'general', attempts: 0, throttles: 0, durationMs: 0 });
  assert.equal(error.mock.callCount(), 0);
});

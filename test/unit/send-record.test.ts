import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import type { AwsSesConfig } from '../../src/config/config.js';
import type * as LogSwitch from '../../src/connector/log-switch.js';
import { sendLogLine, willLog } from '../../src/connector/send-log.js';
import {
  localeOf,
  newSendRecord,
  recipientDomainOf,
  resultOf,
  usageTypeOf,
  type SendRecord,
} from '../../src/connector/send-record.js';
import type { OutgoingMessage } from '../../src/message/outgoing.js';

const message = (fields: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  to: 'user@example.com',
  type: 'SignIn',
  payload: { code: '123456' },
  ...fields,
});

test('the recipient domain: after the last @, trimmed, without a closing >, lower-cased; undefined for what is not an address', () => {
  assert.equal(recipientDomainOf('User@Example.COM'), 'example.com');
  assert.equal(recipientDomainOf('"a@b" <user@Mail.Example.com>'), 'mail.example.com');
  assert.equal(recipientDomainOf('user@ example.com '), 'example.com');
  assert.equal(recipientDomainOf('user@bücher.de'), 'bücher.de');
  assert.equal(recipientDomainOf('user@xn--bcher-kva.de'), 'xn--bcher-kva.de');
  assert.equal(recipientDomainOf('@example.com'), 'example.com');
  assert.equal(recipientDomainOf(undefined), undefined);
  assert.equal(recipientDomainOf(''), undefined);
  assert.equal(recipientDomainOf('example.com'), undefined);
  assert.equal(recipientDomainOf('user@'), undefined);
  assert.equal(recipientDomainOf('user@exa mple.com'), undefined);
  assert.equal(recipientDomainOf('user@example.com>x'), undefined);
  assert.equal(recipientDomainOf('user@example..com'), undefined);
  assert.equal(recipientDomainOf('user@.example.com'), undefined);
  assert.equal(recipientDomainOf('user@example.com.'), undefined);
  assert.equal(recipientDomainOf('user@ex_ample.com'), undefined);
  assert.equal(recipientDomainOf('user@a.b_c'), undefined);
  assert.equal(recipientDomainOf('user@1.2'), '1.2');
  assert.equal(recipientDomainOf('user@a.1'), 'a.1');
  assert.equal(recipientDomainOf('user@ab.cd'), 'ab.cd');
});

test('the recipient domain is at most 253 characters', () => {
  const label = 'a'.repeat(61);
  const of253 = `${label}.${label}.${label}.${label}.${'b'.repeat(5)}`;
  assert.equal(of253.length, 253);
  assert.equal(recipientDomainOf(`user@${of253}`), of253);
  assert.equal(recipientDomainOf(`user@${of253}c`), undefined);
  assert.equal(recipientDomainOf(`user@${'c'.repeat(252)}`), 'c'.repeat(252));
});

test('the locale: a string of 1 to 35 word characters or hyphens, else undefined', () => {
  assert.equal(localeOf(message({ payload: { code: '1', locale: 'pt-BR' } })), 'pt-BR');
  assert.equal(localeOf(message({ payload: { code: '1', locale: 'x' } })), 'x');
  assert.equal(localeOf(message({ payload: { code: '1', locale: 'a'.repeat(35) } })), 'a'.repeat(35));
  assert.equal(localeOf(message({ payload: { code: '1', locale: 'a'.repeat(36) } })), undefined);
  assert.equal(localeOf(message({ payload: { code: '1', locale: '' } })), undefined);
  assert.equal(localeOf(message({ payload: { code: '1', locale: 'en US' } })), undefined);
  assert.equal(localeOf(message({ payload: { code: '1', locale: ' en' } })), undefined);
  assert.equal(localeOf(message({ payload: { code: '1', locale: 'en ' } })), undefined);
  assert.equal(localeOf(message({ payload: { code: '1', locale: 'en\n' } })), undefined);
  assert.equal(localeOf(message({ payload: { code: '1', locale: 7 } as never })), undefined);
  assert.equal(localeOf(message()), undefined);
  assert.equal(localeOf(undefined), undefined);
});

test("the usage type: Logto's CamelCase words as they are, anything else _OTHER, none without a message", () => {
  assert.equal(usageTypeOf(message({ type: 'ForgotPassword' })), 'ForgotPassword');
  assert.equal(usageTypeOf(message({ type: 'a'.repeat(40) })), 'a'.repeat(40));
  assert.equal(usageTypeOf(message({ type: 'a'.repeat(41) })), '_OTHER');
  assert.equal(usageTypeOf(message({ type: 'Sign-In' })), '_OTHER');
  assert.equal(usageTypeOf(message({ type: '' })), '_OTHER');
  assert.equal(usageTypeOf(undefined), undefined);
});

const record = (fields: Partial<SendRecord> = {}): SendRecord => ({ ...newSendRecord(message(), {}), ...fields });

const limitAnswer = Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'Throttling' });

test("a success's result: sent, the attempts, the limit answers among the failed attempts, the request id redacted", () => {
  const rawConfig = { accessKeyId: 'AKIAEXAMPLE', accessKeySecret: 'secret-value-123' };
  // Started a thousand seconds ago, as a send held up that long would have.
  const sent = record({ rawConfig, started: performance.now() - 1_000_000 });
  sent.attempts.attempts = 3;
  sent.attempts.failures.push(
    limitAnswer,
    new Error('socket hang up'),
    limitAnswer,
    'not an error',
    null,
    // A limit answer's shape with a field of another type is not one.
    { name: 'Throttling', message: 7 },
    { name: 7, message: 'Maximum sending rate exceeded.' }
  );
  sent.attempts.requestId = 'req-secret-value-123';
  const result = resultOf(sent);
  assert.ok(result.durationMs >= 1_000_000 && result.durationMs < 1_060_000, `durationMs ${result.durationMs}`);
  assert.deepEqual(
    { ...result, durationMs: 0 },
    { outcome: 'sent', requestId: 'req-[redacted]', attempts: 3, throttles: 2, durationMs: 0 }
  );
  assert.deepEqual(
    { ...resultOf(record()), durationMs: 0 },
    {
      outcome: 'sent',
      requestId: undefined,
      attempts: 0,
      throttles: 0,
      durationMs: 0,
    }
  );
});

test("a failure's result: failed or timed_out, the precise code from its data, else the error's own", () => {
  const failed = record({
    failure: new ConnectorError(ConnectorErrorCodes.General, {
      message: 'SES refused.',
      code: 'invalid_config',
      sesError: 'MessageRejected',
      requestId: 'req-1',
    }),
  });
  failed.attempts.attempts = 1;
  assert.deepEqual(
    { ...resultOf(failed), durationMs: 0 },
    {
      outcome: 'failed',
      code: 'invalid_config',
      sesError: 'MessageRejected',
      requestId: 'req-1',
      attempts: 1,
      throttles: 0,
      durationMs: 0,
    }
  );
  const timedOut = record({
    failure: new ConnectorError(ConnectorErrorCodes.General, { message: 'Too slow.', timeoutMs: 100 }),
  });
  assert.deepEqual(
    { ...resultOf(timedOut), durationMs: 0 },
    {
      outcome: 'timed_out',
      code: 'general',
      sesError: undefined,
      requestId: undefined,
      attempts: 0,
      throttles: 0,
      durationMs: 0,
    }
  );
});

const config = (fields: Partial<AwsSesConfig>) => fields as AwsSesConfig;

test('willLog: a failure always, a success only with logLevel "info"', () => {
  const failure = new ConnectorError(ConnectorErrorCodes.General, { message: 'x' });
  assert.equal(willLog(record({ failure })), true);
  assert.equal(willLog(record({ failure, config: config({ logLevel: 'error' }) })), true);
  assert.equal(willLog(record({ config: config({ logLevel: 'info' }) })), true);
  assert.equal(willLog(record({ config: config({ logLevel: 'error' }) })), false);
  assert.equal(willLog(record()), false);
});

test("the JSON line's level: error for a failure, info for a success", () => {
  const line = (outcome: 'sent' | 'failed' | 'timed_out', logLevel: 'info' | 'error') => {
    const text = sendLogLine(record({ config: config({ logLevel, logFormat: 'json' }) }), {
      outcome,
      attempts: 1,
      throttles: 0,
      durationMs: 1,
    });
    return text === undefined ? undefined : (JSON.parse(text) as Record<string, unknown>);
  };
  assert.deepEqual([line('sent', 'info')?.level, line('sent', 'info')?.msg], ['info', 'email sent']);
  assert.deepEqual([line('failed', 'error')?.level, line('failed', 'error')?.msg], ['error', 'email not sent']);
  assert.equal(line('timed_out', 'error')?.level, 'error');
  assert.equal(line('sent', 'error'), undefined);
});

test('quietSendLog turns the log line off for good; it starts on', async () => {
  const ownCopy: string = '../../src/connector/log-switch.js?own-copy';
  const { quietSendLog, sendLogEnabled } = (await import(ownCopy)) as typeof LogSwitch;
  assert.equal(sendLogEnabled(), true);
  quietSendLog();
  assert.equal(sendLogEnabled(), false);
  quietSendLog();
  assert.equal(sendLogEnabled(), false);
});

test('the text line leaves out an empty field, and quotes a value that is not plain', () => {
  const line = sendLogLine(
    record({
      tenantName: '',
      messageId: 'id 1',
      message: message({ to: 'user@Example.com' }),
      config: config({ logLevel: 'info' }),
    }),
    { outcome: 'sent', requestId: '', attempts: 1, throttles: 0, durationMs: 1.4 }
  );
  assert.equal(
    line,
    'aws-ses-mail: email sent: outcome=sent usageType=SignIn domain=example.com messageId="id 1" attempts=1 durationMs=1'
  );
});

import type { ConnectorError } from '@logto/connector-kit';

import type { OutgoingMessage } from '../message/outgoing.js';
import { newAttemptLog, type AttemptLog } from '../transport/attempt-log.js';
import { failureDataOf } from '../transport/failure-data.js';
import { limitKindOf } from '../transport/limits.js';
import { redactText } from '../transport/redact.js';

import type { AwsSesConfig } from '../config/config.js';
import { secretsIn } from './secrets-in.js';

/**
 * What one `sendMessage` call learns on its way, filled in as it goes (the message once read, the
 * config once parsed, the attempts as they happen, the MessageId or the failure at the end), for
 * its span, metrics, diagnostics channel and log line. Plain fields, so a send that nobody
 * observes pays for one object.
 */
export type SendRecord = {
  /** `performance.now()` when the send started. */
  started: number;
  message?: OutgoingMessage;
  config?: AwsSesConfig;
  /** The config as given, for the secrets to redact (see secrets-in.ts). */
  rawConfig: unknown;
  attempts: AttemptLog;
  /** The SES tenant the SendEmail request named, once composed (absent: none). */
  tenantName?: string;
  messageId?: string;
  /** The ConnectorError `sendMessage` threw, as presented to its caller (already redacted). */
  failure?: ConnectorError;
};

export const newSendRecord = (message: OutgoingMessage | undefined, rawConfig: unknown): SendRecord => ({
  started: performance.now(),
  message,
  rawConfig,
  attempts: newAttemptLog(),
});

/** The recipient's domain, lower-cased; never the local part. Undefined for what is not an address. */
export const recipientDomainOf = (to: string | undefined): string | undefined => {
  if (!to) {
    return undefined;
  }
  const at = to.lastIndexOf('@');
  if (at < 0) {
    return undefined;
  }
  const domain = to
    .slice(at + 1)
    .trim()
    .replace(/>$/, '')
    .toLowerCase();
  return /^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*$/u.test(domain) && domain.length <= 253 ? domain : undefined;
};

export const localeOf = (message: OutgoingMessage | undefined): string | undefined => {
  const locale: unknown = message?.payload.locale;
  return typeof locale === 'string' && /^[\w-]{1,35}$/.test(locale) ? locale : undefined;
};

/**
 * The usage type as a metric attribute: Logto's template types are a few CamelCase words; anything
 * else a caller passes is `_OTHER`, so a hostile type cannot blow up the metrics' cardinality.
 */
export const usageTypeOf = (message: OutgoingMessage | undefined): string | undefined =>
  message && (/^[A-Za-z]{1,40}$/.test(message.type) ? message.type : '_OTHER');

/** How the send ended: sent, failed, or given up when its deadline (`timeoutMs`) passed. */
export type SendOutcome = 'sent' | 'failed' | 'timed_out';

/** The facts of the end of a send every observer reports alike. */
export type SendResult = {
  outcome: SendOutcome;
  /** The precise ConnectorError code (the console's test path wraps it in `general`). */
  code?: string;
  /** SES's (or STS's) exception name. */
  sesError?: string;
  requestId?: string;
  attempts: number;
  /** Attempts SES answered with a sending limit (its rate, or the daily quota). */
  throttles: number;
  durationMs: number;
};

const isLimitAnswer = (error: unknown): boolean => {
  const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
  return typeof name === 'string' && typeof message === 'string' && limitKindOf(name, message) !== undefined;
};

/**
 * Read only when something reports the send. A failure's fields were redacted when it was made;
 * a success's request id comes straight from the answer's header, so it is redacted here.
 */
export const resultOf = (record: SendRecord): SendResult => {
  const { failure, attempts: log } = record;
  const durationMs = performance.now() - record.started;
  let throttles = 0;
  for (const error of log.failures) {
    if (isLimitAnswer(error)) {
      throttles += 1;
    }
  }
  const { attempts } = log;
  if (!failure) {
    const requestId = log.requestId && redactText(log.requestId, secretsIn(record.rawConfig));
    return { outcome: 'sent', requestId, attempts, throttles, durationMs };
  }
  const data = failureDataOf(failure);
  return {
    outcome: data.timeoutMs === undefined ? 'failed' : 'timed_out',
    code: data.code ?? failure.code,
    sesError: data.sesError,
    requestId: data.requestId,
    attempts,
    throttles,
    durationMs,
  };
};

import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import { redactDeep } from '../transport/redact.js';

/** Who is waiting on the send: the operator in the console, or an end user of a sign-in page. */
export type Audience = 'console test' | 'end user';

const dataOf = (error: ConnectorError): Record<string, unknown> => {
  const { data } = error;
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    return { ...data };
  }
  return data === undefined ? {} : { message: typeof data === 'string' ? data : JSON.stringify(data) };
};

/**
 * Anything else thrown on the way (a bug, a runtime limit) still leaves as a ConnectorError, so
 * Logto's handler answers it and the console shows what happened. `invalid_response` keeps its
 * text out of a sign-in page; the console's test gets it as the description.
 */
const asConnectorError = (thrown: unknown): ConnectorError => {
  if (thrown instanceof ConnectorError) {
    return thrown;
  }
  const { name, message } = (thrown ?? {}) as { name?: unknown; message?: unknown };
  return new ConnectorError(ConnectorErrorCodes.InvalidResponse, {
    message: `The connector failed unexpectedly: ${textOf(name, 'Error')}: ${textOf(message, textOf(thrown, 'a value with no text'))}`,
  });
};

/**
 * What was thrown may be anything a payload getter throws: an object without a prototype (no
 * `toString`), or one whose `toString` throws itself. Its text must never be a second failure.
 */
const textOf = (value: unknown, fallback: string): string => {
  // Stryker disable next-line ConditionalExpression,StringLiteral,BlockStatement: a shortcut; String() below gives a string the same text
  if (typeof value === 'string') {
    return value;
  }
  if (value === undefined || value === null) {
    return fallback;
  }
  try {
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- whatever text the value has, "[object Object]" included, beats none
    return String(value);
  } catch {
    return fallback;
  }
};

/**
 * The error `sendMessage` throws, worded for whoever will read it. Logto's connector error handler
 * shows only a fixed phrase for every code but `general` (and codes it does not know), whose
 * `data.errorDescription` it shows as "Error occurred in connector: …". So:
 *
 * - the console's "Send" test (the only caller that passes a config) gets `general`, with the whole
 *   message, cause and fix, as `errorDescription`; the precise code stays in `data.code`, the SES
 *   details beside it;
 * - Logto's own sends (sign-in, sign-up, …) keep the precise code, so an end user sees Logto's
 *   neutral phrase (or "try again later" for a limit) and the details stay in `data`, for the log.
 *
 * Every string is redacted on the way out, whatever field it came in; the stack is made anew from
 * the redacted message.
 */
export const presentFailure = (thrown: unknown, audience: Audience, secrets: readonly string[]): ConnectorError => {
  const error = asConnectorError(thrown);
  const data = redactDeep(dataOf(error), secrets) as Record<string, unknown>;
  if (audience === 'end user') {
    return new ConnectorError(error.code, data);
  }
  // Data without a message (another connector's shape, say) is shown as it is; no data at all, as its code.
  const description =
    typeof data.message === 'string' ? data.message : Object.keys(data).length > 0 ? JSON.stringify(data) : error.code;
  return new ConnectorError(ConnectorErrorCodes.General, { ...data, code: error.code, errorDescription: description });
};

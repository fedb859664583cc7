import { terminalLine, terminalText } from '../transport/terminal-text.js';

import { sendLogEnabled } from './log-switch.js';
import { connectorId } from './metadata.js';
import { recipientDomainOf, usageTypeOf, type SendRecord, type SendResult } from './send-record.js';

/**
 * The connector's own line in Logto's log: Logto drops `sendMessage`'s answer and logs no
 * connector failure, so this line is the operator's only record of a send. A failure is always
 * written (console.error, which Logto's own loader uses for failures too); a success only with
 * `logLevel: "info"`, so a busy Logto's log is not flooded. `key=value` text, or one JSON object
 * with `logFormat: "json"` or `LOG_FORMAT=json` in Logto's environment, for a log shipper.
 *
 * It names the usage type, the recipient's domain (never the local part), the SES tenant, the precise
 * ConnectorError code, SES's exception and request id and the attempts: never the code, the
 * payload, SES's message (it may quote the recipient) or a secret.
 */
type Fields = Record<string, string | number | undefined>;

const fieldsOf = (record: SendRecord, result: SendResult): Fields => ({
  outcome: result.outcome,
  usageType: usageTypeOf(record.message),
  domain: recipientDomainOf(record.message?.to),
  tenant: record.tenantName,
  code: result.code,
  sesError: result.sesError,
  messageId: record.messageId,
  requestId: result.requestId,
  attempts: result.attempts,
  durationMs: Math.round(result.durationMs),
});

/** One line, nothing a terminal or a log viewer would act on: JSON's escapes already hold the C0 controls. */
const escapeControls = (json: string) => terminalLine(terminalText(json));

/** A value as it reads in the text line: bare when plain, else quoted as JSON. */
const textValue = (value: string | number) =>
  typeof value === 'number' || /^[\w.@:/+=-]+$/.test(value) ? String(value) : escapeControls(JSON.stringify(value));

const present = (fields: Fields): Array<[string, string | number]> =>
  Object.entries(fields).filter(
    (entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== ''
  );

const wantsJson = (record: SendRecord) => record.config?.logFormat === 'json' || process.env.LOG_FORMAT === 'json';

/** The line for this send, or undefined when it is not to be logged. */
export const sendLogLine = (record: SendRecord, result: SendResult): string | undefined => {
  const failed = result.outcome !== 'sent';
  if (!sendLogEnabled() || (!failed && record.config?.logLevel !== 'info')) {
    return undefined;
  }
  const message = failed ? 'email not sent' : 'email sent';
  const fields = present(fieldsOf(record, result));
  if (wantsJson(record)) {
    const line = {
      time: new Date().toISOString(),
      level: failed ? 'error' : 'info',
      connector: connectorId,
      msg: message,
      ...Object.fromEntries(fields),
    };
    return escapeControls(JSON.stringify(line));
  }
  return `${connectorId}: ${message}: ${fields.map(([key, value]) => `${key}=${textValue(value)}`).join(' ')}`;
};

/** Whether this send will be logged; read before the result is worked out, so a quiet success costs nothing. */
export const willLog = (record: SendRecord): boolean =>
  sendLogEnabled() && (record.failure !== undefined || record.config?.logLevel === 'info');

export const writeSendLog = (record: SendRecord, result: SendResult): void => {
  const line = sendLogLine(record, result);
  if (line === undefined) {
    return;
  }
  if (result.outcome === 'sent') {
    console.info(line);
  } else {
    console.error(line);
  }
};

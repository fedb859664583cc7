import type { GetConnectorConfig, GetI18nEmailTemplate, SendMessageFunction, TemplateType } from '@logto/connector-kit';

import { readOutgoingMessage, type OutgoingMessage } from '../message/outgoing.js';

import { parseConfig } from '../config/config.js';
import { redactText } from '../transport/redact.js';
import type * as DeliverModule from './deliver.js';
import { messageOf } from './error-text.js';
import { loadOnce } from './load-once.js';
import { connectorId } from './metadata.js';
import type * as ObserveModule from './observe-send.js';
import { presentFailure } from './present-failure.js';
import { reportOnce } from './report-once.js';
import { secretsIn } from './secrets-in.js';
import { newSendRecord, type SendRecord } from './send-record.js';

/**
 * The send path (the AWS SDK, the HTML-to-text converter, the MIME encoder) is loaded on the first
 * send, not at import: Logto imports every installed connector when it starts, and most of them
 * never send, so importing this one should cost no more than its metadata and config guard.
 */
let loadedSendPath: typeof DeliverModule | undefined;
const loadSendPath = loadOnce(async () => (loadedSendPath = await import('./deliver.js')));

/** The span, metrics, channel and log line of a send (and the OpenTelemetry API): also loaded on the first send. */
let loadedObservation: typeof ObserveModule | undefined;
const loadObservation = loadOnce(async () => (loadedObservation = await import('./observe-send.js')));

/**
 * A failing custom-template lookup must not stop a sign-in email: the config templates remain.
 * The failure is still Logto's to fix (its database, its template table), so it is logged, once
 * per cause and without a secret.
 */
const findCustomTemplate = async (
  getI18nEmailTemplate: GetI18nEmailTemplate | undefined,
  { type, payload }: OutgoingMessage,
  rawConfig: unknown
): Promise<unknown> => {
  if (!getI18nEmailTemplate) {
    return undefined;
  }
  const locale = typeof payload.locale === 'string' ? payload.locale : undefined;
  try {
    return await getI18nEmailTemplate(type as TemplateType, locale);
  } catch (error: unknown) {
    const cause = redactText(messageOf(error), secretsIn(rawConfig));
    reportOnce(
      cause,
      `${connectorId}: Logto's custom email template for ${type}${locale ? ` (${locale})` : ''} could not be read, so the config's template was used: ${cause}`
    );
    return undefined;
  }
};

/**
 * Logto's `sendMessage`: the console's "Send" test passes the config being edited, every other
 * caller relies on the saved one. Which of the two called decides how a failure is worded (see
 * `presentFailure`); a failure of Logto's own `getConfig` is Logto's and passes unchanged.
 */
export const createSendMessage =
  (getConfig: GetConnectorConfig, getI18nEmailTemplate?: GetI18nEmailTemplate): SendMessageFunction =>
  async (data, inputConfig) => {
    const consoleTest = inputConfig !== undefined && inputConfig !== null;
    const rawConfig = consoleTest ? inputConfig : await getConfig(connectorId);
    // Observing must never stop a send: if its chunk cannot be loaded (EMFILE, say), the send goes
    // unobserved. On the first send both chunks load at once; a send path that failed to load is
    // loaded again, and reported, by the send itself.
    const observation =
      loadedObservation ??
      (await Promise.all([loadObservation().catch(() => undefined), loadSendPath().catch(() => undefined)]))[0];
    // Read before the span starts, so its start (and the channel's) knows the usage type and domain.
    let message: OutgoingMessage | undefined;
    let invalid: unknown;
    try {
      message = readOutgoingMessage(data);
    } catch (error: unknown) {
      invalid = error;
    }
    const record = newSendRecord(message, rawConfig);
    const run = async () => send(record, invalid, getI18nEmailTemplate, consoleTest);
    return observation ? observation.observeSend(record, run) : run();
  };

/** One send, noting in `record` what it learns; every failure leaves presented for its audience. */
const send = async (
  record: SendRecord,
  invalid: unknown,
  getI18nEmailTemplate: GetI18nEmailTemplate | undefined,
  consoleTest: boolean
): Promise<string> => {
  const { message, rawConfig } = record;
  try {
    if (!message) {
      throw invalid;
    }
    const config = parseConfig(rawConfig);
    record.config = config;
    const [{ deliver }, customTemplate] = await Promise.all([
      loadSendPath(),
      findCustomTemplate(getI18nEmailTemplate, message, rawConfig),
    ]);
    return await deliver(config, message, customTemplate, record);
  } catch (error: unknown) {
    throw presentFailure(error, consoleTest ? 'console test' : 'end user', secretsIn(rawConfig));
  }
};

/** Closes the shared SES clients and their sockets, if a send ever created one (tests, CLI exit). */
export const destroyClients = async (): Promise<void> => {
  loadedSendPath?.destroyClients();
};

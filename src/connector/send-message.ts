import type { GetConnectorConfig, GetI18nEmailTemplate, SendMessageFunction, TemplateType } from '@logto/connector-kit';

import { readOutgoingMessage, type OutgoingMessage } from '../message/outgoing.js';

import { parseConfig } from '../config/config.js';
import { redactText } from '../transport/redact.js';
import type * as DeliverModule from './deliver.js';
import { messageOf } from './error-text.js';
import { loadOnce } from './load-once.js';
import { connectorId } from './metadata.js';
import { presentFailure } from './present-failure.js';
import { reportOnce } from './report-once.js';

/**
 * The send path (the AWS SDK, the HTML-to-text converter, the MIME encoder) is loaded on the first
 * send, not at import: Logto imports every installed connector when it starts, and most of them
 * never send, so importing this one should cost no more than its metadata and config guard.
 */
let loadedSendPath: typeof DeliverModule | undefined;
const loadSendPath = loadOnce(async () => (loadedSendPath = await import('./deliver.js')));

/** The config's own secrets, and the default chain's from the environment, as written; read only on a failure. */
const secretsIn = (config: unknown): string[] => {
  const fields = config !== null && typeof config === 'object' ? (config as Record<string, unknown>) : {};
  return [
    fields.accessKeySecret,
    fields.sessionToken,
    process.env.AWS_SECRET_ACCESS_KEY,
    process.env.AWS_SESSION_TOKEN,
  ].flatMap((value) => (typeof value === 'string' && value.trim() ? [value, value.trim()] : []));
};

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
    try {
      const message = readOutgoingMessage(data);
      const config = parseConfig(rawConfig);
      const [{ deliver }, customTemplate] = await Promise.all([
        loadSendPath(),
        findCustomTemplate(getI18nEmailTemplate, message, rawConfig),
      ]);
      return await deliver(config, message, customTemplate);
    } catch (error: unknown) {
      throw presentFailure(error, consoleTest ? 'console test' : 'end user', secretsIn(rawConfig));
    }
  };

/** Closes the shared SES clients and their sockets, if a send ever created one (tests, CLI exit). */
export const destroyClients = async (): Promise<void> => {
  loadedSendPath?.destroyClients();
};

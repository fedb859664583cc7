import type {
  GetConnectorConfig,
  GetI18nEmailTemplate,
  SendMessageData,
  SendMessageFunction,
} from '@logto/connector-kit';

import { parseConfig } from './config.js';
import type * as DeliverModule from './deliver.js';
import { connectorId } from './metadata.js';

/**
 * The send path (the AWS SDK, the HTML-to-text converter, the MIME encoder) is loaded on the first
 * send, not at import: Logto imports every installed connector when it starts, and most of them
 * never send, so importing this one should cost no more than its metadata and config guard.
 */
let sendPath: Promise<typeof DeliverModule> | undefined;
const loadSendPath = async () => (sendPath ??= import('./deliver.js'));

/** A failing custom-template lookup must not stop a sign-in email: the config templates remain. */
const findCustomTemplate = async (
  getI18nEmailTemplate: GetI18nEmailTemplate | undefined,
  { type, payload }: SendMessageData
): Promise<unknown> => {
  if (!getI18nEmailTemplate) {
    return undefined;
  }
  try {
    return await getI18nEmailTemplate(type, payload.locale);
  } catch {
    return undefined;
  }
};

/**
 * Logto's `sendMessage`: the console's "Send" test passes the config being edited, every other
 * caller relies on the saved one.
 */
export const createSendMessage =
  (getConfig: GetConnectorConfig, getI18nEmailTemplate?: GetI18nEmailTemplate): SendMessageFunction =>
  async (data, inputConfig) => {
    const config = parseConfig(inputConfig ?? (await getConfig(connectorId)));
    const [{ deliver }, customTemplate] = await Promise.all([
      loadSendPath(),
      findCustomTemplate(getI18nEmailTemplate, data),
    ]);
    return deliver(config, data, customTemplate);
  };

/** Closes the shared SES clients and their sockets, if a send ever created one (tests, CLI exit). */
export const destroyClients = async (): Promise<void> => {
  if (sendPath) {
    (await sendPath).destroyClients();
  }
};

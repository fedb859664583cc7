import type { SendMessageData } from '@logto/connector-kit';

import createConnector from '../index.js';

/**
 * Sends as Logto's console "Send" test does: through the connector's default export, created as
 * Logto creates it, with the config handed to sendMessage instead of a saved one. Resolves to
 * SES's MessageId; rejects with the connector's ConnectorError.
 */
export const sendAsConsoleTest = async (data: SendMessageData, config: unknown): Promise<unknown> => {
  const connector = await createConnector({
    getConfig: async () => {
      throw new Error('logto-ses passes the config to sendMessage, as the console test does');
    },
  });
  return connector.sendMessage(data, config);
};

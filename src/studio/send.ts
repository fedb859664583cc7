import type { EmailTemplateDetails, SendMessagePayload, TemplateType } from '@logto/connector-kit';

import type { AwsSesConfig } from '../config/config.js';
import createConnector from '../index.js';
import type { TemplateDetails } from '../templates/template-file.js';

/**
 * Sends one studio template through the connector exactly as Logto would: the connector created
 * by its default export, a custom template handed over by `getI18nEmailTemplate` (as Logto's does
 * when it holds one for the language), a connector template through the config. Resolves to SES's
 * MessageId; rejects with the connector's ConnectorError.
 */
export const sendThroughConnector = async ({
  config,
  kind,
  details,
  type,
  payload,
  to,
}: {
  config: AwsSesConfig;
  kind: 'custom' | 'connector';
  details: TemplateDetails;
  /** One of the folder's types, which are checked against connector-kit's when the folder is read. */
  type: TemplateType;
  payload: SendMessagePayload;
  to: string;
}): Promise<unknown> => {
  const connector = await createConnector({
    getConfig: async () => config,
    // The connector checks the details with connector-kit's guard, as it does Logto's.
    getI18nEmailTemplate: async () => (kind === 'custom' ? (details as EmailTemplateDetails) : undefined),
  });
  return connector.sendMessage({ to, type, payload }, config);
};

import { ConnectorType, type CreateConnector, type EmailConnector } from '@logto/connector-kit';

import { awsSesConfigGuard } from './config/config.js';
import { metadata } from './connector/metadata.js';
import { createSendMessage } from './connector/send-message.js';

/**
 * Logto's entry point. Creating the connector does no I/O: Logto calls this at start-up with a
 * `getConfig` that throws, only to read the metadata.
 */
const createAwsSesConnector: CreateConnector<EmailConnector> = async ({ getConfig, getI18nEmailTemplate }) => ({
  metadata,
  type: ConnectorType.Email,
  configGuard: awsSesConfigGuard,
  sendMessage: createSendMessage(getConfig, getI18nEmailTemplate),
});

export default createAwsSesConnector;

export { awsSesConfigGuard, parseConfig, type AwsSesConfig, type Template } from './config/config.js';
export { connectorId, metadata } from './connector/metadata.js';
export { destroyClients } from './connector/send-message.js';

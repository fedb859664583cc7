import type { SendMessageData } from '@logto/connector-kit';

import { composeMessage } from '../message/compose.js';
import { clientSettingsOf } from '../transport/client-settings.js';
import { sendEmail } from '../transport/send-email.js';

import type { AwsSesConfig } from './config.js';

/**
 * Everything a send does after the config is known: build the SendEmail input and send it on the
 * shared client. Returns SES's MessageId.
 */
export const deliver = async (config: AwsSesConfig, data: SendMessageData, customTemplate: unknown): Promise<string> =>
  sendEmail(clientSettingsOf(config), composeMessage(config, data, customTemplate));

export { destroyClients } from '../transport/client-cache.js';

import type { SendMessageData } from '@logto/connector-kit';

import { composeSendEmailInput } from '../message/compose.js';
import { chooseTemplate } from '../message/template.js';
import { clientSettingsOf } from '../transport/client-settings.js';
import { sendEmail } from '../transport/send-email.js';

import type { AwsSesConfig } from './config.js';

/**
 * Everything a send does after the config is known: choose and render the template, build the
 * SendEmail input, send it on the shared client. Returns SES's MessageId.
 */
export const deliver = async (
  config: AwsSesConfig,
  data: SendMessageData,
  customTemplate: unknown
): Promise<string> => {
  const template = chooseTemplate(data.type, config.templates, customTemplate);
  return sendEmail(clientSettingsOf(config), composeSendEmailInput(config, template, data));
};

export { destroyClients } from '../transport/client-cache.js';

import { composeMessage } from '../message/compose.js';
import type { OutgoingMessage } from '../message/outgoing.js';
import type { AttemptLog } from '../transport/attempt-log.js';
import { clientSettingsOf } from '../transport/client-settings.js';
import { sendEmail } from '../transport/send-email.js';

import type { AwsSesConfig } from '../config/config.js';

/**
 * Everything a send does after the config is known: build the SendEmail input and send it on the
 * shared client. Returns SES's MessageId; `log` gets what the SES call went through.
 */
export const deliver = async (
  config: AwsSesConfig,
  message: OutgoingMessage,
  customTemplate: unknown,
  log?: AttemptLog
): Promise<string> => sendEmail(clientSettingsOf(config), composeMessage(config, message, customTemplate), log);

export { destroyClients } from '../transport/client-cache.js';

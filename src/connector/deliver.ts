import { composeMessageWithNotes } from '../message/compose.js';
import type { OutgoingMessage } from '../message/outgoing.js';
import type { AttemptLog } from '../transport/attempt-log.js';
import { clientSettingsOf } from '../transport/client-settings.js';
import { sendEmail } from '../transport/send-email.js';

import type { AwsSesConfig } from '../config/config.js';
import { connectorId } from './metadata.js';
import { reportOnce } from './report-once.js';

/**
 * Everything a send does after the config is known: build the SendEmail input and send it on the
 * shared client. Returns SES's MessageId; `log` gets what the SES call went through. What composing
 * noted (a payload value no tenant can be named after) is the operator's to fix but no reason to
 * hold a sign-in code back: it is logged once per cause, and the mail goes.
 */
export const deliver = async (
  config: AwsSesConfig,
  message: OutgoingMessage,
  customTemplate: unknown,
  log?: AttemptLog
): Promise<string> => {
  const { input, notes } = composeMessageWithNotes(config, message, customTemplate);
  for (const note of notes) {
    reportOnce(note, `${connectorId}: ${note}`);
  }
  return sendEmail(clientSettingsOf(config), input, log);
};

export { destroyClients } from '../transport/client-cache.js';

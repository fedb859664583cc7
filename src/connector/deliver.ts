import { composeMessageWithNotes } from '../message/compose.js';
import type { OutgoingMessage } from '../message/outgoing.js';
import { clientSettingsOf } from '../transport/client-settings.js';
import { sendEmail } from '../transport/send-email.js';

import type { AwsSesConfig } from '../config/config.js';
import { connectorId } from './metadata.js';
import { reportOnce } from './report-once.js';
import type { SendRecord } from './send-record.js';

/**
 * Everything a send does after the config is known: build the SendEmail input and send it on the
 * shared client. Returns SES's MessageId; `record` gets the tenant the request named and what the
 * SES call went through, for the send's span and log line. What composing
 * noted (a payload value no tenant can be named after) is the operator's to fix but no reason to
 * hold a sign-in code back: it is logged once per cause, and the mail goes.
 */
export const deliver = async (
  config: AwsSesConfig,
  message: OutgoingMessage,
  customTemplate: unknown,
  record: Pick<SendRecord, 'attempts' | 'tenantName'>
): Promise<string> => {
  const { input, notes } = composeMessageWithNotes(config, message, customTemplate);
  for (const note of notes) {
    reportOnce(note, `${connectorId}: ${note}`);
  }
  record.tenantName = input.TenantName;
  return sendEmail(clientSettingsOf(config), input, record.attempts);
};

export { destroyClients } from '../transport/client-cache.js';

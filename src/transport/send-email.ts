import { SendEmailCommand, type SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import { newAttemptLog, type AttemptLog } from './attempt-log.js';
import { callSes } from './call-ses.js';
import type { ClientSettings } from './client-settings.js';
import { routeSendEmail } from './global-endpoint.js';

/**
 * Sends one SendEmail request and returns SES's MessageId. Any 2xx answer that carries a
 * MessageId is a success (the official connector wanted exactly 200); anything else is an error,
 * so a message is never reported sent without SES's receipt. `log` gets the attempts and, on
 * success, SES's request id.
 */
export const sendEmail = async (
  settings: ClientSettings,
  input: SendEmailCommandInput,
  log: AttemptLog = newAttemptLog()
): Promise<string> => {
  const { MessageId, $metadata } = await callSes(
    settings,
    'SendEmail',
    async (client, abortSignal, observe) =>
      client.send(observe(new SendEmailCommand(await routeSendEmail(client, settings, input))), { abortSignal }),
    log
  );
  log.requestId = $metadata.requestId;
  if (!MessageId) {
    throw new ConnectorError(ConnectorErrorCodes.InvalidResponse, {
      message: 'SES answered the SendEmail request without a MessageId, so delivery cannot be confirmed.',
    });
  }
  return MessageId;
};

import { SendEmailCommand, type SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import { withClient, type ClientSettings } from './client-cache.js';
import { toConnectorError } from './errors.js';

/**
 * Sends one SendEmail request on the shared client for these settings and returns SES's
 * MessageId. Any 2xx answer that carries a MessageId is a success; anything else is an error.
 */
export const sendEmail = async (
  settings: ClientSettings,
  input: SendEmailCommandInput
): Promise<string> => {
  const context = {
    region: settings.region,
    endpoint: settings.endpoint,
    secrets: [settings.secretAccessKey],
  };
  try {
    const { MessageId } = await withClient(settings, async (client) =>
      client.send(new SendEmailCommand(input))
    );
    if (!MessageId) {
      throw new ConnectorError(ConnectorErrorCodes.InvalidResponse, {
        message: 'SES answered the SendEmail request without a MessageId, so delivery cannot be confirmed.',
      });
    }
    return MessageId;
  } catch (error: unknown) {
    throw toConnectorError(error, context);
  }
};

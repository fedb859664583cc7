import type { SESv2Client, SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import type { ClientSettings } from './client-settings.js';

let sigV4a: Promise<unknown> | undefined;

/**
 * The SDK signs a global endpoint's requests with SigV4a only once an implementation has
 * registered itself, which importing `@aws-sdk/signature-v4a` does as a side effect; without one
 * it throws "Neither CRT nor JS SigV4a implementation is available". Imported on the first send
 * that carries an endpoint ID, so configs without one never load it (it is a chunk of its own).
 */
const loadSigV4a = async (): Promise<void> => {
  sigV4a ??= import('@aws-sdk/signature-v4a').catch((error: unknown) => {
    sigV4a = undefined; // Let the next send try again rather than fail forever.
    throw error;
  });
  await sigV4a;
};

/**
 * FIPS is switched on outside the config (AWS_USE_FIPS_ENDPOINT, or use_fips_endpoint in the AWS
 * config file), and global endpoints have none: the SDK would throw its own "FIPS is not supported
 * with multi-region endpoints". Said here with the setting to change. (A FIPS `endpoint` URL is
 * refused when the config is parsed.)
 */
const refuseFips = async (client: SESv2Client) => {
  if (await client.config.useFipsEndpoint()) {
    throw new ConnectorError(ConnectorErrorCodes.InvalidConfig, {
      message:
        "endpointId cannot be used with FIPS endpoints, which Logto's environment turns on (AWS_USE_FIPS_ENDPOINT, or use_fips_endpoint in the AWS config file): SES global endpoints have no FIPS variant. Clear endpointId, or turn FIPS off for Logto.",
    });
  }
};

/**
 * The SendEmail input for these settings: with an endpoint ID it carries `EndpointId`, which makes
 * the SDK send to the global endpoint (or `endpoint`, when set) and sign with SigV4a.
 */
export const routeSendEmail = async (
  client: SESv2Client,
  settings: ClientSettings,
  input: SendEmailCommandInput
): Promise<SendEmailCommandInput> => {
  if (!settings.endpointId) {
    return input;
  }
  await Promise.all([refuseFips(client), loadSigV4a()]);
  return { ...input, EndpointId: settings.endpointId };
};

import type {
  GetAccountCommandOutput,
  GetConfigurationSetCommandOutput,
  GetEmailIdentityCommandOutput,
} from '@aws-sdk/client-sesv2';

/** The sender identity SES found: the address itself, or its domain. */
export type SenderIdentity = { identity: string; output: GetEmailIdentityCommandOutput };

/**
 * What the account, sender identity and configuration set calls returned, kept for the
 * deliverability checks that follow them, so that no read is made twice. A field is missing when
 * its call was not made or did not return data.
 */
export type SesAnswers = {
  account?: GetAccountCommandOutput;
  sender?: SenderIdentity;
  configurationSet?: GetConfigurationSetCommandOutput;
};

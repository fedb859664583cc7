/**
 * Names as `check` compares them: the sender's address and domain, and the identity SES shows.
 * SES lets an address send when the address itself or its domain is a verified identity, and DNS
 * names compare without case and without the root's trailing dot.
 */
import type { GetEmailIdentityCommandOutput } from '@aws-sdk/client-sesv2';

import { parseMailbox } from '../../config/address.js';
import type { AwsSesConfig } from '../../config/config.js';

/** `user@example.com` → `example.com`. */
export const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1);

/** DNS names compare without case and without the root's trailing dot. */
export const normalizeDomain = (name: string) => name.toLowerCase().replace(/\.$/, '');

/** The config's sender address without its display name, and its domain; undefined without emailAddress. */
export const senderOf = (
  config: Pick<AwsSesConfig, 'emailAddress'>
): { address: string; domain: string } | undefined => {
  if (!config.emailAddress) {
    return undefined;
  }
  const { address } = parseMailbox(config.emailAddress);
  return { address, domain: domainOf(address) };
};

/** Whether an SES identity is an email address (which has no DNS records of its own), not a domain. */
export const isAddressIdentity = (
  identity: string,
  { IdentityType }: Pick<GetEmailIdentityCommandOutput, 'IdentityType'>
) => IdentityType === 'EMAIL_ADDRESS' || identity.includes('@');

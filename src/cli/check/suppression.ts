/**
 * SES's suppression list: mail to an address on it is accepted (there is a MessageId) and then
 * dropped, the commonest "the code never came" with nothing in any log. GetSuppressedDestination
 * for the `--to` address, and which bounces or complaints put addresses there automatically (the
 * account's setting, which a configuration set may override).
 */
import {
  GetSuppressedDestinationCommand,
  type GetAccountCommandOutput,
  type GetConfigurationSetCommandOutput,
  type SuppressedDestination,
} from '@aws-sdk/client-sesv2';

import type { ClientSettings } from '../../transport/client-settings.js';

import { couldNotCheck, fail, pass, skip, type Finding } from './finding.js';
import { probe } from './probe.js';
import { answered, unchecked, type Step } from './step.js';

const id = 'suppression.recipient';

const reasonWords: Record<string, string> = {
  BOUNCE: 'a hard bounce (the mailbox did not exist or refused the mail)',
  COMPLAINT: 'a complaint (the recipient marked a mail as spam)',
};

const reasonFixes: Record<string, string> = {
  BOUNCE: 'make sure the address exists and is spelled right, then remove it from the list',
  COMPLAINT: 'remove it from the list only if the user asks for mail again',
};

const utc = (date: Date | undefined) =>
  date && !Number.isNaN(date.getTime()) ? date.toISOString().replace(/\.\d+Z$/, 'Z') : 'an unknown time';

/** The address is on the list: why, since when, and how to take it off. */
export const suppressedFinding = (destination: SuppressedDestination, region: string): Finding => {
  const address = destination.EmailAddress ?? 'the address';
  const reason = destination.Reason ?? 'unknown';
  const messageId = destination.Attributes?.MessageId;
  return fail(
    id,
    `${address} is on the account's suppression list in ${region} since ${utc(destination.LastUpdateTime)}, after ${
      reasonWords[reason] ?? `reason ${reason}`
    }${messageId ? ` to message ${messageId}` : ''}; SES accepts mail to it and drops it.`,
    `${reasonFixes[reason] ?? 'find out why it was added, then remove it from the list'}: SES console in ${region}, Suppression list, or aws sesv2 delete-suppressed-destination --email-address ${address} --region ${region}.`
  );
};

/** Looks the `--to` address up on the account-level suppression list of the region. */
export const checkRecipient = async (settings: ClientSettings, to: string | undefined): Promise<Step> => {
  if (to === undefined) {
    return answered(skip(id, 'no --to address to look up'));
  }
  const result = await probe(settings, 'GetSuppressedDestination', async (client, abortSignal) =>
    client.send(new GetSuppressedDestinationCommand({ EmailAddress: to }), { abortSignal })
  );
  switch (result.outcome) {
    case 'ok': {
      const destination = result.output.SuppressedDestination;
      return answered(
        destination
          ? suppressedFinding(destination, settings.region)
          : couldNotCheck(id, `SES answered without the entry for ${to}`)
      );
    }
    case 'not found': {
      return answered(pass(id, `${to} is not on the account's suppression list in ${settings.region}`));
    }
    default: {
      return unchecked(id, 'GetSuppressedDestination', result);
    }
  }
};

const events: Record<string, string> = { BOUNCE: 'a hard bounce', COMPLAINT: 'a complaint' };

const listed = (reasons: readonly string[]) =>
  reasons.length > 0
    ? `SES adds an address after ${[...reasons]
        .sort()
        .map((reason) => events[reason] ?? reason)
        .join(' or ')}`
    : 'SES adds no address automatically';

/** Which events put addresses on the list: the account's setting, and the configuration set's over it. */
export const suppressionSettingsFindings = (
  account: GetAccountCommandOutput | undefined,
  configurationSetName: string | undefined,
  configurationSet: GetConfigurationSetCommandOutput | undefined
): Finding[] => {
  const reasons = account?.SuppressionAttributes?.SuppressedReasons;
  const ofAccount = { id: 'suppression.account', scope: 'account' } as const;
  const accountFinding = reasons
    ? pass(ofAccount, listed(reasons))
    : couldNotCheck(ofAccount, 'SES did not report its settings');
  if (!configurationSetName) {
    return [accountFinding];
  }
  const options = configurationSet?.SuppressionOptions;
  const ofSet = { id: 'suppression.configuration-set', scope: `configuration set ${configurationSetName}` } as const;
  const setFinding = !configurationSet
    ? couldNotCheck(ofSet, 'SES did not show the configuration set')
    : options?.SuppressedReasons
      ? pass(ofSet, `overrides the account's: ${listed(options.SuppressedReasons)}`)
      : pass(ofSet, "the account's settings apply");
  return [accountFinding, setFinding];
};

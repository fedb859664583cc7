/**
 * What SES's answers mean, line by line: pure functions of GetAccount, GetEmailIdentity and
 * GetConfigurationSet outputs. A fact SES did not report could not be checked.
 */
import type {
  GetAccountCommandOutput,
  GetConfigurationSetCommandOutput,
  GetEmailIdentityCommandOutput,
} from '@aws-sdk/client-sesv2';

import { isAddressIdentity } from './domain.js';
import { couldNotCheck, fail, pass, type Finding } from './finding.js';

const count = (value: number) => value.toLocaleString('en-US');

type Account = GetAccountCommandOutput;

const sendingFinding = ({ SendingEnabled }: Account, region: string): Finding => {
  if (SendingEnabled === undefined) {
    return couldNotCheck('account.sending', 'SES did not report whether sending is enabled');
  }
  return SendingEnabled
    ? pass('account.sending', `enabled for the account in ${region}`)
    : fail(
        'account.sending',
        `disabled for the account in ${region}.`,
        "the SES console's Account dashboard gives the reason; once it is resolved, re-enable sending there (or with aws sesv2 put-account-sending-attributes --sending-enabled)."
      );
};

const enforcementFixes: Record<string, string> = {
  PROBATION:
    'SES is reviewing the account, usually for its bounce or complaint rate: find the cause in the SES console (Reputation metrics) and fix it before SES pauses sending.',
  SHUTDOWN: 'SES stopped sending for this account: answer the review case in the AWS Support Center.',
};

const enforcementFinding = ({ EnforcementStatus: status }: Account): Finding => {
  if (status === undefined) {
    return couldNotCheck('account.enforcement', 'not reported');
  }
  return status === 'HEALTHY'
    ? pass('account.enforcement', 'HEALTHY')
    : fail('account.enforcement', `${status}.`, enforcementFixes[status] ?? "see the SES console's Account dashboard.");
};

const productionAccessFinding = ({ ProductionAccessEnabled, Details }: Account, region: string): Finding => {
  if (ProductionAccessEnabled === undefined) {
    return couldNotCheck('account.production-access', 'not reported');
  }
  if (ProductionAccessEnabled) {
    return pass('account.production-access', `yes, SES sends to any address from ${region}`);
  }
  const review = Details?.ReviewDetails;
  const fix =
    review?.Status === 'PENDING'
      ? `a request for production access is pending${review.CaseId ? ` (case ${review.CaseId})` : ''}: wait for AWS's answer; until then verify each recipient.`
      : 'request production access in the SES console (Account dashboard); until then verify each recipient.';
  return fail(
    'account.production-access',
    `no, the account is in the SES sandbox in ${region} and sends only to verified addresses.`,
    fix
  );
};

/** SES reports -1 for an account without a 24-hour limit. */
const quotaFinding = ({ SendQuota }: Account): Finding => {
  const max = SendQuota?.Max24HourSend;
  const sent = SendQuota?.SentLast24Hours ?? 0;
  if (max === undefined) {
    return couldNotCheck('account.quota', 'not reported');
  }
  if (max < 0) {
    return pass('account.quota', `no limit (${count(sent)} sent in the last 24 hours)`);
  }
  return sent < max
    ? pass('account.quota', `${count(sent)} of ${count(max)} emails used`)
    : fail(
        'account.quota',
        `all ${count(max)} emails used; SES refuses mail until the window frees some.`,
        'request a higher sending quota (Service Quotas console, Amazon SES).'
      );
};

const sendRateFinding = ({ SendQuota }: Account): Finding => {
  const rate = SendQuota?.MaxSendRate;
  return rate === undefined
    ? couldNotCheck('account.send-rate', 'not reported')
    : pass('account.send-rate', `${count(rate)} ${rate === 1 ? 'email' : 'emails'} per second`);
};

/** GetAccount's answer, one line per fact. */
export const accountFindings = (account: Account, region: string): Finding[] => [
  sendingFinding(account, region),
  enforcementFinding(account),
  productionAccessFinding(account, region),
  quotaFinding(account),
  sendRateFinding(account),
];

const dkimFixes: Record<string, string> = {
  PENDING:
    'SES has not found the DKIM records yet: publish the CNAME records the SES console lists for the identity; detection can take up to 72 hours.',
  FAILED:
    'SES could not find the DKIM records: publish the CNAME records the SES console lists for the identity, then restart DKIM verification.',
  TEMPORARY_FAILURE:
    "SES could not look up the DKIM records for now: check the domain's DNS servers answer; SES retries by itself.",
  NOT_STARTED: 'set up Easy DKIM for the domain in the SES console and publish its CNAME records.',
};

type Identity = GetEmailIdentityCommandOutput;

const verificationFinding = (identity: string, output: Identity, region: string): Finding => {
  const { VerifiedForSendingStatus, VerificationStatus } = output;
  const isAddress = isAddressIdentity(identity, output);
  const kind = isAddress ? 'address' : 'domain';
  return VerifiedForSendingStatus
    ? pass('sender-identity', `${kind} ${identity} is verified for sending in ${region}`)
    : fail(
        'sender-identity',
        `${kind} ${identity} is not verified for sending in ${region} (verification status ${VerificationStatus ?? 'unknown'}).`,
        isAddress
          ? `open the verification link AWS emailed to ${identity}, or verify its domain instead.`
          : `publish the DNS records the SES console lists for ${identity} and wait for SES to detect them.`
      );
};

const dkimFinding = (identity: string, { DkimAttributes }: Identity): Finding => {
  const status = DkimAttributes?.Status;
  if (status === undefined) {
    return couldNotCheck('dkim', `not reported for ${identity}`);
  }
  if (status !== 'SUCCESS') {
    return fail(
      'dkim',
      `not set up for ${identity} (status ${status}).`,
      dkimFixes[status] ?? 'see the identity in the SES console.'
    );
  }
  return DkimAttributes?.SigningEnabled === false
    ? fail('dkim', `signing is disabled for ${identity}.`, 'enable DKIM signing for the identity in the SES console.')
    : pass('dkim', `set up for ${identity} (status SUCCESS)`);
};

/** Whether the identity found may send, and whether its mail is DKIM-signed. */
export const identityFindings = (identity: string, output: Identity, region: string): Finding[] => [
  verificationFinding(identity, output, region),
  dkimFinding(identity, output),
];

export const configurationSetFinding = (
  name: string,
  { SendingOptions }: GetConfigurationSetCommandOutput,
  region: string
): Finding =>
  SendingOptions?.SendingEnabled === false
    ? fail(
        'configuration-set',
        `sending is disabled for ${name}.`,
        'enable sending for it in the SES console (Configuration sets), or clear configurationSetName.'
      )
    : pass('configuration-set', `${name} exists in ${region}`);

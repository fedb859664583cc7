/**
 * Easy DKIM's DNS side: SES signs with keys it publishes in its own zone, and the domain points at
 * them with three CNAME records, `<token>._domainkey.<domain>` → `<token>.dkim.amazonses.com`. The
 * DKIM status SES reports comes from its last look; the records are what receivers find now, and
 * a receiver that finds no key fails DKIM for the mail.
 */
import type { DkimAttributes } from '@aws-sdk/client-sesv2';

import type { SenderIdentity } from './answers.js';
import type { DnsAnswer } from './dns.js';
import { isAddressIdentity, normalizeDomain } from './domain.js';
import { couldNotCheck, fail, pass, skip, type Finding } from './finding.js';

/** SES's zone for Easy DKIM keys, when GetEmailIdentity does not name one (SigningHostedZone). */
const defaultZone = 'dkim.amazonses.com';

/**
 * At most this many tokens are looked up. Easy DKIM has three; an identity SES lists with many
 * more (a broken or hostile endpoint) would otherwise start one DNS query per token.
 */
export const maxDkimTokens = 10;

export type DkimRecord = { name: string; target: string };

/** Easy DKIM (AWS_SES, or AWS_SES_<REGION> when copied from another region); BYODKIM is EXTERNAL. */
const isEasyDkim = (dkim: DkimAttributes) => (dkim.SigningAttributesOrigin ?? 'AWS_SES').startsWith('AWS_SES');

/** The CNAME records a domain identity's Easy DKIM needs; none for an address or BYODKIM. */
export const easyDkimRecords = ({ identity, output }: SenderIdentity): DkimRecord[] => {
  const dkim = output.DkimAttributes;
  if (isAddressIdentity(identity, output) || !dkim || !isEasyDkim(dkim)) {
    return [];
  }
  return (dkim.Tokens ?? []).slice(0, maxDkimTokens).map((token) => ({
    name: `${token}._domainkey.${identity}`,
    target: `${token}.${dkim.SigningHostedZone ?? defaultZone}`,
  }));
};

/** Why no record is looked up for this identity. */
const notLookedUp = ({ identity, output }: SenderIdentity): string => {
  if (isAddressIdentity(identity, output)) {
    return `the sender identity is the address ${identity}, which has no DKIM records of its own`;
  }
  const dkim = output.DkimAttributes;
  if (dkim && !isEasyDkim(dkim)) {
    return `${identity} uses its own DKIM key (BYODKIM), whose TXT record SES checks itself`;
  }
  return `SES lists none for ${identity} (DKIM is not set up)`;
};

export const dkimRecordsFinding = (
  sender: SenderIdentity,
  answers: Array<DkimRecord & { answer: DnsAnswer<string> }>
): Finding => {
  if (answers.length === 0) {
    return skip('dkim.records', `not looked up, as ${notLookedUp(sender)}`);
  }
  const failed = answers.find(({ answer }) => answer.outcome === 'failed');
  if (failed?.answer.outcome === 'failed') {
    return couldNotCheck('dkim.records', failed.answer.reason);
  }
  const listed = sender.output.DkimAttributes?.Tokens?.length ?? answers.length;
  const beyond =
    listed > answers.length
      ? `SES lists ${listed} DKIM tokens for ${sender.identity}, where Easy DKIM has 3, and only the first ${answers.length} were looked up`
      : undefined;
  const problems = answers.flatMap(({ name, target, answer }) => {
    const found = answer.outcome === 'found' ? answer.records : [];
    if (found.some((cname) => normalizeDomain(cname) === normalizeDomain(target))) {
      return [];
    }
    return [found.length === 0 ? `${name} has no CNAME` : `${name} points to ${found.join(', ')}, not ${target}`];
  });
  if (problems.length === 0 && beyond) {
    return couldNotCheck(
      'dkim.records',
      `${beyond}; their CNAMEs point to SES's keys, the other ${listed - answers.length} are not checked`
    );
  }
  if (problems.length === 0) {
    return pass('dkim.records', `the ${answers.length} CNAMEs under _domainkey.${sender.identity} point to SES's keys`);
  }
  return fail(
    'dkim.records',
    `${problems.join('; ')}; receivers then find no key and DKIM fails.${beyond ? ` (${beyond}.)` : ''}`,
    `publish in the DNS of ${sender.identity} ${answers
      .map(({ name, target }) => `${name} CNAME ${target}`)
      .join(', ')} (SES console, Identities, ${sender.identity}, Authentication).`
  );
};

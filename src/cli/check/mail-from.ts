/**
 * A custom MAIL FROM domain (the bounce address, which SPF checks) under the sender's domain lets
 * SPF align for DMARC. It needs an MX record pointing at SES's feedback endpoint of the region and
 * an SPF record that allows SES. Until SES finds the MX, it either falls back to its own MAIL FROM
 * or, if so configured, refuses every send. Pure functions of GetEmailIdentity's
 * MailFromAttributes and the DNS answers.
 */
import type { MailFromAttributes } from '@aws-sdk/client-sesv2';

import type { DnsAnswer, MxRecord } from './dns.js';
import { normalizeDomain } from './domain.js';
import { couldNotCheck, fail, pass, skip, warn, type Finding } from './finding.js';

/** Where SES receives bounces for a custom MAIL FROM domain in `region`. */
export const feedbackHost = (region: string) => `feedback-smtp.${region}.amazonses.com`;

const spfRecord = 'v=spf1 include:amazonses.com ~all';

export type MailFromInput = {
  identity: string;
  region: string;
  attributes?: MailFromAttributes;
  mx?: DnsAnswer<MxRecord>;
  txt?: DnsAnswer<string>;
};

const where = (identity: string) => `SES console, Identities, ${identity}, Custom MAIL FROM domain`;

const statusFinding = (identity: string, domain: string, attributes: MailFromAttributes, region: string): Finding => {
  const status = attributes.MailFromDomainStatus ?? 'unknown';
  if (status === 'SUCCESS') {
    return pass('mail-from', `${domain} is set up for ${identity} (status SUCCESS)`);
  }
  const publish = `publish the MX record ${feedbackHost(region)} and the TXT record "${spfRecord}" at ${domain}; SES detects them by itself`;
  if (attributes.BehaviorOnMxFailure === 'REJECT_MESSAGE') {
    return fail(
      'mail-from',
      `${domain} is not verified (status ${status}), and on MX failure SES rejects the message: every send fails with MailFromDomainNotVerified.`,
      `${publish}; until then set "Behavior on MX failure" to "Use default MAIL FROM domain" (${where(identity)}).`
    );
  }
  return warn(
    'mail-from',
    `${domain} is not verified (status ${status}); SES sends with its own MAIL FROM (amazonses.com) instead, so SPF does not align with the From domain.`,
    `${publish} (${where(identity)}).`
  );
};

const mxFinding = (domain: string, region: string, mx: DnsAnswer<MxRecord>): Finding => {
  const expected = feedbackHost(region);
  if (mx.outcome === 'failed') {
    return couldNotCheck('mail-from.mx', `${mx.reason}`);
  }
  const exchanges = mx.outcome === 'found' ? mx.records.map(({ exchange }) => exchange) : [];
  if (exchanges.some((exchange) => normalizeDomain(exchange) === expected)) {
    return pass('mail-from.mx', `${domain} has MX ${expected}`);
  }
  return fail(
    'mail-from.mx',
    `${domain} has ${exchanges.length === 0 ? 'no MX record' : `MX ${exchanges.join(', ')} but not ${expected}`}, so SES cannot use it.`,
    `publish an MX record at ${domain}: 10 ${expected}.`
  );
};

/** `include:amazonses.com`, with or without the + qualifier, as one term of the record. */
const allowsSes = (record: string) => record.split(/\s+/).some((term) => /^\+?include:amazonses\.com$/i.test(term));

const spfFinding = (domain: string, txt: DnsAnswer<string>): Finding => {
  if (txt.outcome === 'failed') {
    return couldNotCheck('mail-from.spf', `${txt.reason}`);
  }
  const records = txt.outcome === 'found' ? txt.records.filter((text) => /^v=spf1(?:\s|$)/i.test(text.trim())) : [];
  const [record] = records;
  if (record === undefined) {
    return fail(
      'mail-from.spf',
      `${domain} has no SPF record, so SPF fails for mail SES sends from it.`,
      `publish a TXT record at ${domain}: "${spfRecord}".`
    );
  }
  if (records.length > 1) {
    return fail(
      'mail-from.spf',
      `${domain} has ${records.length} SPF records; receivers treat that as an error (permerror).`,
      `merge them into one TXT record that includes amazonses.com, such as "${spfRecord}".`
    );
  }
  return allowsSes(record)
    ? pass('mail-from.spf', `${domain} has "${record}"`)
    : fail(
        'mail-from.spf',
        `the SPF record of ${domain} ("${record}") does not include amazonses.com, so SPF fails for mail SES sends.`,
        `add include:amazonses.com to it, before its all term.`
      );
};

export const mailFromFindings = ({ identity, region, attributes, mx, txt }: MailFromInput): Finding[] => {
  const domain = attributes?.MailFromDomain;
  if (!attributes || !domain) {
    return [
      skip(
        'mail-from',
        `no custom MAIL FROM domain for ${identity}; SES uses its own (amazonses.com), so only DKIM can align for DMARC`
      ),
    ];
  }
  return [
    statusFinding(identity, domain, attributes, region),
    ...(mx ? [mxFinding(domain, region, mx)] : []),
    ...(txt ? [spfFinding(domain, txt)] : []),
  ];
};

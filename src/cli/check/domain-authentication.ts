/**
 * Sender domain authentication, the reasons mail SES accepted lands in junk or nowhere: DKIM
 * records, the DMARC policy and alignment, and a custom MAIL FROM domain. Reads the sender
 * identity GetEmailIdentity showed (no new call to SES) and asks DNS, all queries at once.
 */
import type { AwsSesConfig } from '../../config/config.js';

import type { SenderIdentity } from './answers.js';
import { dkimRecordsFinding, easyDkimRecords } from './dkim-records.js';
import { discoverDmarc } from './dmarc.js';
import { alignmentFinding, dmarcRecordFinding } from './dmarc-findings.js';
import type { DnsLookup } from './dns.js';
import { domainOf, senderOf } from './domain.js';
import { skip } from './finding.js';
import { mailFromFindings } from './mail-from.js';
import { answered, type Step } from './step.js';

/** The d= SES signs with: the identity's domain once its DKIM works, else only amazonses.com. */
const dkimDomainOf = ({ identity, output }: SenderIdentity): string | undefined => {
  const dkim = output.DkimAttributes;
  return dkim?.Status === 'SUCCESS' && dkim.SigningEnabled !== false ? domainOf(identity) : undefined;
};

/** The custom MAIL FROM domain, when SES uses it (it falls back to its own until SUCCESS). */
const mailFromDomainOf = ({ output }: SenderIdentity): string | undefined => {
  const attributes = output.MailFromAttributes;
  return attributes?.MailFromDomainStatus === 'SUCCESS' ? attributes.MailFromDomain : undefined;
};

export const checkDomainAuthentication = async (
  config: AwsSesConfig,
  region: string,
  sender: SenderIdentity | undefined,
  dns: DnsLookup
): Promise<Step> => {
  const from = senderOf(config);
  if (!from) {
    return answered(skip('domain-authentication', 'no emailAddress to look up'));
  }
  const fromDomain = from.domain;
  const dkimRecords = sender ? easyDkimRecords(sender) : [];
  const mailFromDomain = sender?.output.MailFromAttributes?.MailFromDomain;

  const [discovery, cnames, mx, txt] = await Promise.all([
    discoverDmarc(fromDomain, dns.txt),
    Promise.all(dkimRecords.map(async (record) => ({ ...record, answer: await dns.cname(record.name) }))),
    mailFromDomain ? dns.mx(mailFromDomain) : undefined,
    mailFromDomain ? dns.txt(mailFromDomain) : undefined,
  ]);

  const unknown = 'not checked, as SES did not show the sender identity';
  return answered(
    sender ? dkimRecordsFinding(sender, cnames) : skip('dkim.records', unknown),
    dmarcRecordFinding(fromDomain, discovery),
    alignmentFinding({
      fromDomain,
      discovery,
      identityKnown: sender !== undefined,
      ...(sender && { dkimDomain: dkimDomainOf(sender), mailFromDomain: mailFromDomainOf(sender) }),
    }),
    ...(sender
      ? mailFromFindings({
          identity: sender.identity,
          region,
          attributes: sender.output.MailFromAttributes,
          ...(mx && { mx }),
          ...(txt && { txt }),
        })
      : [skip('mail-from', unknown)])
  );
};

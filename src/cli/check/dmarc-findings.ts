/**
 * What DMARC means for the sender's mail: is there a policy for the From domain, and does SES
 * authenticate the mail as that domain. Gmail and Yahoo have required a DMARC record from bulk
 * senders since 2024 and junk or refuse unauthenticated mail, which is where codes go missing.
 * Pure functions of the DNS answers and GetEmailIdentity's.
 */
import { aligns, type DmarcDiscovery } from './dmarc.js';
import { couldNotCheck, fail, pass, skip, warn, type Finding } from './finding.js';

/** The policy that applies: sp= when the record is a parent domain's and has one. */
const appliedPolicy = (fromDomain: string, discovery: Extract<DmarcDiscovery, { outcome: 'found' }>) =>
  discovery.recordDomain === fromDomain
    ? discovery.record.policy
    : (discovery.record.subdomainPolicy ?? discovery.record.policy);

export const dmarcRecordFinding = (fromDomain: string, discovery: DmarcDiscovery): Finding => {
  switch (discovery.outcome) {
    case 'failed': {
      return couldNotCheck('dmarc.record', discovery.reason);
    }
    case 'none': {
      const organization = discovery.organizationalDomain;
      return fail(
        'dmarc.record',
        `no v=DMARC1 record at _dmarc.${fromDomain}${
          organization === fromDomain ? '' : ` nor at its organizational domain's _dmarc.${organization}`
        }; Gmail and Yahoo junk or refuse bulk mail from a domain without one.`,
        `publish a TXT record at _dmarc.${organization}: "v=DMARC1; p=none; rua=mailto:dmarc-reports@${organization}", and raise p to quarantine once the reports show your mail aligns.`
      );
    }
    case 'found': {
      const { record, recordDomain } = discovery;
      const policy = appliedPolicy(fromDomain, discovery);
      if (!policy) {
        return fail(
          'dmarc.record',
          `the record at _dmarc.${recordDomain} has no valid p= tag ("${record.text}"), so receivers ignore it.`,
          `set p=none, p=quarantine or p=reject in the TXT record at _dmarc.${recordDomain}.`
        );
      }
      const whose =
        recordDomain === fromDomain
          ? ''
          : record.psd === 'y'
            ? `, a public suffix operator's record for ${fromDomain}`
            : `, the organizational domain's record for ${fromDomain}`;
      return pass('dmarc.record', `p=${policy} at _dmarc.${recordDomain}${whose}`);
    }
  }
};

export type AlignmentInput = {
  fromDomain: string;
  discovery: DmarcDiscovery;
  /** Whether GetEmailIdentity showed the sender identity; without it, nothing is known. */
  identityKnown: boolean;
  /** The d= SES signs with for the domain: undefined when only SES's own amazonses.com signature is made. */
  dkimDomain?: string;
  /** A custom MAIL FROM domain that SES uses (status SUCCESS); otherwise SES's own under amazonses.com. */
  mailFromDomain?: string;
};

/**
 * DMARC passes when DKIM or SPF passes for a domain that aligns with the From domain. SES always
 * signs as amazonses.com too, and sends with MAIL FROM amazonses.com unless told otherwise: both
 * pass, neither aligns.
 */
export const alignmentFinding = ({
  fromDomain,
  discovery,
  identityKnown,
  dkimDomain,
  mailFromDomain,
}: AlignmentInput): Finding => {
  if (!identityKnown) {
    return skip('dmarc.alignment', 'not checked, as SES did not show the sender identity');
  }
  const found = discovery.outcome === 'found' ? discovery : undefined;
  // Without a record (or its answer), relaxed alignment within the From domain itself.
  const organization = discovery.outcome === 'failed' ? fromDomain : discovery.organizationalDomain;
  const dkimMode = found?.record.dkimAlignment ?? 'relaxed';
  const spfMode = found?.record.spfAlignment ?? 'relaxed';
  const dkimAligned = dkimDomain !== undefined && aligns(dkimDomain, fromDomain, organization, dkimMode);
  const spfAligned = mailFromDomain !== undefined && aligns(mailFromDomain, fromDomain, organization, spfMode);
  const strict = dkimMode === 'strict' ? ' (adkim=s)' : '';
  if (dkimAligned) {
    return pass(
      'dmarc.alignment',
      `SES signs with DKIM as ${dkimDomain}, aligned with the From domain ${fromDomain}${strict}`
    );
  }
  const easyDkimFix = `verify the domain ${fromDomain} in SES with Easy DKIM (SES console, Identities, Create identity, Domain) and publish its three CNAME records: SES then signs as ${fromDomain}.`;
  const dkimFix =
    dkimDomain === undefined
      ? easyDkimFix
      : `send from an address at ${dkimDomain}, or set adkim=r in the DMARC record at _dmarc.${found?.recordDomain ?? fromDomain}.`;
  const signs =
    dkimDomain === undefined
      ? 'SES signs with DKIM as amazonses.com only'
      : `SES signs with DKIM as ${dkimDomain}, which does not align with ${fromDomain}${strict}`;
  if (spfAligned) {
    return warn(
      'dmarc.alignment',
      `only SPF aligns, through the MAIL FROM domain ${mailFromDomain}; ${signs}, so DMARC fails wherever SPF does not survive (forwarded mail).`,
      dkimFix
    );
  }
  const policy = found ? appliedPolicy(fromDomain, found) : undefined;
  return fail(
    'dmarc.alignment',
    `${signs}, and the MAIL FROM domain is ${mailFromDomain ?? "SES's own (amazonses.com)"}; neither aligns with the From domain ${fromDomain}, so DMARC fails${
      policy ? ` and receivers apply p=${policy}` : ''
    }.`,
    dkimFix
  );
};

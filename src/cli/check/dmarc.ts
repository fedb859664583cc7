/**
 * DMARC as a receiver applies it to a From domain (RFC 9989, DMARCbis): which record applies, and
 * whether SES's DKIM and MAIL FROM domains align with the From domain.
 *
 * The organizational domain comes from the DNS tree walk, not from the Public Suffix List: the
 * libraries that parse DMARC records bundle the list (or more), which alone would exceed the
 * budget of lib/, while the walk needs at most eight TXT queries. The record itself is a short
 * `tag=value;` list, read here.
 */
import type { DnsAnswer } from './dns.js';
import { normalizeDomain } from './domain.js';

export type DmarcPolicy = 'none' | 'quarantine' | 'reject';
export type AlignmentMode = 'relaxed' | 'strict';

export type DmarcRecord = {
  /** The record as published. */
  text: string;
  /** p=; undefined when missing or not one of none, quarantine, reject. */
  policy?: DmarcPolicy;
  /** sp=, the policy for subdomains of the domain that publishes the record. */
  subdomainPolicy?: DmarcPolicy;
  /** adkim= and aspf=, relaxed unless `s`. */
  dkimAlignment: AlignmentMode;
  spfAlignment: AlignmentMode;
  /** psd=: y marks a public suffix operator's record, n an organizational domain's. */
  psd?: string;
};

const policies = new Set<string>(['none', 'quarantine', 'reject']);

/** A record starts with `v=DMARC1` (the tag in either case, the value exactly so). */
const isDmarcRecord = (text: string) => /^[vV]\s*=\s*DMARC1\s*(?:;|$)/.test(text);

export const parseDmarcRecord = (text: string): DmarcRecord | undefined => {
  const trimmed = text.trim();
  if (!isDmarcRecord(trimmed)) {
    return undefined;
  }
  const tags = new Map<string, string>();
  for (const part of trimmed.split(';')) {
    const equals = part.indexOf('=');
    if (equals > 0) {
      tags.set(part.slice(0, equals).trim().toLowerCase(), part.slice(equals + 1).trim());
    }
  }
  const value = (tag: string) => tags.get(tag)?.toLowerCase();
  const policyOf = (tag: string) => {
    const policy = value(tag);
    return policy !== undefined && policies.has(policy) ? (policy as DmarcPolicy) : undefined;
  };
  const [policy, subdomainPolicy] = [policyOf('p'), policyOf('sp')];
  return {
    text: trimmed,
    ...(policy && { policy }),
    ...(subdomainPolicy && { subdomainPolicy }),
    dkimAlignment: value('adkim') === 's' ? 'strict' : 'relaxed',
    spfAlignment: value('aspf') === 's' ? 'strict' : 'relaxed',
    ...(value('psd') !== undefined && { psd: value('psd') }),
  };
};

export type DmarcDiscovery =
  | {
      outcome: 'found';
      record: DmarcRecord;
      /** Where it was found: the From domain itself, its organizational domain, or a public suffix's. */
      recordDomain: string;
      organizationalDomain: string;
    }
  | { outcome: 'none'; organizationalDomain: string }
  | { outcome: 'failed'; reason: string };

/** A walk shortens a name of eight or more labels to seven at once (RFC 9989, 4.10). */
const maxWalkLabels = 7;

type Found = { domain: string; record: DmarcRecord };

/**
 * The DNS tree walk: `_dmarc.<name>` for the domain, then for each shorter name, until a record
 * with a psd tag or no label is left. Several DMARC records at one name count as none.
 */
const treeWalk = async (
  domain: string,
  txt: (name: string) => Promise<DnsAnswer<string>>
): Promise<{ found: Found[]; failure?: string }> => {
  const found: Found[] = [];
  let labels = domain.split('.');
  while (labels.length > 0) {
    const name = labels.join('.');
    const answer = await txt(`_dmarc.${name}`);
    if (answer.outcome === 'failed') {
      return { found, failure: answer.reason };
    }
    const records = answer.outcome === 'found' ? answer.records.flatMap((text) => parseDmarcRecord(text) ?? []) : [];
    const [record] = records;
    if (record && records.length === 1) {
      found.push({ domain: name, record });
      if (record.psd === 'y' || record.psd === 'n') {
        break;
      }
    }
    labels = labels.length > maxWalkLabels ? labels.slice(-maxWalkLabels) : labels.slice(1);
  }
  return { found };
};

/** RFC 9989, 4.10.2: from the records found, longest name first. */
const organizationalDomainOf = (domain: string, found: Found[]): string => {
  for (const { domain: recordDomain, record } of found) {
    if (record.psd === 'n') {
      return recordDomain;
    }
    if (record.psd === 'y' && recordDomain !== domain) {
      // The name one label below the public suffix.
      return domain
        .split('.')
        .slice(-(recordDomain.split('.').length + 1))
        .join('.');
    }
  }
  return found.at(-1)?.domain ?? domain;
};

/**
 * The record that applies to mail from `domain` (RFC 9989, 4.10.1): its own, else its
 * organizational domain's, else a public suffix operator's (psd=y).
 */
export const discoverDmarc = async (
  domain: string,
  txt: (name: string) => Promise<DnsAnswer<string>>
): Promise<DmarcDiscovery> => {
  const name = normalizeDomain(domain);
  const { found, failure } = await treeWalk(name, txt);
  const own = found[0]?.domain === name ? found[0] : undefined;
  if (failure !== undefined && !own) {
    return { outcome: 'failed', reason: failure };
  }
  // When the walk broke off after the domain's own record, its own name is the best guess.
  const organizationalDomain = failure === undefined ? organizationalDomainOf(name, found) : name;
  const last = found.at(-1);
  const applies =
    own ??
    found.find(({ domain: recordDomain }) => recordDomain === organizationalDomain) ??
    (last?.record.psd === 'y' ? last : undefined);
  return applies
    ? { outcome: 'found', record: applies.record, recordDomain: applies.domain, organizationalDomain }
    : { outcome: 'none', organizationalDomain };
};

/**
 * Whether `authenticated` (the DKIM d= or the MAIL FROM domain) aligns with the From domain.
 * Relaxed: both are in the From domain's organizational domain; the walk for `authenticated`
 * itself is not made, as SES's domains are either the From domain's own or amazonses.com.
 */
export const aligns = (
  authenticated: string,
  fromDomain: string,
  organizationalDomain: string,
  mode: AlignmentMode
): boolean => {
  const candidate = normalizeDomain(authenticated);
  const organization = normalizeDomain(organizationalDomain);
  if (candidate === normalizeDomain(fromDomain)) {
    return true;
  }
  return mode === 'relaxed' && (candidate === organization || candidate.endsWith(`.${organization}`));
};

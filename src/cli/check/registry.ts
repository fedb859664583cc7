/**
 * Every finding `logto-ses check` can report, by id: the one place an id is spelled. The ids are a
 * contract (`--json` consumers key on them, docs/check-findings.md lists each, and a test holds the
 * two together), so an id is added here, never renamed. A finding's line starts with its subject
 * (the words before the colon); the rest of its facts are what does not change from run to run.
 */

/** What the registry knows of a finding before anything is checked. */
export type FindingEntry = {
  /** The words that start its line, before any "(scope)" or "(region)". */
  subject: string;
  /** For a VDM recommendation: the `Type` SES gives it (ListRecommendations). */
  vdmType?: string;
};

const vdm = (vdmType: string): FindingEntry => ({ subject: 'VDM', vdmType });

/** In the order of docs/check-findings.md's table, which is the order `check` prints them. */
export const findingRegistry = {
  // Offline: the config alone.
  config: { subject: 'config' },
  'config.unknown-key': { subject: 'config' },
  'templates.render': { subject: 'templates' },
  'templates.missing': { subject: 'templates' },
  'templates.broken': { subject: 'templates' },
  'templates.unknown-type': { subject: 'templates' },
  sender: { subject: 'sender' },
  'reply-to': { subject: 'reply-to' },
  'feedback-forwarding': { subject: 'feedback forwarding' },
  region: { subject: 'region' },
  credentials: { subject: 'credentials' },
  // GetAccount, GetMultiRegionEndpoint, GetEmailIdentity, GetConfigurationSet.
  account: { subject: 'account' },
  'account.sending': { subject: 'sending' },
  'account.enforcement': { subject: 'enforcement status' },
  'account.production-access': { subject: 'production access' },
  'account.quota': { subject: '24-hour quota' },
  'account.send-rate': { subject: 'max send rate' },
  'global-endpoint': { subject: 'global endpoint' },
  'sender-identity': { subject: 'sender identity' },
  dkim: { subject: 'DKIM' },
  'configuration-set': { subject: 'configuration set' },
  // Why a code SES accepted may not arrive.
  'suppression.recipient': { subject: 'suppression list' },
  'suppression.account': { subject: 'suppression list' },
  'suppression.configuration-set': { subject: 'suppression list' },
  'domain-authentication': { subject: 'domain authentication' },
  'dkim.records': { subject: 'DKIM records' },
  'dmarc.record': { subject: 'DMARC' },
  'dmarc.alignment': { subject: 'DMARC alignment' },
  'mail-from': { subject: 'MAIL FROM' },
  'mail-from.mx': { subject: 'MAIL FROM MX' },
  'mail-from.spf': { subject: 'MAIL FROM SPF' },
  'delivery-window': { subject: 'delivery window' },
  vdm: { subject: 'VDM' },
  'vdm.dkim': vdm('DKIM'),
  'vdm.dmarc': vdm('DMARC'),
  'vdm.spf': vdm('SPF'),
  'vdm.bimi': vdm('BIMI'),
  'vdm.bounce': vdm('BOUNCE'),
  'vdm.complaint': vdm('COMPLAINT'),
  'vdm.feedback-3p': vdm('FEEDBACK_3P'),
  'vdm.ip-listing': vdm('IP_LISTING'),
  /** A recommendation of a type SES added after these (or without a type). */
  'vdm.other': { subject: 'VDM' },
} as const satisfies Record<string, FindingEntry>;

export type FindingId = keyof typeof findingRegistry;

export const findingIds = Object.keys(findingRegistry) as FindingId[];

export const subjectOf = (id: FindingId): string => findingRegistry[id].subject;

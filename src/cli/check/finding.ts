import { subjectOf, type FindingId } from './registry.js';

/**
 * One line of `logto-ses check`. "could not check" is not a failure: the endpoint lacks the API,
 * the credentials may not call it (sending needs only ses:SendEmail), or a DNS server did not
 * answer. "warn" is not a failure either: the mail goes out, but may arrive too late or in junk.
 */
export type FindingStatus = 'pass' | 'warn' | 'fail' | 'skip' | 'could not check';

export type Finding = {
  /**
   * What was checked, stable across releases so `--json` consumers can key on it
   * (docs/check-findings.md, "What check reports"). A few ids repeat: one per broken template, per VDM recommendation, and per
   * region of a global endpoint (then `region` tells them apart).
   */
  id: FindingId;
  /** The words that start the line, from the registry. */
  subject: string;
  /** Which one of the subject, when the id alone does not say: "account", a configuration set, a VDM type. */
  scope?: string;
  /** With a global endpoint, the region the finding is about. */
  region?: string;
  status: FindingStatus;
  /** What was found, after the subject and its colon. */
  text: string;
  /** What to do about a failure or a warning. */
  fix?: string;
};

/** A finding's id, with its scope when the id alone does not say which one it is. */
export type About = FindingId | { id: FindingId; scope: string };

const found = (about: About, status: FindingStatus, text: string, fix?: string): Finding => {
  const { id, scope } = typeof about === 'string' ? { id: about, scope: undefined } : about;
  return { id, subject: subjectOf(id), ...(scope && { scope }), status, text, ...(fix && { fix }) };
};

export const pass = (about: About, text: string): Finding => found(about, 'pass', text);
export const warn = (about: About, text: string, fix?: string): Finding => found(about, 'warn', text, fix);
export const fail = (about: About, text: string, fix?: string): Finding => found(about, 'fail', text, fix);
export const skip = (about: About, text: string): Finding => found(about, 'skip', text);
export const couldNotCheck = (about: About, text: string): Finding => found(about, 'could not check', text);

/** "sender identity (eu-west-1): …": the subject, what of it, where, then what was found. */
export const messageOfFinding = ({ subject, scope, region, text }: Finding): string =>
  `${subject}${scope ? ` (${scope})` : ''}${region ? ` (${region})` : ''}: ${text}`;

const labels: Record<FindingStatus, string> = {
  pass: 'pass',
  warn: 'WARN',
  fail: 'FAIL',
  skip: 'skip',
  'could not check': 'could not check',
};
const labelWidth = Math.max(...Object.values(labels).map((label) => label.length));

/** One line per finding, whatever its length, so the output can be grepped and diffed. */
export const formatFinding = (finding: Finding): string =>
  `${labels[finding.status].padEnd(labelWidth)}  ${messageOfFinding(finding)}${finding.fix ? ` Fix: ${finding.fix}` : ''}`;

export const countByStatus = (findings: readonly Finding[]): Record<FindingStatus, number> => {
  const count = (status: FindingStatus) => findings.filter((finding) => finding.status === status).length;
  return {
    pass: count('pass'),
    warn: count('warn'),
    fail: count('fail'),
    skip: count('skip'),
    'could not check': count('could not check'),
  };
};

export const summarize = (findings: readonly Finding[]): string => {
  const counts = countByStatus(findings);
  return [
    `${counts.fail} failed`,
    `${counts.pass} passed`,
    `${counts.warn} ${counts.warn === 1 ? 'warning' : 'warnings'}`,
    `${counts.skip} skipped`,
    `${counts['could not check']} could not be checked`,
  ].join(', ');
};

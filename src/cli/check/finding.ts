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
  id: string;
  status: FindingStatus;
  text: string;
  /** What to do about a failure or a warning. */
  fix?: string;
  /** With a global endpoint, the region the finding is about. */
  region?: string;
};

export const pass = (id: string, text: string): Finding => ({ id, status: 'pass', text });
export const warn = (id: string, text: string, fix?: string): Finding => ({
  id,
  status: 'warn',
  text,
  ...(fix && { fix }),
});
export const fail = (id: string, text: string, fix?: string): Finding => ({
  id,
  status: 'fail',
  text,
  ...(fix && { fix }),
});
export const skip = (id: string, text: string): Finding => ({ id, status: 'skip', text });
export const couldNotCheck = (id: string, text: string): Finding => ({ id, status: 'could not check', text });

const labels: Record<FindingStatus, string> = {
  pass: 'pass',
  warn: 'WARN',
  fail: 'FAIL',
  skip: 'skip',
  'could not check': 'could not check',
};
const labelWidth = Math.max(...Object.values(labels).map((label) => label.length));

/** One line per finding, whatever its length, so the output can be grepped and diffed. */
export const formatFinding = ({ status, text, fix }: Finding): string =>
  `${labels[status].padEnd(labelWidth)}  ${text}${fix ? ` Fix: ${fix}` : ''}`;

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

/**
 * One line of `logto-ses check`. "could not check" is not a failure: the endpoint lacks the API,
 * or the credentials may not call it (sending needs only ses:SendEmail).
 */
export type Finding = {
  status: 'pass' | 'fail' | 'skip' | 'could not check';
  text: string;
  /** What to do about a failure. */
  fix?: string;
};

export const pass = (text: string): Finding => ({ status: 'pass', text });
export const fail = (text: string, fix?: string): Finding => ({ status: 'fail', text, ...(fix && { fix }) });
export const skip = (text: string): Finding => ({ status: 'skip', text });
export const couldNotCheck = (text: string): Finding => ({ status: 'could not check', text });

const labels: Record<Finding['status'], string> = {
  pass: 'pass',
  fail: 'FAIL',
  skip: 'skip',
  'could not check': 'could not check',
};
const labelWidth = Math.max(...Object.values(labels).map((label) => label.length));

/** One line per finding, whatever its length, so the output can be grepped and diffed. */
export const formatFinding = ({ status, text, fix }: Finding): string =>
  `${labels[status].padEnd(labelWidth)}  ${text}${fix ? ` Fix: ${fix}` : ''}`;

export const summarize = (findings: readonly Finding[]): string => {
  const count = (status: Finding['status']) => findings.filter((finding) => finding.status === status).length;
  return [
    `${count('fail')} failed`,
    `${count('pass')} passed`,
    `${count('skip')} skipped`,
    `${count('could not check')} could not be checked`,
  ].join(', ');
};

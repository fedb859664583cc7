import { couldNotCheck, fail, type Finding } from './finding.js';
import type { Probe } from './probe.js';

/** The findings of one check against SES, and whether SES answered at all. */
export type Step = {
  findings: Finding[];
  /** False when SES did not answer at all (credentials, network, region): later calls would fail alike. */
  answered: boolean;
};

export const answered = (...findings: Finding[]): Step => ({ findings, answered: true });

/** What a call that did not return data means for `subject`; "not found" is the caller's to word. */
export const unchecked = (subject: string, api: string, result: Exclude<Probe<unknown>, { outcome: 'ok' }>): Step => {
  switch (result.outcome) {
    case 'unsupported': {
      return answered(couldNotCheck(`${subject}: the endpoint does not support ${api}`));
    }
    case 'denied': {
      return answered(
        couldNotCheck(`${subject}: these credentials may not call ses:${api} (sending needs only ses:SendEmail)`)
      );
    }
    default: {
      return { findings: [fail(`${subject}: ${result.message}`)], answered: false };
    }
  }
};

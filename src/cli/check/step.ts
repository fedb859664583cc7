import { couldNotCheck, fail, skip, type Finding } from './finding.js';
import type { Probe } from './probe.js';
import type { FindingId } from './registry.js';

/** The findings of one check against SES, and whether SES answered at all. */
export type Step = {
  findings: Finding[];
  /** False when SES did not answer at all (credentials, network, region): later calls would fail alike. */
  answered: boolean;
};

export const answered = (...findings: Finding[]): Step => ({ findings, answered: true });

/** What a call that did not return data means for the finding `id`; "not found" is the caller's to word. */
export const unchecked = (id: FindingId, api: string, result: Exclude<Probe<unknown>, { outcome: 'ok' }>): Step => {
  switch (result.outcome) {
    case 'unsupported': {
      return answered(couldNotCheck(id, `the endpoint does not support ${api}`));
    }
    case 'denied': {
      return answered(
        couldNotCheck(id, `these credentials may not call ses:${api} (sending needs only ses:SendEmail)`)
      );
    }
    default: {
      return { findings: [fail(id, result.message)], answered: false };
    }
  }
};

/**
 * One check in a run: `id` is its first finding's, under which it is skipped when SES stopped
 * answering before it. `run` may leave what SES answered in the context, for the checks after it.
 */
export type CheckStep<Context> = { id: FindingId; run: (context: Context) => Promise<Step> };

/**
 * Runs the steps in order. Once a call gets no answer (bad keys, a region that does not resolve,
 * a dead endpoint), the rest would fail the same way: each is skipped, under its own id.
 */
export const runSteps = async <Context>(steps: ReadonlyArray<CheckStep<Context>>, context: Context): Promise<Step> => {
  const findings: Finding[] = [];
  let reachable = true;
  for (const { id, run } of steps) {
    if (!reachable) {
      findings.push(skip(id, 'not checked, as SES did not answer the call above'));
      continue;
    }
    const step = await run(context);
    findings.push(...step.findings);
    reachable = step.answered;
  }
  return { findings, answered: reachable };
};

import { ConnectorErrorCodes } from '@logto/connector-kit';

import { newAttemptLog, type AttemptLog } from './attempt-log.js';
import { isServiceAnswer } from './aws-error.js';
import { sesWords, stsWords } from './failing-service.js';
import type { FailureContext, FailureReport } from './failure-context.js';
import { limitAdvice, sentence } from './failure-hints.js';
import { limitCode, limitKindOf } from './limits.js';
import { stsEndpointFor } from './sts-credentials.js';

/** The call's own deadline passed; the request in flight was aborted. */
export class DeadlineExceeded extends Error {
  override name = 'DeadlineExceeded';
  constructor(
    readonly timeoutMs: number,
    /** What the call went through before the deadline: throttled attempts, a wait for STS. */
    readonly log?: AttemptLog
  ) {
    super(`no answer within ${timeoutMs} ms`);
  }
}

/**
 * A deadline that passed while SES kept throttling is a sending limit, not silence: the last
 * attempt's answer says which limit, and its code lets the sign-in page say "try again later".
 */
const throttledDeadline = (
  { timeoutMs, log = newAttemptLog() }: DeadlineExceeded,
  context: FailureContext
): FailureReport | undefined => {
  const last = log.failures.at(-1);
  const limit = isServiceAnswer(last) ? limitKindOf(last.name, last.message) : undefined;
  if (!limit || !isServiceAnswer(last)) {
    return undefined;
  }
  const throttled = log.failures.length;
  // The deadline can also cut short an attempt SES had not answered yet: it counts as made.
  const attempts = Math.max(log.attempts, throttled);
  const what =
    attempts === throttled
      ? `${throttled === 1 ? 'the only attempt' : `all ${throttled} attempts`} made before timeoutMs (${timeoutMs} ms) passed`
      : `${throttled === 1 ? 'the first attempt' : `the first ${throttled} attempts`} and timeoutMs (${timeoutMs} ms) passed during the next`;
  return {
    code: limitCode(limit),
    message: `SES throttled ${what}, so the send was given up: ${sentence(`SES ${last.name}: ${last.message}`)} ${limitAdvice(limit, context, sesWords(context))}`,
    // Stryker disable next-line OptionalChaining: isServiceAnswer found $metadata on this answer
    details: { sesError: last.name, httpStatusCode: last.$metadata?.httpStatusCode, attempts, timeoutMs },
  };
};

/**
 * The deadline passed before the first attempt, with a role to assume: its credentials were still
 * being fetched, so STS, not SES, is silent.
 */
const stsDeadline = ({ timeoutMs, log }: DeadlineExceeded, context: FailureContext): FailureReport | undefined => {
  if (!context.roleArn || !log || log.reachedSes) {
    return undefined;
  }
  return {
    code: ConnectorErrorCodes.InvalidResponse,
    message: stsWords(context, stsEndpointFor(context.region)).silent(timeoutMs),
    details: { timeoutMs },
  };
};

const silentDeadline = ({ timeoutMs }: DeadlineExceeded, context: FailureContext): FailureReport => ({
  code: ConnectorErrorCodes.InvalidResponse,
  message: sesWords(context).silent(timeoutMs),
  details: { timeoutMs },
});

/** What a passed deadline means: STS still silent, SES throttling to the end, or SES silent. */
export const deadlineReport = (deadline: DeadlineExceeded, context: FailureContext): FailureReport =>
  stsDeadline(deadline, context) ?? throttledDeadline(deadline, context) ?? silentDeadline(deadline, context);

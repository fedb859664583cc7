import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import { answerTooLargeMessage } from './answer-size-hint.js';
import { attemptsOf, type AwsError } from './aws-error.js';
import type { AnswerTooLarge } from './bounded-answer.js';
import { classifyFailure, type Failure } from './classify-failure.js';
import { deadlineReport } from './deadline-failure.js';
import { failingService, type ServiceWords } from './failing-service.js';
import type { FailureContext, FailureReport } from './failure-context.js';
import {
  afterRetries,
  exceptionHint,
  limitAdvice,
  networkHint,
  provideCredentials,
  sentence,
} from './failure-hints.js';
import { limitCode, limitKindOf } from './limits.js';
import { redactDeep } from './redact.js';

export { DeadlineExceeded } from './deadline-failure.js';
export type { FailureContext } from './failure-context.js';

const serviceException = (error: AwsError, context: FailureContext, service: ServiceWords): FailureReport => {
  const { name, message } = error;
  const limit = limitKindOf(name, message);
  const hint = limit ? undefined : exceptionHint(name, message, context, service);
  // Only exceptions the operator can fix have a hint; 5xx are AWS-side; limits have codes of their own.
  const code = limit
    ? limitCode(limit)
    : hint
      ? ConnectorErrorCodes.InvalidConfig
      : ConnectorErrorCodes.InvalidResponse;
  const advice = limit ? limitAdvice(limit, context, service) : hint;
  const retries = afterRetries(attemptsOf(error));
  // "exceeded (after 3 attempts)." rather than "exceeded. (after 3 attempts)."
  const trimmed = message.trim();
  const said = retries ? trimmed.replace(/\.$/, '') : trimmed;
  return {
    code,
    message: [sentence(`${service.name} ${name}: ${said}${retries}`), advice, service.whereItWas()]
      .filter(Boolean)
      .join(' '),
    details: {
      sesError: name,
      // Stryker disable next-line OptionalChaining: a service exception has $metadata (isServiceException)
      requestId: error.$metadata?.requestId,
      // Stryker disable next-line OptionalChaining: a service exception has $metadata (isServiceException)
      httpStatusCode: error.$metadata?.httpStatusCode,
      attempts: attemptsOf(error),
    },
  };
};

const firstLine = (text: string) => text.split('\n', 1)[0]!.trim();

/**
 * An HTTP answer that is not the service's JSON: a proxy's or load balancer's error page, or a
 * truncated body. A 2xx one from SES may mean it took the message, but without a MessageId that
 * cannot be confirmed.
 */
const unreadableAnswer = (error: AwsError, status: number, service: ServiceWords): FailureReport => {
  const { name } = service;
  const message =
    service.mayHaveSent && Math.floor(status / 100) === 2
      ? `${name} answered HTTP ${status}, but its answer could not be read (${firstLine(error.message)}), so delivery cannot be confirmed.`
      : `${service.answeredBy} answered HTTP ${status} with a body that is not an ${name} answer (${firstLine(error.message)})${afterRetries(attemptsOf(error))}: a proxy or load balancer in front of ${name}, or an ${name} outage.`;
  return {
    code: ConnectorErrorCodes.InvalidResponse,
    message,
    // Stryker disable next-line OptionalChaining: the status came from $metadata
    details: { httpStatusCode: status, requestId: error.$metadata?.requestId, attempts: attemptsOf(error) },
  };
};

/**
 * A redirect or a 404 from something that is not the service's API: an endpoint URL with a path,
 * a web page, a proxy's login. Said as what came back, with the setting that points there.
 */
const wrongEndpoint = (
  { error, status, redirect, location }: Extract<Failure, { kind: 'wrong endpoint' }>,
  service: ServiceWords
): FailureReport => {
  const answer = redirect
    ? `answered HTTP ${status}, a redirect${location ? ` to ${location}` : ''}, instead of an ${service.name} answer`
    : `answered HTTP ${status} (not found) to ${service.call}: there is no ${service.name} API at that URL`;
  return {
    code: ConnectorErrorCodes.InvalidConfig,
    message: `${service.wrongEndpoint} ${answer}. Please ${service.endpointSetting}.`,
    // Stryker disable next-line OptionalChaining: the status came from $metadata
    details: { httpStatusCode: status, requestId: error.$metadata?.requestId, ...(location && { location }) },
  };
};

/** An answer body over the size limit, refused unread: not the service's answer, whatever its status. */
const answerTooLarge = (error: AnswerTooLarge, context: FailureContext): FailureReport => ({
  code: ConnectorErrorCodes.InvalidResponse,
  message: answerTooLargeMessage(error, context),
  details: { httpStatusCode: (error as AwsError).$metadata?.httpStatusCode },
});

/** No answer at all: the socket error's code says what happened and where to look. */
const noAnswer = (
  { name, message, code, attempts }: Extract<Failure, { kind: 'no answer' }>,
  context: FailureContext,
  service: ServiceWords
): FailureReport => {
  const hint = networkHint(code, message, context, service);
  // A socket error's code says what happened; its name may not (the SDK calls a reset a TimeoutError).
  const cause = code ? (message.includes(code) ? message : `${message} (${code})`) : `${name}: ${message}`;
  return {
    code: code === 'ENOTFOUND' ? ConnectorErrorCodes.InvalidConfig : ConnectorErrorCodes.InvalidResponse,
    // The hints for an unresolved or refused STS name its endpoint; other STS failures need it said.
    message: [sentence(`${service.failed}: ${cause}${afterRetries(attempts)}`), hint, service.whereItWas(hint)]
      .filter(Boolean)
      .join(' '),
    details: { networkError: code, attempts },
  };
};

const reportOf = (
  failure: Exclude<Failure, { kind: 'connector error' | 'sts' }>,
  context: FailureContext
): FailureReport => {
  const service = failingService(context);
  switch (failure.kind) {
    case 'deadline': {
      return deadlineReport(failure.deadline, context);
    }
    case 'answer too large': {
      return answerTooLarge(failure.error, context);
    }
    case 'wrong endpoint': {
      return wrongEndpoint(failure, service);
    }
    case 'service exception': {
      return serviceException(failure.error, context, service);
    }
    case 'unreadable answer': {
      return unreadableAnswer(failure.error, failure.status, service);
    }
    case 'no credentials': {
      return {
        code: ConnectorErrorCodes.InvalidConfig,
        message: `No AWS credentials: ${failure.error.message}. ${provideCredentials}`,
      };
    }
    case 'no answer': {
      return noAnswer(failure, context, service);
    }
  }
};

/**
 * Maps whatever the SDK threw to a ConnectorError Logto can show: `invalid_config` when the
 * operator must change something, `invalid_response` for AWS-side and network faults, a limit code
 * (`rate_limit_exceeded`, `usage_limit_exceeded`) when SES throttles or the quota is used up. Only the
 * exception's name, message and request id are kept, never the SDK error object itself, whose
 * request and response carry signed headers.
 *
 * Every string of the error is redacted, whichever field it sits in: an endpoint may echo a
 * session token in a header that becomes `requestId`, or in a redirect's location.
 */
export const toConnectorError = (thrown: unknown, context: FailureContext): ConnectorError => {
  const failure = classifyFailure(thrown);
  if (failure.kind === 'connector error') {
    return failure.error;
  }
  if (failure.kind === 'sts') {
    return toConnectorError(failure.cause, { ...context, sts: { endpoint: failure.stsEndpoint } });
  }
  const { code, message, details } = reportOf(failure, context);
  return new ConnectorError(code, redactDeep({ message, ...details }, context.secrets));
};

import { ConnectorError } from '@logto/connector-kit';

import { attemptsOf, isServiceException, type AwsError } from './aws-error.js';
import { AnswerTooLarge } from './bounded-answer.js';
import { DeadlineExceeded } from './deadline-failure.js';
import { StsFailure } from './sts-credentials.js';

/**
 * What a failed call threw, sorted by what it tells the operator. The order of the checks is the
 * meaning: a redirect is a wrong URL even when the SDK made an exception of it, and an answer is
 * read as the service's own only when it is not one of those.
 */
export type Failure =
  /** Already the connector's own error, passed on as it is. */
  | { kind: 'connector error'; error: ConnectorError }
  /** Getting the role's credentials from STS failed: `cause` is what STS's client threw. */
  | { kind: 'sts'; cause: unknown; stsEndpoint: string }
  /** The call's deadline passed, however the SDK reported the abort. */
  | { kind: 'deadline'; deadline: DeadlineExceeded }
  /** An answer body over the size limit, refused unread. */
  | { kind: 'answer too large'; error: AnswerTooLarge }
  /** A redirect (to `location`, when its answer said), or a 404 from something that is not the service's API. */
  | { kind: 'wrong endpoint'; error: AwsError; status: number; redirect: boolean; location?: string }
  /** The service's own error answer, e.g. MessageRejected or Throttling. */
  | { kind: 'service exception'; error: AwsError }
  /** An HTTP answer the SDK could not read as the service's. */
  | { kind: 'unreadable answer'; error: AwsError; status: number }
  /** The AWS default chain found no credentials. */
  | { kind: 'no credentials'; error: AwsError }
  /** No answer at all: a socket error (with its code), or anything else thrown. */
  | { kind: 'no answer'; name: string; message: string; code?: string; attempts?: number };

/** Names the SDK gives an answer that is no AWS error at all (a redirect's empty body, an unknown route). */
const noAwsError = new Set(['Unknown', 'UnknownError', 'UnknownOperationException', 'NotFound']);

const isRedirect = (status: number) => status >= 300 && status < 400;

/** The SDK's response (an HttpResponse) always has headers. */
const locationOf = (error: AwsError) =>
  (error as { $response?: { headers: Record<string, string | undefined> } }).$response?.headers.location;

/** A 404 of SES's own (NotFoundException: no such configuration set) is an answer, not a wrong URL. */
const isWrongEndpoint = (error: AwsError, status: number | undefined): status is number =>
  // Stryker disable next-line ConditionalExpression: with no status (`true`), neither a redirect's range nor 404 matches
  status !== undefined &&
  (isRedirect(status) || (status === 404 && (!isServiceException(error) || noAwsError.has(error.name))));

export const classifyFailure = (thrown: unknown): Failure => {
  if (thrown instanceof ConnectorError) {
    return { kind: 'connector error', error: thrown };
  }
  if (thrown instanceof StsFailure) {
    return { kind: 'sts', cause: thrown.cause, stsEndpoint: thrown.stsEndpoint };
  }
  if (thrown instanceof DeadlineExceeded) {
    return { kind: 'deadline', deadline: thrown };
  }
  if (thrown instanceof AnswerTooLarge) {
    return { kind: 'answer too large', error: thrown };
  }
  const error = (thrown ?? {}) as AwsError;
  // The SDK's AbortError, with the deadline as its cause.
  if (error.cause instanceof DeadlineExceeded) {
    return { kind: 'deadline', deadline: error.cause };
  }
  const status = error.$metadata?.httpStatusCode;
  if (isWrongEndpoint(error, status)) {
    return { kind: 'wrong endpoint', error, status, redirect: isRedirect(status), location: locationOf(error) };
  }
  if (isServiceException(error)) {
    return { kind: 'service exception', error };
  }
  if (status !== undefined) {
    return { kind: 'unreadable answer', error, status };
  }
  if (error.name === 'CredentialsProviderError') {
    return { kind: 'no credentials', error };
  }
  const { name = 'Error', message = String(thrown), code } = error;
  return { kind: 'no answer', name, message, code, attempts: attemptsOf(error) };
};

/**
 * What the AWS SDK throws, as far as the connector reads it: the same shape from the SES client
 * and from the STS client that assumes the role.
 */
export type AwsError = Error & {
  $fault?: 'client' | 'server';
  /** Also set on a response the SDK could not parse, which has no `$fault`. */
  $metadata?: { requestId?: string; httpStatusCode?: number; attempts?: number };
  code?: string;
  cause?: unknown;
};

/** An error response from SES or STS; both SDKs' exceptions carry a fault side and metadata. */
export const isServiceException = (error: AwsError): boolean =>
  error.$fault !== undefined && error.$metadata !== undefined;

/** The same, for a value not yet known to be an error (an attempt's failure in the call's log). */
export const isServiceAnswer = (error: unknown): error is AwsError =>
  error instanceof Error && isServiceException(error);

/** How many attempts the SDK made, its retries included. */
export const attemptsOf = (error: AwsError): number | undefined => error.$metadata?.attempts;

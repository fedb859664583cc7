import { StandardRetryStrategy } from '@smithy/core/retry';
import type { RetryErrorInfo, SdkError, StandardRetryToken } from '@smithy/types';

import { AnswerTooLarge } from './bounded-answer.js';
import { saysQuotaExhausted } from './limits.js';

const isUnresolvedHost = (error: SdkError) => (error as { code?: unknown }).code === 'ENOTFOUND';

/** An SES daily quota used up: no retry within a send's deadline can cure it. */
const isQuotaExhausted = (error: SdkError) => saysQuotaExhausted(error.message);

/**
 * The SDK's standard strategy: throttling, 5xx and connection failures (resets, refusals) are
 * retried with exponential backoff and full jitter, at most `maxAttempts` tries, from a per-client
 * retry budget that stops retry storms while SES is down. Client errors (MessageRejected,
 * validation, credentials, NotFound) are never retried.
 *
 * Three changes: a host that does not resolve is a wrong region or endpoint, not a blip, a used-up
 * 24-hour quota frees only as the day moves on, and an answer over the size limit comes from
 * something that is not SES, so none of them is retried.
 *
 * A strategy refuses a retry by throwing. The SDK's retry middleware catches that and rethrows the
 * attempt's own error instead; this strategy throws that very error, so the caller gets SES's
 * answer or the socket error even if a later SDK passed the strategy's error on.
 */
export class SesRetryStrategy extends StandardRetryStrategy {
  override async refreshRetryTokenForRetry(
    token: StandardRetryToken,
    errorInfo: RetryErrorInfo
  ): Promise<StandardRetryToken> {
    const { error } = errorInfo;
    if (error && (isUnresolvedHost(error) || isQuotaExhausted(error) || error instanceof AnswerTooLarge)) {
      throw error;
    }
    return super.refreshRetryTokenForRetry(token, errorInfo);
  }
}

import { StandardRetryStrategy } from '@smithy/core/retry';
import type { RetryErrorInfo, StandardRetryToken } from '@smithy/types';

/**
 * The SDK's standard strategy: throttling, 5xx and connection failures (resets, refusals) are
 * retried with exponential backoff and full jitter, at most `maxAttempts` tries, from a per-client
 * retry budget that stops retry storms while SES is down. Client errors (MessageRejected,
 * validation, credentials, NotFound) are never retried.
 *
 * One change: a host that does not resolve is a wrong region or endpoint, not a blip, so it fails
 * at once instead of being retried as the SDK's "transient" network error.
 */
export class SesRetryStrategy extends StandardRetryStrategy {
  override async refreshRetryTokenForRetry(
    token: StandardRetryToken,
    errorInfo: RetryErrorInfo
  ): Promise<StandardRetryToken> {
    if ((errorInfo.error as { code?: string } | undefined)?.code === 'ENOTFOUND') {
      throw new Error('ENOTFOUND is not retried');
    }
    return super.refreshRetryTokenForRetry(token, errorInfo);
  }
}

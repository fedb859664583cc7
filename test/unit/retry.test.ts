import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { RetryErrorInfo, SdkError } from '@smithy/types';

import { SesRetryStrategy } from '../../src/transport/retry.js';

/** An error as the SDK hands it to the strategy. */
const sdkError = (message: string, fields: Record<string, unknown>) =>
  Object.assign(new Error(message), fields) as SdkError;

const throttled = (message: string): RetryErrorInfo => ({
  errorType: 'THROTTLING',
  error: sdkError(message, { name: 'TooManyRequestsException' }),
});

describe('SesRetryStrategy', () => {
  it('retries a throttle within maxAttempts', async () => {
    const strategy = new SesRetryStrategy(3);
    const token = await strategy.acquireInitialRetryToken('SendEmail');
    const retry = await strategy.refreshRetryTokenForRetry(token, throttled('Maximum sending rate exceeded.'));
    assert.equal(retry.getRetryCount(), 1);
  });

  it('refuses a retry past maxAttempts', async () => {
    const strategy = new SesRetryStrategy(2);
    const token = await strategy.acquireInitialRetryToken('SendEmail');
    const second = await strategy.refreshRetryTokenForRetry(token, throttled('Maximum sending rate exceeded.'));
    await assert.rejects(strategy.refreshRetryTokenForRetry(second, throttled('Maximum sending rate exceeded.')));
  });

  it("refuses a host that does not resolve by throwing the attempt's own error", async () => {
    const strategy = new SesRetryStrategy(3);
    const token = await strategy.acquireInitialRetryToken('SendEmail');
    const error = sdkError('getaddrinfo ENOTFOUND email.xx-nowhere-1.amazonaws.com', { code: 'ENOTFOUND' });
    const rejection = strategy.refreshRetryTokenForRetry(token, { errorType: 'TRANSIENT', error });
    await assert.rejects(rejection, (thrown) => thrown === error);
  });

  it("refuses a used-up daily quota by throwing SES's own error", async () => {
    const strategy = new SesRetryStrategy(3);
    const token = await strategy.acquireInitialRetryToken('SendEmail');
    const info = throttled('Daily message quota exceeded.');
    await assert.rejects(strategy.refreshRetryTokenForRetry(token, info), (thrown) => thrown === info.error);
  });
});

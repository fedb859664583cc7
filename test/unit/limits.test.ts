import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { limitCodeIn, limitKindOf, saysQuotaExhausted } from '../../src/transport/limits.js';

describe('limitKindOf', () => {
  it("tells SES's send rate from its daily quota by the message", () => {
    assert.equal(limitKindOf('TooManyRequestsException', 'Maximum sending rate exceeded.'), 'rate');
    assert.equal(limitKindOf('Throttling', 'Maximum sending rate exceeded.'), 'rate');
    assert.equal(limitKindOf('TooManyRequestsException', 'Too many requests'), 'rate');
    assert.equal(limitKindOf('TooManyRequestsException', 'Daily message quota exceeded.'), 'quota');
    assert.equal(limitKindOf('Throttling', 'Daily message quota exceeded.'), 'quota');
  });

  it('knows every throttling name of SES v2, SES v1 and STS, whatever the message says', () => {
    for (const name of ['TooManyRequestsException', 'ThrottlingException', 'Throttling']) {
      assert.equal(limitKindOf(name, 'Rate exceeded'), 'rate', name);
    }
  });

  it('leaves every other exception alone', () => {
    assert.equal(limitKindOf('MessageRejected', 'Email address is not verified.'), undefined);
    assert.equal(limitKindOf('InternalFailure', 'The request processing has failed.'), undefined);
  });
});

describe('saysQuotaExhausted', () => {
  it("knows SES's used-up daily quota by its message, in any case, and nothing else", () => {
    assert.equal(saysQuotaExhausted('Daily message quota exceeded.'), true);
    assert.equal(saysQuotaExhausted('DAILY MESSAGE QUOTA EXCEEDED'), true);
    assert.equal(saysQuotaExhausted('Maximum sending rate exceeded.'), false);
    assert.equal(saysQuotaExhausted('Daily message quota'), false);
  });
});

describe('limitCodeIn', () => {
  const kit511 = { RateLimitExceeded: 'rate_limit_exceeded', UsageLimitExceeded: 'usage_limit_exceeded' };
  const kit4 = { RateLimitExceeded: 'rate_limit_exceeded' };

  it("is usage_limit_exceeded for the quota where the kit has it, else the kit's rate-limit code", () => {
    assert.equal(limitCodeIn(kit511, 'quota'), 'usage_limit_exceeded');
    assert.equal(limitCodeIn(kit4, 'quota'), 'rate_limit_exceeded');
    assert.equal(limitCodeIn({ ...kit511, UsageLimitExceeded: 'something_else' }, 'quota'), 'rate_limit_exceeded');
  });

  it('is the rate-limit code for the send rate, on every kit', () => {
    assert.equal(limitCodeIn(kit511, 'rate'), 'rate_limit_exceeded');
    assert.equal(limitCodeIn(kit4, 'rate'), 'rate_limit_exceeded');
    assert.equal(limitCodeIn({}, 'rate'), 'rate_limit_exceeded');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { limitKindOf } from '../../src/transport/limits.js';

describe('limitKindOf', () => {
  it("tells SES's send rate from its daily quota by the message", () => {
    assert.equal(limitKindOf('TooManyRequestsException', 'Maximum sending rate exceeded.'), 'rate');
    assert.equal(limitKindOf('Throttling', 'Maximum sending rate exceeded.'), 'rate');
    assert.equal(limitKindOf('TooManyRequestsException', 'Too many requests'), 'rate');
    assert.equal(limitKindOf('TooManyRequestsException', 'Daily message quota exceeded.'), 'quota');
    assert.equal(limitKindOf('Throttling', 'Daily message quota exceeded.'), 'quota');
  });

  it('leaves every other exception alone', () => {
    assert.equal(limitKindOf('MessageRejected', 'Email address is not verified.'), undefined);
    assert.equal(limitKindOf('InternalFailure', 'The request processing has failed.'), undefined);
  });
});

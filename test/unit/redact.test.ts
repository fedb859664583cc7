import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { redactDeep, redactText } from '../../src/transport/redact.js';

const secret = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCY=KEY';

describe('redactText', () => {
  it('removes a secret verbatim and percent-encoded', () => {
    assert.equal(
      redactText(`key ${secret} in ?token=${encodeURIComponent(secret)}`, [secret]),
      'key [redacted] in ?token=[redacted]'
    );
  });

  it('ignores an empty secret instead of redacting between every character', () => {
    assert.equal(redactText('abc', ['', secret]), 'abc');
  });
});

describe('redactDeep', () => {
  it('redacts strings in nested objects and arrays, keys included, and keeps every other value', () => {
    const value = {
      message: `said ${secret}`,
      list: ['plain', `x${secret}`, 7, null],
      nested: { [`k-${secret}`]: { count: 3, ok: true, none: null, missing: undefined } },
    };
    assert.deepEqual(redactDeep(value, [secret]), {
      message: 'said [redacted]',
      list: ['plain', 'x[redacted]', 7, null],
      nested: { 'k-[redacted]': { count: 3, ok: true, none: null, missing: undefined } },
    });
  });

  it('takes a top-level string, number or null as it is, apart from the secret', () => {
    assert.equal(redactDeep(secret, [secret]), '[redacted]');
    assert.equal(redactDeep(42, [secret]), 42);
    assert.equal(redactDeep(null, [secret]), null);
  });
});

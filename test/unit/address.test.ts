import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { AddressError, parseMailbox, parseRecipient, toAsciiAddress } from '../../src/config/address.js';

describe('parseMailbox', () => {
  it('reads every sender form of the Logto docs', () => {
    assert.deepEqual(parseMailbox('Logto<noreply@logto.io>'), { name: 'Logto', address: 'noreply@logto.io' });
    assert.deepEqual(parseMailbox('<noreply@logto.io>'), { address: 'noreply@logto.io' });
    assert.deepEqual(parseMailbox('noreply@logto.io'), { address: 'noreply@logto.io' });
    assert.deepEqual(parseMailbox('  Logto Team  <noreply@logto.io> '), {
      name: 'Logto Team',
      address: 'noreply@logto.io',
    });
  });

  it('unquotes a quoted display name', () => {
    assert.deepEqual(parseMailbox('"Logto, Inc. \\"HQ\\"" <noreply@logto.io>'), {
      name: 'Logto, Inc. "HQ"',
      address: 'noreply@logto.io',
    });
  });

  it('keeps encoded words in a name as written (decoding is for operator-written names only)', () => {
    assert.deepEqual(parseMailbox('=?UTF-8?Q?=C3=89quipe_Logto?= <noreply@logto.io>'), {
      name: '=?UTF-8?Q?=C3=89quipe_Logto?=',
      address: 'noreply@logto.io',
    });
  });

  it('punycodes a non-ASCII domain', () => {
    assert.deepEqual(parseMailbox('Bücher <info@bücher.example>'), {
      name: 'Bücher',
      address: 'info@xn--bcher-kva.example',
    });
  });

  for (const [input, reason] of [
    ['', /is empty/],
    ['noreply@logto.io\r\nBcc: victim@example.com', /line break/],
    ['a@example.com, b@example.com', /exactly one/],
    ['A <a@example.com>, B <b@example.com>', /several addresses/],
    ['Logto noreply@logto.io>', /without a matching/],
    ['jörg@example.com', /non-ASCII characters before the @/],
    ['no-at-sign', /not an email address/],
    ['a@-bad-.example', /not a valid email address/],
  ] as const) {
    it(`refuses ${JSON.stringify(input)}`, () => {
      assert.throws(
        () => parseMailbox(input),
        (error: unknown) => {
          assert.ok(error instanceof AddressError);
          assert.match(error.message, reason);
          return true;
        }
      );
    });
  }
});

describe('parseRecipient', () => {
  it('accepts one bare address and punycodes its domain', () => {
    assert.equal(parseRecipient('user@example.com'), 'user@example.com');
    assert.equal(parseRecipient(' user@bücher.example '), 'user@xn--bcher-kva.example');
  });

  for (const [input, reason] of [
    ['a@example.com\r\nBcc: x@evil.com', /line break/],
    ['a@example.com\n', /line break/],
    ['a@example.com, b@example.com', /exactly one/],
    ['a@example.com;b@example.com', /exactly one/],
    ['Name <a@example.com>', /without a display name/],
    ['', /is empty/],
    ['   ', /is empty/],
    ['jörg@example.com', /non-ASCII/],
  ] as const) {
    it(`refuses ${JSON.stringify(input)}`, () => {
      assert.throws(() => parseRecipient(input), reason);
    });
  }
});

describe('toAsciiAddress', () => {
  it('keeps an ASCII address as written', () => {
    assert.equal(toAsciiAddress("o'brien+tag@Example.COM"), "o'brien+tag@Example.COM");
  });

  it('rejects a control character', () => {
    assert.throws(() => toAsciiAddress('a\u0000b@example.com'), /control character/);
  });
});

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

describe('the edges of an address', () => {
  const errorOf = (parse: () => unknown): string => {
    try {
      parse();
    } catch (error: unknown) {
      assert.ok(error instanceof AddressError);
      assert.equal(error.name, 'AddressError');
      return error.message;
    }
    assert.fail('accepted');
  };

  it('refuses what is not a whole address, with the reason', () => {
    for (const [input, message] of [
      ['@logto.io', '"@logto.io" is not an email address (expected name@domain)'],
      ['noreply@', '"noreply@" is not an email address (expected name@domain)'],
      ['a@b', undefined],
      ['x noreply@logto.io', '"x noreply@logto.io" is not a valid email address'],
      ['noreply@logto.io x', '"noreply@logto.io x" is not a valid email address'],
      ['noreply@-logto.io', '"noreply@-logto.io" is not a valid email address'],
      ['noreply@logto-.io', '"noreply@logto-.io" is not a valid email address'],
      ['noreply@logto..io', '"noreply@logto..io" is not a valid email address'],
      ['noreply@9logto.io', undefined],
      ['no(reply)@logto.io', '"no(reply)@logto.io" is not a valid email address'],
      [`noreply@${'a'.repeat(64)}.io`, `"noreply@${'a'.repeat(64)}.io" is not a valid email address`],
      [`noreply@${'a'.repeat(63)}.io`, undefined],
      ['noreply@a.b.io', undefined],
      ['noreply@logto.io-', '"noreply@logto.io-" is not a valid email address'],
      ['noreply@logto.i_', '"noreply@logto.i_" is not a valid email address'],
    ] as const) {
      if (message === undefined) {
        assert.equal(toAsciiAddress(input), input);
      } else {
        assert.equal(
          errorOf(() => toAsciiAddress(input)),
          message,
          input
        );
      }
    }
  });

  it('suggests angle brackets only for a name followed by one address', () => {
    assert.equal(
      errorOf(() => parseMailbox('Logto noreply@logto.io')),
      '"Logto noreply@logto.io" has a name but no angle brackets around the address: write it as Logto <noreply@logto.io>'
    );
    for (const input of [
      'Logto noreply',
      'Logto a@b@logto.io',
      'Logto @logto.io',
      'Logto noreply@',
      'a@b.io noreply@logto.io',
    ]) {
      assert.equal(
        errorOf(() => parseMailbox(input)),
        `"${input}" must be exactly one email address`,
        input
      );
    }
  });

  it('a name with an @ before the angle brackets is a second address, unless it is quoted', () => {
    assert.equal(
      errorOf(() => parseMailbox('a@b.io "x" <c@logto.io>')),
      '"a@b.io "x" <c@logto.io>" looks like several addresses; give exactly one'
    );
    assert.deepEqual(parseMailbox('"a@b.io" <c@logto.io>'), { name: 'a@b.io', address: 'c@logto.io' });
  });

  it('a recipient refused for spaces is shown without the spaces around it', () => {
    assert.equal(
      errorOf(() => parseRecipient('  a b@logto.io  ')),
      '"a b@logto.io" must be exactly one email address'
    );
  });

  it('unquotes only a name quoted at both ends', () => {
    assert.deepEqual(parseMailbox('"Logto <noreply@logto.io>'), { name: '"Logto', address: 'noreply@logto.io' });
    assert.deepEqual(parseMailbox('Logto" <noreply@logto.io>'), { name: 'Logto"', address: 'noreply@logto.io' });
    assert.deepEqual(parseMailbox('" <noreply@logto.io>'), { name: '"', address: 'noreply@logto.io' });
    assert.deepEqual(parseMailbox('"" <noreply@logto.io>'), { address: 'noreply@logto.io' });
    assert.deepEqual(parseMailbox('"Logto@HQ" <noreply@logto.io>'), { name: 'Logto@HQ', address: 'noreply@logto.io' });
  });

  it('trims the address inside the angle brackets and the name outside them', () => {
    assert.deepEqual(parseMailbox('" Logto " < noreply@logto.io >'), { name: 'Logto', address: 'noreply@logto.io' });
  });

  it('refuses a stray angle bracket and a recipient with a name', () => {
    assert.equal(
      errorOf(() => parseMailbox('noreply@logto.io<')),
      '"noreply@logto.io<" is not of the form Name <address> or address'
    );
    assert.equal(
      errorOf(() => parseRecipient('  Logto <user@example.com>  ')),
      '"Logto <user@example.com>" must be a bare address without a display name'
    );
    assert.equal(
      errorOf(() => parseRecipient('user@example.com\r\n')),
      'contains a line break'
    );
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import libmime from 'libmime';

import {
  AddressError,
  formatMailbox,
  parseMailbox,
  parseRecipient,
  toAsciiAddress,
} from '../../src/message/address.js';

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

  it('decodes a pre-encoded name only when asked to (an operator-written one)', () => {
    const input = '=?UTF-8?Q?=C3=89quipe_Logto?= <noreply@logto.io>';
    assert.deepEqual(parseMailbox(input, { decodeEncodedWords: true }), { name: 'Équipe Logto', address: 'noreply@logto.io' });
    assert.deepEqual(parseMailbox(input), { name: '=?UTF-8?Q?=C3=89quipe_Logto?=', address: 'noreply@logto.io' });
  });

  it('drops line breaks hidden in an encoded name', () => {
    assert.deepEqual(parseMailbox('=?UTF-8?Q?Logto=0D=0AReply-To:_x?= <a@b.io>', { decodeEncodedWords: true }), {
      name: 'LogtoReply-To: x',
      address: 'a@b.io',
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
      assert.throws(() => parseMailbox(input), (error: unknown) => {
        assert.ok(error instanceof AddressError);
        assert.match(error.message, reason);
        return true;
      });
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

describe('formatMailbox', () => {
  it('writes a plain name as it is', () => {
    assert.equal(formatMailbox({ name: 'Logto Team', address: 'a@b.io' }), 'Logto Team <a@b.io>');
    assert.equal(formatMailbox({ address: 'a@b.io' }), 'a@b.io');
  });

  it('quotes a name with RFC 5322 specials and escapes quotes', () => {
    assert.equal(
      formatMailbox({ name: 'Logto, Inc. "HQ"', address: 'a@b.io' }),
      '"Logto, Inc. \\"HQ\\"" <a@b.io>'
    );
  });

  it('encodes a non-ASCII name as RFC 2047 encoded words that decode back', () => {
    const names = ['Équipe Logto', 'ロゴトのチーム認証サービスのとても長い名前です本当に長いですよね', 'Ünïcödé "quoted", with specials <x>'];
    for (const name of names) {
      const formatted = formatMailbox({ name, address: 'a@b.io' });
      const [encoded = ''] = formatted.split(' <');
      assert.match(formatted, /^=\?UTF-8\?Q\?.+\?= <a@b\.io>$/);
      // eslint-disable-next-line no-control-regex
      assert.doesNotMatch(formatted, /[^\u0000-\u007F]/);
      for (const word of encoded.split(' ')) {
        assert.ok(word.length <= 75, `encoded word longer than RFC 2047 allows: ${word}`);
      }
      assert.equal(libmime.decodeWords(encoded), name);
    }
  });

  it('encodes a name that holds encoded words, so a client shows it as written', () => {
    const forged = '=?UTF-8?B?RXZpbCA8Y2VvQGV2aWwuY29tPg==?='; // "Evil <ceo@evil.com>"
    const formatted = formatMailbox({ name: forged, address: 'a@b.io' });
    const [encoded = ''] = formatted.split(' <');
    assert.equal(libmime.decodeWords(encoded), forged);
  });
});

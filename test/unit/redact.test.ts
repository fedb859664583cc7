import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { minimumSecretLength } from '../../src/config/secret-length.js';
import { redactDeep, redactText } from '../../src/transport/redact.js';
import { base64, base64url, everyByteEncoded, lowercaseHex } from '../support/encodings.js';

/**
 * Its own secret, not the sample one: its "/", "+" and "=" each change under percent-encoding
 * (the mixed-case form rewrites its "%2F"), and its base64 form ends in "==" padding.
 */
const secret = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCY=KEY';

describe('redactText', () => {
  const forms: Array<[string, string]> = [
    ['verbatim', secret],
    ['encodeURIComponent', encodeURIComponent(secret)],
    ['percent-encoded with lowercase hex', lowercaseHex(encodeURIComponent(secret))],
    ['percent-encoded with mixed case hex', encodeURIComponent(secret).replace('%2F', '%2f')],
    ['every byte percent-encoded', everyByteEncoded(secret)],
    ['base64', base64(secret)],
    ['base64 without padding', base64(secret).replace(/=+$/, '')],
    ['base64url', base64url(secret)],
    ['base64, percent-encoded in a query string', encodeURIComponent(base64(secret))],
    ['base64, percent-encoded with lowercase hex', lowercaseHex(encodeURIComponent(base64(secret)))],
    ['as a JSON string literal holds it', JSON.stringify(secret).slice(1, -1)],
  ];
  for (const [name, form] of forms) {
    it(`removes the secret ${name}`, () => {
      assert.equal(redactText(`before ${form} after`, [secret]), 'before [redacted] after');
    });
  }

  it('removes a form-encoded secret, where a space is "+"', () => {
    const spaced = 'correct horse battery staple+1';
    const encoded = new URLSearchParams({ token: spaced }).toString();
    assert.equal(encoded, 'token=correct+horse+battery+staple%2B1');
    assert.equal(redactText(`?${encoded}&x=1`, [spaced]), '?token=[redacted]&x=1');
  });

  it('removes a secret percent-encoded as a path segment, its "/" encoded and its "+" kept', () => {
    assert.equal(redactText(`/keys/${secret.replace('/', '%2F')}/x`, [secret]), '/keys/[redacted]/x');
  });

  it('removes a secret holding a quote and a backslash, as a JSON string literal holds it', () => {
    const quoted = 'say "hi" \\ back-0123456789';
    assert.equal(redactText(JSON.stringify({ token: quoted }), [quoted]), '{"token":"[redacted]"}');
  });

  it('removes the unpadded base64 of a secret whose padding is "==", at the start of a longer token', () => {
    const padded = 'a?b~c>d-secret-0123456789-xy';
    assert.equal(base64(padded), 'YT9ifmM+ZC1zZWNyZXQtMDEyMzQ1Njc4OS14eQ==');
    assert.equal(
      redactText('YT9ifmM+ZC1zZWNyZXQtMDEyMzQ1Njc4OS14eQ.c2lnbmF0dXJl', [padded]),
      '[redacted].c2lnbmF0dXJl'
    );
  });

  it('removes a secret written with surrounding spaces as it is sent, trimmed', () => {
    assert.equal(redactText(`token ${secret}.`, [`  ${secret}\n`]), 'token [redacted].');
  });

  it('removes a non-ASCII secret percent-encoded as UTF-8', () => {
    const unicode = 'pässwörd-0123456789-ünïcode';
    assert.equal(redactText(`k=${encodeURIComponent(unicode)}`, [unicode]), 'k=[redacted]');
    assert.equal(redactText(`k=${lowercaseHex(encodeURIComponent(unicode))}`, [unicode]), 'k=[redacted]');
  });

  it('removes a secret percent-encoded in a text that also holds raw non-ASCII characters, astral ones included', () => {
    // Characters at each edge of UTF-8's widths (U+0080 the first of 2 bytes, U+FFFF the last of 3,
    // an emoji 4 bytes from 2 UTF-16 units), each before an encoded "/", and a 2-byte one at the end.
    const wide = 'clé/\u0080/\uffff/🔑/0123456789-ключ';
    assert.equal(redactText(`ä ${wide.replaceAll('/', '%2F')} 🔑 ü`, [wide]), 'ä [redacted] 🔑 ü');
  });

  for (const offset of [0, 1, 2]) {
    for (const [name, encode] of [
      ['base64', base64],
      ['base64url', base64url],
    ] as const) {
      it(`removes the secret inside a longer ${name} value, starting ${offset} bytes into a 3-byte group`, () => {
        const blob = encode(`${'p'.repeat(offset + 3)}${secret}{"more":"data"}`);
        const redacted = redactText(blob, [secret]);
        assert.match(redacted, /\[redacted\]/);
        // What stays of the secret: at most 2 bytes at each end, inside characters shared with its neighbours.
        const kept = redacted.replace('[redacted]', '');
        assert.ok(kept.length <= blob.length - Math.floor((secret.length - 2) / 3) * 4, kept);
        assert.ok(!kept.includes(encode(secret.slice(3, 9)).slice(0, 8)));
      });
    }
  }

  it('keeps a raw "%" in a secret apart from an encoded one', () => {
    const percent = 'fifty%25-off-0123456789%';
    assert.equal(redactText(`a ${percent} b`, [percent]), 'a [redacted] b');
    assert.equal(redactText(`a ${encodeURIComponent(percent)} b`, [percent]), 'a [redacted] b');
  });

  it('keeps a "%" that two hex digits do not follow as it is, in a secret found percent-encoded', () => {
    // "z" lies past "f", ":" and "@" between the digits and the letters, "-" and "." below the digits.
    const literal = 'off%zz-and%:@-or%-.-0123456789/rest';
    assert.equal(redactText(`a ${literal.replace('/', '%2F')} b`, [literal]), 'a [redacted] b');
  });

  it('leaves text that merely resembles the secret alone', () => {
    assert.equal(redactText(secret.toLowerCase(), [secret]), secret.toLowerCase());
    assert.equal(redactText(secret.slice(0, -1), [secret]), secret.slice(0, -1));
  });

  it('redacts a short secret only as itself and its whole encodings, not by a few base64 characters', () => {
    const short = 'abcdef';
    assert.equal(
      redactText(`${short} ${base64(short)} ${base64('xy' + short)}`, [short]),
      `[redacted] [redacted] ${base64('xy' + short)}`
    );
  });

  it('finds a secret of exactly the minimum length inside a longer base64 value', () => {
    const shortest = 'sixteen-bytes-ok';
    assert.equal(shortest.length, minimumSecretLength);
    const blob = base64(`pp${shortest}{"more":"data"}`);
    assert.equal(blob, 'cHBzaXh0ZWVuLWJ5dGVzLW9reyJtb3JlIjoiZGF0YSJ9');
    // "cHBz" keeps the secret's first byte, shared with "pp"; "ey" its last, shared with "{".
    assert.equal(redactText(blob, [shortest]), 'cHBz[redacted]eyJtb3JlIjoiZGF0YSJ9');
  });

  it('removes the longest form whole, leaving no end of it', () => {
    assert.equal(redactText(base64(secret), [secret]), '[redacted]');
  });

  it('removes every secret given, each in every form', () => {
    const token = 'FwoGZXIvYXdzEJr//////////wEaDH-session-token';
    assert.equal(
      redactText(`${base64url(token)} ${lowercaseHex(encodeURIComponent(secret))}`, [secret, token]),
      '[redacted] [redacted]'
    );
  });

  it('replaces secrets in the order they stand, whichever order they are given in, one placeholder each', () => {
    const first = 'first-secret-0123456789';
    const second = 'second-secret-0123456789';
    assert.equal(redactText(`${second}${first} and ${first}`, [first, second]), '[redacted][redacted] and [redacted]');
  });

  it('tells a list of secrets from one secret made of them joined', () => {
    const [a, b] = ['joined-part-a-0123456789', 'joined-part-b-0123456789'];
    assert.equal(redactText(`x ${a} y`, [a, b]), 'x [redacted] y');
    assert.equal(redactText(`x ${a} y`, [a + b]), `x ${a} y`);
    const [c, d] = ['joined-part-c-0123456789', 'joined-part-d-0123456789'];
    assert.equal(redactText(`x ${c}${d} y`, [c + d]), 'x [redacted] y');
    assert.equal(redactText(`x ${c} y`, [c, d]), 'x [redacted] y');
  });

  it('stays fast on hostile text made of near-misses', () => {
    const token = Buffer.alloc(900, 7).toString('base64');
    const text = `${'%2'.repeat(100_000)}${'A'.repeat(100_000)}`;
    const started = performance.now();
    redactText(text, [secret, token]);
    assert.ok(performance.now() - started < 2000);
  });

  it('ignores an empty secret instead of redacting between every character', () => {
    assert.equal(redactText('abc', ['', '  ', secret]), 'abc');
  });
});

describe('redactDeep', () => {
  it('redacts strings in nested objects and arrays, keys included, and keeps every other value', () => {
    const value = {
      message: `said ${secret}`,
      list: ['plain', `x${base64(secret)}`, 7, null],
      nested: {
        [`k-${lowercaseHex(encodeURIComponent(secret))}`]: { count: 3, ok: true, none: null, missing: undefined },
      },
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

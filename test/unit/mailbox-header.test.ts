import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import libmime from 'libmime';

import { decodeOperatorName, formatMailbox } from '../../src/message/mailbox-header.js';

describe('decodeOperatorName', () => {
  it('decodes a pre-encoded name, as the official connector required operators to write it', () => {
    assert.deepEqual(decodeOperatorName({ name: '=?UTF-8?Q?=C3=89quipe_Logto?=', address: 'noreply@logto.io' }), {
      name: 'Équipe Logto',
      address: 'noreply@logto.io',
    });
    assert.deepEqual(decodeOperatorName({ name: 'Logto =?x', address: 'a@b.io' }), {
      name: 'Logto =?x',
      address: 'a@b.io',
    });
  });

  it('drops line breaks hidden in an encoded name', () => {
    assert.deepEqual(decodeOperatorName({ name: '=?UTF-8?Q?Logto=0D=0AReply-To:_x?=', address: 'a@b.io' }), {
      name: 'LogtoReply-To: x',
      address: 'a@b.io',
    });
  });

  it('drops a name that decodes to nothing', () => {
    assert.deepEqual(decodeOperatorName({ name: '=?UTF-8?Q?=0D=0A?=', address: 'a@b.io' }), { address: 'a@b.io' });
  });
});

describe('formatMailbox', () => {
  it('writes a plain name as it is', () => {
    assert.equal(formatMailbox({ name: 'Logto Team', address: 'a@b.io' }), 'Logto Team <a@b.io>');
    assert.equal(formatMailbox({ address: 'a@b.io' }), 'a@b.io');
  });

  it('quotes a name with RFC 5322 specials and escapes quotes', () => {
    assert.equal(formatMailbox({ name: 'Logto, Inc. "HQ"', address: 'a@b.io' }), '"Logto, Inc. \\"HQ\\"" <a@b.io>');
  });

  it('encodes a non-ASCII name as RFC 2047 encoded words that decode back', () => {
    const names = [
      'Équipe Logto',
      'ロゴトのチーム認証サービスのとても長い名前です本当に長いですよね',
      'Ünïcödé "quoted", with specials <x>',
    ];
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

describe('which names are encoded words', () => {
  const cases: Array<[string, string | undefined]> = [
    ['=?UTF-8?Q?A?= =?UTF-8?B?Qg==?=', 'AB'],
    ['=?UTF-8?Q?A?=  =?UTF-8?Q?B?=', 'AB'],
    ['=?UTF-8?Q?A?=\t=?UTF-8?Q?B?=', 'AB'],
    ['=?UTF-8?q?A?=', 'A'],
    ['=?UTF-8?Q??=', undefined],
    ['x=?UTF-8?Q?A?=', 'x=?UTF-8?Q?A?='],
    ['=?UTF-8?Q?A?=x', '=?UTF-8?Q?A?=x'],
    ['=?UTF-8?X?A?=', '=?UTF-8?X?A?='],
    ['=?UTF-8?Q?A B?=', '=?UTF-8?Q?A B?='],
    ['=??Q?A?=', '=??Q?A?='],
    ['=?U TF?Q?A?=', '=?U TF?Q?A?='],
    ['=?UTF-8?Q?A?==?UTF-8?Q?B?=', '=?UTF-8?Q?A?==?UTF-8?Q?B?='],
  ];
  for (const [name, decoded] of cases) {
    it(`${JSON.stringify(name)} reads as ${decoded === undefined ? 'no name' : JSON.stringify(decoded)}`, () => {
      assert.deepEqual(
        decodeOperatorName({ name, address: 'a@b.io' }),
        decoded === undefined ? { address: 'a@b.io' } : { name: decoded, address: 'a@b.io' }
      );
    });
  }

  it('writes no name for a blank one, and trims one with spaces', () => {
    assert.equal(formatMailbox({ address: 'a@b.io' }), 'a@b.io');
    assert.equal(formatMailbox({ name: '  ', address: 'a@b.io' }), 'a@b.io');
    assert.equal(formatMailbox({ name: '  Acme  ', address: 'a@b.io' }), 'Acme <a@b.io>');
  });

  it('encodes a non-ASCII name in Q encoding, readable in the raw header', () => {
    assert.equal(formatMailbox({ name: 'Équipe', address: 'a@b.io' }), '=?UTF-8?Q?=C3=89quipe?= <a@b.io>');
  });

  it('trims the spaces an encoded name decodes to', () => {
    assert.deepEqual(decodeOperatorName({ name: '=?UTF-8?Q?_Caf=C3=A9_?=', address: 'a@b.io' }), {
      name: 'Café',
      address: 'a@b.io',
    });
  });

  it('splits a long non-ASCII name into encoded words of at most 75 characters', () => {
    const header = formatMailbox({ name: 'É'.repeat(40), address: 'a@b.io' });
    assert.equal(
      header,
      `${[...Array.from({ length: 6 }, () => `=?UTF-8?Q?${'=C3=89'.repeat(6)}?=`), `=?UTF-8?Q?${'=C3=89'.repeat(4)}?=`].join(' ')} <a@b.io>`
    );
  });
});

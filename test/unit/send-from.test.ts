/**
 * A custom template's `sendFrom`, read by our copy of connector-kit's rules: the literal result
 * for each form, and the same result as the kit's own `parseSendFrom` (5.1), whose behaviour the
 * copy promises.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import * as kit from '@logto/connector-kit';

import {
  parseSendFrom,
  sanitizeMailboxDisplayName,
  splitNameAndAddress,
  stripHeaderControlChars,
} from '../../src/message/send-from.js';

type Case = [sendFrom: string, fallbackName: string | undefined, expected: { email: string; name?: string }];

const fallback = 'noreply@logto.io';
const cases: Case[] = [
  ['Acme <acme@x.io>', 'Logto', { email: 'acme@x.io', name: 'Acme' }],
  ['<acme@x.io>', 'Logto', { email: 'acme@x.io' }],
  ['  <a@x.io>  ', undefined, { email: 'a@x.io' }],
  ['Acme', 'Logto', { email: fallback, name: 'Acme' }],
  ['', 'Logto', { email: fallback, name: 'Logto' }],
  ['', undefined, { email: fallback }],
  ['acme@x.io', 'Logto', { email: 'acme@x.io' }],
  ['Acme acme@x.io', 'Logto', { email: fallback, name: 'Acme acme@x.io' }],
  ['Ac\r\nme <acme@x.io>', undefined, { email: 'acme@x.io', name: 'Acme' }],
  ['A\u001fB\u007fC D <acme@x.io>', undefined, { email: 'acme@x.io', name: 'ABC D' }],
  ['<acme@x.io', undefined, { email: 'acme@x.io' }],
  ['Acme <>', undefined, { email: fallback, name: 'Acme' }],
  ['Acme < >', undefined, { email: fallback, name: 'Acme' }],
  ['a > b <acme@x.io>', undefined, { email: 'acme@x.io', name: 'a  b' }],
  ['Acme <acme@x.io> <other@x.io>', undefined, { email: 'other@x.io', name: 'Acme acme@x.io' }],
  ['x> Acme', undefined, { email: fallback, name: 'x Acme' }],
  ['Acme >', undefined, { email: fallback, name: 'Acme' }],
  ['<Acme> <a@x.io>', undefined, { email: 'a@x.io', name: 'Acme' }],
];

/** The kit's result without keys whose value is undefined, as ours leaves them out. */
const defined = (result: { email: string; name?: string }) =>
  Object.fromEntries(Object.entries(result).filter(([, value]) => value !== undefined));

describe('parseSendFrom', () => {
  for (const [sendFrom, fallbackName, expected] of cases) {
    it(`reads ${JSON.stringify(sendFrom)}${fallbackName ? ` (configured name ${fallbackName})` : ''}`, () => {
      const result = parseSendFrom(sendFrom, fallback, fallbackName);
      assert.deepEqual(defined(result), expected);
      assert.deepEqual(
        defined(result),
        defined(kit.parseSendFrom(sendFrom, fallback, fallbackName)),
        'as the kit reads it'
      );
    });
  }

  it('strips every control character, and nothing printable', () => {
    const controls = [...Array.from({ length: 32 }, (_, code) => String.fromCodePoint(code)), '\u007f'].join('');
    assert.equal(stripHeaderControlChars(`a${controls} ~é`), 'a ~é');
    assert.equal(sanitizeMailboxDisplayName(' <Acme>\r\n '), 'Acme');
  });
});

describe('splitNameAndAddress', () => {
  it('splits at the last <…> at the end, trimming name and address', () => {
    assert.deepEqual(splitNameAndAddress('Team Logto  < a@b.io >'), { name: 'Team Logto', email: 'a@b.io' });
    assert.deepEqual(splitNameAndAddress('<a@b.io>'), { name: undefined, email: 'a@b.io' });
  });

  it('a "<" before an earlier ">" belongs to the name', () => {
    assert.deepEqual(splitNameAndAddress('x<> <a@b.io>'), { name: 'x<>', email: 'a@b.io' });
  });
});

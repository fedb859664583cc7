/**
 * RFC 5321's length limits on every address the connector sends: a local part of 64 octets, a
 * domain of 255, an address of 254, counted on the ASCII form SES gets (the domain punycoded).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  maxAddressOctets,
  maxDomainOctets,
  maxLocalPartOctets,
  parseMailbox,
  parseRecipient,
  toAsciiAddress,
} from '../../src/config/address.js';

const label = (character: string, length = 63) => character.repeat(length);

describe('address lengths', () => {
  it('the limits are those of RFC 5321', () => {
    assert.deepEqual([maxLocalPartOctets, maxDomainOctets, maxAddressOctets], [64, 255, 254]);
  });

  it('a local part of 64 octets is sent; 65 is refused', () => {
    assert.equal(toAsciiAddress(`${label('a', 64)}@example.com`), `${label('a', 64)}@example.com`);
    assert.throws(() => toAsciiAddress(`${label('a', 65)}@example.com`), {
      name: 'AddressError',
      message: `"${label('a', 65)}@example.com" is too long: its local part (before the @) has 65 octets, and RFC 5321 allows at most 64`,
    });
  });

  it('an address of 254 octets is sent; 255 is refused', () => {
    const domain189 = [label('b'), label('c'), label('d', 61)].join('.');
    const fits = `${label('a', 64)}@${domain189}`;
    assert.equal(fits.length, 254);
    assert.equal(toAsciiAddress(fits), fits);
    assert.throws(() => parseRecipient(`${label('a', 64)}@${domain189}x`), {
      message: /is too long: it has 255 octets, and RFC 5321 allows at most 254$/,
    });
  });

  it('a domain over 255 octets (258) is refused as such', () => {
    const domain258 = [label('b'), label('c'), label('d'), label('e'), 'fg'].join('.');
    assert.throws(() => toAsciiAddress(`a@${domain258}`), {
      message: /is too long: its domain has 258 octets, and RFC 5321 allows at most 255$/,
    });
  });

  it('octets are counted after punycode: 234 characters typed, 255 octets sent', () => {
    const word = 'bücher'.repeat(9);
    const typed = `${label('a', 64)}@${[word, word, word].join('.')}.dexy`;
    assert.equal(typed.length, 234);
    assert.throws(() => parseMailbox(`Help <${typed}>`), {
      message: /is too long: it has 255 octets, and RFC 5321 allows at most 254$/,
    });
  });

  it('an address of 80 characters is shown whole', () => {
    const address = `${'x'.repeat(65)}@${'b'.repeat(10)}.com`;
    assert.equal(address.length, 80);
    assert.throws(() => toAsciiAddress(address), {
      message: `"${address}" is too long: its local part (before the @) has 65 octets, and RFC 5321 allows at most 64`,
    });
  });

  it('a huge address is shown cut in the middle, so the error stays short', () => {
    assert.throws(
      () => toAsciiAddress(`${'x'.repeat(1_000_000)}@example.com`),
      (error: Error) => {
        assert.equal(
          error.message,
          `"${'x'.repeat(40)}…xxxxxxxx@example.com" is too long: its local part (before the @) has 1000000 octets, and RFC 5321 allows at most 64`
        );
        return true;
      }
    );
  });
});

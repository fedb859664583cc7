/**
 * A host on this machine, the only one a signed request may reach in clear text, and for which
 * `check` skips the sender domain's DNS records.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { isLoopbackHost, isLoopbackUrl } from '../../src/config/loopback.js';

describe('isLoopbackHost', () => {
  it('localhost, ::1 with or without its brackets, and 127.0.0.0/8', () => {
    for (const host of ['localhost', '::1', '[::1]', '127.0.0.1', '127.1.2.3']) {
      assert.equal(isLoopbackHost(host), true, host);
    }
  });

  it('only the brackets around the whole host are taken off', () => {
    for (const host of ['::1[', ']::1', '[::1', 'local[host', '::1]]', '10.0.0.1', '127.example.com']) {
      assert.equal(isLoopbackHost(host), host === '[::1', host);
    }
  });
});

describe('isLoopbackUrl', () => {
  it('looks at the host of the URL', () => {
    assert.equal(isLoopbackUrl('http://127.0.0.1:4566'), true);
    assert.equal(isLoopbackUrl('http://[::1]:8080/'), true);
    assert.equal(isLoopbackUrl('http://localhost'), true);
    assert.equal(isLoopbackUrl('https://email.eu-west-1.amazonaws.com'), false);
  });

  it('is false for anything that is not a URL', () => {
    assert.equal(isLoopbackUrl('127.0.0.1:4566'), false);
    assert.equal(isLoopbackUrl('not a url'), false);
    assert.equal(isLoopbackUrl(''), false);
  });
});

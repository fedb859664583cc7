/**
 * toConnectorError for a failure without an answer: a host that does not resolve, a refused or
 * reset connection, a connection that timed out, and anything else thrown. The socket error's
 * code says what happened; the message says where to look.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { ConnectorErrorCodes } from '@logto/connector-kit';

import { check, context, described, socketError } from './errors-cases.js';

describe('toConnectorError, for a host that does not resolve or a refused connection', () => {
  it('tells a DNS failure to check a region AWS has no such name for, or the endpoint when one is set', () => {
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND email.eu-wset-1.amazonaws.com'), { code: 'ENOTFOUND' });
    assert.match(
      String(described(dns, { ...context, region: 'eu-wset-1' }).data.message),
      /region "eu-wset-1" does not resolve: check region/
    );
    const withEndpoint = described(dns, { ...context, endpoint: 'https://ses.internal.example' });
    assert.equal(withEndpoint.code, ConnectorErrorCodes.InvalidConfig);
    assert.match(String(withEndpoint.data.message), /check endpoint/);
  });

  for (const code of ['ENOTFOUND', 'EAI_AGAIN']) {
    it(`tells a DNS failure (${code}) for a region AWS has to check the network and DNS of Logto's host`, () => {
      const dns = Object.assign(new Error(`getaddrinfo ${code} email.eu-west-1.amazonaws.com`), { code });
      const { data } = described(dns, context);
      assert.equal(data.networkError, code);
      assert.equal(
        data.message,
        `Sending through SES failed: getaddrinfo ${code} email.eu-west-1.amazonaws.com. The SES host for region "eu-west-1" does not resolve, though eu-west-1 is an AWS region: the network or DNS did not answer. Check that Logto's host can resolve and reach amazonaws.com (its DNS servers, a firewall or proxy; a VPC without internet access needs an SES VPC endpoint, set as endpoint).`
      );
    });
  }

  it('reports a refused connection as a network fault', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const { code, data } = described(refused, { ...context, endpoint: 'http://127.0.0.1:9' });
    assert.equal(code, ConnectorErrorCodes.InvalidResponse);
    assert.equal(data.networkError, 'ECONNREFUSED');
    assert.match(String(data.message), /Nothing accepted the connection at http:\/\/127\.0\.0\.1:9/);
  });
});

describe('toConnectorError, for errors that are no AWS answer', () => {
  check([
    [
      'an error with a fault side but no metadata, which no SDK exception is',
      Object.assign(new Error('Something odd'), { name: 'Odd', $fault: 'client' }),
      context,
      'invalid_response',
      { message: 'Sending through SES failed: Odd: Something odd.' },
    ],
    [
      'a reset connection to SES',
      socketError('ECONNRESET', 'socket hang up'),
      context,
      'invalid_response',
      {
        message:
          'Sending through SES failed: socket hang up (ECONNRESET). The connection to SES was reset before an answer came.',
        networkError: 'ECONNRESET',
      },
    ],
    [
      'connecting to SES timed out',
      socketError('ETIMEDOUT'),
      context,
      'invalid_response',
      {
        message: 'Sending through SES failed: connect ETIMEDOUT 127.0.0.1:9. Connecting to SES timed out.',
        networkError: 'ETIMEDOUT',
      },
    ],
    [
      'refused, without an endpoint in the config',
      socketError('ECONNREFUSED'),
      context,
      'invalid_response',
      {
        message:
          'Sending through SES failed: connect ECONNREFUSED 127.0.0.1:9. Nothing accepted the connection: check endpoint.',
        networkError: 'ECONNREFUSED',
      },
    ],
    [
      'a code without a hint, already in the message',
      socketError('EPIPE', 'write EPIPE'),
      context,
      'invalid_response',
      { message: 'Sending through SES failed: write EPIPE.', networkError: 'EPIPE' },
    ],
    [
      'a code without a hint, added to the message',
      socketError('EPIPE', 'write failed'),
      context,
      'invalid_response',
      { message: 'Sending through SES failed: write failed (EPIPE).', networkError: 'EPIPE' },
    ],
    [
      'another SES operation',
      new TypeError('boom'),
      { ...context, operation: 'GetAccount' },
      'invalid_response',
      { message: 'Calling SES GetAccount failed: TypeError: boom.' },
    ],
    [
      'a thrown string',
      'plain text',
      context,
      'invalid_response',
      { message: 'Sending through SES failed: Error: plain text.' },
    ],
    [
      'an abort that is not the deadline',
      Object.assign(new Error('Request aborted'), { name: 'AbortError' }),
      context,
      'invalid_response',
      { message: 'Sending through SES failed: AbortError: Request aborted.' },
    ],
    [
      'a message ending in a full stop and a space',
      new Error('boom. '),
      context,
      'invalid_response',
      { message: 'Sending through SES failed: Error: boom.' },
    ],
    [
      'a message ending in a space',
      new Error('boom '),
      context,
      'invalid_response',
      { message: 'Sending through SES failed: Error: boom.' },
    ],
  ]);
});

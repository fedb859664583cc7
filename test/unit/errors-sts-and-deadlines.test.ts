/**
 * toConnectorError for what fails around an SES answer: STS while assuming the role, the call's
 * deadline (STS silent, SES throttling, SES silent), and errors that are no AWS answer at all.
 * Each case is the whole error as Logto logs it, so a changed word or field fails.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { ConnectorError } from '@logto/connector-kit';

import { DeadlineExceeded, toConnectorError, type FailureContext } from '../../src/transport/errors.js';
import { StsFailure } from '../../src/transport/sts-credentials.js';
import { failureDataOf } from '../../src/transport/failure-data.js';

const context: FailureContext = {
  region: 'eu-west-1',
  credentialSource: 'config',
  timeoutMs: 2500,
  secrets: ['wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY'],
};
const roleArn = 'arn:aws:iam::123456789012:role/logto';
const role: FailureContext = { ...context, roleArn };
const sts = 'https://sts.eu-west-1.amazonaws.com';
const reachSts = `check that STS at ${sts} is reachable from Logto (AWS_ENDPOINT_URL_STS, a firewall, an STS VPC endpoint).`;
const throttlingAdvice =
  'SES is throttling this account in eu-west-1: more emails per second than its maximum send rate. A retry in a moment goes through; if it keeps happening, request a higher sending rate in the SES console.';

const socketError = (code: string, message = `connect ${code} 127.0.0.1:9`) =>
  Object.assign(new Error(message), { code });
const stsAnswer = (name: string, message: string, status = 400) =>
  Object.assign(new Error(message), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, requestId: 'sts-1', attempts: 1 },
  });
const notFound = () =>
  Object.assign(new Error('Not Found'), { name: 'NotFound', $fault: 'client', $metadata: { httpStatusCode: 404 } });
const throttled = new TooManyRequestsException({
  message: 'Maximum sending rate exceeded.',
  $metadata: { httpStatusCode: 429, requestId: 'r' },
});
const quotaUsed = new TooManyRequestsException({
  message: 'Daily message quota exceeded.',
  $metadata: { httpStatusCode: 429 },
});
const log = (failures: unknown[], reachedSes: boolean, attempts = failures.length) => ({
  failures,
  reachedSes,
  attempts,
});

type Case = [name: string, thrown: unknown, where: FailureContext, code: string, data: Record<string, unknown>];

const check = (cases: Case[]) => {
  for (const [name, thrown, where, code, data] of cases) {
    it(name, () => {
      const mapped = toConnectorError(thrown, where);
      assert.ok(mapped instanceof ConnectorError);
      // As Logto logs it: JSON, where a field without a value is left out.
      assert.deepEqual([mapped.code, JSON.parse(JSON.stringify(mapped.data))], [code, data]);
    });
  }
};

describe('toConnectorError, when STS fails while assuming the role', () => {
  check([
    [
      'refused: names the role and where STS was looked for',
      new StsFailure(socketError('ECONNREFUSED'), sts),
      role,
      'invalid_response',
      {
        message: `Assuming ${roleArn} through STS failed: connect ECONNREFUSED 127.0.0.1:9. Nothing accepted the connection to STS, where Logto assumes ${roleArn}: ${reachSts}`,
        networkError: 'ECONNREFUSED',
      },
    ],
    [
      'refused, in a context without the role ARN',
      new StsFailure(socketError('ECONNREFUSED'), sts),
      context,
      'invalid_response',
      {
        message: `Assuming the role through STS failed: connect ECONNREFUSED 127.0.0.1:9. Nothing accepted the connection to STS, where Logto assumes the role: ${reachSts}`,
        networkError: 'ECONNREFUSED',
      },
    ],
    [
      'host does not resolve: a config problem',
      new StsFailure(socketError('ENOTFOUND', 'getaddrinfo ENOTFOUND sts.eu-west-1.amazonaws.com'), sts),
      role,
      'invalid_config',
      {
        message: `Assuming ${roleArn} through STS failed: getaddrinfo ENOTFOUND sts.eu-west-1.amazonaws.com. The STS host in ${sts} does not resolve: check AWS_ENDPOINT_URL_STS, or region.`,
        networkError: 'ENOTFOUND',
      },
    ],
    [
      'connection reset',
      new StsFailure(socketError('ECONNRESET', 'socket hang up'), sts),
      role,
      'invalid_response',
      {
        message: `Assuming ${roleArn} through STS failed: socket hang up (ECONNRESET). The connection to STS was reset before an answer came. (STS endpoint: ${sts}.)`,
        networkError: 'ECONNRESET',
      },
    ],
    [
      'connecting timed out',
      new StsFailure(socketError('ETIMEDOUT'), sts),
      role,
      'invalid_response',
      {
        message: `Assuming ${roleArn} through STS failed: connect ETIMEDOUT 127.0.0.1:9. Connecting to STS timed out. (STS endpoint: ${sts}.)`,
        networkError: 'ETIMEDOUT',
      },
    ],
    [
      'an error without a code',
      new StsFailure(new TypeError('fetch failed'), sts),
      role,
      'invalid_response',
      { message: `Assuming ${roleArn} through STS failed: TypeError: fetch failed. (STS endpoint: ${sts}.)` },
    ],
    [
      'AccessDenied: the trust policy',
      new StsFailure(stsAnswer('AccessDenied', 'not authorized to perform sts:AssumeRole', 403), sts),
      role,
      'invalid_config',
      {
        message: `STS AccessDenied: not authorized to perform sts:AssumeRole. The base credentials may not assume ${roleArn}: check the role's trust policy and externalId. (STS endpoint: ${sts}.)`,
        sesError: 'AccessDenied',
        requestId: 'sts-1',
        httpStatusCode: 403,
        attempts: 1,
      },
    ],
    [
      'AccessDenied, in a context without the role ARN',
      new StsFailure(stsAnswer('AccessDenied', 'not authorized', 403), sts),
      context,
      'invalid_config',
      {
        message: `STS AccessDenied: not authorized. The base credentials may not assume the role: check the role's trust policy and externalId. (STS endpoint: ${sts}.)`,
        sesError: 'AccessDenied',
        requestId: 'sts-1',
        httpStatusCode: 403,
        attempts: 1,
      },
    ],
    [
      'throttled: a rate limit of STS, not of SES',
      new StsFailure(stsAnswer('Throttling', 'Rate exceeded'), sts),
      role,
      'rate_limit_exceeded',
      {
        message: `STS Throttling: Rate exceeded. STS is throttling AssumeRole calls for this account; they succeed again in a moment. (STS endpoint: ${sts}.)`,
        sesError: 'Throttling',
        requestId: 'sts-1',
        httpStatusCode: 400,
        attempts: 1,
      },
    ],
    [
      'an expired session token of the base keys',
      new StsFailure(stsAnswer('ExpiredToken', 'The security token included in the request is expired'), sts),
      { ...role, credentialSource: 'config with session token' },
      'invalid_config',
      {
        message: `STS ExpiredToken: The security token included in the request is expired. Check accessKeyId, accessKeySecret and sessionToken (temporary keys expire with their session token), and that they may assume ${roleArn}: STS did not accept them. (STS endpoint: ${sts}.)`,
        sesError: 'ExpiredToken',
        requestId: 'sts-1',
        httpStatusCode: 400,
        attempts: 1,
      },
    ],
    [
      'a 404: no STS API at AWS_ENDPOINT_URL_STS',
      new StsFailure(notFound(), 'http://127.0.0.1:4566/sts'),
      role,
      'invalid_config',
      {
        message: `STS at http://127.0.0.1:4566/sts answered HTTP 404 (not found) to AssumeRole for ${roleArn}: there is no STS API at that URL. Please check AWS_ENDPOINT_URL_STS: it must be the STS API's base URL, such as https://sts.eu-west-1.amazonaws.com.`,
        httpStatusCode: 404,
      },
    ],
    [
      'a 404, in a context without the role ARN',
      new StsFailure(notFound(), 'http://127.0.0.1:4566/sts'),
      context,
      'invalid_config',
      {
        message: `STS at http://127.0.0.1:4566/sts answered HTTP 404 (not found) to AssumeRole for the role: there is no STS API at that URL. Please check AWS_ENDPOINT_URL_STS: it must be the STS API's base URL, such as https://sts.eu-west-1.amazonaws.com.`,
        httpStatusCode: 404,
      },
    ],
    [
      'a redirect without a location',
      new StsFailure(
        Object.assign(new Error('Unknown'), { name: 'Unknown', $metadata: { httpStatusCode: 301 } }),
        'http://127.0.0.1:4566'
      ),
      role,
      'invalid_config',
      {
        message: `STS at http://127.0.0.1:4566 answered HTTP 301, a redirect, instead of an STS answer. Please check AWS_ENDPOINT_URL_STS: it must be the STS API's base URL, such as https://sts.eu-west-1.amazonaws.com.`,
        httpStatusCode: 301,
      },
    ],
    [
      'an unreadable 502 after retries',
      new StsFailure(
        Object.assign(new Error('<html>502</html>'), { $metadata: { httpStatusCode: 502, attempts: 2 } }),
        sts
      ),
      role,
      'invalid_response',
      {
        message: `STS at ${sts} answered HTTP 502 with a body that is not an STS answer (<html>502</html>) (after 2 attempts): a proxy or load balancer in front of STS, or an STS outage.`,
        httpStatusCode: 502,
        attempts: 2,
      },
    ],
    [
      'an unreadable 200: no credentials, so nothing about delivery',
      new StsFailure(Object.assign(new Error('Unexpected end of input'), { $metadata: { httpStatusCode: 200 } }), sts),
      role,
      'invalid_response',
      {
        message: `STS at ${sts} answered HTTP 200 with a body that is not an STS answer (Unexpected end of input): a proxy or load balancer in front of STS, or an STS outage.`,
        httpStatusCode: 200,
      },
    ],
  ]);
});

describe('toConnectorError, when the deadline passed', () => {
  const silentSes = (where: string) => ({
    message: `SES did not answer within 2500 ms (timeoutMs, retries included), so the request was aborted. Check that ${where} is reachable from Logto, or raise timeoutMs.`,
    timeoutMs: 2500,
  });
  const silentSts = {
    message: `STS did not answer within 2500 ms (timeoutMs) while Logto was assuming ${roleArn}, so the send was aborted before it reached SES: ${reachSts}`,
    timeoutMs: 2500,
  };
  check([
    [
      'before the first attempt, with a role: STS was silent',
      new DeadlineExceeded(2500, log([], false)),
      role,
      'invalid_response',
      silentSts,
    ],
    [
      'the same, reported by the SDK as an abort',
      Object.assign(new Error('Request aborted'), {
        name: 'AbortError',
        cause: new DeadlineExceeded(2500, log([], false)),
      }),
      role,
      'invalid_response',
      silentSts,
    ],
    [
      'after an attempt reached SES, with a role: SES was silent',
      new DeadlineExceeded(2500, log([], true)),
      role,
      'invalid_response',
      silentSes('SES in eu-west-1'),
    ],
    [
      'with a role but no log of the call',
      new DeadlineExceeded(2500),
      role,
      'invalid_response',
      silentSes('SES in eu-west-1'),
    ],
    [
      'before the first attempt, without a role: the endpoint was silent',
      new DeadlineExceeded(2500, log([], false)),
      { ...context, endpoint: 'http://127.0.0.1:9' },
      'invalid_response',
      silentSes('http://127.0.0.1:9'),
    ],
    [
      'while SES throttled the only attempt',
      new DeadlineExceeded(2500, log([throttled], true)),
      context,
      'rate_limit_exceeded',
      {
        message: `SES throttled the only attempt made before timeoutMs (2500 ms) passed, so the send was given up: SES TooManyRequestsException: Maximum sending rate exceeded. ${throttlingAdvice}`,
        sesError: 'TooManyRequestsException',
        httpStatusCode: 429,
        attempts: 1,
        timeoutMs: 2500,
      },
    ],
    [
      'while SES throttled all three attempts',
      new DeadlineExceeded(2500, log([throttled, throttled, throttled], true)),
      context,
      'rate_limit_exceeded',
      {
        message: `SES throttled all 3 attempts made before timeoutMs (2500 ms) passed, so the send was given up: SES TooManyRequestsException: Maximum sending rate exceeded. ${throttlingAdvice}`,
        sesError: 'TooManyRequestsException',
        httpStatusCode: 429,
        attempts: 3,
        timeoutMs: 2500,
      },
    ],
    [
      'while SES throttled two attempts and the deadline cut the third short',
      new DeadlineExceeded(2500, log([throttled, throttled], true, 3)),
      context,
      'rate_limit_exceeded',
      {
        message: `SES throttled the first 2 attempts and timeoutMs (2500 ms) passed during the next, so the send was given up: SES TooManyRequestsException: Maximum sending rate exceeded. ${throttlingAdvice}`,
        sesError: 'TooManyRequestsException',
        httpStatusCode: 429,
        attempts: 3,
        timeoutMs: 2500,
      },
    ],
    [
      'with the daily quota used up',
      new DeadlineExceeded(2500, log([quotaUsed], true)),
      context,
      'usage_limit_exceeded',
      {
        message:
          "SES throttled the only attempt made before timeoutMs (2500 ms) passed, so the send was given up: SES TooManyRequestsException: Daily message quota exceeded. The account's 24-hour sending quota in eu-west-1 is used up: SES sends again as the 24-hour window moves on. Request a higher quota in the SES console.",
        sesError: 'TooManyRequestsException',
        httpStatusCode: 429,
        attempts: 1,
        timeoutMs: 2500,
      },
    ],
    [
      'when the last attempt was not throttled but lost',
      new DeadlineExceeded(2500, log([throttled, socketError('ECONNRESET')], true)),
      context,
      'invalid_response',
      silentSes('SES in eu-west-1'),
    ],
    [
      'when the last answer was no limit',
      new DeadlineExceeded(2500, log([stsAnswer('InternalFailure', 'x', 500)], true)),
      context,
      'invalid_response',
      silentSes('SES in eu-west-1'),
    ],
  ]);
});

describe('toConnectorError, for errors that are no AWS answer', () => {
  check([
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
    [
      'HTTP 300 is a redirect too',
      Object.assign(new Error('Unknown'), { name: 'Unknown', $metadata: { httpStatusCode: 300 } }),
      context,
      'invalid_config',
      {
        message:
          "SES in eu-west-1 answered HTTP 300, a redirect, instead of an SES answer. Please check endpoint: it must be the SES API's base URL, such as https://email.eu-west-1.amazonaws.com, without a path.",
        httpStatusCode: 300,
      },
    ],
  ]);
});

describe('toConnectorError, for the words of an SES answer', () => {
  const exception = (message: string, attempts: number) =>
    Object.assign(new Error(message), {
      name: 'InternalFailure',
      $fault: 'server',
      $metadata: { httpStatusCode: 500, requestId: 'req-3', attempts },
    });
  check([
    [
      'a message with spaces and a line break around it',
      Object.assign(exception(' Invalid tag value \n', 1), { name: 'BadRequestException', $fault: 'client' }),
      context,
      'invalid_config',
      {
        message: 'SES BadRequestException: Invalid tag value. Check the config values SES named above.',
        sesError: 'BadRequestException',
        requestId: 'req-3',
        httpStatusCode: 500,
        attempts: 1,
      },
    ],
    [
      'a retried answer of two sentences loses only its last full stop',
      exception('Internal failure. Try again. ', 3),
      context,
      'invalid_response',
      {
        message: 'SES InternalFailure: Internal failure. Try again (after 3 attempts).',
        sesError: 'InternalFailure',
        requestId: 'req-3',
        httpStatusCode: 500,
        attempts: 3,
      },
    ],
    [
      "an unreadable answer's first line, trimmed",
      Object.assign(new Error('  <html>503</html>  \n<body>'), {
        $metadata: { httpStatusCode: 503, requestId: 'req-4' },
      }),
      context,
      'invalid_response',
      {
        message:
          'SES answered HTTP 503 with a body that is not an SES answer (<html>503</html>): a proxy or load balancer in front of SES, or an SES outage.',
        httpStatusCode: 503,
        requestId: 'req-4',
      },
    ],
  ]);
});

describe('toConnectorError, for a 404 that names no AWS error', () => {
  for (const name of ['Unknown', 'UnknownError', 'UnknownOperationException', 'NotFound']) {
    it(`${name}: no SES API at that URL`, () => {
      const error = Object.assign(new Error('Not Found'), {
        name,
        $fault: 'client',
        $metadata: { httpStatusCode: 404 },
      });
      const mapped = toConnectorError(error, { ...context, endpoint: 'http://127.0.0.1:4566/ses' });
      assert.equal(mapped.code, 'invalid_config');
      assert.equal(
        failureDataOf(mapped).message,
        "The endpoint http://127.0.0.1:4566/ses answered HTTP 404 (not found) to SendEmail: there is no SES API at that URL. Please check endpoint: it must be the SES API's base URL, such as https://email.eu-west-1.amazonaws.com, without a path."
      );
    });
  }
});

/**
 * toConnectorError when the call's deadline passed: STS still silent while the role was assumed,
 * SES throttling every attempt (a sending limit, with the attempts counted), or SES silent. Each
 * case is the whole error as Logto logs it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { ConnectorErrorCodes } from '@logto/connector-kit';

import { DeadlineExceeded } from '../../src/transport/errors.js';
import { check, context, described, role, roleArn, serviceAnswer, socketError } from './errors-cases.js';

const sts = 'https://sts.eu-west-1.amazonaws.com';
const reachSts = `check that STS at ${sts} is reachable from Logto (AWS_ENDPOINT_URL_STS, a firewall, an STS VPC endpoint).`;
const throttlingAdvice =
  'SES is throttling this account in eu-west-1: more emails per second than its maximum send rate. A retry in a moment goes through; if it keeps happening, request a higher sending rate in the SES console.';

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
      'while SES throttled the first attempt and the deadline cut the second short',
      new DeadlineExceeded(2500, log([throttled], true, 2)),
      context,
      'rate_limit_exceeded',
      {
        message: `SES throttled the first attempt and timeoutMs (2500 ms) passed during the next, so the send was given up: SES TooManyRequestsException: Maximum sending rate exceeded. ${throttlingAdvice}`,
        sesError: 'TooManyRequestsException',
        httpStatusCode: 429,
        attempts: 2,
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
      new DeadlineExceeded(2500, log([serviceAnswer('InternalFailure', 'x', 500)], true)),
      context,
      'invalid_response',
      silentSes('SES in eu-west-1'),
    ],
  ]);

  it('is an error of its own, saying how long it waited, as it prints in a stack trace', () => {
    assert.equal(String(new DeadlineExceeded(2500)), 'DeadlineExceeded: no answer within 2500 ms');
  });

  it('says how long it waited when the deadline passed, also when the SDK reports the abort', () => {
    for (const error of [
      new DeadlineExceeded(2500),
      Object.assign(new Error('Request aborted'), { name: 'AbortError', cause: new DeadlineExceeded(2500) }),
    ]) {
      const { code, data } = described(error, { ...context, timeoutMs: 2500 });
      assert.equal(code, ConnectorErrorCodes.InvalidResponse);
      assert.match(String(data.message), /^SES did not answer within 2500 ms \(timeoutMs, retries included\)/);
      assert.equal(data.timeoutMs, 2500);
    }
  });
});

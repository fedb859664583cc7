/**
 * toConnectorError when getting the role's credentials from STS failed: every message names STS,
 * the role and where STS was looked for, never SES. Each case is the whole error as Logto logs it.
 */
import { describe } from 'node:test';

import { StsFailure } from '../../src/transport/sts-credentials.js';
import { check, context, notFound, role, roleArn, serviceAnswer, socketError } from './errors-cases.js';

const sts = 'https://sts.eu-west-1.amazonaws.com';
const reachSts = `check that STS at ${sts} is reachable from Logto (AWS_ENDPOINT_URL_STS, a firewall, an STS VPC endpoint).`;
const stsAnswer = (name: string, message: string, status = 400) => serviceAnswer(name, message, status, 'sts-1');

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
      'host does not resolve, on a send through a global endpoint: still the STS host, not the global endpoint',
      new StsFailure(socketError('ENOTFOUND', 'getaddrinfo ENOTFOUND sts.eu-west-1.amazonaws.com'), sts),
      { ...role, operation: 'SendEmail', endpointId: 'abcd1234.ef5g' },
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

/**
 * toConnectorError when something other than SES's API answered: a redirect (a proxy's login, a
 * URL with a path), a 404 page that names no AWS error, or a body that is not SES's answer. Each
 * names the setting that points there; each case is the whole error as Logto logs it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { toConnectorError } from '../../src/transport/errors.js';
import { failureDataOf } from '../../src/transport/failure-data.js';
import { check, context, notFound } from './errors-cases.js';

describe('toConnectorError, for a redirect or a 404 page instead of SES', () => {
  check([
    [
      'redirect',
      Object.assign(new Error('Unknown'), {
        name: 'Unknown',
        $metadata: { httpStatusCode: 302 },
        $response: { headers: { location: 'https://login.example.com/sso' } },
      }),
      { ...context, endpoint: 'https://proxy.example.com' },
      'invalid_config',
      {
        message:
          "The endpoint https://proxy.example.com answered HTTP 302, a redirect to https://login.example.com/sso, instead of an SES answer. Please check endpoint: it must be the SES API's base URL, such as https://email.eu-west-1.amazonaws.com, without a path.",
        httpStatusCode: 302,
        location: 'https://login.example.com/sso',
      },
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
    [
      '404 page',
      notFound(),
      context,
      'invalid_config',
      {
        message:
          "SES in eu-west-1 answered HTTP 404 (not found) to SendEmail: there is no SES API at that URL. Please check endpoint: it must be the SES API's base URL, such as https://email.eu-west-1.amazonaws.com, without a path.",
        httpStatusCode: 404,
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

describe('toConnectorError, for an answer that is not SES JSON', () => {
  check([
    [
      'unreadable 200',
      Object.assign(new Error('Unexpected end of JSON input\nDeserialization error: to see the raw response'), {
        $metadata: { httpStatusCode: 200, requestId: 'r' },
      }),
      context,
      'invalid_response',
      {
        message:
          'SES answered HTTP 200, but its answer could not be read (Unexpected end of JSON input), so delivery cannot be confirmed.',
        httpStatusCode: 200,
        requestId: 'r',
      },
    ],
    [
      'unreadable 503',
      Object.assign(new Error('<html>503</html>\nmore'), { $metadata: { httpStatusCode: 503 } }),
      context,
      'invalid_response',
      {
        message:
          'SES answered HTTP 503 with a body that is not an SES answer (<html>503</html>): a proxy or load balancer in front of SES, or an SES outage.',
        httpStatusCode: 503,
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

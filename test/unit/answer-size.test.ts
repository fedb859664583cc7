/**
 * An answer over the size limit, as the connector says it: invalid_response, naming the endpoint
 * and the setting that points there (the config's endpoint, an environment variable, or none).
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';

import { ConnectorErrorCodes } from '@logto/connector-kit';

import { AnswerTooLarge, maxAnswerBytes } from '../../src/transport/bounded-answer.js';
import { toConnectorError, type FailureContext } from '../../src/transport/errors.js';
import { failureDataOf } from '../../src/transport/failure-data.js';

const context: FailureContext = {
  operation: 'GetAccount',
  region: 'eu-west-1',
  credentialSource: 'config',
  timeoutMs: 10_000,
  secrets: [],
};

const mapped = (where: FailureContext, error = new AnswerTooLarge(maxAnswerBytes)) => {
  const connectorError = toConnectorError(Object.assign(error, { $metadata: { httpStatusCode: 200 } }), where);
  return { code: connectorError.code, ...failureDataOf(connectorError) };
};

describe('an answer over the size limit', () => {
  afterEach(() => {
    delete process.env.AWS_ENDPOINT_URL_SESV2;
  });

  it("from SES's own endpoint: says the region, and that something may answer in SES's place", () => {
    assert.deepEqual(mapped(context), {
      code: ConnectorErrorCodes.InvalidResponse,
      message:
        "SES in eu-west-1 answered GetAccount with a body larger than the 1 MB limit (more than 1048576 bytes arrived), so Logto closed the connection without reading the rest; SES's answers are a few KB. Something between Logto and SES (a proxy or a firewall) may be answering in its place.",
      httpStatusCode: 200,
    });
  });

  it('from AWS_ENDPOINT_URL_SESV2: names it, and the Content-Length it declared', () => {
    process.env.AWS_ENDPOINT_URL_SESV2 = 'https://ses-proxy.internal';
    assert.equal(
      mapped(context, new AnswerTooLarge(maxAnswerBytes, 300_000_000)).message,
      "The endpoint https://ses-proxy.internal answered GetAccount with a body larger than the 1 MB limit (its Content-Length was 300000000 bytes), so Logto closed the connection without reading the rest; SES's answers are a few KB. Check AWS_ENDPOINT_URL_SESV2: it must be the SES API's base URL, such as https://email.eu-west-1.amazonaws.com."
    );
  });

  it('a limit that is not whole megabytes is said in bytes', () => {
    assert.match(
      mapped(context, new AnswerTooLarge(1000)).message ?? '',
      /larger than the 1000 bytes limit \(more than 1000 bytes arrived\)/
    );
  });
});

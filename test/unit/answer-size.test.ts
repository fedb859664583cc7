/**
 * An answer over the size limit, as the connector says it: invalid_response, naming the endpoint
 * and the setting that points there (the config's endpoint, an environment variable, or none).
 */
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { afterEach, describe, it } from 'node:test';

import { ConnectorErrorCodes } from '@logto/connector-kit';

import { answerTooLargeMessage } from '../../src/transport/answer-size-hint.js';
import { AnswerTooLarge, boundedStreamCollector, maxAnswerBytes } from '../../src/transport/bounded-answer.js';
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

  it('without a status from the SDK: said the same, with no status beside it', () => {
    const connectorError = toConnectorError(new AnswerTooLarge(maxAnswerBytes), context);
    const expected = mapped(context);
    delete expected.httpStatusCode;
    assert.deepEqual({ code: connectorError.code, ...failureDataOf(connectorError) }, expected);
  });

  it('for a call of no named operation: says SendEmail, the call a send makes', () => {
    assert.equal(
      answerTooLargeMessage(new AnswerTooLarge(maxAnswerBytes), { region: 'eu-west-1' }),
      "SES in eu-west-1 answered SendEmail with a body larger than the 1 MB limit (more than 1048576 bytes arrived), so Logto closed the connection without reading the rest; SES's answers are a few KB. Something between Logto and SES (a proxy or a firewall) may be answering in its place."
    );
  });

  it("from STS, with the role's ARN unknown: says the role", () => {
    assert.equal(
      answerTooLargeMessage(new AnswerTooLarge(maxAnswerBytes), {
        region: 'eu-west-1',
        sts: { endpoint: 'https://sts.eu-west-1.amazonaws.com' },
      }),
      "STS at https://sts.eu-west-1.amazonaws.com answered AssumeRole for the role with a body larger than the 1 MB limit (more than 1048576 bytes arrived), so Logto closed the connection without reading the rest; STS's answers are a few KB. Check AWS_ENDPOINT_URL_STS: it must be the STS API's base URL, such as https://sts.eu-west-1.amazonaws.com."
    );
  });

  it('a limit that is not whole megabytes is said in bytes', () => {
    assert.match(
      mapped(context, new AnswerTooLarge(1000)).message ?? '',
      /larger than the 1000 bytes limit \(more than 1000 bytes arrived\)/
    );
  });
});

describe('the bounded body collector', () => {
  /** A body as the SDK's node handler gives it: a stream, with the answer's headers when it has any. */
  const body = (chunks: string[], headers?: Record<string, string>) =>
    Object.assign(Readable.from(chunks.map((chunk) => Buffer.from(chunk))), headers && { headers });

  it('reads a body of several chunks whole, with or without a Content-Length', async () => {
    const collect = boundedStreamCollector(10);
    assert.equal(Buffer.from(await collect(body(['{"a"', ':1}']))).toString(), '{"a":1}');
    assert.equal(Buffer.from(await collect(body(['{"a"', ':1}'], { 'content-length': '7' }))).toString(), '{"a":1}');
  });

  it('reads a body whose Content-Length is exactly the limit', async () => {
    const collected = await boundedStreamCollector(10)(body(['0123456789'], { 'content-length': '10' }));
    assert.equal(Buffer.from(collected).toString(), '0123456789');
  });

  it('refuses a Content-Length over the limit before reading, and says so', async () => {
    const stream = body(['01234567890'], { 'content-length': '11' });
    await assert.rejects(boundedStreamCollector(10)(stream), (error: unknown) => {
      assert.ok(error instanceof AnswerTooLarge);
      assert.equal(String(error), 'AnswerTooLarge: the answer declared a body of 11 bytes');
      assert.deepEqual([error.limitBytes, error.declaredBytes], [10, 11]);
      return true;
    });
    assert.equal(stream.destroyed, true);
  });

  it('refuses a body that passes the limit as it arrives, and says so', async () => {
    await assert.rejects(boundedStreamCollector(10)(body(['012345', '67890'])), (error: unknown) => {
      assert.ok(error instanceof AnswerTooLarge);
      assert.equal(String(error), "AnswerTooLarge: the answer's body passed 10 bytes");
      assert.equal(error.declaredBytes, undefined);
      return true;
    });
  });

  it("passes on the stream's own error", async () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    const stream = new Readable({
      read() {
        this.destroy(reset);
      },
    });
    await assert.rejects(boundedStreamCollector(10)(stream), reset);
  });
});

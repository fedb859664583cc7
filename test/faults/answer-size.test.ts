/**
 * An endpoint that answers with a body far larger than any SES or STS answer: the send fails
 * with a message naming the endpoint, without reading the rest (the connection is closed), and
 * without a retry; an answer of exactly the limit is still read.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';

import { ConnectorErrorCodes } from '@logto/connector-kit';

import { configFor, genericMessage, keyId, roleArn, secret } from '../support/fixtures.js';
import { destroyClients } from '../../src/index.js';
import { maxAnswerBytes } from '../../src/transport/bounded-answer.js';
import { startOversizedServer, type OversizedServerOptions } from '../support/oversized-server.js';
import { startSesStub } from '../support/ses-stub.js';
import { expectConnectorError, makeConnector, textOf } from '../integration/harness.js';

const fiftyMegabytes = 50 * 1024 * 1024;

const sendTo = async (options: OversizedServerOptions, overrides: Record<string, unknown> = {}) => {
  const server = await startOversizedServer(options);
  const { connector } = await makeConnector({
    savedConfig: configFor(server.url, { maxAttempts: 3, timeoutMs: 10_000, ...overrides }),
  });
  return { server, send: async () => connector.sendMessage(genericMessage) };
};

const refusedAt = (url: string, size: string) =>
  `The endpoint ${url} answered SendEmail with a body larger than the 1 MB limit (${size}), so Logto closed the connection without reading the rest; SES's answers are a few KB. Check endpoint: it must be the SES API's base URL, such as https://email.us-east-1.amazonaws.com.`;

describe('answers larger than SES gives', () => {
  afterEach(async () => {
    await destroyClients();
    delete process.env.AWS_ENDPOINT_URL_STS;
  });

  it('a 50 MB chunked answer to SendEmail: invalid_response naming the endpoint, the connection closed early', async () => {
    const { server, send } = await sendTo({ bodyBytes: fiftyMegabytes });
    try {
      const error = await expectConnectorError(send(), ConnectorErrorCodes.InvalidResponse);
      assert.equal(textOf(error), refusedAt(server.url, `more than ${maxAnswerBytes} bytes arrived`));
      assert.equal(server.answers.length, 1, 'not retried');
      const [answer] = server.answers;
      assert.deepEqual(await answer!.closed, { complete: false });
      assert.ok(answer!.bytesWritten < fiftyMegabytes / 5, `${answer!.bytesWritten} bytes were written`);
    } finally {
      await server.close();
    }
  });

  it('a Content-Length of 50 MB: refused before any of the body is read', async () => {
    const { server, send } = await sendTo({ bodyBytes: fiftyMegabytes, declareLength: true });
    try {
      const error = await expectConnectorError(send(), ConnectorErrorCodes.InvalidResponse);
      assert.equal(textOf(error), refusedAt(server.url, `its Content-Length was ${fiftyMegabytes} bytes`));
      assert.equal(failureStatus(error), 200);
      assert.deepEqual(await server.answers[0]!.closed, { complete: false });
    } finally {
      await server.close();
    }
  });

  it('a 500 with a 50 MB error page: refused the same way, not retried', async () => {
    const { server, send } = await sendTo({ bodyBytes: fiftyMegabytes, status: 500, contentType: 'text/html' });
    try {
      const error = await expectConnectorError(send(), ConnectorErrorCodes.InvalidResponse);
      assert.equal(textOf(error), refusedAt(server.url, `more than ${maxAnswerBytes} bytes arrived`));
      assert.equal(server.answers.length, 1, 'not retried');
    } finally {
      await server.close();
    }
  });

  it('an answer of exactly 1 MB is read; one byte more is refused', async () => {
    const exact = await sendTo({ bodyBytes: maxAnswerBytes, complete: true });
    try {
      const messageId = await exact.send();
      assert.equal(typeof messageId, 'string');
      assert.equal((messageId as string).length, maxAnswerBytes - '{"MessageId":""}'.length);
      assert.deepEqual(await exact.server.answers[0]!.closed, { complete: true });
    } finally {
      await exact.server.close();
    }
    await destroyClients();
    const over = await sendTo({ bodyBytes: maxAnswerBytes + 1, complete: true });
    try {
      const error = await expectConnectorError(over.send(), ConnectorErrorCodes.InvalidResponse);
      assert.equal(textOf(error), refusedAt(over.server.url, `more than ${maxAnswerBytes} bytes arrived`));
    } finally {
      await over.server.close();
    }
  });

  it("a 50 MB answer from STS to AssumeRole: said as STS's, with its endpoint, and SES never called", async () => {
    const ses = await startSesStub({ credentials: { [keyId]: { secretAccessKey: secret } } });
    const sts = await startOversizedServer({ bodyBytes: fiftyMegabytes, contentType: 'text/xml' });
    process.env.AWS_ENDPOINT_URL_STS = sts.url;
    try {
      const { connector } = await makeConnector({ savedConfig: configFor(ses.url, { roleArn, maxAttempts: 3 }) });
      const error = await expectConnectorError(
        connector.sendMessage(genericMessage),
        ConnectorErrorCodes.InvalidResponse
      );
      assert.equal(
        textOf(error),
        `STS at ${sts.url} answered AssumeRole for ${roleArn} with a body larger than the 1 MB limit (more than ${maxAnswerBytes} bytes arrived), so Logto closed the connection without reading the rest; STS's answers are a few KB. Check AWS_ENDPOINT_URL_STS: it must be the STS API's base URL, such as https://sts.us-east-1.amazonaws.com.`
      );
      assert.deepEqual(await sts.answers[0]!.closed, { complete: false });
      assert.equal(ses.counts.sendEmail, 0);
    } finally {
      await sts.close();
      await ses.close();
    }
  });
});

const failureStatus = (error: Parameters<typeof textOf>[0]) =>
  (error.data as Record<string, unknown> | undefined)?.httpStatusCode;

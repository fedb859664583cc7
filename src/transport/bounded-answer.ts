import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';

import { streamCollector } from '@smithy/node-http-handler';
import type { StreamCollector } from '@smithy/types';

/**
 * The largest answer body read from SES or STS. Their JSON and XML answers are a few KB; anything
 * near a megabyte comes from something else (a wrong endpoint, a proxy, a hostile server), and
 * reading it whole would hold all of it in Logto's memory.
 */
export const maxAnswerBytes = 1024 * 1024;

/** An answer body over the limit: refused, the connection closed, the rest never read. */
export class AnswerTooLarge extends Error {
  override name = 'AnswerTooLarge';
  constructor(
    readonly limitBytes: number,
    /** The Content-Length the answer declared, when that alone was over the limit. */
    readonly declaredBytes?: number
  ) {
    super(
      declaredBytes === undefined
        ? `the answer's body passed ${limitBytes} bytes`
        : `the answer declared a body of ${declaredBytes} bytes`
    );
  }
}

const declaredLength = (stream: Readable) => {
  // No header gives NaN, as a malformed one does.
  const length = Number((stream as Partial<IncomingMessage>).headers?.['content-length']);
  return Number.isSafeInteger(length) ? length : undefined;
};

/**
 * Collects the body as the SDK's own collector does (its chunks, joined once), but refuses it as
 * soon as its Content-Length or the bytes received pass `limit`. Destroying the stream closes the
 * socket, so the server's remaining bytes are neither read nor kept on a pooled connection.
 */
const collectBounded = async (stream: Readable, limit: number): Promise<Uint8Array> =>
  new Promise((resolve, reject) => {
    const refuse = (error: AnswerTooLarge) => {
      stream.destroy();
      reject(error);
    };
    const declared = declaredLength(stream);
    if ((declared ?? 0) > limit) {
      refuse(new AnswerTooLarge(limit, declared));
      return;
    }
    const chunks: Buffer[] = [];
    let length = 0;
    stream.on('data', (chunk: Buffer) => {
      length += chunk.byteLength;
      if (length > limit) {
        refuse(new AnswerTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    stream.once('end', () => resolve(Buffer.concat(chunks, length)));
    stream.once('error', reject);
  });

/**
 * The SDK's `streamCollector`, which every response body (answer or error) goes through before it
 * is parsed, with a size limit. Bodies that are not node streams keep the SDK's collector.
 */
export const boundedStreamCollector =
  (limit = maxAnswerBytes): StreamCollector =>
  async (stream) =>
    stream instanceof Readable
      ? collectBounded(stream, limit)
      : streamCollector(stream as Parameters<typeof streamCollector>[0]);

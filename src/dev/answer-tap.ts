/**
 * Reading, or rewriting, an answer aws-ses-v2-local writes. Its start function gives no app to add
 * a middleware to (front-door.ts), so what it answers is seen where it is written: the response's
 * own `write` and `end`, replaced on that one response. Express's `send` writes a whole answer
 * with one `end(chunk, encoding)`; a streamed one is handled the same way, chunk by chunk.
 */
import type { ServerResponse } from 'node:http';

type Write = (...args: unknown[]) => boolean;
type End = (...args: unknown[]) => ServerResponse;

const bytesOf = (chunk: unknown, encoding: unknown): Buffer | undefined => {
  if (typeof chunk === 'string') {
    return Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  }
  return chunk instanceof Uint8Array ? Buffer.from(chunk) : undefined;
};

/** The answer so far, or nothing once it grew past `limit` bytes. */
class Copy {
  private chunks: Buffer[] | undefined = [];
  private size = 0;

  constructor(private readonly limit: number) {}

  add(chunk: unknown, encoding: unknown) {
    const bytes = bytesOf(chunk, encoding);
    if (!bytes || !this.chunks) {
      return;
    }
    this.size += bytes.length;
    if (this.size > this.limit) {
      this.chunks = undefined;
    } else {
      this.chunks.push(bytes);
    }
  }

  get over() {
    return this.chunks === undefined;
  }

  get body(): Buffer | undefined {
    return this.chunks && Buffer.concat(this.chunks);
  }
}

/**
 * Calls `seen` with the status and the body (undefined past `limit` bytes) when the answer ends,
 * just before it goes out: a client that reads it and asks again finds what `seen` did. The answer
 * itself is written as it was, byte for byte.
 */
export const readAnswer = (
  response: ServerResponse,
  limit: number,
  seen: (status: number, body: Buffer | undefined) => void
) => {
  const copy = new Copy(limit);
  const write = response.write.bind(response) as Write;
  const end = response.end.bind(response) as End;
  let ended = false;
  response.write = ((...args: unknown[]) => {
    copy.add(args[0], args[1]);
    return write(...args);
  }) as typeof response.write;
  response.end = ((...args: unknown[]) => {
    if (!ended) {
      ended = true;
      copy.add(args[0], args[1]);
      try {
        seen(response.statusCode, copy.body);
      } catch {
        // What is kept is shown beside the mail; the mail's own answer goes out whatever happened.
      }
    }
    return end(...args);
  }) as typeof response.end;
};

/**
 * Holds the answer back until it ends, then writes what `rewrite` makes of its status and body in
 * its place (its length set, its ETag dropped, since it names the other body), or the answer as it
 * was when `rewrite` returns undefined, throws, or the answer grew past `limit` bytes.
 */
export const rewriteAnswer = (
  response: ServerResponse,
  limit: number,
  rewrite: (status: number, body: Buffer) => Buffer | undefined
) => {
  const copy = new Copy(limit);
  const write = response.write.bind(response) as Write;
  const end = response.end.bind(response) as End;
  let held: unknown[][] | undefined = [];
  const release = () => {
    for (const args of held ?? []) {
      write(...args);
    }
    held = undefined;
  };
  response.write = ((...args: unknown[]) => {
    if (!held) {
      return write(...args);
    }
    copy.add(args[0], args[1]);
    held.push(args);
    if (copy.over) {
      release();
    }
    return true;
  }) as typeof response.write;
  response.end = ((...args: unknown[]) => {
    if (!held) {
      return end(...args);
    }
    copy.add(args[0], args[1]);
    const body = copy.body;
    let replaced: Buffer | undefined;
    try {
      replaced = body && !response.headersSent ? rewrite(response.statusCode, body) : undefined;
    } catch {
      replaced = undefined;
    }
    if (!replaced) {
      release();
      return end(...args);
    }
    held = undefined;
    response.setHeader('content-length', replaced.length);
    response.removeHeader('etag');
    const callback = args.find((arg) => typeof arg === 'function');
    return end(replaced, callback);
  }) as typeof response.end;
};

/**
 * An HTTP server on 127.0.0.1 that answers every request with a body far larger than any SES or
 * STS answer, generated as it is sent (never held in memory): chunked without a length, or with
 * its true Content-Length. It writes as fast as the client reads and stops when the client closes
 * the connection, so a test can tell a client that read it all from one that hung up early.
 */
import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type OversizedServerOptions = {
  /** Bytes of body to send; default 50 MB. */
  bodyBytes?: number;
  /** Send a Content-Length (the true one); default chunked, with none. */
  declareLength?: boolean;
  status?: number;
  contentType?: string;
  /** End the body with `"}`, so all of it is one valid answer: {"MessageId":"aaa…"}. */
  complete?: boolean;
};

export type OversizedAnswer = {
  /** Body bytes handed to the socket before it closed or the body ended. */
  bytesWritten: number;
  /** Resolves when the connection is closed, with whether the whole body had been written. */
  closed: Promise<{ complete: boolean }>;
};

export type OversizedServer = {
  url: string;
  answers: OversizedAnswer[];
  close: () => Promise<void>;
};

const chunk = Buffer.alloc(64 * 1024, 'a');

const head = Buffer.from('{"MessageId":"');
const tail = Buffer.from('"}');

const drainedOrClosed = async (response: ServerResponse) =>
  new Promise<void>((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });

const stream = async (response: ServerResponse, answer: OversizedAnswer, total: number, complete: boolean) => {
  // Opens a JSON string, so what arrives is the start of a plausible answer.
  response.write(head);
  answer.bytesWritten = head.length;
  const end = complete ? total - tail.length : total;
  while (answer.bytesWritten < end && !response.destroyed) {
    const piece = chunk.subarray(0, Math.min(chunk.length, end - answer.bytesWritten));
    answer.bytesWritten += piece.length;
    if (!response.write(piece)) {
      await drainedOrClosed(response);
    }
  }
  if (complete && !response.destroyed) {
    answer.bytesWritten += tail.length;
    response.write(tail);
  }
  response.end();
};

export const startOversizedServer = async ({
  bodyBytes = 50 * 1024 * 1024,
  declareLength = false,
  status = 200,
  contentType = 'application/json',
  complete = false,
}: OversizedServerOptions = {}): Promise<OversizedServer> => {
  const answers: OversizedAnswer[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    request.resume();
    const answer: OversizedAnswer = {
      bytesWritten: 0,
      closed: once(response, 'close').then(() => ({ complete: response.writableFinished })),
    };
    answers.push(answer);
    response.writeHead(status, {
      'content-type': contentType,
      ...(declareLength && { 'content-length': String(bodyBytes) }),
    });
    void stream(response, answer, bodyBytes, complete);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    answers,
    close: async () => {
      for (const socket of sockets) {
        socket.destroy();
      }
      server.close();
      await once(server, 'close');
    },
  };
};

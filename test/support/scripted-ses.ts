/**
 * A small SES on 127.0.0.1 whose every answer a test writes, for what the full stub cannot show:
 * a SendEmail answer held until the test releases it (an in-flight mail), a 2xx without a
 * MessageId, an error of SES's own shape for any operation. Requests are not signature-checked.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** `requestId` is the answer's x-amzn-requestid header (default "scripted-request"). */
export type ScriptedAnswer = { status: number; body?: unknown; errorType?: string; requestId?: string };

export type ScriptedSes = {
  /** http://127.0.0.1:PORT */
  url: string;
  /** Requests received so far, as "METHOD /path". */
  received: string[];
  /** Sockets the client has open now. */
  openConnections: () => number;
  /** Resolves when the next request arrives (or at once if `count` have arrived). */
  requestArrived: (count: number) => Promise<void>;
  /** Answers the `count` oldest held requests (all, by default) with `answer`; with all, later ones at once. */
  release: (answer?: ScriptedAnswer, count?: number) => void;
  /** Resolves when every socket a client opened is closed. */
  allClosed: () => Promise<void>;
  close: () => Promise<void>;
};

const write = (
  response: ServerResponse,
  { status, body, errorType, requestId = 'scripted-request' }: ScriptedAnswer
) => {
  response.writeHead(status, {
    'content-type': 'application/json',
    'x-amzn-requestid': requestId,
    ...(errorType && { 'x-amzn-errortype': errorType }),
  });
  response.end(body === undefined ? '' : JSON.stringify(body));
};

/**
 * `answer` decides each request's answer; 'hold' keeps it waiting for `release()`. Default: every
 * request gets 200 {"MessageId": "scripted-N"}.
 */
export const startScriptedSes = async (
  answer: (request: IncomingMessage, index: number) => ScriptedAnswer | 'hold' = (_request, index) => ({
    status: 200,
    body: { MessageId: `scripted-${index}` },
  })
): Promise<ScriptedSes> => {
  const received: string[] = [];
  const held: ServerResponse[] = [];
  const sockets = new Set<Socket>();
  const arrivals: Array<{ count: number; resolve: () => void }> = [];
  let released: ScriptedAnswer | undefined;

  const server = createServer((request, response) => {
    received.push(`${request.method} ${request.url}`);
    for (const waiter of arrivals.filter(({ count }) => received.length >= count)) {
      waiter.resolve();
    }
    request.resume();
    request.on('end', () => {
      const planned = answer(request, received.length);
      if (planned !== 'hold') {
        write(response, planned);
      } else if (released) {
        write(response, released);
      } else {
        held.push(response);
      }
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // Node closes an idle keep-alive socket after 5 s; here only the client closes its sockets, so a
  // test sees when the connector closes them.
  server.keepAliveTimeout = 0;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    received,
    openConnections: () => sockets.size,
    requestArrived: async (count) => {
      if (received.length >= count) {
        return;
      }
      await new Promise<void>((resolve) => arrivals.push({ count, resolve }));
    },
    release: (answerGiven = { status: 200, body: { MessageId: 'released' } }, count = held.length) => {
      if (count >= held.length) {
        released = answerGiven;
      }
      for (const response of held.splice(0, count)) {
        write(response, answerGiven);
      }
    },
    allClosed: async () => {
      await Promise.all([...sockets].map(async (socket) => once(socket, 'close')));
    },
    close: async () => {
      for (const socket of sockets) {
        socket.destroy();
      }
      server.close();
      await once(server, 'close');
    },
  };
};

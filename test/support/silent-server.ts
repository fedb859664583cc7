/**
 * A TCP server on 127.0.0.1 that accepts every connection and then neither reads nor answers: an
 * SES (or STS) endpoint that has stalled, or a firewall that swallows traffic after the handshake.
 * Requests to it hang until the client gives up; what the test checks is that the client also
 * closes the connection when it does.
 */
import { createServer, type AddressInfo, type Socket } from 'node:net';

export type SilentServer = {
  /** http://127.0.0.1:PORT */
  url: string;
  /** Connections accepted since start. */
  accepted: () => number;
  /**
   * How many accepted connections the client has not closed. The server reads nothing while
   * requests are in flight, so it learns of a client's FIN only now: it drains every connection
   * and counts those that have not ended within `graceMs`.
   */
  openConnections: (graceMs?: number) => Promise<number>;
  /** Resolves once the client has closed every connection it opened; reading is how EOF shows. */
  allEnded: () => Promise<void>;
  close: () => Promise<void>;
};

export const startSilentServer = async (): Promise<SilentServer> => {
  const sockets = new Set<Socket>();
  const ended = new WeakSet<Socket>();
  let accepted = 0;
  const server = createServer({ pauseOnConnect: true }, (socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on('error', () => undefined); // A client's reset is what a test may cause.
    socket.on('end', () => ended.add(socket));
    socket.on('close', () => {
      ended.add(socket);
      sockets.delete(socket);
    });
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    accepted: () => accepted,
    openConnections: async (graceMs = 200) => {
      for (const socket of sockets) {
        socket.on('data', () => undefined); // Discards the request; reading is how EOF shows.
        socket.resume();
      }
      await new Promise((resolve) => setTimeout(resolve, graceMs));
      return [...sockets].filter((socket) => !ended.has(socket)).length;
    },
    allEnded: async () => {
      const open = [...sockets].filter((socket) => !ended.has(socket));
      const endings = open.map(async (socket) => new Promise((resolve) => socket.once('close', resolve)));
      for (const socket of open) {
        socket.on('data', () => undefined);
        socket.resume();
      }
      await Promise.all(endings);
    },
    close: async () => {
      for (const socket of sockets) {
        socket.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

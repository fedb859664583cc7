/**
 * The studio's HTTP server on 127.0.0.1: the page, its live-reload stream, "Send" and the sample
 * payloads (routes.ts). It re-reads the folder when a file in it changes and tells every open
 * page over Server-Sent Events. Every request passes the Host check and carries the run's token
 * (guard.ts).
 */
import { watch } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { RefusedBody } from './request-body.js';
import { failureText, reply } from './responses.js';
import { dispatch } from './routes.js';
import { createState, rebuild, type StudioOptions, type StudioState } from './state.js';

export type { StudioOptions } from './state.js';

export type Studio = {
  /** The address to open, with the token. */
  url: string;
  port: number;
  stop: () => Promise<void>;
};

/** Bursts of editor writes (save, rename, chmod) become one reload. */
const settleMs = 60;

/** Every request is answered: a refused body with its status, anything else as a 500 that says what failed. */
const serve = (state: StudioState) => {
  const server: Server = createServer((request, response) => {
    dispatch(state, request, response, (server.address() as AddressInfo).port).catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      if (error instanceof RefusedBody) {
        // The rest of a body too large is not read: the connection closes after the answer.
        response.setHeader('connection', 'close');
        reply(response, error.status, { error: error.message });
        return;
      }
      reply(response, 500, { error: `the studio failed: ${failureText(error, state.secrets)}` });
    });
  });
  return server;
};

/** Listens, or rejects with the listen error (EADDRINUSE for a busy port), leaving nothing open. */
const listen = async (server: Server, port: number) =>
  new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });

export const startStudio = async (options: StudioOptions): Promise<Studio> => {
  const state = await createState(options);
  const server = serve(state);
  // Listening comes before watching: a port that is taken leaves no watcher to keep the process alive.
  await listen(server, options.port);

  let pending: NodeJS.Timeout | undefined;
  const watcher = watch(options.folder, { recursive: true }, () => {
    clearTimeout(pending);
    pending = setTimeout(() => {
      rebuild(state).catch(() => {
        // A folder deleted or renamed mid-edit: the next change rebuilds.
      });
    }, settleMs);
  });

  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/?token=${state.token}`,
    port,
    stop: async () => {
      clearTimeout(pending);
      watcher.close();
      for (const stream of state.streams) {
        stream.end();
      }
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

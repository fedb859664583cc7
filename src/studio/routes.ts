/**
 * The studio's routes: method and path to a handler, and what each must show first. Every request
 * passes the Host check; a read carries the run's token in its address, a change in its header
 * (guard.ts); only the favicon, which browsers ask for without either, needs neither.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { assets } from './assets.js';
import { savePayload, send } from './change-handlers.js';
import type { Exchange } from './exchange.js';
import { changeAllowed, hostAllowed, hostRefusal, readAllowed } from './guard.js';
import { asset, events, favicon, fragment, page } from './read-handlers.js';
import { reply, replyText } from './responses.js';
import type { StudioState } from './state.js';

type Handler = (state: StudioState, exchange: Exchange) => void | Promise<void>;

type Route = {
  method: 'GET' | 'POST' | 'PUT';
  path: string | RegExp;
  /** `read`: the token in the address; `change`: in the header; `open`: neither. */
  access: 'read' | 'change' | 'open';
  handle: Handler;
};

export const routes: readonly Route[] = [
  { method: 'GET', path: '/', access: 'read', handle: page },
  { method: 'GET', path: '/fragment', access: 'read', handle: fragment },
  { method: 'GET', path: '/events', access: 'read', handle: events },
  ...Object.entries(assets).map(([path, which]): Route => ({
    method: 'GET',
    path,
    access: 'read',
    handle: asset(which),
  })),
  { method: 'GET', path: '/favicon.ico', access: 'open', handle: favicon },
  { method: 'POST', path: '/send', access: 'change', handle: send },
  { method: 'PUT', path: /^\/payloads\/([A-Za-z]+)$/, access: 'change', handle: savePayload },
];

const match = (method: string, pathname: string) => {
  for (const route of routes) {
    if (route.method !== method) {
      continue;
    }
    if (typeof route.path === 'string') {
      if (route.path === pathname) {
        return { route, params: [] };
      }
      continue;
    }
    const captured = route.path.exec(pathname);
    if (captured) {
      return { route, params: captured.slice(1) };
    }
  }
  return undefined;
};

/** Answers one request on the studio listening on `port`; a handler's failure is thrown to the server's catch. */
export const dispatch = async (
  state: StudioState,
  request: IncomingMessage,
  response: ServerResponse,
  port: number
) => {
  if (!hostAllowed(request, port)) {
    replyText(response, 403, hostRefusal('this studio', port));
    return;
  }
  const url = URL.parse(request.url ?? '/', `http://127.0.0.1:${port}`);
  if (!url) {
    replyText(response, 400, 'Refused: the request target is not a path.');
    return;
  }
  const method = request.method ?? 'GET';
  const found = match(method, url.pathname);
  if (found?.route.access !== 'open') {
    // What an unknown path needs is what its method would: nothing is said about it without the token.
    if (method === 'GET' && !readAllowed(url, state.token)) {
      replyText(response, 403, 'Refused: open the address logto-ses studio printed, with its ?token=….');
      return;
    }
    if (method !== 'GET' && !changeAllowed(request, state.token)) {
      reply(response, 403, { error: 'refused: a change needs the x-studio-token header the page sends' });
      return;
    }
  }
  if (!found) {
    reply(response, 404, { error: 'not found' });
    return;
  }
  await found.route.handle(state, { request, response, url, params: found.params });
};

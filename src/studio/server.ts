/**
 * The studio's HTTP server on 127.0.0.1: the page, its live-reload stream, "Send" and the sample
 * payloads. It re-reads the folder when a file in it changes and tells every open page over
 * Server-Sent Events. Every request passes the Host check and carries the run's token (guard.ts).
 */
import { randomBytes } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { SendMessagePayload, TemplateType } from '@logto/connector-kit';

import type { AwsSesConfig } from '../config/config.js';
import { messageOf } from '../connector/error-text.js';
import { parseRecipient } from '../config/address.js';
import { readTemplateFolder } from '../templates/folder.js';
import { samplePayload } from '../templates/sample-payloads.js';
import { templateTypes } from '../templates/template-file.js';

import { changeAllowed, hostAllowed, newToken, readAllowed } from './guard.js';
import { buildModel, connectorTemplatesOf, withTemplates, type ConnectorTemplates, type StudioModel } from './model.js';
import { renderFragment, renderPage } from './page.js';
import { sendThroughConnector } from './send.js';

export type StudioOptions = {
  folder: string;
  port: number;
  fallbackLanguage: string;
  /** The connector config previews and sends use. */
  config: AwsSesConfig;
  /** The connector's templates when the folder has no `_connector/`: the config's, or the defaults. */
  connector: ConnectorTemplates;
  /** The button's words, which say where mail goes: "Send to the local SES". */
  sendLabel: string;
  /** Said after a successful send: where to read the mail. */
  sentNote?: string;
  /** Why Send cannot work in this run (no local SES installed); it then answers with this. */
  sendUnavailable?: string;
};

export type Studio = {
  /** The address to open, with the token. */
  url: string;
  port: number;
  stop: () => Promise<void>;
};

/** Bursts of editor writes (save, rename, chmod) become one reload. */
const settleMs = 60;

const securityHeaders = (nonce?: string) => ({
  'content-security-policy': [
    "default-src 'none'",
    nonce ? `script-src 'nonce-${nonce}'` : "script-src 'none'",
    // Email HTML is styled inline and loads its images from the web, as in a mail client.
    "style-src 'unsafe-inline'",
    'img-src * data:',
    'font-src * data:',
    "connect-src 'self'",
    "frame-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; '),
  // The token is in the page's address: no email image may receive it as a referrer.
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
});

const reply = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json', ...securityHeaders() }).end(JSON.stringify(body));
};

const readBody = async (request: IncomingMessage, limit = 1_000_000) => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      throw new Error('request body too large');
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
};

export const startStudio = async (options: StudioOptions): Promise<Studio> => {
  const token = newToken();
  const payloads: Record<string, SendMessagePayload> = Object.fromEntries(
    templateTypes.map((type) => [type, samplePayload(type, options.fallbackLanguage)])
  );
  let version = 0;
  let model: StudioModel;
  const streams = new Set<ServerResponse>();

  const rebuild = async () => {
    const folder = await readTemplateFolder(options.folder);
    model = buildModel({
      folderPath: options.folder,
      folder,
      config: options.config,
      connector: connectorTemplatesOf(folder, options.connector),
      fallbackLanguage: options.fallbackLanguage,
      payloads,
    });
    version += 1;
    for (const stream of streams) {
      stream.write(`event: change\ndata: ${version}\n\n`);
    }
  };
  await rebuild();

  let pending: NodeJS.Timeout | undefined;
  const watcher: FSWatcher = watch(options.folder, { recursive: true }, () => {
    clearTimeout(pending);
    pending = setTimeout(() => {
      rebuild().catch(() => {
        // A folder deleted or renamed mid-edit: the next change rebuilds.
      });
    }, settleMs);
  });

  const send = async (request: IncomingMessage, response: ServerResponse) => {
    if (options.sendUnavailable) {
      reply(response, 503, { error: options.sendUnavailable });
      return;
    }
    let body: { key?: unknown; to?: unknown };
    try {
      body = JSON.parse(await readBody(request)) as typeof body;
    } catch {
      reply(response, 400, { error: 'the body must be JSON: {"key":"fr/SignIn","to":"you@example.com"}' });
      return;
    }
    const template = model.templates.find(({ key }) => key === body.key);
    if (!template) {
      reply(response, 404, { error: `no template ${String(body.key)} in the folder` });
      return;
    }
    const to = typeof body.to === 'string' ? body.to : '';
    try {
      parseRecipient(to);
    } catch (error: unknown) {
      reply(response, 400, { error: `the recipient ${messageOf(error)}` });
      return;
    }
    try {
      const messageId = await sendThroughConnector({
        config: withTemplates(
          options.config,
          connectorTemplatesOf(await readTemplateFolder(options.folder), options.connector)
        ),
        kind: template.kind,
        details: template.details,
        type: template.type as TemplateType,
        payload: template.payload,
        to,
      });
      reply(response, 200, { messageId: String(messageId), ...(options.sentNote && { note: options.sentNote }) });
    } catch (error: unknown) {
      reply(response, 502, { error: messageOf(error) });
    }
  };

  const savePayload = async (type: string, request: IncomingMessage, response: ServerResponse) => {
    if (!templateTypes.includes(type)) {
      reply(response, 404, { error: `no usage type ${type}` });
      return;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(await readBody(request));
    } catch (error: unknown) {
      reply(response, 400, { error: `not JSON: ${messageOf(error)}` });
      return;
    }
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
      reply(response, 400, { error: 'the payload must be a JSON object, such as {"code":"123456"}' });
      return;
    }
    payloads[type] = payload as SendMessagePayload;
    await rebuild();
    reply(response, 200, { ok: true });
  };

  const route = async (request: IncomingMessage, response: ServerResponse, port: number) => {
    if (!hostAllowed(request, port)) {
      response
        .writeHead(403, { 'content-type': 'text/plain; charset=utf-8', ...securityHeaders() })
        .end(`Refused: this studio answers only at 127.0.0.1:${port} or localhost:${port}.`);
      return;
    }
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    const method = request.method ?? 'GET';
    if (method === 'GET') {
      if (!readAllowed(url, token)) {
        response
          .writeHead(403, { 'content-type': 'text/plain; charset=utf-8', ...securityHeaders() })
          .end('Refused: open the address logto-ses studio printed, with its ?token=….');
        return;
      }
      if (url.pathname === '/') {
        const nonce = randomBytes(16).toString('base64');
        response
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...securityHeaders(nonce) })
          .end(renderPage(model, options.sendLabel, nonce, version));
        return;
      }
      if (url.pathname === '/fragment') {
        response
          .writeHead(200, {
            'content-type': 'text/html; charset=utf-8',
            'x-studio-version': String(version),
            ...securityHeaders(),
          })
          .end(renderFragment(model, options.sendLabel));
        return;
      }
      if (url.pathname === '/events') {
        response.writeHead(200, { 'content-type': 'text/event-stream', ...securityHeaders() });
        response.write(`event: hello\ndata: ${version}\n\n`);
        streams.add(response);
        request.on('close', () => streams.delete(response));
        return;
      }
      reply(response, 404, { error: 'not found' });
      return;
    }
    if (!changeAllowed(request, token)) {
      reply(response, 403, { error: 'refused: a change needs the x-studio-token header the page sends' });
      return;
    }
    if (method === 'POST' && url.pathname === '/send') {
      await send(request, response);
      return;
    }
    const payloadPath = /^\/payloads\/([A-Za-z]+)$/.exec(url.pathname);
    if (method === 'PUT' && payloadPath) {
      await savePayload(payloadPath[1]!, request, response);
      return;
    }
    reply(response, 404, { error: 'not found' });
  };

  const server = createServer((request, response) => {
    route(request, response, (server.address() as AddressInfo).port).catch((error: unknown) => {
      if (!response.headersSent) {
        reply(response, 500, { error: messageOf(error) });
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    stop: async () => {
      clearTimeout(pending);
      watcher.close();
      for (const stream of streams) {
        stream.end();
      }
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

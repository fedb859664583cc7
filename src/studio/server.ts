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
import { secretsIn } from '../connector/secrets-in.js';
import { redactText } from '../transport/redact.js';
import { parseRecipient } from '../config/address.js';
import { readTemplateFolder } from '../templates/folder.js';
import { samplePayload } from '../templates/sample-payloads.js';
import { templateTypes } from '../templates/template-file.js';

import { changeAllowed, hostAllowed, hostRefusal, newToken, readAllowed } from './guard.js';
import { buildModel, connectorTemplatesOf, withTemplates, type ConnectorTemplates, type StudioModel } from './model.js';
import { renderFragment, renderPage } from './page.js';
import {
  parseBody,
  payloadExample,
  payloadGuard,
  readBody,
  RefusedBody,
  sendBodyGuard,
  sendExample,
} from './request-body.js';
import { answerHtml, failureText, reply, replyText, securityHeaders } from './responses.js';
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

export const startStudio = async (options: StudioOptions): Promise<Studio> => {
  const token = newToken();
  const payloads: Record<string, SendMessagePayload> = Object.fromEntries(
    templateTypes.map((type) => [type, samplePayload(type, options.fallbackLanguage)])
  );
  let version = 0;
  let model: StudioModel;
  const streams = new Set<ServerResponse>();

  /** The config's secrets and the default chain's: an endpoint may echo one back, even in a MessageId. */
  const secrets = secretsIn(options.config);

  const modelOf = async (withPayloads: Record<string, SendMessagePayload>) => {
    const folder = await readTemplateFolder(options.folder);
    return buildModel({
      folderPath: options.folder,
      folder,
      config: options.config,
      connector: connectorTemplatesOf(folder, options.connector),
      fallbackLanguage: options.fallbackLanguage,
      payloads: withPayloads,
    });
  };

  const publish = (next: StudioModel) => {
    model = next;
    version += 1;
    for (const stream of streams) {
      stream.write(`event: change\ndata: ${version}\n\n`);
    }
  };
  const rebuild = async () => {
    publish(await modelOf(payloads));
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
    const body = parseBody(await readBody(request), sendBodyGuard, sendExample);
    const template = model.templates.find(({ key }) => key === body.key);
    if (!template) {
      reply(response, 404, { error: `no template ${JSON.stringify(body.key)} in the folder` });
      return;
    }
    try {
      parseRecipient(body.to);
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
        to: body.to,
      });
      reply(response, 200, {
        messageId: redactText(String(messageId), secrets),
        ...(options.sentNote && { note: options.sentNote }),
      });
    } catch (error: unknown) {
      reply(response, 502, { error: redactText(messageOf(error), secrets) });
    }
  };

  /**
   * A payload is kept only once the page renders with it, so no payload can leave the page
   * unable to answer; the one in use stays otherwise.
   */
  const savePayload = async (type: string, request: IncomingMessage, response: ServerResponse) => {
    if (!templateTypes.includes(type)) {
      reply(response, 404, { error: `no usage type ${type}` });
      return;
    }
    const payload = parseBody(await readBody(request), payloadGuard, payloadExample) as SendMessagePayload;
    const candidate = await modelOf({ ...payloads, [type]: payload });
    try {
      renderPage(candidate, options.sendLabel, '', version);
    } catch (error: unknown) {
      reply(response, 400, { error: `the page cannot show this payload: ${failureText(error, secrets)}` });
      return;
    }
    payloads[type] = payload;
    publish(candidate);
    reply(response, 200, { ok: true });
  };

  const routeRead = (url: URL, request: IncomingMessage, response: ServerResponse) => {
    if (url.pathname === '/') {
      const nonce = randomBytes(16).toString('base64');
      answerHtml(response, {
        what: 'the page',
        render: () => renderPage(model, options.sendLabel, nonce, version),
        headers: securityHeaders(nonce),
        secrets,
      });
      return;
    }
    if (url.pathname === '/fragment') {
      answerHtml(response, {
        what: 'the live update',
        render: () => renderFragment(model, options.sendLabel),
        headers: { 'x-studio-version': String(version), ...securityHeaders() },
        secrets,
      });
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
  };

  const route = async (request: IncomingMessage, response: ServerResponse, port: number) => {
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
    if (method === 'GET') {
      if (!readAllowed(url, token)) {
        replyText(response, 403, 'Refused: open the address logto-ses studio printed, with its ?token=….');
        return;
      }
      routeRead(url, request, response);
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

  /** Every request is answered: a refused body with its status, anything else as a 500 that says what failed. */
  const server = createServer((request, response) => {
    route(request, response, (server.address() as AddressInfo).port).catch((error: unknown) => {
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
      reply(response, 500, { error: `the studio failed: ${failureText(error, secrets)}` });
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

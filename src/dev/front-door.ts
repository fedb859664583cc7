/**
 * aws-ses-v2-local answers every route to any Host and any site. Bound to 127.0.0.1 it is still
 * reachable from a web page the developer visits: through DNS rebinding (evil.example resolving to
 * 127.0.0.1, so `GET /store` reads every mail, verification codes included), and through a
 * cross-site POST (`/clear-store` needs no signature). Its start function exports no app to add a
 * middleware to, only the listening server, so its request handler is wrapped instead: the
 * studio's own Host check first (src/studio/guard.ts), then a request another site sent (its
 * `Origin`) is refused, and `GET /` is this project's viewer (viewer.ts) rather than its page, with
 * its stylesheet and script at /viewer.css and /viewer.js (viewer-assets.ts). What it passes on,
 * it reads the answer of: the SendEmail members the local SES drops are kept and shown in
 * `/store` (sent-tap.ts).
 * The AWS SDK sends `Host: 127.0.0.1:PORT` and no `Origin`, so it still sends.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';

import type { Asset } from '../studio/assets.js';
import { hostAllowed, hostRefusal } from '../studio/guard.js';
import { answerHtml, replyText, securityHeaders } from '../studio/responses.js';

import { KeptSends } from './sent-members.js';
import { tapSends } from './sent-tap.js';
import type { StoredEmail } from './stored-email.js';
import { readViewerAsset, viewerAssets } from './viewer-assets.js';
import { renderViewer } from './viewer.js';

const originAllowed = (request: IncomingMessage, port: number) => {
  const origin = request.headers.origin;
  return origin === undefined || [`http://127.0.0.1:${port}`, `http://localhost:${port}`].includes(origin);
};

const isRead = (request: IncomingMessage) => request.method === 'GET' || request.method === 'HEAD';

const isViewer = (request: IncomingMessage) =>
  isRead(request) && (request.url === '/' || request.url?.startsWith('/?'));

const showViewer = async (response: ServerResponse, emails: () => Promise<StoredEmail[]>) => {
  const stored = await emails();
  const nonce = randomBytes(16).toString('base64');
  answerHtml(response, {
    what: 'the received mail',
    render: () => renderViewer(stored, nonce),
    headers: { ...securityHeaders(nonce), 'x-frame-options': 'DENY' },
    secrets: [],
  });
};

/** The viewer's stylesheet or script, under the same headers as every other answer. */
const showAsset = async (response: ServerResponse, asset: Asset) => {
  const text = await readViewerAsset(asset);
  response.writeHead(200, { 'content-type': asset.contentType, ...securityHeaders() }).end(text);
};

/**
 * Puts the checks in front of aws-ses-v2-local's handler on `server`, which listens on `port`.
 * `emails` reads its store, for the viewer.
 */
export const frontLocalSes = (server: Server, port: number, emails: () => Promise<StoredEmail[]>) => {
  const handlers = server.listeners('request') as RequestListener[];
  const [app] = handlers;
  if (handlers.length !== 1 || !app) {
    server.close();
    throw new Error(
      `aws-ses-v2-local's server has ${handlers.length} request handlers, not 1: this version cannot be guarded, so it is not served.`
    );
  }
  server.removeAllListeners('request');
  const kept = new KeptSends();
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (!hostAllowed(request, port)) {
      replyText(response, 403, hostRefusal('this local SES', port));
      return;
    }
    if (!originAllowed(request, port)) {
      replyText(
        response,
        403,
        `Refused: this local SES answers no request another site sends (Origin ${JSON.stringify(request.headers.origin)}).`
      );
      return;
    }
    if (isViewer(request)) {
      showViewer(response, emails).catch((error: unknown) => {
        replyText(
          response,
          500,
          `The local SES could not read its store: ${error instanceof Error ? error.message : String(error)}`
        );
      });
      return;
    }
    const asset = isRead(request) ? viewerAssets.get(request.url ?? '') : undefined;
    if (asset) {
      showAsset(response, asset).catch((error: unknown) => {
        replyText(
          response,
          500,
          `The local SES could not read its viewer's ${asset.file} (run \`npm run build\` first): ${error instanceof Error ? error.message : String(error)}`
        );
      });
      return;
    }
    tapSends(request, response, kept);
    app(request, response);
  });
};

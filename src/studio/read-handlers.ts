/**
 * What the studio answers to a read: the page, the part of it that live reload replaces, the
 * live-reload stream, the page's stylesheet and script, and the favicon a browser asks for.
 */
import { randomBytes } from 'node:crypto';

import { readAsset, type Asset } from './assets.js';
import { renderFragment, renderPage } from './page.js';
import { answerHtml, securityHeaders } from './responses.js';
import type { Exchange } from './exchange.js';
import type { StudioState } from './state.js';

export const page = (state: StudioState, { response }: Exchange) => {
  const nonce = randomBytes(16).toString('base64');
  answerHtml(response, {
    what: 'the page',
    render: () => renderPage(state.model, state.options.sendLabel, { token: state.token, nonce }, state.version),
    headers: securityHeaders(nonce),
    secrets: state.secrets,
  });
};

export const fragment = (state: StudioState, { response }: Exchange) => {
  answerHtml(response, {
    what: 'the live update',
    render: () => renderFragment(state.model, state.options.sendLabel),
    headers: { 'x-studio-version': String(state.version), ...securityHeaders() },
    secrets: state.secrets,
  });
};

/** Server-Sent Events: `change` each time the model does; the page then fetches the fragment. */
export const events = (state: StudioState, { request, response }: Exchange) => {
  response.writeHead(200, { 'content-type': 'text/event-stream', ...securityHeaders() });
  response.write(`event: hello\ndata: ${state.version}\n\n`);
  state.streams.add(response);
  request.on('close', () => state.streams.delete(response));
};

/** The built stylesheet or script (lib/studio/); a missing build is the 500 that names the file. */
export const asset =
  (which: Asset) =>
  async (_state: StudioState, { response }: Exchange) => {
    const text = await readAsset(which);
    response.writeHead(200, { 'content-type': which.contentType, ...securityHeaders() }).end(text);
  };

/** Browsers ask for it on every page, without the token: there is none, and nothing to refuse. */
export const favicon = (_state: StudioState, { response }: Exchange) => {
  response.writeHead(204, securityHeaders()).end();
};

/**
 * How the studio answers: every answer with the same security headers, and a page rendered whole
 * before its status is sent. A page that throws while rendering is then a 500 page that says what
 * failed, rather than a 200 whose body never ends and a browser left waiting.
 */
import type { ServerResponse } from 'node:http';

import { redactText } from '../transport/redact.js';

import { html } from './html.js';

export const securityHeaders = (nonce?: string) => ({
  'content-security-policy': [
    "default-src 'none'",
    nonce ? `script-src 'nonce-${nonce}'` : "script-src 'none'",
    // The page's stylesheet is a file of its own; email HTML is styled inline and loads its images
    // from the web, as in a mail client.
    "style-src 'self' 'unsafe-inline'",
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

export const reply = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json', ...securityHeaders() }).end(JSON.stringify(body));
};

export const replyText = (response: ServerResponse, status: number, text: string) => {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...securityHeaders() }).end(text);
};

/** What went wrong, as one line, without the config's secrets in any form the redaction knows. */
export const failureText = (error: unknown, secrets: readonly string[]) => {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return redactText(text, secrets);
};

const errorPage = (what: string, failure: string) =>
  html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>Studio error · logto-ses</title>
      </head>
      <body>
        <h1>The studio could not render ${what}</h1>
        <p class="error">${failure}</p>
        <p>The studio is still running: fix the template or payload that caused this, then reload.</p>
      </body>
    </html>`.markup;

/**
 * Answers `render()`'s HTML with `headers`, or a 500 page naming the failure. `what` says which
 * page it was ("the page", "the live update").
 */
export const answerHtml = (
  response: ServerResponse,
  {
    what,
    render,
    headers,
    secrets,
  }: { what: string; render: () => string; headers: Record<string, string>; secrets: readonly string[] }
) => {
  let html: string;
  try {
    html = render();
  } catch (error: unknown) {
    response
      .writeHead(500, { 'content-type': 'text/html; charset=utf-8', ...securityHeaders() })
      .end(errorPage(what, failureText(error, secrets)));
    return;
  }
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers }).end(html);
};

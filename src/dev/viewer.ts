/**
 * The local SES's page of received mail, in place of aws-ses-v2-local's own. Its page writes each
 * email's HTML into an iframe of its own origin, so an email's `<img onerror>` runs as the viewer:
 * it can read every stored mail from /store and post it anywhere. Here each email's HTML goes into
 * a sandboxed iframe's `srcdoc` (no `allow-scripts`, no `allow-same-origin`), as in the studio,
 * under the studio's Content-Security-Policy (only the page's own nonce'd script runs, no site may
 * frame it). Rendered on the server with html`…`, so every field of a mail is text, escaped; the
 * stylesheet and the reload script are files of their own (client/, served by front-door.ts).
 * Beside the addresses: the headers, tenant, tags, tracking and configuration set it was sent
 * with (viewer-sent.ts).
 */
import { html, type Html } from '../studio/html.js';

import type { StoredEmail } from './stored-email.js';
import { field, sentFields } from './viewer-sent.js';

const list = (values: readonly string[] | undefined) => (values ?? []).join(', ') || undefined;

/** The email's HTML as the frame's whole document: escaped into the attribute, never into the page. */
const frame = (title: string, source: string) =>
  html`<iframe sandbox="" referrerpolicy="no-referrer" title="HTML part of ${title}" srcdoc="${source}"></iframe>`;

/** Open when it is the only part, so a text-only mail shows its text at once. */
const textPart = (text: string, only: boolean) => {
  const part = html`<summary>Text part</summary>
    <pre>${text}</pre>`;
  return only ? html`<details open>${part}</details>` : html`<details>${part}</details>`;
};

const sourcePart = (source: string) =>
  html`<details>
    <summary>HTML source</summary>
    <pre>${source}</pre>
  </details>`;

const mail = (email: StoredEmail): Html => {
  const { html: source, text } = email.body;
  const title = email.subject || '(no subject)';
  const { to, cc, bcc } = email.destination;
  return html`<article class="mail" data-message-id="${email.messageId}">
    <h2>${title}</h2>
    <dl>
      ${field('At', new Date(email.at * 1000).toISOString())}${field('From', email.from)}${field('To', list(to))}
      ${field('Cc', list(cc))}${field('Bcc', list(bcc))}${field('Reply-To', list(email.replyTo))}
      ${field('MessageId', email.messageId)}${sentFields(email)}
    </dl>
    ${source !== undefined && frame(title, source)} ${text !== undefined && textPart(text, source === undefined)}
    ${source !== undefined && sourcePart(source)}
  </article>`;
};

/** The whole page, newest mail first; `nonce` lets exactly its script run. */
export const renderViewer = (emails: readonly StoredEmail[], nonce: string): string =>
  html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Local SES · received mail</title>
        <link rel="stylesheet" href="/viewer.css" />
        <script type="module" nonce="${nonce}" src="/viewer.js"></script>
      </head>
      <body data-shown="${emails.length}">
        <h1>Received mail (${emails.length})</h1>
        <p>
          What the local SES received, newest first; the same as JSON at <a href="/store">/store</a>. Each email's HTML
          is shown in a sandboxed frame: its scripts do not run.
        </p>
        ${[...emails].reverse().map(mail)}
      </body>
    </html>`.markup;

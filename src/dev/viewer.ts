/**
 * The local SES's page of received mail, in place of aws-ses-v2-local's own. Its page writes each
 * email's HTML into an iframe of its own origin, so an email's `<img onerror>` runs as the viewer:
 * it can read every stored mail from /store and post it anywhere. Here each email's HTML goes into
 * a sandboxed iframe's `srcdoc` (no `allow-scripts`, no `allow-same-origin`), as in the studio,
 * under the studio's Content-Security-Policy (only the page's own nonce'd script runs, no site may
 * frame it). Rendered on the server, so it is plain text in and escaped HTML out.
 */
import escapeHtml from 'escape-html';

import type { StoredEmail } from './stored-email.js';

const field = (name: string, value: string | undefined) =>
  value ? `<dt>${name}</dt><dd>${escapeHtml(value)}</dd>` : '';

const list = (values: readonly string[] | undefined) => (values ?? []).join(', ') || undefined;

const mail = (email: StoredEmail) => {
  const { html, text } = email.body;
  const title = email.subject || '(no subject)';
  return `<article class="mail" data-message-id="${escapeHtml(email.messageId)}">
<h2>${escapeHtml(title)}</h2>
<dl>${field('At', new Date(email.at * 1000).toISOString())}${field('From', email.from)}${field('To', list(email.destination.to))}${field('Cc', list(email.destination.cc))}${field('Bcc', list(email.destination.bcc))}${field('Reply-To', list(email.replyTo))}${field('MessageId', email.messageId)}</dl>
${html === undefined ? '' : `<iframe sandbox="" referrerpolicy="no-referrer" title="${escapeHtml(`HTML part of ${title}`)}" srcdoc="${escapeHtml(html)}"></iframe>`}
${text === undefined ? '' : `<details${html === undefined ? ' open' : ''}><summary>Text part</summary><pre>${escapeHtml(text)}</pre></details>`}
${html === undefined ? '' : `<details><summary>HTML source</summary><pre>${escapeHtml(html)}</pre></details>`}
</article>`;
};

const style = `
:root{font-family:system-ui,sans-serif;color:#1d2330;background:#f4f5f8}body{margin:0 auto;max-width:900px;padding:0 16px}
.mail{background:#fff;border:1px solid #dde0e7;border-radius:8px;padding:10px 14px;margin:12px 0}.mail h2{font-size:16px;margin:0 0 6px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;font-size:13px;margin:0 0 8px}dt{color:#5a6275}dd{margin:0;word-break:break-word}
iframe{width:100%;height:420px;border:1px solid #c9ced9;border-radius:4px;background:#fff}pre{white-space:pre-wrap;font-size:12px;background:#f7f8fa;padding:8px}`;

/** Reloads when the store holds another number of mails; reads only /store, of its own origin. */
const script = (count: number) => `
const shown = ${count};
setInterval(async () => {
  try {
    const { emails } = await (await fetch('/store')).json();
    if (emails.length !== shown) location.reload();
  } catch {}
}, 2000);`;

/** The whole page, newest mail first; `nonce` lets exactly its script run. */
export const renderViewer = (emails: readonly StoredEmail[], nonce: string): string =>
  `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Local SES · received mail</title><style>${style}</style></head>
<body><h1>Received mail (${emails.length})</h1>
<p>What the local SES received, newest first; the same as JSON at <a href="/store">/store</a>. Each email's HTML is shown in a sandboxed frame: its scripts do not run.</p>
${[...emails].reverse().map(mail).join('\n')}
<script nonce="${nonce}">${script(emails.length)}</script>
</body></html>`;

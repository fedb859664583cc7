/**
 * The studio page, rendered on the server: plain HTML, a stylesheet and a few lines of vanilla
 * script (live reload over Server-Sent Events, "Send", payload editing). No framework and no
 * build step for one page. Every value from a template or payload is escaped; each email's HTML
 * goes into a sandboxed iframe's `srcdoc` (no `allow-scripts`, no `allow-same-origin`), so a
 * template can neither run script nor reach the page or its token.
 */
import escapeHtml from 'escape-html';

import { parseMailbox } from '../config/address.js';
import { decodeOperatorName } from '../message/mailbox-header.js';
import { templateTypes } from '../templates/template-file.js';

import type { Choice } from './logto-choice.js';
import type { StudioModel, StudioTemplate } from './model.js';

export const desktopWidth = 800;
export const phoneWidth = 375;

const anchor = (key: string) => `t-${key}`;

const shortReason = (choice: Choice, language: string, type: string) => {
  const chosen = choice.chosen;
  if (!chosen) {
    return 'none: the connector fails with template_not_found';
  }
  if (chosen.key === `${language}/${type}`) {
    return 'its own template';
  }
  if (chosen.key.startsWith('_connector/')) {
    return 'no custom template: the connector config’s';
  }
  return chosen.key.endsWith('/Generic') && type !== 'Generic' ? 'Generic, fallback language' : 'fallback language';
};

/** Every step Logto and the connector take, the chosen one marked "→", for the cell's tooltip. */
const stepsTitle = (choice: Choice) =>
  choice.steps
    .map((step) => `${step === choice.chosen ? '→' : step.found ? '✓' : '✗'} ${step.key}: ${step.reason}`)
    .join('\n');

const gridSection = (model: StudioModel) => {
  const problemsOf = new Map(model.templates.map((template) => [template.key, template.checked.problems.length]));
  const head = templateTypes.map((type) => `<th scope="col">${type}</th>`).join('');
  const rows = model.grid
    .map(({ language, cells }) => {
      const tds = cells
        .map(({ type, choice }) => {
          const chosen = choice.chosen?.key;
          const problems = chosen ? (problemsOf.get(chosen) ?? 0) : 0;
          const kind = !chosen
            ? 'none'
            : chosen === `${language}/${type}`
              ? 'own'
              : chosen.startsWith('_connector/')
                ? 'connector'
                : 'fallback';
          const link = chosen ? `<a href="#${escapeHtml(anchor(chosen))}">${escapeHtml(chosen)}</a>` : '—';
          const badge =
            problems > 0
              ? ` <span class="badge" title="warnings push would give">${problems} warning${problems === 1 ? '' : 's'}</span>`
              : '';
          return `<td class="${kind}" data-cell="${escapeHtml(`${language}/${type}`)}" title="${escapeHtml(stepsTitle(choice))}">${link}${badge}<div class="why">${escapeHtml(shortReason(choice, language, type))}</div></td>`;
        })
        .join('');
      return `<tr><th scope="row">${escapeHtml(language)}${language === model.fallbackLanguage ? ' <small>(fallback)</small>' : ''}</th>${tds}</tr>`;
    })
    .join('');
  return `<section class="grid-section"><h2>What Logto sends, per language and type</h2>
<p class="hint">Logto takes its custom template in the user's language, then in the fallback language (${escapeHtml(model.fallbackLanguage)}), then the Generic one there; without any, the connector's templates (${escapeHtml(model.connectorSource)}). Hover a cell for each step.</p>
<div class="scroll"><table class="grid"><thead><tr><th scope="col">Language</th>${head}</tr></thead><tbody>${rows}</tbody></table></div></section>`;
};

/** A header as a mail client shows it: an RFC 2047-encoded name decoded, the encoded form beside it. */
const asShown = (value: string) => {
  try {
    const { name, address } = decodeOperatorName(parseMailbox(value));
    return name ? `${name} <${address}>` : address;
  } catch {
    return value;
  }
};

const headerRows = (template: StudioTemplate) => {
  const { email } = template.checked;
  return [
    ['From', email.from],
    ['Reply-To', email.replyTo],
    ['To', 'user@example.com'],
    ['Subject', email.subject],
  ]
    .filter((entry): entry is [string, string] => Boolean(entry[1]))
    .map(([name, value]) => {
      const shown = name === 'Subject' ? value : asShown(value);
      const sentAs = shown === value ? '' : `<small class="sent-as"> · sent as ${escapeHtml(value)}</small>`;
      return `<dt>${name}</dt><dd data-header="${name}"><span class="shown">${escapeHtml(shown)}</span>${sentAs}</dd>`;
    })
    .join('');
};

const previews = (template: StudioTemplate) => {
  const { html, text } = template.checked.email;
  const textPart = `<details class="text-part" ${html === undefined ? 'open' : ''}><summary>Text part</summary><pre class="text">${escapeHtml(text ?? '(none)')}</pre></details>`;
  if (html === undefined) {
    return `<p class="hint">text/plain: no HTML part.</p>${textPart}`;
  }
  const frame = (kind: 'desktop' | 'phone', width: number) =>
    `<figure class="${kind}"><figcaption>${kind === 'desktop' ? 'Desktop' : 'Phone'} · ${width} px</figcaption><iframe class="${kind}" sandbox="" referrerpolicy="no-referrer" loading="lazy" style="width:${width}px" title="${escapeHtml(`${template.key} at ${kind} width`)}" srcdoc="${escapeHtml(html)}"></iframe></figure>`;
  return `<div class="previews">${frame('desktop', desktopWidth)}${frame('phone', phoneWidth)}</div>${textPart}`;
};

const card = (template: StudioTemplate, sendLabel: string) => {
  const { problems } = template.checked;
  const warnings =
    problems.length > 0
      ? `<ul class="warnings">${problems.map((problem) => `<li>${escapeHtml(problem)}</li>`).join('')}</ul>`
      : '<p class="ok">No problems: push accepts it.</p>';
  const origin = template.kind === 'connector' ? 'connector config' : `custom template, ${template.language}`;
  return `<article class="card" id="${escapeHtml(anchor(template.key))}" data-key="${escapeHtml(template.key)}">
<h3>${escapeHtml(template.key)} <small>${escapeHtml(template.path)} · ${escapeHtml(origin)}</small></h3>
${warnings}
<dl class="headers">${headerRows(template)}</dl>
${previews(template)}
<form class="send" data-key="${escapeHtml(template.key)}"><label>To <input type="email" name="to" value="tester@example.com" required></label> <button type="submit">${escapeHtml(sendLabel)}</button> <output></output></form>
</article>`;
};

/** The part of the page that live reload replaces. */
export const renderFragment = (model: StudioModel, sendLabel: string): string => {
  const problems =
    model.problems.length > 0
      ? `<section class="problems"><h2>Files that are not templates</h2><ul>${model.problems.map(({ path, message }) => `<li><code>${escapeHtml(path)}</code>: ${escapeHtml(message)}</li>`).join('')}</ul></section>`
      : '';
  const cards = model.templates.map((template) => card(template, sendLabel)).join('\n');
  return `${problems}${gridSection(model)}<section class="cards"><h2>Templates (${model.templates.length})</h2>${cards}</section>`;
};

const payloadEditors = (model: StudioModel) =>
  Object.entries(model.payloads)
    .map(
      ([type, payload]) =>
        `<details class="payload"><summary>${escapeHtml(type)}</summary><textarea data-type="${escapeHtml(type)}" rows="12" spellcheck="false">${escapeHtml(JSON.stringify(payload, null, 2))}</textarea><button type="button" data-save-payload="${escapeHtml(type)}">Apply</button> <output></output></details>`
    )
    .join('');

const style = `
:root{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2330;background:#f4f5f8}
body{margin:0}header{background:#1d2330;color:#fff;padding:12px 20px}header h1{margin:0;font-size:20px}
header p{margin:4px 0 0;font-size:13px;color:#c8cdd8}#live{color:#7ee2a8}main,aside{padding:0 20px}
h2{font-size:17px;margin:22px 0 8px}.hint{color:#5a6275;font-size:13px;margin:4px 0 8px}
.scroll{overflow-x:auto}table.grid{border-collapse:collapse;background:#fff;font-size:13px}
.grid th,.grid td{border:1px solid #dde0e7;padding:6px 8px;text-align:left;vertical-align:top;min-width:92px}
.grid td.own{background:#eaf7ef}.grid td.fallback{background:#fff7e0}.grid td.connector{background:#eef1fb}.grid td.none{background:#fdeaea}
.why{color:#5a6275;font-size:11px}.badge{background:#c0392b;color:#fff;border-radius:9px;padding:0 6px;font-size:11px;white-space:nowrap}
.card{background:#fff;border:1px solid #dde0e7;border-radius:8px;padding:12px 16px;margin:14px 0}
.card h3{margin:0 0 8px;font-size:16px}.card h3 small{color:#5a6275;font-weight:normal;font-size:12px}
.warnings{background:#fdeaea;border-left:4px solid #c0392b;margin:8px 0;padding:6px 8px 6px 26px;font-size:13px}
.ok{color:#1e7a46;font-size:13px;margin:6px 0}.headers{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;font-size:13px;margin:8px 0}
.headers dt{color:#5a6275}.headers dd{margin:0;word-break:break-word}
.previews{display:flex;gap:16px;align-items:flex-start;overflow-x:auto;padding-bottom:6px}
figure{margin:0}figcaption{font-size:12px;color:#5a6275;margin-bottom:4px}
iframe{border:1px solid #c9ced9;border-radius:4px;height:420px;background:#fff;display:block}
iframe.phone{height:560px}pre.text{white-space:pre-wrap;background:#f7f8fa;padding:8px;font-size:12px;max-height:260px;overflow:auto}
form.send{margin-top:8px;font-size:13px}form.send input{width:220px}output.ok{color:#1e7a46}output.error{color:#c0392b}
.payload textarea{width:100%;max-width:720px;font:12px ui-monospace,monospace;display:block}
.problems{background:#fdeaea;padding:4px 12px;border-radius:6px}
.sent-as{color:#5a6275}.payload-list{display:flex;flex-wrap:wrap;gap:4px 18px}.payload[open]{flex-basis:100%}
@media (max-width:600px){main,aside{padding:0 10px}.card{padding:10px}.previews{flex-direction:column}figure.phone{order:-1}}`;

/** Reads the token from the address it was opened with; every request carries it. */
const script = `
const token = new URL(location.href).searchParams.get('token') || '';
const studio = document.getElementById('studio');
const live = document.getElementById('live');
const refresh = async () => {
  const response = await fetch('/fragment?token=' + encodeURIComponent(token));
  if (!response.ok) { live.textContent = 'reload failed (' + response.status + ')'; return; }
  studio.innerHTML = await response.text();
  document.body.dataset.version = response.headers.get('x-studio-version') || '';
  live.textContent = 'live: updated ' + new Date().toLocaleTimeString();
};
const events = new EventSource('/events?token=' + encodeURIComponent(token));
events.addEventListener('change', () => { refresh(); });
events.onopen = () => { live.textContent = 'live'; };
events.onerror = () => { live.textContent = 'disconnected: is logto-ses studio still running?'; };
const post = (path, method, body) => fetch(path, {
  method, headers: { 'content-type': 'application/json', 'x-studio-token': token }, body,
});
document.addEventListener('submit', async (event) => {
  const form = event.target.closest('form.send');
  if (!form) return;
  event.preventDefault();
  const output = form.querySelector('output');
  output.className = ''; output.textContent = 'Sending…';
  const response = await post('/send', 'POST', JSON.stringify({ key: form.dataset.key, to: form.elements.to.value }));
  const result = await response.json().catch(() => ({ error: 'HTTP ' + response.status }));
  output.className = response.ok ? 'ok' : 'error';
  output.textContent = response.ok ? 'Sent: MessageId ' + result.messageId + (result.note ? ' · ' + result.note : '') : 'Failed: ' + result.error;
});
document.addEventListener('click', async (event) => {
  const button = event.target.closest('button[data-save-payload]');
  if (!button) return;
  const type = button.dataset.savePayload;
  const textarea = document.querySelector('textarea[data-type="' + type + '"]');
  const output = button.parentElement.querySelector('output');
  const response = await post('/payloads/' + encodeURIComponent(type), 'PUT', textarea.value);
  const result = await response.json().catch(() => ({ error: 'HTTP ' + response.status }));
  output.className = response.ok ? 'ok' : 'error';
  output.textContent = response.ok ? 'Applied' : 'Not applied: ' + result.error;
});`;

/** The whole page; `nonce` lets exactly this script run under the page's Content-Security-Policy. */
export const renderPage = (model: StudioModel, sendLabel: string, nonce: string, version: number): string =>
  `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Email template studio · logto-ses</title><style>${style}</style></head>
<body data-version="${version}">
<header><h1>Email template studio</h1><p>${escapeHtml(model.folder)} · fallback language ${escapeHtml(model.fallbackLanguage)} · connector templates: ${escapeHtml(model.connectorSource)} · <span id="live">connecting…</span></p></header>
<aside><h2>Sample payloads</h2><p class="hint">What Logto passes for each type; locale and uiLocales follow each template's language. Edit, then Apply: every preview of the type re-renders.</p><div class="payload-list">${payloadEditors(model)}</div></aside>
<main id="studio">${renderFragment(model, sendLabel)}</main>
<script nonce="${nonce}">${script}</script>
</body></html>`;

/**
 * One template's card: where it comes from, what `templates push` would fail on, the headers as a
 * mail client shows them, how SES sends it (tenant, tracking, extra headers, tags), the HTML at
 * desktop and phone width, the text part, and Send.
 *
 * Each email's HTML is a sandboxed iframe's `srcdoc`: no `allow-scripts`, so no script of the
 * template runs (the page's Content-Security-Policy, which a srcdoc frame inherits, refuses it as
 * well), and no forms, pop-ups or navigation of the page. `allow-same-origin` lets the page's own
 * script read the frame's height, so each frame is as tall as its email.
 */
import { parseMailbox } from '../config/address.js';
import { decodeOperatorName } from '../message/mailbox-header.js';

import { deliverySection } from './delivery-view.js';
import { anchor } from './grid-view.js';
import { html, type Html } from './html.js';
import type { StudioTemplate } from './model.js';

export const desktopWidth = 800;
export const phoneWidth = 375;

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
      return html`<dt>${name}</dt>
        <dd data-header="${name}">
          <span class="shown">${shown}</span
          >${shown !== value && html`<small class="sent-as"> · sent as ${value}</small>`}
        </dd>`;
    });
};

const frame = (template: StudioTemplate, emailHtml: string, kind: 'desktop' | 'phone') =>
  html`<figure class="${kind}">
    <figcaption>
      ${kind === 'desktop' ? 'Desktop' : 'Phone'} · ${kind === 'desktop' ? desktopWidth : phoneWidth} px
    </figcaption>
    <iframe
      class="${kind}"
      sandbox="allow-same-origin"
      referrerpolicy="no-referrer"
      title="${`${template.key} at ${kind} width`}"
      srcdoc="${emailHtml}"
    ></iframe>
  </figure>`;

const previews = (template: StudioTemplate) => {
  const { html: emailHtml, text } = template.checked.email;
  const textPart = html`<details class="text-part" ${emailHtml === undefined && html` open`}>
    <summary>Text part</summary>
    <pre class="text">${text ?? '(none)'}</pre>
  </details>`;
  if (emailHtml === undefined) {
    return html`<p class="hint">text/plain: no HTML part.</p>
      ${textPart}`;
  }
  return html`<div class="previews">${frame(template, emailHtml, 'desktop')}${frame(template, emailHtml, 'phone')}</div>
    ${textPart}`;
};

/** The problems under the name `templates push` gives them: each one a FAIL, and push sends nothing. */
const verdict = (problems: string[]) =>
  problems.length > 0
    ? html`<div class="fails">
        <p><strong>templates push fails:</strong> it sends nothing to Logto while a FAIL remains.</p>
        <ul>
          ${problems.map((problem) => html`<li><b>FAIL</b> ${problem}</li>`)}
        </ul>
      </div>`
    : html`<p class="ok">No problems: push accepts it.</p>`;

export const card = (template: StudioTemplate, sendLabel: string): Html => {
  const origin = template.kind === 'connector' ? 'connector config' : `custom template, ${template.language}`;
  return html`<article class="card" id="${anchor(template.key)}" data-key="${template.key}">
    <h3>${template.key} <small>${template.path} · ${origin}</small></h3>
    ${verdict(template.checked.problems)}
    <dl class="headers">${headerRows(template)}</dl>
    ${deliverySection(template.checked.email.delivery)} ${previews(template)}
    <form class="send" data-key="${template.key}">
      <label>To <input type="email" name="to" value="tester@example.com" required /></label>
      <button type="submit">${sendLabel}</button> <output></output>
    </form>
  </article>`;
};

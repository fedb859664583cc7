/**
 * A card's "How SES sends it": the tenant, the tracking, the extra headers and the message tags
 * the email gets, as the composed SendEmail input carries them (src/templates/delivery-details.ts),
 * so the card shows what SES would get. Header values and tag values can come from the payload:
 * each is text, escaped by html`…`.
 */
import type { DeliveryDetails, NamedValue } from '../templates/delivery-details.js';

import { html, type Html } from './html.js';

const list = (kind: string, entries: NamedValue[], separator: string) =>
  entries.length > 0
    ? html`<ul class="${kind}">
        ${entries.map(({ name, value }) => html`<li><code>${name}${separator}${value}</code></li>`)}
      </ul>`
    : 'none';

export const deliverySection = (delivery: DeliveryDetails | undefined): Html | false =>
  delivery !== undefined &&
  html`<section class="delivery">
    <h4>How SES sends it</h4>
    <dl class="headers">
      <dt>Tenant</dt>
      <dd data-delivery="tenant">${delivery.tenant ?? 'none'}</dd>
      <dt>Tracking</dt>
      <dd data-delivery="tracking">${delivery.tracking}</dd>
      <dt>Headers</dt>
      <dd data-delivery="headers">${list('header-list', delivery.headers, ': ')}</dd>
      <dt>Tags</dt>
      <dd data-delivery="tags">${list('tag-list', delivery.tags, '=')}</dd>
    </dl>
    ${delivery.notes.map((note) => html`<p class="hint note">Logged once when sent: ${note}</p>`)}
  </section>`;

/**
 * What a mail was sent with, in the viewer's list of its fields: the headers the local SES stores,
 * and the members it drops that the front door kept (sent-members.ts): the tenant, the tags, the
 * tracking override, the configuration set. All of it came over the network: escaped by html`…`,
 * and every control character written out (`\u001b`), so a value cannot reorder or hide the page's
 * text.
 */
import { html, type Html } from '../studio/html.js';
import { terminalLine, terminalText } from '../transport/terminal-text.js';

import type { StoredEmail } from './stored-email.js';

/** One line of text, controls and line breaks visible. */
export const shown = (value: string) => terminalLine(terminalText(value));

export const field = (name: string, value: string | undefined) =>
  value &&
  html`<dt>${name}</dt>
    <dd>${shown(value)}</dd>`;

/** Name and value pairs, one a line. */
const pairs = (name: string, entries: ReadonlyArray<readonly [string, string]>, separator: string) =>
  entries.length > 0 &&
  html`<dt>${name}</dt>
    <dd>
      <ul class="pairs">
        ${entries.map(([key, value]) => html`<li><span class="key">${shown(key)}</span>${separator}${shown(value)}</li>`)}
      </ul>
    </dd>`;

/**
 * The override as sent, or, when the request carried none, that the configuration set (or the
 * account) decides, which is SES's default.
 */
const tracking = ({ ConfigurationOverrides }: NonNullable<StoredEmail['sent']>) => {
  const override = ConfigurationOverrides?.Tracking;
  if (!override) {
    return 'no override: as the configuration set says';
  }
  const open = override.OpenTrackingEnabled ?? 'not set';
  const click = override.ClickTrackingEnabled ?? 'not set';
  return `override: opens ${open}, clicks ${click}`;
};

const list = ({ ContactListName, TopicName }: { ContactListName?: string; TopicName?: string }) =>
  [ContactListName, TopicName].filter(Boolean).join(' / ');

/** The fields; nothing for what the mail was not sent with. */
export const sentFields = ({ headers, sent }: StoredEmail): Html => {
  const headerPairs = (headers ?? []).map(({ name, value }) => [name, value] as const);
  if (!sent) {
    return html`${pairs('Headers', headerPairs, ': ')}`;
  }
  const tags = (sent.EmailTags ?? []).map(({ Name, Value }) => [Name ?? '', Value ?? ''] as const);
  return html`${field('Tenant', sent.TenantName)}${field('Configuration set', sent.ConfigurationSetName)}
  ${field('Tracking', tracking(sent))}${pairs('Tags', tags, ' = ')}${pairs('Headers', headerPairs, ': ')}
  ${field('Identity ARN', sent.FromEmailAddressIdentityArn)}
  ${field('Feedback to', sent.FeedbackForwardingEmailAddress)}
  ${field('Feedback identity ARN', sent.FeedbackForwardingEmailAddressIdentityArn)}
  ${field('Endpoint', sent.EndpointId)} ${field('List', sent.ListManagementOptions && list(sent.ListManagementOptions))}`;
};

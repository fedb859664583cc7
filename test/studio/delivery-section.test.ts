/**
 * How SES sends a message, as `preview` and the studio's cards show it: read from the composed
 * SendEmail input (tenant, tracking override, extra headers, tags) and the notes composing
 * returned, never worked out again; in a card every value is escaped, and each card of the page
 * shows what the connector's own composing gives its template with its payload.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { TemplateType } from '@logto/connector-kit';

import { parseConfig } from '../../src/config/config.js';
import { deliverySection } from '../../src/studio/delivery-view.js';
import { buildModel } from '../../src/studio/model.js';
import { renderFragment } from '../../src/studio/page.js';
import { deliveryDetailsOf } from '../../src/templates/delivery-details.js';
import { samplePayload } from '../../src/templates/sample-payloads.js';
import { configFor } from '../support/fixtures.js';

const composed = (extra: Partial<SendEmailCommandInput>, notes: string[] = []) => ({
  input: {
    FromEmailAddress: 'noreply@example.com',
    Destination: { ToAddresses: ['user@example.com'] },
    Content: { Simple: { Subject: { Data: 'Code' }, Body: { Text: { Data: 'Code' } } } },
    ...extra,
  },
  notes,
});

/** The text of each `<dd data-delivery>` in the markup, its whitespace collapsed, list items joined by " | ". */
const deliveryText = (markup: string): Record<string, string> =>
  Object.fromEntries(
    [...markup.matchAll(/<dd data-delivery="(\w+)">([\s\S]*?)<\/dd>/g)].map(([, name, inner]) => [
      name!,
      inner!
        .replaceAll(/<\/li>\s*<li>/g, ' | ')
        .replaceAll(/<[^>]*>/g, '')
        .replaceAll(/\s+/g, ' ')
        .trim(),
    ])
  );

/** One card's markup out of the page's fragment. */
const cardOf = (fragment: string, key: string) => {
  const start = fragment.indexOf(`<article class="card" id="t-${key}"`);
  assert.ok(start >= 0, `no card ${key}`);
  return fragment.slice(start, fragment.indexOf('</article>', start));
};

describe('delivery details', () => {
  test('are read from the input: TenantName, the tracking override, the headers and the tags, in order', () => {
    const details = deliveryDetailsOf(
      composed({
        TenantName: 'acme',
        ConfigurationSetName: 'logto',
        ConfigurationOverrides: { Tracking: { OpenTrackingEnabled: 'DISABLED', ClickTrackingEnabled: 'DISABLED' } },
        EmailTags: [
          { Name: 'logto-usage-type', Value: 'SignIn' },
          { Name: 'logto-locale', Value: 'de' },
        ],
        Content: {
          Simple: {
            Subject: { Data: 'Code' },
            Body: { Text: { Data: 'Code' } },
            Headers: [
              { Name: 'Auto-Submitted', Value: 'auto-generated' },
              { Name: 'X-Org', Value: 'Acme' },
            ],
          },
        },
      })
    );
    assert.deepEqual(details, {
      tenant: 'acme',
      tracking: 'open DISABLED, click DISABLED (overrides the configuration set)',
      headers: [
        { name: 'Auto-Submitted', value: 'auto-generated' },
        { name: 'X-Org', value: 'Acme' },
      ],
      tags: [
        { name: 'logto-usage-type', value: 'SignIn' },
        { name: 'logto-locale', value: 'de' },
      ],
      notes: [],
    });
  });

  test('without an override, the configuration set named decides, else the identity’s default set', () => {
    assert.deepEqual(deliveryDetailsOf(composed({ ConfigurationSetName: 'logto' }, ['a note'])), {
      tracking: 'not overridden: configuration set logto decides',
      headers: [],
      tags: [],
      notes: ['a note'],
    });
    assert.equal(
      deliveryDetailsOf(composed({})).tracking,
      "not overridden: the identity's default configuration set decides, if any"
    );
    assert.equal(
      deliveryDetailsOf(composed({ ConfigurationOverrides: { Tracking: { ClickTrackingEnabled: 'DISABLED' } } }))
        .tracking,
      'open unchanged, click DISABLED (overrides the configuration set)'
    );
  });
});

describe("the card's section", () => {
  test('shows each value as text: a header or tag value, a note, never becomes markup', () => {
    const section = deliverySection({
      tenant: 'acme<b>',
      tracking: 'not overridden: configuration set logto decides',
      headers: [
        { name: 'Auto-Submitted', value: 'auto-generated' },
        { name: 'X-Org', value: '<img src=x onerror=alert(1)>&amp;' },
      ],
      tags: [{ name: 'logto-usage-type', value: 'SignIn' }],
      notes: ['<script>x</script>'],
    });
    assert.ok(section);
    assert.doesNotMatch(section.markup, /<img|<b>|<script/);
    assert.match(section.markup, /<h4>How SES sends it<\/h4>/);
    assert.match(section.markup, /<p class="hint note">Logged once when sent: &lt;script&gt;x&lt;\/script&gt;<\/p>/);
    assert.deepEqual(deliveryText(section.markup), {
      tenant: 'acme&lt;b&gt;',
      tracking: 'not overridden: configuration set logto decides',
      headers: 'Auto-Submitted: auto-generated | X-Org: &lt;img src=x onerror=alert(1)&gt;&amp;amp;',
      tags: 'logto-usage-type=SignIn',
    });
  });

  test('says none where the message has no tenant, headers or tags; nothing at all for an email not composed', () => {
    const section = deliverySection({ tracking: 'x', headers: [], tags: [], notes: [] });
    assert.ok(section);
    assert.deepEqual(deliveryText(section.markup), { tenant: 'none', tracking: 'x', headers: 'none', tags: 'none' });
    assert.doesNotMatch(section.markup, /class="hint note"/);
    assert.equal(deliverySection(undefined), false);
  });
});

describe("the page's cards", () => {
  const html = (content: string) => ({ subject: 'Code {{code}}', content, contentType: 'text/html' });
  const model = (overrides: Record<string, unknown>, organization: unknown) => {
    const payloads = Object.fromEntries(
      Object.values(TemplateType).map((type) => [type, { ...samplePayload(type), organization }])
    );
    return buildModel({
      folderPath: 'email-templates',
      folder: {
        custom: [
          {
            languageTag: 'de',
            templateType: TemplateType.SignIn,
            details: html('<p>{{code}}</p>'),
            path: 'de/SignIn.html',
          },
        ],
        connector: [],
        problems: [],
      },
      config: parseConfig(configFor(undefined, overrides)),
      connector: { source: 'the test', templates: [{ usageType: 'Generic', details: html('<p>{{code}}</p>') }] },
      fallbackLanguage: 'en',
      payloads,
    });
  };
  const sending = {
    tenantName: '{{organization.id}}',
    tenants: { org_abc: 'acme' },
    defaultTenantName: 'shared',
    tracking: 'off',
    customHeaders: [{ name: 'X-Organization', value: '{{organization.name}}' }],
  };

  test("show the tenant from the organization's entry, tracking off, the headers filled and the tags", () => {
    const fragment = renderFragment(model(sending, { id: 'org_abc', name: 'Acme <Corp>' }), 'Send');
    assert.deepEqual(deliveryText(cardOf(fragment, 'de/SignIn')), {
      tenant: 'acme',
      tracking: 'open DISABLED, click DISABLED (overrides the configuration set)',
      headers: 'Auto-Submitted: auto-generated | X-Organization: Acme &lt;Corp&gt;',
      tags: 'logto-usage-type=SignIn | logto-locale=de | logto-application=k1mxcd2p9aw8v3qe | logto-organization=org_abc',
    });
    assert.equal(deliveryText(cardOf(fragment, '_connector/Generic')).tenant, 'acme');
  });

  test('an organization the table lacks: the default tenant', () => {
    const fragment = renderFragment(model(sending, { id: 'org_other', name: 'Other' }), 'Send');
    assert.equal(deliveryText(cardOf(fragment, 'de/SignIn')).tenant, 'shared');
  });

  test('a payload value SES refuses as a tenant name: none, and the line the connector would log', () => {
    const { tenantName, customHeaders } = sending;
    const fragment = renderFragment(model({ tenantName, customHeaders }, { id: 'org abc!', name: 'Acme' }), 'Send');
    const card = cardOf(fragment, 'de/SignIn');
    assert.equal(deliveryText(card).tenant, 'none');
    // The text as escaped in the markup.
    assert.equal(
      deliveryText(card).tracking,
      'not overridden: the identity&#39;s default configuration set decides, if any'
    );
    assert.match(
      card,
      /<p class="hint note">Logged once when sent: tenantName: payload\.organization\.id held a value that is not an SES tenant name: 1 to 64 letters, digits, &quot;-&quot; or &quot;_&quot;, so the mail was sent without a tenant\. Map such values to tenant names in tenants\.<\/p>/
    );
  });
});

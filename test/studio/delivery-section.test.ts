/**
 * How SES sends a message, as `preview` and the studio's cards show it: read from the SendEmail
 * input (tenant, tracking override, extra headers, tags), never worked out again, and every value
 * escaped in the card's markup.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { SendEmailCommandInput } from '@aws-sdk/client-sesv2';

import { deliverySection } from '../../src/studio/delivery-view.js';
import { deliveryDetailsOf } from '../../src/templates/delivery-details.js';

const input = (extra: Partial<SendEmailCommandInput>): SendEmailCommandInput => ({
  FromEmailAddress: 'noreply@example.com',
  Destination: { ToAddresses: ['user@example.com'] },
  Content: { Simple: { Subject: { Data: 'Code' }, Body: { Text: { Data: 'Code' } } } },
  ...extra,
});

/** The text of each `<dd data-delivery>` in the markup, its whitespace collapsed, by name. */
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

describe('delivery details', () => {
  test('are read from the input: TenantName, the tracking override, the headers and the tags, in order', () => {
    const details = deliveryDetailsOf(
      input({
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
    });
  });

  test('without an override, the configuration set named decides, else the identity’s default set', () => {
    assert.deepEqual(deliveryDetailsOf(input({ ConfigurationSetName: 'logto' })), {
      tracking: 'not overridden: configuration set logto decides',
      headers: [],
      tags: [],
    });
    assert.equal(
      deliveryDetailsOf(input({})).tracking,
      "not overridden: the identity's default configuration set decides, if any"
    );
    assert.equal(
      deliveryDetailsOf(input({ ConfigurationOverrides: { Tracking: { ClickTrackingEnabled: 'DISABLED' } } })).tracking,
      'open unchanged, click DISABLED (overrides the configuration set)'
    );
  });
});

describe("the card's section", () => {
  test('shows each value as text: a header or tag value from a payload never becomes markup', () => {
    const section = deliverySection({
      tenant: 'acme<b>',
      tracking: 'not overridden: configuration set logto decides',
      headers: [
        { name: 'Auto-Submitted', value: 'auto-generated' },
        { name: 'X-Org', value: '<img src=x onerror=alert(1)>&amp;' },
      ],
      tags: [{ name: 'logto-usage-type', value: 'SignIn' }],
    });
    assert.ok(section);
    assert.doesNotMatch(section.markup, /<img|<b>/);
    assert.match(section.markup, /<h4>How SES sends it<\/h4>/);
    assert.deepEqual(deliveryText(section.markup), {
      tenant: 'acme&lt;b&gt;',
      tracking: 'not overridden: configuration set logto decides',
      headers: 'Auto-Submitted: auto-generated | X-Org: &lt;img src=x onerror=alert(1)&gt;&amp;amp;',
      tags: 'logto-usage-type=SignIn',
    });
  });

  test('says none where the message has no tenant, headers or tags; nothing at all for an email not composed', () => {
    const section = deliverySection({ tracking: 'x', headers: [], tags: [] });
    assert.ok(section);
    assert.deepEqual(deliveryText(section.markup), { tenant: 'none', tracking: 'x', headers: 'none', tags: 'none' });
    assert.equal(deliverySection(undefined), false);
  });
});

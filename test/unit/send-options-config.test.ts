import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import { parseConfig } from '../../src/config/config.js';
import { refusedHeaderNames } from '../../src/config/header-rules.js';
import { failureDataOf } from '../../src/transport/failure-data.js';

const base = () => ({
  region: 'us-east-1',
  emailAddress: 'Logto <noreply@logto.io>',
  templates: [{ usageType: 'Generic', subject: 'Code', content: 'Your code is {{code}}' }],
});

/** The sentence Logto shows for a config refused as `invalid_config`. */
const refusal = (extra: Record<string, unknown>): string => {
  try {
    parseConfig({ ...base(), ...extra });
  } catch (error: unknown) {
    assert.ok(error instanceof ConnectorError);
    assert.equal(error.code, ConnectorErrorCodes.InvalidConfig);
    return failureDataOf(error).message ?? '';
  }
  assert.fail('the config was accepted');
};

const prefix = 'Invalid AWS SES connector config: ';

describe('tenant fields', () => {
  it('reads a placeholder, its table (also as JSON text) and the fallback', () => {
    const parsed = parseConfig({
      ...base(),
      tenantName: '{{organization.id}}',
      tenants: '{"org_abc": "acme", "org_def": "globex-2"}',
      defaultTenantName: 'shared_tenant',
    });
    assert.equal(parsed.tenantName, '{{organization.id}}');
    assert.deepEqual(parsed.tenants, { org_abc: 'acme', org_def: 'globex-2' });
    assert.equal(parsed.defaultTenantName, 'shared_tenant');
    assert.deepEqual(parseConfig({ ...base(), tenantName: '{{ application.id }}', tenants: { a: 'b' } }).tenants, {
      a: 'b',
    });
  });

  it('takes one tenant name for every mail, and blank fields as not set', () => {
    assert.equal(parseConfig({ ...base(), tenantName: 'T'.repeat(64) }).tenantName, 'T'.repeat(64));
    const blank = parseConfig({
      ...base(),
      tenantName: '',
      tenants: '',
      defaultTenantName: '',
      tracking: '',
      customHeaders: '',
    });
    for (const field of ['tenantName', 'tenants', 'defaultTenantName', 'tracking', 'customHeaders'] as const) {
      assert.equal(blank[field], undefined, field);
    }
  });

  it('refuses a tenant name SES would refuse, naming the field', () => {
    const rule = 'must be an SES tenant name: 1 to 64 letters, digits, "-" or "_"';
    for (const tenantName of [
      'acme corp',
      'acme.io',
      'T'.repeat(65),
      'équipe',
      'org-{{organization.id}}',
      '{{organization.id}}-x',
    ]) {
      assert.equal(
        refusal({ tenantName }),
        `${prefix}tenantName ${rule}, or one placeholder such as {{organization.id}}.`,
        tenantName
      );
    }
    assert.equal(
      refusal({ tenantName: '{{organization.id}}', defaultTenantName: 'shared tenant' }),
      `${prefix}defaultTenantName ${rule}.`
    );
    assert.equal(
      refusal({ tenantName: '{{organization.id}}', tenants: { org_abc: 'acme', org_def: 'bad/name', '': 'x' } }),
      `${prefix}tenants entry "org_def" ${rule}, not "bad/name"; tenants has an empty key: a key is what the placeholder yields, such as an organization ID.`
    );
    assert.equal(
      refusal({ tenantName: '{{organization.id}}', tenants: ['acme'] }),
      `${prefix}tenants must be an object, not array.`
    );
    assert.equal(
      refusal({ tenantName: '{{organization.id}}', tenants: '{"org_abc": ' }),
      `${prefix}tenants must be JSON (the text does not parse).`
    );
  });

  it('takes tenant names pasted with spaces around them, without the spaces', () => {
    assert.equal(parseConfig({ ...base(), tenantName: ' acme ' }).tenantName, 'acme');
    assert.equal(
      parseConfig({ ...base(), tenantName: '{{organization.id}}', defaultTenantName: ' shared ' }).defaultTenantName,
      'shared'
    );
  });

  it("takes the console's blank table ({}) beside one tenant name, since no entry goes unread", () => {
    assert.deepEqual(parseConfig({ ...base(), tenantName: 'acme', tenants: {} }).tenants, {});
  });

  it('refuses a table or a fallback that no placeholder reads', () => {
    assert.equal(
      refusal({ tenantName: 'acme', tenants: { org_abc: 'acme' }, defaultTenantName: 'shared' }),
      `${prefix}tenants is read only when tenantName is a placeholder such as {{organization.id}}, and tenantName names one tenant ("acme") for every mail; defaultTenantName is used only when tenantName is a placeholder such as {{organization.id}}, and tenantName names one tenant ("acme") for every mail.`
    );
    assert.equal(
      refusal({ defaultTenantName: 'shared' }),
      `${prefix}defaultTenantName is used only when tenantName is a placeholder such as {{organization.id}}, and tenantName is not set.`
    );
  });
});

describe('tracking', () => {
  it('is "configuration-set" or "off"', () => {
    assert.equal(parseConfig({ ...base(), tracking: 'off' }).tracking, 'off');
    assert.equal(parseConfig({ ...base(), tracking: 'configuration-set' }).tracking, 'configuration-set');
    assert.equal(refusal({ tracking: 'on' }), `${prefix}tracking must be one of "configuration-set", "off".`);
  });
});

describe('customHeaders', () => {
  it("reads the console's blank Json field ({}) as no headers, so saving the form untouched keeps the config valid", () => {
    for (const blank of [{}, '{}', []]) {
      assert.deepEqual(parseConfig({ ...base(), customHeaders: blank }).customHeaders, [], JSON.stringify(blank));
    }
    assert.equal(
      refusal({ customHeaders: { name: 'X-A', value: 'v' } }),
      `${prefix}customHeaders must be an array, not object.`
    );
  });

  it('reads name and value pairs, placeholders kept for the send, also as JSON text', () => {
    const headers = [
      { name: 'X-Entity-Ref-ID', value: '{{code}}' },
      { name: 'List-Id', value: 'Sign-in <signin.example.com>' },
    ];
    assert.deepEqual(parseConfig({ ...base(), customHeaders: headers }).customHeaders, headers);
    assert.deepEqual(parseConfig({ ...base(), customHeaders: JSON.stringify(headers) }).customHeaders, headers);
  });

  it('takes a header name pasted with spaces around it, without the spaces', () => {
    assert.deepEqual(
      parseConfig({ ...base(), customHeaders: [{ name: ' X-Entity-Ref-ID ', value: 'v' }] }).customHeaders,
      [{ name: 'X-Entity-Ref-ID', value: 'v' }]
    );
  });

  it('refuses each header the connector or SES sets, in any case, naming the entry', () => {
    for (const name of refusedHeaderNames) {
      for (const written of [name, name.toLowerCase(), name.toUpperCase()]) {
        assert.equal(
          refusal({
            customHeaders: [
              { name: 'X-Fine', value: 'ok' },
              { name: written, value: 'x' },
            ],
          }),
          `${prefix}customHeaders[1].name "${written}" cannot be a custom header: the connector or SES sets ${name} itself.`
        );
      }
    }
    assert.deepEqual(
      [...refusedHeaderNames],
      [
        'From',
        'To',
        'Subject',
        'Reply-To',
        'Content-Type',
        'MIME-Version',
        'Date',
        'Message-ID',
        'Return-Path',
        'Auto-Submitted',
      ]
    );
  });

  it('refuses a name outside SES\'s rule: printable ASCII without ":", at most 126 characters', () => {
    const rule = 'must be 1 to 126 printable ASCII characters without ":" or spaces, such as X-Entity-Ref-ID';
    for (const name of ['X:Y', 'X Y', 'X-Ä', 'X-\u0000', 'X'.repeat(127), '']) {
      assert.equal(refusal({ customHeaders: [{ name, value: 'v' }] }), `${prefix}customHeaders[0].name ${rule}.`);
    }
    assert.doesNotThrow(() =>
      parseConfig({ ...base(), customHeaders: [{ name: `X-${'~'.repeat(124)}`, value: 'v' }] })
    );
  });

  it('refuses a value with a line break or another control character, an empty one and one over 870 characters', () => {
    for (const value of ['a\r\nBcc: x@y.z', 'a\nb', 'a\rb', 'a\tb', 'a\u0000b', 'a\u007Fb', 'a\u0085b']) {
      assert.equal(
        refusal({ customHeaders: [{ name: 'X-A', value }] }),
        `${prefix}customHeaders[0].value must not contain a line break or other control character.`,
        JSON.stringify(value)
      );
    }
    assert.equal(
      refusal({ customHeaders: [{ name: 'X-A', value: '' }] }),
      `${prefix}customHeaders[0].value must not be empty.`
    );
    assert.equal(
      refusal({ customHeaders: [{ name: 'X-A', value: 'v'.repeat(871) }] }),
      `${prefix}customHeaders[0].value must be at most 870 characters (SES's limit for a header value).`
    );
    assert.doesNotThrow(() => parseConfig({ ...base(), customHeaders: [{ name: 'X-A', value: 'v'.repeat(870) }] }));
  });

  it('refuses more headers than SES takes beside Auto-Submitted, and a name given twice', () => {
    const headers = (count: number) =>
      Array.from({ length: count }, (_, index) => ({ name: `X-H${index}`, value: 'v' }));
    assert.doesNotThrow(() => parseConfig({ ...base(), customHeaders: headers(14) }));
    assert.equal(
      refusal({ customHeaders: headers(15) }),
      `${prefix}customHeaders must hold at most 14 headers: SES takes 15 per message, and the connector adds Auto-Submitted.`
    );
    assert.equal(
      refusal({
        customHeaders: [
          { name: 'X-A', value: '1' },
          { name: 'X-B', value: '2' },
          { name: 'x-a', value: '3' },
        ],
      }),
      `${prefix}customHeaders[2].name repeats customHeaders[0].name "x-a": a header may appear only once.`
    );
  });

  it('names a missing part of an entry, and a list that is not one', () => {
    assert.equal(refusal({ customHeaders: [{ name: 'X-A' }] }), `${prefix}customHeaders[0].value is required.`);
    assert.equal(refusal({ customHeaders: 5 }), `${prefix}customHeaders must be an array, not number.`);
    assert.equal(refusal({ customHeaders: 'null' }), `${prefix}customHeaders must be an array, not null.`);
    assert.equal(refusal({ customHeaders: true }), `${prefix}customHeaders must be an array, not boolean.`);
    assert.equal(
      refusal({ customHeaders: { name: 'X-A', value: 'v' } }),
      `${prefix}customHeaders must be an array, not object.`
    );
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { ConnectorErrorCodes } from '@logto/connector-kit';

import { resolveTenant } from '../../src/message/tenant.js';

import { refusalOf } from './compose-cases.js';

const byOrganization = {
  tenantName: '{{organization.id}}',
  tenants: { org_acme: 'acme' },
  defaultTenantName: 'shared',
};
const note =
  'tenantName: payload.organization.id held a value that is not an SES tenant name: 1 to 64 letters, digits, "-" or "_", so the mail was sent without a tenant. Map such values to tenant names in tenants.';

describe('resolveTenant', () => {
  it('no tenant without tenantName; one tenant name for every payload', () => {
    assert.deepEqual(resolveTenant({}, { organization: { id: 'org_acme' } }), {});
    assert.deepEqual(resolveTenant({ tenantName: 'acme' }, {}), { tenantName: 'acme' });
  });

  it("maps the placeholder's value through the table, else the fallback", () => {
    assert.deepEqual(resolveTenant(byOrganization, { organization: { id: 'org_acme' } }), { tenantName: 'acme' });
    assert.deepEqual(resolveTenant(byOrganization, { organization: { id: 'org_other' } }), { tenantName: 'shared' });
    // Absent root (stays as written in a template), a missing nested key, an empty value: the fallback.
    for (const payload of [{}, { organization: {} }, { organization: { id: '' } }, { organization: 'flat' }]) {
      assert.deepEqual(resolveTenant(byOrganization, payload), { tenantName: 'shared' }, JSON.stringify(payload));
    }
    const { defaultTenantName, ...withoutFallback } = byOrganization;
    assert.equal(defaultTenantName, 'shared');
    assert.deepEqual(resolveTenant(withoutFallback, { organization: { id: 'org_other' } }), {});
  });

  it("reads only the table's own keys and the payload's own properties", () => {
    assert.deepEqual(resolveTenant(byOrganization, { organization: { id: 'constructor' } }), { tenantName: 'shared' });
    assert.deepEqual(resolveTenant(byOrganization, { organization: { id: '__proto__' } }), { tenantName: 'shared' });
    const inherited = Object.create({ id: 'org_acme' }) as object;
    assert.deepEqual(resolveTenant(byOrganization, { organization: inherited }), { tenantName: 'shared' });
  });

  it('without a table, the value itself when SES takes it as a name; otherwise no tenant and a note without the value', () => {
    const direct = { tenantName: '{{ organization.id }}' };
    assert.deepEqual(resolveTenant(direct, { organization: { id: 'org_Acme-1' } }), { tenantName: 'org_Acme-1' });
    assert.deepEqual(resolveTenant(direct, { organization: { id: 42 } }), { tenantName: '42' });
    for (const id of ['Acme Corp', 'a.b', 'x'.repeat(65), 'équipe', { nested: true }]) {
      const choice = resolveTenant(direct, { organization: { id } });
      assert.deepEqual(choice, { note }, JSON.stringify(id));
    }
    // No value at all, with neither table nor fallback: no tenant, and nothing to note.
    for (const payload of [{}, { organization: {} }, { organization: { id: '' } }]) {
      assert.deepEqual(resolveTenant(direct, payload), {}, JSON.stringify(payload));
      assert.deepEqual(resolveTenant({ ...direct, tenants: { undefined: 'u', '': 'e' } }, payload), {});
    }
    // An empty table is no table.
    assert.deepEqual(resolveTenant({ ...direct, tenants: {} }, { organization: { id: 'org_x' } }), {
      tenantName: 'org_x',
    });
  });

  it('a payload whose getter throws is refused as the templates refuse it, naming the path', () => {
    const payload = {
      get organization(): unknown {
        throw new Error('boom');
      },
    };
    const { code, message } = refusalOf(() => resolveTenant(byOrganization, payload));
    assert.equal(code, ConnectorErrorCodes.InvalidRequestParameters);
    assert.equal(
      message,
      'Invalid message to send: payload.organization.id could not be read (reading it threw), so {{organization.id}} cannot be filled.'
    );
  });
});

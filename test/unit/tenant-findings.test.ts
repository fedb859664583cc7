/**
 * The pure parts of `check`'s tenant and tracking findings: which tenants a config names, what
 * GetTenant, GetReputationEntity and ListTenantResources answers mean, and what turns SES's open
 * and click tracking on. States the CLI tests do not present (a tenant paused by its own status,
 * REINSTATED, a second page of resources, an identity ARN, the account's engagement metrics and a
 * set that turns them off) are covered here.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { formatFinding } from '../../src/cli/check/finding.js';
import { sesText } from '../../src/cli/check/ses-text.js';
import { reputationFinding, tenantFinding, tenantResourceFindings } from '../../src/cli/check/tenant-findings.js';
import { configuredTenants } from '../../src/cli/check/tenant-names.js';
import { templatesWithLink, trackingSources } from '../../src/cli/check/tracking.js';

const metadata = { $metadata: {} };
const tenantArn = 'arn:aws:ses:eu-west-1:111122223333:tenant/acme/tn-1';

describe('the tenants a config names', () => {
  test('the placeholder is not one; each name once, under the first field that names it', () => {
    assert.deepEqual(
      configuredTenants({
        tenantName: '{{organization.id}}',
        tenants: { org_a: 'acme', org_b: 'globex', org_c: 'acme' },
        defaultTenantName: 'globex',
      }),
      [
        { name: 'acme', field: 'tenants["org_a"]' },
        { name: 'globex', field: 'tenants["org_b"]' },
      ]
    );
    assert.deepEqual(configuredTenants({ tenantName: 'acme' }), [{ name: 'acme', field: 'tenantName' }]);
    assert.deepEqual(configuredTenants({}), []);
  });
});

describe('GetTenant and GetReputationEntity', () => {
  test('REINSTATED sends despite reputation findings: a pass', () => {
    assert.equal(
      formatFinding(tenantFinding({ name: 'acme', field: 'tenantName' }, { SendingStatus: 'REINSTATED' }, 'eu-west-1')),
      'pass             tenant (acme): acme exists in eu-west-1, sending REINSTATED'
    );
  });

  test('paused by its own (customer-managed) status: the command that resumes it', () => {
    const finding = reputationFinding('acme', {
      ...metadata,
      ReputationEntity: {
        ReputationEntityReference: tenantArn,
        ReputationManagementPolicy: 'arn:aws:ses:eu-west-1:aws:reputation-policy/strict',
        SendingStatusAggregate: 'DISABLED',
        CustomerManagedStatus: { Status: 'DISABLED', Cause: 'paused by the on-call' },
        AwsSesManagedStatus: { Status: 'ENABLED' },
      },
    });
    assert.equal(
      formatFinding(finding),
      `FAIL             tenant reputation (acme): acme was paused by its own status (customer-managed DISABLED): "paused by the on-call"; policy strict. Fix: once the cause is fixed, resume it: aws sesv2 update-reputation-entity-customer-managed-status --reputation-entity-type RESOURCE --reputation-entity-reference ${tenantArn} --sending-status ENABLED.`
    );
  });

  test('sending, with findings: their highest impact is told', () => {
    const finding = reputationFinding('acme', {
      ...metadata,
      ReputationEntity: {
        ReputationManagementPolicy: 'arn:aws:ses:eu-west-1:aws:reputation-policy/standard',
        SendingStatusAggregate: 'ENABLED',
        ReputationImpact: 'LOW',
      },
    });
    assert.equal(
      formatFinding(finding),
      "pass             tenant reputation (acme): policy standard, sending ENABLED, its reputation findings' highest impact LOW"
    );
  });

  test("SES's words are cut short and their control characters written out", () => {
    assert.equal(sesText('a\u001b]0;x\u0007\nb'), 'a\\u001b]0;x\\u0007\\u000ab');
    assert.equal(sesText('x'.repeat(500)), `${'x'.repeat(200)}…`);
  });
});

describe('ListTenantResources', () => {
  const where = { tenantArn, region: 'eu-west-1' };

  test('an identity ARN the config gives is matched exactly, and its ARN is the one to associate', () => {
    const arn = 'arn:aws:ses:eu-west-1:444455556666:identity/example.com';
    const findings = tenantResourceFindings(
      'acme',
      { sender: { arn } },
      {
        ...metadata,
        TenantResources: [
          { ResourceType: 'EMAIL_IDENTITY', ResourceArn: 'arn:aws:ses:eu-west-1:111122223333:identity/example.com' },
        ],
      },
      where
    );
    assert.deepEqual(findings.map(formatFinding), [
      `FAIL             tenant identity (acme): the sender identity ${arn} is not associated with acme, so SES refuses mail sent under acme with it. Fix: associate it: aws sesv2 create-tenant-resource-association --tenant-name acme --resource-arn ${arn} (or SES console, Tenants, acme, Associated resources, Email identities).`,
    ]);
  });

  test('not on the one page read, with more to list: could not check, not a failure', () => {
    const findings = tenantResourceFindings(
      'acme',
      { sender: { identities: ['example.com'] }, configurationSetName: 'logto' },
      {
        ...metadata,
        TenantResources: [
          {
            ResourceType: 'CONFIGURATION_SET',
            ResourceArn: 'arn:aws:ses:eu-west-1:111122223333:configuration-set/Logto',
          },
        ],
        NextToken: 'next',
      },
      where
    );
    assert.deepEqual(findings.map(formatFinding), [
      'could not check  tenant identity (acme): the sender identity example.com is not among the resources of acme SES listed in one page',
      'pass             tenant configuration set (acme): the configuration set logto is associated with acme',
    ]);
  });

  test("without GetEmailIdentity's answer, the address or its domain will do, and the domain is the one to associate", () => {
    const [finding] = tenantResourceFindings(
      'acme',
      { sender: { identities: ['noreply@example.com', 'example.com'] } },
      { ...metadata, TenantResources: [] },
      where
    );
    assert.ok(
      finding?.fix?.includes('--resource-arn arn:aws:ses:eu-west-1:111122223333:identity/example.com '),
      finding?.fix
    );
  });
});

describe('what turns tracking on', () => {
  const account = (engagement: 'ENABLED' | 'DISABLED') => ({
    ...metadata,
    VdmAttributes: { VdmEnabled: 'ENABLED' as const, DashboardAttributes: { EngagementMetrics: engagement } },
  });

  test("the account's engagement metrics, unless the set turns its own off", () => {
    assert.deepEqual(trackingSources({ account: account('ENABLED'), destinations: [] }), [
      "the account's VDM engagement metrics are on",
    ]);
    const setOff = { ...metadata, VdmOptions: { DashboardOptions: { EngagementMetrics: 'DISABLED' as const } } };
    assert.deepEqual(
      trackingSources({
        configurationSetName: 'logto',
        configurationSet: setOff,
        account: account('ENABLED'),
        destinations: [],
      }),
      []
    );
  });

  test('an enabled destination for OPEN or CLICK; a disabled one, or one for other events, does not', () => {
    assert.deepEqual(
      trackingSources({
        configurationSetName: 'logto',
        account: account('DISABLED'),
        destinations: [
          { Name: 'all', MatchingEventTypes: ['OPEN', 'CLICK', 'BOUNCE'] },
          { Name: 'off', Enabled: false, MatchingEventTypes: ['OPEN'] },
          { Name: 'bounces', Enabled: true, MatchingEventTypes: ['BOUNCE'] },
        ],
      }),
      ["the configuration set logto's event destination all publishes OPEN and CLICK events"]
    );
  });

  test('{{link}} in a subject or content, with or without spaces, marks its template', () => {
    assert.deepEqual(
      templatesWithLink([
        { usageType: 'Generic', subject: 'Code {{code}}', content: '{{code}}' },
        { usageType: 'OrganizationInvitation', subject: 'Join', content: '<a href="{{ link }}">x</a>' },
        { usageType: 'MagicLink', subject: '{{link}}', content: '' },
      ]),
      ['OrganizationInvitation', 'MagicLink']
    );
  });
});

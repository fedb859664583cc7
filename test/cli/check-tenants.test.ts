/**
 * `logto-ses check` on what a config asks of SES beyond the account: each tenant it names
 * (GetTenant, GetReputationEntity, ListTenantResources), and open and click tracking against a
 * template's `{{link}}` (GetConfigurationSet, GetConfigurationSetEventDestinations), against the
 * local SES stub answering those operations as SES does.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { configFor, genericTemplate, keyId } from '../support/fixtures.js';
import { startSesStub, type StubOptions } from '../support/ses-stub.js';
import { tenantArnOf, type StubTenant } from '../support/ses-stub-tenants.js';

import { runWithConfig } from './cli.js';

const identityArn = 'arn:aws:ses:us-east-1:123456789012:identity/example.com';
const setArn = 'arn:aws:ses:us-east-1:123456789012:configuration-set/logto';

/** A tenant that may send, with the sender's domain and the configuration set associated. */
const acme: StubTenant = {
  TenantName: 'acme',
  resources: [
    { ResourceType: 'EMAIL_IDENTITY', ResourceArn: identityArn },
    { ResourceType: 'CONFIGURATION_SET', ResourceArn: setArn },
  ],
};

const verifiedDomain = {
  IdentityType: 'DOMAIN',
  VerifiedForSendingStatus: true,
  VerificationStatus: 'SUCCESS',
  DkimAttributes: { SigningEnabled: true, Status: 'SUCCESS', Tokens: [] },
};

/** The tenant table an organization-per-customer SaaS writes: the placeholder, one customer. */
const perOrganization = { tenantName: '{{organization.id}}', tenants: { org_abc: 'acme' } };

const linkTemplates = [
  genericTemplate,
  {
    usageType: 'OrganizationInvitation',
    subject: 'Join us',
    content: '<a href="{{link}}">Accept</a>',
  },
];

type Finding = { id: string; status: string; message: string; fix: string | null };

const check = async (stub: StubOptions, config: Record<string, unknown>) => {
  const ses = await startSesStub({
    identities: { 'example.com': verifiedDomain },
    configurationSets: ['logto'],
    ...stub,
  });
  try {
    const result = await runWithConfig(
      ['check', '--json'],
      configFor(ses.url, { configurationSetName: 'logto', ...config })
    );
    const { findings } = JSON.parse(result.stdout) as { findings: Finding[] };
    const operations = ses.requests.map(({ operation }) => operation);
    return { result, findings, operations };
  } finally {
    await ses.close();
  }
};

/** The findings of these ids, as "status message" and the fix when there is one. */
const lines = (findings: readonly Finding[], prefix: string) =>
  findings
    .filter(({ id }) => id === prefix || id.startsWith(`${prefix}.`))
    .map(({ status, message, fix }) => `${status} ${message}${fix ? ` Fix: ${fix}` : ''}`);

test('a tenant that may send, with the sender identity and configuration set associated, passes', async () => {
  const { result, findings, operations } = await check({ tenants: [acme] }, perOrganization);
  assert.equal(result.code, 0, result.stdout + result.stderr);
  assert.deepEqual(lines(findings, 'tenant'), [
    'pass tenant (acme): acme exists in us-east-1, sending ENABLED',
    'pass tenant reputation (acme): policy standard, sending ENABLED, no reputation findings',
    'pass tenant identity (acme): the sender identity example.com is associated with acme',
    'pass tenant configuration set (acme): the configuration set logto is associated with acme',
  ]);
  // The placeholder's value is known only when a mail is sent: acme is read, once per operation.
  assert.deepEqual(
    operations.filter((operation) => operation.includes('Tenant') || operation === 'GetReputationEntity'),
    ['GetTenant', 'GetReputationEntity', 'ListTenantResources']
  );
});

test('a tenant that does not exist fails, naming the field and how to create it', async () => {
  const { result, findings, operations } = await check(
    { tenants: [acme] },
    { ...perOrganization, defaultTenantName: 'ghost' }
  );
  assert.equal(result.code, 1);
  assert.deepEqual(lines(findings, 'tenant').slice(4), [
    'fail tenant (ghost): defaultTenantName names ghost, which is not a tenant in us-east-1, so SES refuses every mail sent under it. Fix: create it (aws sesv2 create-tenant --tenant-name ghost --region us-east-1, or the SES console, Tenants) and associate the sender identity and configuration set with it; or correct defaultTenantName.',
  ]);
  assert.deepEqual(
    operations.filter((operation) => operation.includes('Tenant') || operation === 'GetReputationEntity'),
    ['GetTenant', 'GetReputationEntity', 'ListTenantResources', 'GetTenant']
  );
});

test('a tenant SES paused fails with its cause quoted, its control characters written out', async () => {
  const paused: StubTenant = {
    ...acme,
    SendingStatus: 'DISABLED',
    reputation: {
      SendingStatusAggregate: 'DISABLED',
      AwsSesManagedStatus: { Status: 'DISABLED', Cause: 'Complaint rate above 0.5%\u001b[2J\r\nok' },
      ReputationImpact: 'HIGH',
    },
  };
  const { result, findings } = await check({ tenants: [paused] }, perOrganization);
  assert.equal(result.code, 1);
  const arn = tenantArnOf('acme');
  assert.deepEqual(lines(findings, 'tenant').slice(0, 2), [
    `fail tenant (acme): sending is paused for acme in us-east-1 (status DISABLED), so SES refuses its mail. Fix: see why in the SES console, Tenants, acme; once the cause is fixed, resume it (aws sesv2 update-reputation-entity-customer-managed-status --reputation-entity-type RESOURCE --reputation-entity-reference ${arn} --sending-status ENABLED).`,
    'fail tenant reputation (acme): SES paused acme under its reputation policy standard: "Complaint rate above 0.5%\\u001b[2J\\u000d\\u000aok". Fix: fix what its reputation findings name (SES console, Tenants, acme, Reputation), then resume it there once SES allows.',
  ]);
  assert.ok(!result.stdout.includes('\u001b'), result.stdout);
});

test('a tenant the sender identity is not associated with fails, with the association to make', async () => {
  // Another customer's domain is associated, and the configuration set: not the sender's domain.
  const unassociated: StubTenant = {
    ...acme,
    resources: [
      { ResourceType: 'EMAIL_IDENTITY', ResourceArn: identityArn.replace('example.com', 'other.example') },
      { ResourceType: 'CONFIGURATION_SET', ResourceArn: setArn },
    ],
  };
  const { result, findings } = await check({ tenants: [unassociated] }, { tenantName: 'acme' });
  assert.equal(result.code, 1);
  assert.deepEqual(lines(findings, 'tenant').slice(2), [
    `fail tenant identity (acme): the sender identity example.com is not associated with acme, so SES refuses mail sent under acme with it. Fix: associate it: aws sesv2 create-tenant-resource-association --tenant-name acme --resource-arn ${identityArn} (or SES console, Tenants, acme, Associated resources, Email identities).`,
    'pass tenant configuration set (acme): the configuration set logto is associated with acme',
  ]);
});

test('a tenant the configuration set is not associated with fails, with the association to make', async () => {
  const unassociated: StubTenant = {
    ...acme,
    resources: [
      { ResourceType: 'EMAIL_IDENTITY', ResourceArn: identityArn },
      { ResourceType: 'CONFIGURATION_SET', ResourceArn: setArn.replace('/logto', '/marketing') },
    ],
  };
  const { result, findings } = await check({ tenants: [unassociated] }, { tenantName: 'acme' });
  assert.equal(result.code, 1);
  assert.deepEqual(lines(findings, 'tenant').slice(2), [
    'pass tenant identity (acme): the sender identity example.com is associated with acme',
    `fail tenant configuration set (acme): the configuration set logto is not associated with acme, so SES refuses mail sent under acme with it. Fix: associate it: aws sesv2 create-tenant-resource-association --tenant-name acme --resource-arn ${setArn} (or SES console, Tenants, acme, Associated resources, Configuration sets).`,
  ]);
});

test('an endpoint without tenants (a local SES) could not check them, and fails nothing', async () => {
  const { result, findings } = await check({ unsupported: ['GetTenant'] }, { tenantName: 'acme' });
  assert.equal(result.code, 0, result.stdout);
  assert.deepEqual(lines(findings, 'tenant'), [
    'could not check tenant (acme): the endpoint does not support GetTenant',
  ]);
});

/** A configuration set whose event destination publishes clicks: SES then rewrites every link. */
const clickTracking: StubOptions = {
  eventDestinations: {
    logto: [
      { Name: 'clicks', Enabled: true, MatchingEventTypes: ['SEND', 'CLICK'], CloudWatchDestination: {} },
      { Name: 'opens-off', Enabled: false, MatchingEventTypes: ['OPEN'], CloudWatchDestination: {} },
    ],
  },
};

test('tracking on in the configuration set, {{link}} in a template and tracking not off: a warning', async () => {
  const { result, findings } = await check(clickTracking, { templates: linkTemplates });
  assert.equal(result.code, 0, result.stdout);
  assert.deepEqual(lines(findings, 'tracking'), [
    'warn tracking: SES tracks opens or clicks (the configuration set logto\'s event destination clicks publishes CLICK events), and tracking is not "off": SES rewrites {{link}} in the OrganizationInvitation template through its redirect host and adds a tracking pixel. Fix: set tracking to "off" in the connector config: each sign-in mail then turns open and click tracking off, and the configuration set keeps them for your other mail.',
  ]);
});

test("the configuration set's VDM engagement metrics track too", async () => {
  const { findings } = await check(
    {
      configurationSets: [
        { ConfigurationSetName: 'logto', VdmOptions: { DashboardOptions: { EngagementMetrics: 'ENABLED' } } },
      ],
    },
    { templates: linkTemplates }
  );
  assert.deepEqual(
    findings.filter(({ id }) => id === 'tracking').map(({ status, message }) => `${status} ${message}`),
    [
      'warn tracking: SES tracks opens or clicks (the configuration set logto\'s VDM engagement metrics are on), and tracking is not "off": SES rewrites {{link}} in the OrganizationInvitation template through its redirect host and adds a tracking pixel.',
    ]
  );
});

test('the same with tracking "off": no warning, and no call for the event destinations', async () => {
  const ses = await startSesStub({
    identities: { 'example.com': verifiedDomain },
    configurationSets: ['logto'],
    ...clickTracking,
  });
  try {
    const result = await runWithConfig(
      ['check', '--json'],
      configFor(ses.url, { configurationSetName: 'logto', templates: linkTemplates, tracking: 'off' })
    );
    const { findings } = JSON.parse(result.stdout) as { findings: Finding[] };
    assert.deepEqual(lines(findings, 'tracking'), [
      'pass tracking: off: each mail turns open and click tracking off, so {{link}} reaches the reader as sent',
    ]);
    assert.ok(!ses.requests.some(({ operation }) => operation === 'GetConfigurationSetEventDestinations'));
  } finally {
    await ses.close();
  }
});

test('a config without tenants or {{link}} gets no line for either, and no call', async () => {
  const { findings, operations } = await check(clickTracking, {});
  assert.deepEqual(lines(findings, 'tenant'), []);
  assert.deepEqual(lines(findings, 'tracking'), []);
  assert.ok(
    !operations.some(
      (operation) => operation.includes('Tenant') || operation === 'GetConfigurationSetEventDestinations'
    ),
    operations.join(', ')
  );
});

test('bounded: the first 20 tenants a config names are read, once each, and the rest are told', async () => {
  const names = Array.from({ length: 22 }, (_, index) => `t${index}`);
  const { findings, operations } = await check(
    { tenants: names.map((TenantName) => ({ ...acme, TenantName })) },
    { tenantName: '{{organization.id}}', tenants: Object.fromEntries(names.map((name) => [`org_${name}`, name])) }
  );
  assert.equal(operations.filter((operation) => operation === 'GetTenant').length, 20);
  assert.equal(operations.filter((operation) => operation === 'ListTenantResources').length, 20);
  assert.deepEqual(lines(findings, 'tenant').slice(-1), [
    'skip tenant: 2 more not checked: check reads the first 20 tenants the config names',
  ]);
});

test('keys SES refuses: the tenants are skipped with the rest, and never called', async () => {
  const { findings, operations } = await check(
    { credentials: { [keyId]: { secretAccessKey: 'another-secret' } }, tenants: [acme] },
    perOrganization
  );
  assert.deepEqual(lines(findings, 'tenant'), ['skip tenant: not checked, as SES did not answer the call above']);
  assert.deepEqual(operations, ['GetAccount']);
});

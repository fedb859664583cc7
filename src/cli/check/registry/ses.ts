import type { FindingEntry } from './entry.js';

/**
 * What SES says of the account, the global endpoint, the sender's identity, the configuration set
 * (GetAccount, GetMultiRegionEndpoint, GetEmailIdentity, GetConfigurationSet), the configured
 * tenants (GetTenant, GetReputationEntity, ListTenantResources) and open and click tracking
 * (GetConfigurationSetEventDestinations), in the order they are printed.
 */
export const sesFindings = {
  account: {
    subject: 'account',
    doc: {
      checked: 'GetAccount answered',
      failsWhen: 'SES did not answer (keys, network, region)',
      fix: "the connector's hint",
    },
  },
  'account.sending': {
    subject: 'sending',
    doc: {
      checked: 'sending enabled for the account',
      failsWhen: 'disabled',
      fix: 'the reason is on the SES Account dashboard; re-enable there',
    },
  },
  'account.enforcement': {
    subject: 'enforcement status',
    doc: {
      checked: 'the enforcement status',
      failsWhen: 'not `HEALTHY` (`PROBATION`, `SHUTDOWN`)',
      fix: 'find the bounce or complaint cause; answer the review case',
    },
  },
  'account.production-access': {
    subject: 'production access',
    doc: {
      checked: 'out of the sandbox',
      failsWhen: 'in the sandbox',
      fix: 'request production access; until then verify each recipient',
    },
  },
  'account.quota': {
    subject: '24-hour quota',
    doc: {
      checked: 'the 24-hour quota',
      failsWhen: 'used up',
      fix: 'request a higher quota (Service Quotas)',
    },
  },
  'account.send-rate': { subject: 'max send rate', doc: { checked: 'the maximum send rate' } },
  'global-endpoint': {
    subject: 'global endpoint',
    doc: {
      checked: 'with `endpointId`: the endpoint exists in the region and is `READY`',
      failsWhen: 'not found, or `CREATING`, `FAILED`, `DELETING`',
      fix: 'per status: wait, recreate, or fix `endpointId` and `region`',
    },
  },
  'sender-identity': {
    subject: 'sender identity',
    doc: {
      checked: 'the sender address or its domain is verified for sending',
      failsWhen: 'neither is an identity, or not verified',
      fix: "verify the domain (or open the address's verification link) in the region",
    },
  },
  dkim: {
    subject: 'DKIM',
    doc: {
      checked: "the identity's DKIM status and signing",
      failsWhen: 'status not `SUCCESS`, or signing disabled',
      fix: 'publish the CNAME records; enable signing',
    },
  },
  'configuration-set': {
    subject: 'configuration set',
    doc: {
      checked: '`configurationSetName` exists, sending enabled',
      failsWhen: 'missing, or sending disabled',
      fix: 'create it in the region, or clear `configurationSetName`',
    },
  },
  tenant: {
    subject: 'tenant',
    doc: {
      checked:
        'with `tenantName` (a name, not a placeholder), `tenants` or `defaultTenantName`: each tenant they name exists in the region and may send (GetTenant; the first 20 names)',
      failsWhen: 'not found, or sending `DISABLED` (paused): SES refuses its mail',
      fix: 'create it (`aws sesv2 create-tenant`) or correct the field named; resume a paused one once its cause is fixed',
    },
  },
  'tenant.reputation': {
    subject: 'tenant reputation',
    doc: {
      checked:
        "the tenant's reputation policy, its findings' highest impact, and whether SES or you paused it (GetReputationEntity)",
      failsWhen: 'its aggregate sending status is `DISABLED` (the line says who paused it and why)',
      fix: 'fix what its reputation findings name; resume it (`aws sesv2 update-reputation-entity-customer-managed-status`)',
    },
  },
  'tenant.identity': {
    subject: 'tenant identity',
    doc: {
      checked:
        'the sender identity (the address or domain `sender identity` found, or `emailAddressIdentityArn`) is associated with the tenant (ListTenantResources)',
      failsWhen: 'it is not: SES refuses mail sent under the tenant with it',
      fix: '`aws sesv2 create-tenant-resource-association` with the ARN the line gives',
    },
  },
  'tenant.configuration-set': {
    subject: 'tenant configuration set',
    doc: {
      checked: '`configurationSetName` is associated with the tenant (ListTenantResources)',
      failsWhen: 'it is not: SES refuses mail sent under the tenant with it',
      fix: '`aws sesv2 create-tenant-resource-association` with the ARN the line gives',
    },
  },
  tracking: {
    subject: 'tracking',
    doc: {
      checked:
        "when a template holds `{{link}}`: whether SES tracks opens or clicks (the configuration set's or account's VDM engagement metrics, an event destination for `OPEN` or `CLICK`)",
      failsWhen: '`WARN`: it does and `tracking` is not `"off"`, so SES rewrites the link through its redirect host',
      fix: 'set `tracking` to `"off"`',
    },
  },
} as const satisfies Record<string, FindingEntry>;

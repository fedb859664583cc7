/**
 * The SES tenants an operator wrote into the config, which `check` can read before any mail names
 * them: `tenantName` when it is a name rather than a placeholder into Logto's payload, every value
 * of the `tenants` table, and `defaultTenantName`. A placeholder's value is known only when a mail
 * is sent, so it is not looked up; the names it maps to are.
 */
import type { AwsSesConfig } from '../../config/config.js';
import { tenantPlaceholderPath } from '../../config/tenant-rules.js';

/** The config fields that name tenants (all optional; a config without them sends without a tenant). */
export type TenantFields = Pick<AwsSesConfig, 'emailAddress' | 'tenantName' | 'tenants' | 'defaultTenantName'>;

/** A tenant to read, with the field that names it, for the fix. */
export type ConfiguredTenant = { name: string; field: string };

/** More would make `check` a crawl of the account: one call per tenant per operation, for this many at most. */
export const maxCheckedTenants = 20;

/** Each name once, under the first field that names it, in the order the fields are read. */
export const configuredTenants = ({ tenantName, tenants, defaultTenantName }: TenantFields): ConfiguredTenant[] => {
  const named: ConfiguredTenant[] = [
    ...(tenantName && tenantPlaceholderPath(tenantName) === undefined
      ? [{ name: tenantName, field: 'tenantName' }]
      : []),
    ...Object.entries(tenants ?? {}).map(([key, name]) => ({ name, field: `tenants[${JSON.stringify(key)}]` })),
    ...(defaultTenantName ? [{ name: defaultTenantName, field: 'defaultTenantName' }] : []),
  ];
  const seen = new Set<string>();
  return named.filter(({ name }) => name !== '' && !seen.has(name) && Boolean(seen.add(name)));
};

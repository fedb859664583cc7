import type { SendMessagePayload } from '@logto/connector-kit';

import type { AwsSesConfig } from '../config/config.js';

import { isTenantName, tenantNameMessage, tenantPlaceholderPath } from '../config/tenant-rules.js';
import { placeholderText } from './template.js';

/** The tenant a message goes under, and what the connector should log once when it could not use one. */
export type TenantChoice = {
  tenantName?: string;
  /** Without the payload value: it may be a customer's data, and the line is the same for every mail it affects. */
  note?: string;
};

type TenantFields = Pick<AwsSesConfig, 'tenantName' | 'tenants' | 'defaultTenantName'>;

const fallback = ({ defaultTenantName }: TenantFields): TenantChoice =>
  defaultTenantName ? { tenantName: defaultTenantName } : {};

/**
 * The SES tenant for one message. A name the operator wrote was checked when the config was read;
 * a name that comes from the payload is checked here, because SES refuses a SendEmail with a bad
 * TenantName, and a sign-in code that arrives without a tenant beats one that does not arrive.
 *
 * The placeholder is read as the templates read it (own properties only); a value the table maps
 * wins, then, without a table, the value itself; a payload without the value, or a value the table
 * lacks, falls back to `defaultTenantName`, or to no tenant.
 */
export const resolveTenant = (config: TenantFields, payload: SendMessagePayload): TenantChoice => {
  const path = tenantPlaceholderPath(config.tenantName);
  if (path === undefined) {
    return config.tenantName ? { tenantName: config.tenantName } : {};
  }
  const value = placeholderText(payload, path);
  if (!value) {
    return fallback(config);
  }
  const { tenants } = config;
  if (tenants && Object.keys(tenants).length > 0) {
    return Object.hasOwn(tenants, value) ? { tenantName: tenants[value] } : fallback(config);
  }
  if (isTenantName(value)) {
    return { tenantName: value };
  }
  return {
    note: `tenantName: payload.${path} held a value that ${tenantNameMessage.replace('must be', 'is not')}, so the mail was sent without a tenant. Map such values to tenant names in tenants.`,
  };
};

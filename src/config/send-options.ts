/**
 * What each message carries beside its content: the SES tenant it is sent under, whether the
 * configuration set's open and click tracking applies, and the operator's own headers.
 */
import { z } from 'zod';

import { customHeaders } from './header-rules.js';
import { optional } from './optional.js';
import { fixedTenantName, tenantName, tenantProblems, tenantTable } from './tenant-rules.js';

/**
 * "configuration-set" sends no override: the set (or the account) decides. "off" turns open and
 * click tracking off for this connector's mail alone: a rewritten magic link or a tracking pixel
 * in a sign-in code is a privacy cost with nothing gained.
 */
export const trackingModes = ['configuration-set', 'off'] as const;
export type TrackingMode = (typeof trackingModes)[number];

export const sendOptionFields = {
  tenantName: optional(tenantName),
  tenants: optional(tenantTable),
  defaultTenantName: optional(fixedTenantName),
  tracking: optional(z.enum(trackingModes)),
  customHeaders: optional(customHeaders),
};

/** Rules between these fields; each entry names the field to fix. */
export const sendOptionProblems = tenantProblems;

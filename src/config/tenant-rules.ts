/**
 * SES tenants: each customer's mail under its own reputation and its own pause. The tenant's name
 * is SES's (CreateTenant: up to 64 letters, digits, "-" and "_"); a name that breaks the rule
 * would fail every send with SES's BadRequest, so the config is refused when it is read instead.
 */
import { z } from 'zod';

import { quoteKey } from './unknown-keys.js';

const tenantNameRule = /^[\w-]{1,64}$/;

export const tenantNameMessage = 'must be an SES tenant name: 1 to 64 letters, digits, "-" or "_"';

/** Whether SES would accept `name` as a TenantName. `\w` without the `u` flag is ASCII only. */
export const isTenantName = (name: string): boolean => tenantNameRule.test(name);

/** The whole value is one Logto placeholder, `{{organization.id}}`: the tenant comes from the payload. */
const placeholderOnly = /^{{\s*([\w.]+)\s*}}$/;

/** The payload path `tenantName` reads, or undefined when it names a tenant itself. */
export const tenantPlaceholderPath = (tenantName: string | undefined): string | undefined =>
  // Stryker disable next-line ConditionalExpression: exec(undefined) reads "undefined", which is no placeholder either
  tenantName === undefined ? undefined : placeholderOnly.exec(tenantName)?.[1];

export const tenantName = z
  .string()
  .trim()
  .refine(
    (value) => isTenantName(value) || tenantPlaceholderPath(value) !== undefined,
    `${tenantNameMessage}, or one placeholder such as {{organization.id}}`
  );

export const fixedTenantName = z.string().trim().refine(isTenantName, tenantNameMessage);

/**
 * The console's JSON fields arrive parsed, but a config written by hand (or by a script through
 * the Management API) may hold the JSON as text: both are read the same way.
 */
export const jsonText = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((value, context) => {
    if (typeof value !== 'string') {
      return value;
    }
    try {
      return JSON.parse(value) as unknown;
    } catch {
      context.addIssue({ code: z.ZodIssueCode.custom, message: 'must be JSON (the text does not parse)' });
      return z.NEVER;
    }
  }, schema);

/**
 * Keys are what the placeholder yields (an organization ID, say); values are tenant names. Each bad
 * entry is named by its key, quoted, since a key may hold any character.
 */
export const tenantTable = jsonText(
  // An object guard (not z.record), as the console's Json form items expect of their config key.
  z
    .object({})
    .catchall(z.string())
    .superRefine((table, context) => {
      for (const [key, name] of Object.entries(table)) {
        if (key === '') {
          context.addIssue({
            code: z.ZodIssueCode.custom,
            message: 'has an empty key: a key is what the placeholder yields, such as an organization ID',
          });
        } else if (!isTenantName(name)) {
          context.addIssue({
            code: z.ZodIssueCode.custom,
            message: `entry ${quoteKey(key)} ${tenantNameMessage}, not ${quoteKey(name)}`,
          });
        }
      }
    })
);

/** Rules between the tenant fields; each entry names the field to fix. */
export const tenantProblems = (config: {
  tenantName?: string;
  tenants?: Record<string, string>;
  defaultTenantName?: string;
}): string[] => {
  if (tenantPlaceholderPath(config.tenantName) !== undefined) {
    return [];
  }
  const why = config.tenantName
    ? `tenantName names one tenant ("${config.tenantName}") for every mail`
    : 'tenantName is not set';
  return [
    ...(config.tenants && Object.keys(config.tenants).length > 0
      ? [`tenants is read only when tenantName is a placeholder such as {{organization.id}}, and ${why}`]
      : []),
    ...(config.defaultTenantName
      ? [`defaultTenantName is used only when tenantName is a placeholder such as {{organization.id}}, and ${why}`]
      : []),
  ];
};

import { isIP } from 'node:net';

import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { z } from 'zod';

import { AddressError, parseMailbox } from '../message/address.js';

export const contentTypes = ['text/html', 'text/plain'] as const;
export type ContentType = (typeof contentTypes)[number];

/**
 * `usageType` stays a free string: Logto adds template types over time, and the official
 * connector accepts any, so a config written for it must keep loading here.
 */
export const templateGuard = z
  .object({
    usageType: z.string(),
    subject: z.string(),
    content: z.string(),
    contentType: z.enum(contentTypes).optional(),
  })
  .passthrough();

export type Template = z.infer<typeof templateGuard>;

/** The console's form sends "" for an optional field left blank; that means "not set". */
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((value) => (value === '' || value === null ? undefined : value), schema.optional());

const mailbox = z.string().superRefine((value, context) => {
  try {
    parseMailbox(value);
  } catch (error: unknown) {
    if (!(error instanceof AddressError)) {
      throw error;
    }
    context.addIssue({ code: z.ZodIssueCode.custom, message: error.message });
  }
});

const arn = z.string().regex(/^arn:[\w-]+:ses:/, 'must be an SES identity ARN (arn:aws:ses:…)');

/** Partitions differ (aws, aws-cn, aws-us-gov, ISO, EU sovereign), the shape does not: `us-east-1`, `eusc-de-east-1`. */
const region = z
  .string()
  .trim()
  .regex(/^[a-z]{2,4}(?:-[a-z\d]+)+-\d{1,2}$/, 'must be an AWS region code such as us-east-1');

const isLoopbackHost = (hostname: string) => {
  const host = hostname.replace(/^\[|\]$/g, '');
  return (
    host === 'localhost' ||
    host === '::1' ||
    (isIP(host) === 4 && host.startsWith('127.'))
  );
};

/** Plain HTTP would send signed requests in clear text, so it is kept for a local SES only. */
const endpoint = z.string().superRefine((value, context) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    context.addIssue({ code: z.ZodIssueCode.custom, message: 'must be a URL such as https://email.us-east-1.amazonaws.com' });
    return;
  }
  if (url.protocol === 'https:') {
    return;
  }
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) {
    return;
  }
  context.addIssue({
    code: z.ZodIssueCode.custom,
    message:
      url.protocol === 'http:'
        ? 'may use http only for a loopback address (127.0.0.1, ::1, localhost); use https'
        : 'must be an https URL',
  });
});

/** SES's own rule for configuration set names. */
const configurationSetName = z
  .string()
  .regex(/^[\w-]{1,64}$/, 'must be 1 to 64 letters, digits, "_" or "-"');

const requiredText = z.string().trim().min(1, 'must not be empty');

/**
 * A superset of `@logto/connector-aws-ses` 1.5.4's config: every config it accepts that can
 * actually send is accepted here, plus `endpoint`, `replyTo` and `contentType` on templates.
 * Unknown keys pass through untouched, as they do there.
 */
export const awsSesConfigGuard = z
  .object({
    accessKeyId: requiredText,
    accessKeySecret: requiredText,
    region,
    emailAddress: optional(mailbox),
    emailAddressIdentityArn: optional(arn),
    feedbackForwardingEmailAddress: optional(mailbox),
    feedbackForwardingEmailAddressIdentityArn: optional(arn),
    configurationSetName: optional(configurationSetName),
    endpoint: optional(endpoint),
    replyTo: optional(mailbox),
    templates: z.array(templateGuard),
  })
  .passthrough();

export type AwsSesConfig = z.infer<typeof awsSesConfigGuard>;

const describePath = (path: Array<string | number>) =>
  path.reduce<string>(
    (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part),
    ''
  );

const describeIssue = (issue: z.ZodIssue): string => {
  const field = describePath(issue.path) || 'config';
  if (issue.code === z.ZodIssueCode.invalid_type) {
    return issue.received === 'undefined'
      ? `${field} is required`
      : `${field} must be ${issue.expected === 'array' ? 'an array' : `a ${issue.expected}`}, not ${issue.received}`;
  }
  if (issue.code === z.ZodIssueCode.invalid_enum_value) {
    return `${field} must be one of ${issue.options.map((option) => `"${String(option)}"`).join(', ')}`;
  }
  return `${field} ${issue.message}`;
};

/** Turns zod's issues into one sentence that names every bad field; no field value is echoed. */
export const describeConfigError = (error: z.ZodError): string =>
  `Invalid AWS SES connector config: ${error.issues.map(describeIssue).join('; ')}.`;

const parsedConfigs = new WeakMap<object, AwsSesConfig>();

/**
 * Validates once per config object: Logto passes the same object for every message between
 * config changes, and the console's "Send" test passes a fresh one, which is then checked anew.
 */
export const parseConfig = (config: unknown): AwsSesConfig => {
  if (config === null || typeof config !== 'object') {
    throw new ConnectorError(
      ConnectorErrorCodes.InvalidConfig,
      'Invalid AWS SES connector config: config must be a JSON object.'
    );
  }
  const cached = parsedConfigs.get(config);
  if (cached) {
    return cached;
  }
  const result = awsSesConfigGuard.safeParse(config);
  if (!result.success) {
    throw new ConnectorError(ConnectorErrorCodes.InvalidConfig, describeConfigError(result.error));
  }
  parsedConfigs.set(config, result.data);
  return result.data;
};

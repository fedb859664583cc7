import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { z } from 'zod';

import { AddressError, parseMailbox } from './address.js';
import { describeConfigError, misspellingOf } from './config-error.js';
import { globalEndpointProblems } from './global-endpoint-rules.js';
import { credentialText, externalId, roleArn, roleSessionName, secretText } from './credential-rules.js';
import { isLoopbackHost } from './loopback.js';
import { optional } from './optional.js';
import { sendOptionFields, sendOptionProblems } from './send-options.js';
import { unknownKeysOf as findUnknownKeys, type UnknownKey } from './unknown-keys.js';

/** Also the rule for other URLs that carry credentials (the Management API's, in `templates`). */
export { isLoopbackHost } from './loopback.js';

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

const mailbox = z.string().superRefine((value, context) => {
  try {
    parseMailbox(value);
  } catch (error: unknown) {
    // Stryker disable next-line ConditionalExpression,BlockStatement: parseMailbox throws only AddressError (domainToASCII returns "" instead of throwing); the rethrow guards a future bug
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

/** Plain HTTP would send signed requests in clear text, so it is kept for a local SES only. */
const endpoint = z.string().superRefine((value, context) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    context.addIssue({
      code: z.ZodIssueCode.custom,
      message: 'must be a URL such as https://email.us-east-1.amazonaws.com',
    });
    return;
  }
  // Hints and logs name the endpoint; a password in it would be shown with them.
  if (url.username || url.password) {
    context.addIssue({
      code: z.ZodIssueCode.custom,
      message: 'must not contain a user name or password (user:pass@): SES takes no credentials in the URL',
    });
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

/**
 * The SDK puts the ID into the host name (`{endpointId}.endpoints.email.amazonaws.com`), so it must be DNS labels,
 * as the SDK's endpoint rules (`isValidHostLabel`, subdomains allowed) check: the console says so on save, not on send.
 */
const endpointId = z
  .string()
  .trim()
  .refine(
    (value) => value.split('.').every((label) => /^(?!-)[a-zA-Z\d-]{1,63}(?<!-)$/.test(label)),
    'must be the ID of an SES global endpoint (DNS labels of letters, digits and "-", separated by "."), such as abcd1234.ef5g, not its name or URL'
  );

/** SES's own rule for configuration set names. */
const configurationSetName = z.string().regex(/^[\w-]{1,64}$/, 'must be 1 to 64 letters, digits, "_" or "-"');

/**
 * The console's number fields may arrive as strings; an integer in range is all that matters. Only
 * decimal digits count as a number: `Number()` alone would also read "0x1f4" or "1e3".
 */
const integerBetween = (min: number, max: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value),
    z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`)
  );

/** What a send may take in all, retries included: a sign-in page is waiting on it. */
export const defaultTimeoutMs = 10_000;
/** One try and two retries, as the AWS SDK's standard mode does. */
export const defaultMaxAttempts = 3;

/** What the connector writes to Logto's log: failed sends always; successful ones too with "info". */
export const logLevels = ['error', 'info'] as const;
/** The log line as `key=value` text, or as one JSON object (also when Logto's LOG_FORMAT is json). */
export const logFormats = ['text', 'json'] as const;

/**
 * A superset of `@logto/connector-aws-ses` 1.5.4's config: every config it accepts that can
 * actually send is accepted here, plus `endpoint`, `replyTo` and `contentType` on templates, and
 * the credential and deadline settings. Unknown keys pass through untouched, as they do there.
 *
 * Keys are optional: without them the AWS default credential chain applies (environment, shared
 * files, web identity / IRSA, ECS task role, EC2 instance role). Rules that span fields (a secret
 * needs its key id) are checked in `parseConfig`, because Logto requires the guard to stay a plain
 * `ZodObject`.
 */
export const awsSesConfigGuard = z
  .object({
    accessKeyId: optional(credentialText),
    accessKeySecret: optional(secretText),
    sessionToken: optional(secretText),
    roleArn: optional(roleArn),
    externalId: optional(externalId),
    roleSessionName: optional(roleSessionName),
    region,
    emailAddress: optional(mailbox),
    emailAddressIdentityArn: optional(arn),
    feedbackForwardingEmailAddress: optional(mailbox),
    feedbackForwardingEmailAddressIdentityArn: optional(arn),
    configurationSetName: optional(configurationSetName),
    replyTo: optional(mailbox),
    endpoint: optional(endpoint),
    endpointId: optional(endpointId),
    timeoutMs: optional(integerBetween(100, 300_000)),
    maxAttempts: optional(integerBetween(1, 10)),
    logLevel: optional(z.enum(logLevels)),
    logFormat: optional(z.enum(logFormats)),
    ...sendOptionFields,
    templates: z.array(templateGuard),
  })
  .passthrough();

export type AwsSesConfig = z.infer<typeof awsSesConfigGuard>;

/** Keys no field reads, each with the field it most likely meant: a typo is otherwise ignored. */
export const unknownKeysOf = (config: unknown): UnknownKey[] =>
  findUnknownKeys(config, {
    config: Object.keys(awsSesConfigGuard.shape),
    template: Object.keys(templateGuard.shape),
  });

/**
 * Rules between fields; each entry names the field to fix, and a misspelling of a field it finds
 * missing (`accessKeyID` beside `accessKeySecret`).
 */
const crossFieldProblems = (config: AwsSesConfig, unknownKeys: readonly UnknownKey[]): string[] => {
  const needed = (field: string, by: string) =>
    `${field} is required when ${by} is set${misspellingOf([field], unknownKeys)}`;
  return [
    ...(config.accessKeyId && !config.accessKeySecret ? [needed('accessKeySecret', 'accessKeyId')] : []),
    ...(config.accessKeySecret && !config.accessKeyId ? [needed('accessKeyId', 'accessKeySecret')] : []),
    ...(config.sessionToken && !config.accessKeyId
      ? ['sessionToken needs accessKeyId and accessKeySecret (the temporary credentials it belongs to)']
      : []),
    ...(!config.roleArn && (config.externalId ?? config.roleSessionName)
      ? [
          `${config.externalId ? 'externalId' : 'roleSessionName'} is used only with roleArn, which is not set${misspellingOf(['roleArn'], unknownKeys)}`,
        ]
      : []),
    ...globalEndpointProblems(config),
    ...sendOptionProblems(config),
  ];
};

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
    throw new ConnectorError(
      ConnectorErrorCodes.InvalidConfig,
      describeConfigError(result.error, unknownKeysOf(config))
    );
  }
  const problems = crossFieldProblems(result.data, unknownKeysOf(config));
  if (problems.length > 0) {
    throw new ConnectorError(
      ConnectorErrorCodes.InvalidConfig,
      `Invalid AWS SES connector config: ${problems.join('; ')}.`
    );
  }
  parsedConfigs.set(config, result.data);
  return result.data;
};

import type { CredentialSource } from './credential-source.js';
import type { ServiceWords } from './failing-service.js';
import type { FailureContext } from './failure-context.js';
import { globalEndpointHint } from './global-endpoint-hints.js';
import type { LimitKind } from './limits.js';

/**
 * What the operator reads after the cause: what to check or change. The words that depend on
 * which service failed come from its entry in failing-service.ts; those of a send through a
 * global endpoint from global-endpoint-hints.ts, which goes first.
 */

const credentialErrors = new Set([
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'IncompleteSignature',
  'ExpiredToken',
  'ExpiredTokenException',
  'MissingAuthenticationToken',
]);

const checkCredentials: Record<CredentialSource, string> = {
  config: 'Check accessKeyId and accessKeySecret',
  'config with session token':
    'Check accessKeyId, accessKeySecret and sessionToken (temporary keys expire with their session token)',
  'default chain':
    "Check the AWS credentials Logto's environment provides (environment variables, shared files, IRSA, ECS task role or instance role)",
};

const credentialHint = (context: FailureContext, service: ServiceWords) =>
  [
    checkCredentials[context.credentialSource],
    context.roleArn ? `, and that they may assume ${context.roleArn}` : '',
    `: ${service.name} did not accept them.`,
  ].join('');

const sendingDisabled = ({ region }: FailureContext) =>
  `Sending is disabled for this account or configuration set in ${region}; see the SES console's account dashboard.`;

/** The hint for a send through an SES global endpoint, which goes before the regional one. */
const globalHint = (failure: string | undefined, message: string, context: FailureContext, service: ServiceWords) =>
  service.viaGlobalEndpoint ? globalEndpointHint(failure, message, context) : undefined;

/** By exception name: the fix for each that the operator's configuration causes. */
const exceptionHints = new Map<string, (message: string, context: FailureContext) => string>([
  [
    'AccessDeniedException',
    () =>
      'The credentials are valid but not allowed to send: grant ses:SendEmail (and ses:SendRawEmail for identity ARNs) to this IAM user or role.',
  ],
  // STS's name, from assuming roleArn.
  [
    'AccessDenied',
    (_message, { roleArn }) =>
      `The base credentials may not assume ${roleArn ?? 'the role'}: check the role's trust policy and externalId.`,
  ],
  [
    'RegionDisabledException',
    (_message, { region }) =>
      `STS is not activated in ${region} for this account: activate it in IAM's account settings, or use another region.`,
  ],
  [
    'MessageRejected',
    (message, { region }) =>
      /not verified/i.test(message)
        ? `Either the account is in the SES sandbox in ${region} (verify the recipient address, or request production access), or the sender identity is not verified in ${region}.`
        : 'SES refused this message; its reason is above.',
  ],
  [
    'MailFromDomainNotVerifiedException',
    (_message, { region }) => `Verify the custom MAIL FROM domain of the sender identity in ${region}.`,
  ],
  ['AccountSuspendedException', (_message, context) => sendingDisabled(context)],
  ['SendingPausedException', (_message, context) => sendingDisabled(context)],
  [
    'NotFoundException',
    (_message, { region }) =>
      `Something the config names does not exist in ${region}: check configurationSetName and the identity ARNs.`,
  ],
  ['BadRequestException', () => 'Check the config values SES named above.'],
]);

/** What the operator can do about an AWS exception that their configuration causes; none for AWS-side faults. */
export const exceptionHint = (
  name: string,
  message: string,
  context: FailureContext,
  service: ServiceWords
): string | undefined =>
  globalHint(name, message, context, service) ??
  (credentialErrors.has(name) ? credentialHint(context, service) : exceptionHints.get(name)?.(message, context));

/** What a sending limit means and what to do about it; the user can try again either way. */
export const limitAdvice = (limit: LimitKind, { region }: FailureContext, service: ServiceWords): string =>
  limit === 'quota'
    ? `The account's 24-hour sending quota in ${region} is used up: SES sends again as the 24-hour window moves on. Request a higher quota in the SES console.`
    : service.throttled;

/** By a socket error's code: what happened, and where to look. */
const networkHints = new Map<string, (service: ServiceWords) => string>([
  ['ENOTFOUND', (service) => service.unresolved],
  // getaddrinfo's "try again": the DNS server did not answer in time.
  ['EAI_AGAIN', (service) => service.unresolved],
  ['ECONNREFUSED', (service) => service.refused],
  ['ECONNRESET', ({ name }) => `The connection to ${name} was reset before an answer came.`],
  ['ETIMEDOUT', ({ name }) => `Connecting to ${name} timed out.`],
]);

/** The hint for a failure without an answer, by its socket error's code. */
export const networkHint = (
  code: string | undefined,
  message: string,
  context: FailureContext,
  service: ServiceWords
): string | undefined =>
  globalHint(code, message, context, service) ?? (code ? networkHints.get(code)?.(service) : undefined);

/** Said after the default chain found no credentials. */
export const provideCredentials =
  "Set accessKeyId and accessKeySecret, or give Logto's process credentials through the AWS default chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a shared profile, IRSA, an ECS task role or an EC2 instance role).";

/** Joins SES's own sentence and ours, which SES does not always end with a full stop. */
export const sentence = (text: string): string => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/** " (after 3 attempts)" when the SDK retried, so the operator knows retries were spent. */
export const afterRetries = (attempts: number | undefined): string =>
  attempts && attempts > 1 ? ` (after ${attempts} attempts)` : '';

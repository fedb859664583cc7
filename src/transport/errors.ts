import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import { globalEndpointHint } from './global-endpoint-hints.js';

/** Where the failing request went and with what; used only to word the hint. */
export type FailureContext = {
  /** The SES API called, e.g. SendEmail or GetAccount. */
  operation?: string;
  region: string;
  endpoint?: string;
  /** Where the keys came from: the config (with a session token or not), or the AWS default chain. */
  credentialSource: 'config' | 'config with session token' | 'default chain';
  roleArn?: string;
  /** The SES global endpoint SendEmail went through, if any (global-endpoint-hints.ts). */
  endpointId?: string;
  timeoutMs: number;
  /** Values that must never appear in an error: the access key secret, a session token. */
  secrets: readonly string[];
};

/** The call's own deadline passed; the request in flight was aborted. */
export class DeadlineExceeded extends Error {
  override name = 'DeadlineExceeded';
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
  }
}

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

const checkCredentials: Record<FailureContext['credentialSource'], string> = {
  config: 'Check accessKeyId and accessKeySecret',
  'config with session token':
    'Check accessKeyId, accessKeySecret and sessionToken (temporary keys expire with their session token)',
  'default chain':
    "Check the AWS credentials Logto's environment provides (environment variables, shared files, IRSA, ECS task role or instance role)",
};

const credentialHint = ({ credentialSource, roleArn }: FailureContext) =>
  [
    checkCredentials[credentialSource],
    roleArn ? `, and that they may assume ${roleArn}` : '',
    ': SES did not accept them.',
  ].join('');

/** What the operator can do about an AWS exception that their configuration causes; none for AWS-side faults. */
const hintFor = (name: string, message: string, context: FailureContext): string | undefined => {
  const { region } = context;
  const globalHint = globalEndpointHint(name, message, context);
  if (globalHint) {
    return globalHint;
  }
  if (credentialErrors.has(name)) {
    return credentialHint(context);
  }
  switch (name) {
    case 'AccessDeniedException': {
      return 'The credentials are valid but not allowed to send: grant ses:SendEmail (and ses:SendRawEmail for identity ARNs) to this IAM user or role.';
    }
    // STS's name, from assuming roleArn.
    case 'AccessDenied': {
      return `The base credentials may not assume ${context.roleArn ?? 'the role'}: check the role's trust policy and externalId.`;
    }
    case 'RegionDisabledException': {
      return `STS is not activated in ${region} for this account: activate it in IAM's account settings, or use another region.`;
    }
    case 'MessageRejected': {
      return /not verified/i.test(message)
        ? `Either the account is in the SES sandbox in ${region} (verify the recipient address, or request production access), or the sender identity is not verified in ${region}.`
        : 'SES refused this message; its reason is above.';
    }
    case 'MailFromDomainNotVerifiedException': {
      return `Verify the custom MAIL FROM domain of the sender identity in ${region}.`;
    }
    case 'AccountSuspendedException':
    case 'SendingPausedException': {
      return `Sending is disabled for this account or configuration set in ${region}; see the SES console's account dashboard.`;
    }
    case 'NotFoundException': {
      return `Something the config names does not exist in ${region}: check configurationSetName and the identity ARNs.`;
    }
    case 'BadRequestException': {
      return 'Check the config values SES named above.';
    }
    default: {
      return undefined;
    }
  }
};

/** Advice for AWS-side faults, which stay `invalid_response`: the config is not wrong. */
const adviceFor = (name: string): string | undefined =>
  name === 'TooManyRequestsException' || name === 'ThrottlingException'
    ? 'SES is throttling this account (its maximum send rate or 24-hour quota); if Logto sends more than the quota allows, request a higher one in the SES console.'
    : undefined;

const failed = ({ operation = 'SendEmail' }: FailureContext) =>
  operation === 'SendEmail' ? 'Sending through SES failed' : `Calling SES ${operation} failed`;

/** Joins SES's own sentence and ours, which SES does not always end with a full stop. */
const sentence = (text: string) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

const networkHints: Record<string, (context: FailureContext) => string> = {
  ENOTFOUND: ({ region, endpoint }) =>
    endpoint
      ? `The SES endpoint host in ${endpoint} does not resolve: check endpoint.`
      : `The SES host for region "${region}" does not resolve: check region.`,
  ECONNREFUSED: ({ endpoint }) =>
    `Nothing accepted the connection${endpoint ? ` at ${endpoint}` : ''}: check endpoint.`,
  ECONNRESET: () => 'The connection to SES was reset before an answer came.',
  ETIMEDOUT: () => 'Connecting to SES timed out.',
};

const redact = (text: string, secrets: readonly string[]) =>
  secrets.reduce((result, secret) => (secret ? result.replaceAll(secret, '[redacted]') : result), text);

const connectorError = (
  code: ConnectorErrorCodes,
  message: string,
  context: FailureContext,
  details: Record<string, unknown> = {}
) => new ConnectorError(code, { message: redact(message, context.secrets), ...details });

type AwsError = Error & {
  $fault?: 'client' | 'server';
  /** Also set on a response the SDK could not parse, which has no `$fault`. */
  $metadata?: { requestId?: string; httpStatusCode?: number; attempts?: number };
  code?: string;
  cause?: unknown;
};

/** An error response from SES or STS; both SDKs' exceptions carry a fault side and metadata. */
const isServiceException = (error: AwsError) => error.$fault !== undefined && error.$metadata !== undefined;

const attemptsOf = (error: AwsError) => error.$metadata?.attempts;

/** " (after 3 attempts)" when the SDK retried, so the operator knows retries were spent. */
const afterRetries = (error: AwsError) => {
  const attempts = attemptsOf(error);
  return attempts && attempts > 1 ? ` (after ${attempts} attempts)` : '';
};

const mapServiceException = (error: AwsError, context: FailureContext) => {
  const { name, message } = error;
  const hint = hintFor(name, message, context);
  // Only exceptions the operator can fix have a hint; throttling and 5xx are AWS-side.
  const code = hint ? ConnectorErrorCodes.InvalidConfig : ConnectorErrorCodes.InvalidResponse;
  const advice = hint ?? adviceFor(name);
  const text = `${sentence(`SES ${name}: ${message}${afterRetries(error)}`)}${advice ? ` ${advice}` : ''}`;
  return connectorError(code, text, context, {
    sesError: name,
    requestId: error.$metadata?.requestId,
    httpStatusCode: error.$metadata?.httpStatusCode,
    attempts: attemptsOf(error),
  });
};

const firstLine = (text: string) => text.split('\n', 1)[0]!.trim();

/**
 * An HTTP answer that is not SES's JSON: a proxy's or load balancer's error page, or a truncated
 * body. A 2xx one may mean SES took the message, but without a MessageId that cannot be confirmed.
 */
const mapUnreadableAnswer = (error: AwsError, status: number, context: FailureContext) => {
  const message =
    status >= 200 && status < 300
      ? `SES answered HTTP ${status}, but its answer could not be read (${firstLine(error.message)}), so delivery cannot be confirmed.`
      : `SES answered HTTP ${status} with a body that is not an SES error (${firstLine(error.message)})${afterRetries(error)}: a proxy or load balancer in front of SES, or an SES outage.`;
  return connectorError(ConnectorErrorCodes.InvalidResponse, message, context, {
    httpStatusCode: status,
    requestId: error.$metadata?.requestId,
    attempts: attemptsOf(error),
  });
};

const mapDeadline = ({ timeoutMs }: DeadlineExceeded, context: FailureContext) =>
  connectorError(
    ConnectorErrorCodes.InvalidResponse,
    `SES did not answer within ${timeoutMs} ms (timeoutMs, retries included), so the request was aborted. Check that ${
      context.endpoint ?? `SES in ${context.region}`
    } is reachable from Logto, or raise timeoutMs.`,
    context,
    { timeoutMs }
  );

const mapMissingCredentials = (error: AwsError, context: FailureContext) =>
  connectorError(
    ConnectorErrorCodes.InvalidConfig,
    `No AWS credentials: ${error.message}. Set accessKeyId and accessKeySecret, or give Logto's process credentials through the AWS default chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a shared profile, IRSA, an ECS task role or an EC2 instance role).`,
    context
  );

/**
 * Maps whatever the SDK threw to a ConnectorError Logto can show: `invalid_config` when the
 * operator must change something, `invalid_response` for AWS-side and network faults. Only the
 * exception's name, message and request id are kept, never the SDK error object itself, whose
 * request and response carry signed headers.
 */
export const toConnectorError = (thrown: unknown, context: FailureContext): ConnectorError => {
  if (thrown instanceof ConnectorError) {
    return thrown;
  }
  if (thrown instanceof DeadlineExceeded) {
    return mapDeadline(thrown, context);
  }
  const error = (thrown ?? {}) as AwsError;
  if (error.name === 'AbortError' && error.cause instanceof DeadlineExceeded) {
    return mapDeadline(error.cause, context);
  }
  if (isServiceException(error)) {
    return mapServiceException(error, context);
  }
  const status = error.$metadata?.httpStatusCode;
  if (status !== undefined) {
    return mapUnreadableAnswer(error, status, context);
  }
  if (error.name === 'CredentialsProviderError') {
    return mapMissingCredentials(error, context);
  }

  const { name = 'Error', message = String(thrown), code } = error;
  const hint = globalEndpointHint(code, message, context) ?? (code ? networkHints[code]?.(context) : undefined);
  // A socket error's code says what happened; its name may not (the SDK calls a reset a TimeoutError).
  const cause = code ? (message.includes(code) ? message : `${message} (${code})`) : `${name}: ${message}`;
  return connectorError(
    code === 'ENOTFOUND' ? ConnectorErrorCodes.InvalidConfig : ConnectorErrorCodes.InvalidResponse,
    `${sentence(`${failed(context)}: ${cause}${afterRetries(error)}`)}${hint ? ` ${hint}` : ''}`,
    context,
    { networkError: code, attempts: attemptsOf(error) }
  );
};

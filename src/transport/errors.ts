import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import { isAwsRegionName } from '../config/aws-region-name.js';
import { answerTooLargeMessage } from './answer-size-hint.js';
import type { AttemptLog } from './attempt-log.js';
import { AnswerTooLarge } from './bounded-answer.js';
import type { CredentialSource } from './credential-source.js';
import type { FailureData } from './failure-data.js';
import { globalEndpointHint } from './global-endpoint-hints.js';
import { limitCode, limitKindOf, type LimitKind } from './limits.js';
import { redactDeep } from './redact.js';
import { StsFailure, stsEndpointFor } from './sts-credentials.js';

/** Where the failing request went and with what; used only to word the hint. */
export type FailureContext = {
  /** The SES API called, e.g. SendEmail or GetAccount. */
  operation?: string;
  region: string;
  endpoint?: string;
  /** Where the keys came from: the config (with a session token or not), or the AWS default chain. */
  credentialSource: CredentialSource;
  roleArn?: string;
  /** The SES global endpoint SendEmail went through, if any (global-endpoint-hints.ts). */
  endpointId?: string;
  timeoutMs: number;
  /** Values that must never appear in an error: the access key secret, a session token. */
  secrets: readonly string[];
  /** Set when STS failed while assuming roleArn, not SES: its endpoint. */
  sts?: { endpoint: string };
};

/** Which AWS service gave the answer, for the words of the message. */
const serviceOf = ({ sts }: FailureContext) => (sts ? 'STS' : 'SES');

/** The call's own deadline passed; the request in flight was aborted. */
export class DeadlineExceeded extends Error {
  override name = 'DeadlineExceeded';
  constructor(
    readonly timeoutMs: number,
    /** What the call went through before the deadline: throttled attempts, a wait for STS. */
    readonly log?: AttemptLog
  ) {
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

const checkCredentials: Record<CredentialSource, string> = {
  config: 'Check accessKeyId and accessKeySecret',
  'config with session token':
    'Check accessKeyId, accessKeySecret and sessionToken (temporary keys expire with their session token)',
  'default chain':
    "Check the AWS credentials Logto's environment provides (environment variables, shared files, IRSA, ECS task role or instance role)",
};

const credentialHint = (context: FailureContext) =>
  [
    checkCredentials[context.credentialSource],
    context.roleArn ? `, and that they may assume ${context.roleArn}` : '',
    `: ${serviceOf(context)} did not accept them.`,
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

/** What a sending limit means and what to do about it; the user can try again either way. */
const limitAdvice: Record<LimitKind, (context: FailureContext) => string> = {
  rate: (context) =>
    context.sts
      ? 'STS is throttling AssumeRole calls for this account; they succeed again in a moment.'
      : `SES is throttling this account in ${context.region}: more emails per second than its maximum send rate. A retry in a moment goes through; if it keeps happening, request a higher sending rate in the SES console.`,
  quota: ({ region }) =>
    `The account's 24-hour sending quota in ${region} is used up: SES sends again as the 24-hour window moves on. Request a higher quota in the SES console.`,
};

const failed = (context: FailureContext) => {
  const { operation = 'SendEmail', roleArn, sts } = context;
  if (sts) {
    return `Assuming ${roleArn ?? 'the role'} through STS failed`;
  }
  return operation === 'SendEmail' ? 'Sending through SES failed' : `Calling SES ${operation} failed`;
};

/** Joins SES's own sentence and ours, which SES does not always end with a full stop. */
const sentence = (text: string) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/** For STS: where Logto sent AssumeRole, said after STS's own answer. */
const whereStsWas = (sts: { endpoint: string }) => `(STS endpoint: ${sts.endpoint}.)`;

/** For STS: where Logto sent AssumeRole, and how to change that. */
const stsReachability = (sts: { endpoint: string }) =>
  `check that STS at ${sts.endpoint} is reachable from Logto (AWS_ENDPOINT_URL_STS, a firewall, an STS VPC endpoint).`;

/**
 * A host that does not resolve. For the region's own SES host, a region spelled as AWS names
 * them is most likely right, so what failed is the network or DNS of Logto's host (no DNS
 * server, no route out, a VPC without internet access); any other region is most likely a typo.
 */
const unresolvedHint = ({ region, endpoint, sts }: FailureContext) =>
  sts
    ? `The STS host in ${sts.endpoint} does not resolve: check AWS_ENDPOINT_URL_STS, or region.`
    : endpoint
      ? `The SES endpoint host in ${endpoint} does not resolve: check endpoint.`
      : isAwsRegionName(region)
        ? `The SES host for region "${region}" does not resolve, though ${region} is an AWS region: the network or DNS did not answer. Check that Logto's host can resolve and reach amazonaws.com (its DNS servers, a firewall or proxy; a VPC without internet access needs an SES VPC endpoint, set as endpoint).`
        : `The SES host for region "${region}" does not resolve: check region.`;

const networkHints: Record<string, (context: FailureContext) => string> = {
  ENOTFOUND: unresolvedHint,
  // getaddrinfo's "try again": the DNS server did not answer in time.
  EAI_AGAIN: unresolvedHint,
  ECONNREFUSED: ({ endpoint, sts, roleArn }) =>
    sts
      ? `Nothing accepted the connection to STS, where Logto assumes ${roleArn ?? 'the role'}: ${stsReachability(sts)}`
      : `Nothing accepted the connection${endpoint ? ` at ${endpoint}` : ''}: check endpoint.`,
  ECONNRESET: (context) => `The connection to ${serviceOf(context)} was reset before an answer came.`,
  ETIMEDOUT: (context) => `Connecting to ${serviceOf(context)} timed out.`,
};

/**
 * Every string of the error is redacted, whichever field it sits in: an endpoint may echo a
 * session token in a header that becomes `requestId`, or in a redirect's location.
 */
const connectorError = (
  code: ConnectorErrorCodes,
  message: string,
  context: FailureContext,
  details: Omit<FailureData, 'message' | 'code' | 'errorDescription'> = {}
) => new ConnectorError(code, redactDeep({ message, ...details }, context.secrets));

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
  const limit = limitKindOf(name, message);
  const hint = limit ? undefined : hintFor(name, message, context);
  // Only exceptions the operator can fix have a hint; 5xx are AWS-side; limits have codes of their own.
  const code = limit
    ? limitCode(limit)
    : hint
      ? ConnectorErrorCodes.InvalidConfig
      : ConnectorErrorCodes.InvalidResponse;
  const advice = limit ? limitAdvice[limit](context) : hint;
  // "exceeded (after 3 attempts)." rather than "exceeded. (after 3 attempts)."
  const trimmed = message.trim();
  const said = afterRetries(error) ? trimmed.replace(/\.$/, '') : trimmed;
  const text = [
    sentence(`${serviceOf(context)} ${name}: ${said}${afterRetries(error)}`),
    ...(advice ? [advice] : []),
    ...(context.sts ? [whereStsWas(context.sts)] : []),
  ].join(' ');
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
 * body. A 2xx one from SES may mean it took the message, but without a MessageId that cannot be
 * confirmed; from STS it means no credentials, so nothing was sent.
 */
const mapUnreadableAnswer = (error: AwsError, status: number, context: FailureContext) => {
  const service = serviceOf(context);
  const who = context.sts ? `STS at ${context.sts.endpoint}` : 'SES';
  const message =
    !context.sts && status >= 200 && status < 300
      ? `SES answered HTTP ${status}, but its answer could not be read (${firstLine(error.message)}), so delivery cannot be confirmed.`
      : `${who} answered HTTP ${status} with a body that is not an ${service} answer (${firstLine(error.message)})${afterRetries(error)}: a proxy or load balancer in front of ${service}, or an ${service} outage.`;
  return connectorError(ConnectorErrorCodes.InvalidResponse, message, context, {
    httpStatusCode: status,
    requestId: error.$metadata?.requestId,
    attempts: attemptsOf(error),
  });
};

/** Names the SDK gives an answer that is no AWS error at all (a redirect's empty body, an unknown route). */
const noAwsError = new Set(['Unknown', 'UnknownError', 'UnknownOperationException', 'NotFound']);

const isRedirect = (status: number) => status >= 300 && status < 400;

/**
 * A redirect or a 404 from something that is not SES's API: an endpoint URL with a path, a web
 * page, a proxy's login. Said as what came back, with the setting that points there.
 */
const mapWrongEndpoint = (error: AwsError, status: number, context: FailureContext) => {
  const { region, endpoint, sts, operation = 'SendEmail' } = context;
  const service = serviceOf(context);
  const where = sts ? `STS at ${sts.endpoint}` : endpoint ? `The endpoint ${endpoint}` : `SES in ${region}`;
  const setting = sts
    ? `check AWS_ENDPOINT_URL_STS: it must be the STS API's base URL, such as https://sts.${region}.amazonaws.com`
    : `check endpoint: it must be the SES API's base URL, such as https://email.${region}.amazonaws.com, without a path`;
  const location = (error as { $response?: { headers?: Record<string, string | undefined> } }).$response?.headers
    ?.location;
  const answer = isRedirect(status)
    ? `answered HTTP ${status}, a redirect${location ? ` to ${location}` : ''}, instead of an ${service} answer`
    : `answered HTTP ${status} (not found) to ${sts ? `AssumeRole for ${context.roleArn ?? 'the role'}` : operation}: there is no ${service} API at that URL`;
  return connectorError(ConnectorErrorCodes.InvalidConfig, `${where} ${answer}. Please ${setting}.`, context, {
    httpStatusCode: status,
    requestId: error.$metadata?.requestId,
    ...(location && { location }),
  });
};

/** A 404 of SES's own (NotFoundException: no such configuration set) is an answer, not a wrong URL. */
const isWrongEndpoint = (error: AwsError, status: number | undefined): status is number =>
  status !== undefined &&
  (isRedirect(status) || (status === 404 && (!isServiceException(error) || noAwsError.has(error.name))));

const isServiceAnswer = (error: unknown): error is AwsError => error instanceof Error && isServiceException(error);

/**
 * A deadline that passed while SES kept throttling is a sending limit, not silence: the last
 * attempt's answer says which limit, and its code lets the sign-in page say "try again later".
 */
const mapThrottledDeadline = ({ timeoutMs, log }: DeadlineExceeded, context: FailureContext) => {
  const last = log?.failures.at(-1);
  const limit = isServiceAnswer(last) ? limitKindOf(last.name, last.message) : undefined;
  if (!limit || !isServiceAnswer(last)) {
    return undefined;
  }
  const throttled = log?.failures.length ?? 1;
  // The deadline can also cut short an attempt SES had not answered yet: it counts as made.
  const attempts = Math.max(log?.attempts ?? 0, throttled);
  const what =
    attempts === throttled
      ? `${throttled === 1 ? 'the only attempt' : `all ${throttled} attempts`} made before timeoutMs (${timeoutMs} ms) passed`
      : `${throttled === 1 ? 'the first attempt' : `the first ${throttled} attempts`} and timeoutMs (${timeoutMs} ms) passed during the next`;
  return connectorError(
    limitCode(limit),
    `SES throttled ${what}, so the send was given up: ${sentence(`SES ${last.name}: ${last.message}`)} ${limitAdvice[limit](context)}`,
    context,
    { sesError: last.name, httpStatusCode: last.$metadata?.httpStatusCode, attempts, timeoutMs }
  );
};

/**
 * The deadline passed before the first attempt, with a role to assume: its credentials were still
 * being fetched, so STS, not SES, is silent.
 */
const mapStsDeadline = ({ timeoutMs, log }: DeadlineExceeded, context: FailureContext) => {
  if (!context.roleArn || !log || log.reachedSes) {
    return undefined;
  }
  const endpoint = stsEndpointFor(context.region);
  return connectorError(
    ConnectorErrorCodes.InvalidResponse,
    `STS did not answer within ${timeoutMs} ms (timeoutMs) while Logto was assuming ${context.roleArn}, so the send was aborted before it reached SES: ${stsReachability({ endpoint })}`,
    { ...context, sts: { endpoint } },
    { timeoutMs }
  );
};

const mapSilentDeadline = ({ timeoutMs }: DeadlineExceeded, context: FailureContext) =>
  connectorError(
    ConnectorErrorCodes.InvalidResponse,
    `SES did not answer within ${timeoutMs} ms (timeoutMs, retries included), so the request was aborted. Check that ${
      context.endpoint ?? `SES in ${context.region}`
    } is reachable from Logto, or raise timeoutMs.`,
    context,
    { timeoutMs }
  );

const mapDeadline = (deadline: DeadlineExceeded, context: FailureContext) =>
  mapStsDeadline(deadline, context) ?? mapThrottledDeadline(deadline, context) ?? mapSilentDeadline(deadline, context);

/** An answer body over the size limit, refused unread: not SES's answer, whatever its status. */
const mapAnswerTooLarge = (error: AnswerTooLarge, context: FailureContext) =>
  connectorError(ConnectorErrorCodes.InvalidResponse, answerTooLargeMessage(error, context), context, {
    httpStatusCode: (error as AwsError).$metadata?.httpStatusCode,
  });

const mapMissingCredentials = (error: AwsError, context: FailureContext) =>
  connectorError(
    ConnectorErrorCodes.InvalidConfig,
    `No AWS credentials: ${error.message}. Set accessKeyId and accessKeySecret, or give Logto's process credentials through the AWS default chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a shared profile, IRSA, an ECS task role or an EC2 instance role).`,
    context
  );

/**
 * Maps whatever the SDK threw to a ConnectorError Logto can show: `invalid_config` when the
 * operator must change something, `invalid_response` for AWS-side and network faults, a limit code
 * (`rate_limit_exceeded`, `usage_limit_exceeded`) when SES throttles or the quota is used up. Only the
 * exception's name, message and request id are kept, never the SDK error object itself, whose
 * request and response carry signed headers.
 */
export const toConnectorError = (thrown: unknown, context: FailureContext): ConnectorError => {
  if (thrown instanceof ConnectorError) {
    return thrown;
  }
  if (thrown instanceof StsFailure) {
    return toConnectorError(thrown.cause, { ...context, sts: { endpoint: thrown.stsEndpoint } });
  }
  if (thrown instanceof DeadlineExceeded) {
    return mapDeadline(thrown, context);
  }
  if (thrown instanceof AnswerTooLarge) {
    return mapAnswerTooLarge(thrown, context);
  }
  const error = (thrown ?? {}) as AwsError;
  if (error.name === 'AbortError' && error.cause instanceof DeadlineExceeded) {
    return mapDeadline(error.cause, context);
  }
  const status = error.$metadata?.httpStatusCode;
  if (isWrongEndpoint(error, status)) {
    return mapWrongEndpoint(error, status, context);
  }
  if (isServiceException(error)) {
    return mapServiceException(error, context);
  }
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
  // The hints for an unresolved or refused STS name its endpoint; other STS failures need it said.
  const stsEndpoint = context.sts && !hint?.includes(context.sts.endpoint) ? whereStsWas(context.sts) : '';
  return connectorError(
    code === 'ENOTFOUND' ? ConnectorErrorCodes.InvalidConfig : ConnectorErrorCodes.InvalidResponse,
    [sentence(`${failed(context)}: ${cause}${afterRetries(error)}`), hint, stsEndpoint].filter(Boolean).join(' '),
    context,
    { networkError: code, attempts: attemptsOf(error) }
  );
};

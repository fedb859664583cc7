import { SESv2ServiceException } from '@aws-sdk/client-sesv2';
import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

/** Where the failing request went; used only to word the hint. */
export type FailureContext = {
  region: string;
  endpoint?: string;
  /** Values that must never appear in an error: the access key secret, a session token. */
  secrets: readonly string[];
};

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

/** What the operator can do about an SES exception that their configuration causes; none for SES-side faults. */
const hintFor = (name: string, message: string, { region }: FailureContext): string | undefined => {
  if (credentialErrors.has(name)) {
    return 'Check accessKeyId and accessKeySecret: SES did not accept them as valid credentials.';
  }
  switch (name) {
    case 'AccessDeniedException': {
      return 'The credentials are valid but not allowed to send: grant ses:SendEmail to this IAM user or role.';
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

/**
 * Maps whatever the SDK threw to a ConnectorError Logto can show: `invalid_config` when the
 * operator must change something, `invalid_response` for SES-side and network faults. Only the
 * exception's name, message and request id are kept, never the SDK error object itself, whose
 * request and response carry signed headers.
 */
export const toConnectorError = (error: unknown, context: FailureContext): ConnectorError => {
  if (error instanceof ConnectorError) {
    return error;
  }

  if (error instanceof SESv2ServiceException) {
    const { name, message } = error;
    const hint = hintFor(name, message, context);
    // Only exceptions the operator can fix have a hint; throttling and 5xx are SES-side.
    const code = hint ? ConnectorErrorCodes.InvalidConfig : ConnectorErrorCodes.InvalidResponse;
    return connectorError(code, `SES ${name}: ${message}${hint ? ` ${hint}` : ''}`, context, {
      sesError: name,
      requestId: error.$metadata.requestId,
      httpStatusCode: error.$metadata.httpStatusCode,
    });
  }

  const { name = 'Error', message = String(error), code } = (error ?? {}) as {
    name?: string;
    message?: string;
    code?: string;
  };
  const hint = code ? networkHints[code]?.(context) : undefined;
  const isDnsFailure = code === 'ENOTFOUND';
  return connectorError(
    isDnsFailure ? ConnectorErrorCodes.InvalidConfig : ConnectorErrorCodes.InvalidResponse,
    `Sending through SES failed: ${name}: ${message}${hint ? ` ${hint}` : ''}`,
    context,
    code ? { networkError: code } : {}
  );
};

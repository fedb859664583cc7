/**
 * What Logto 1.42 shows for a ConnectorError that `sendMessage` throws: the HTTP status and the
 * response body's `message`, which is all the console's toast and the sign-in page display.
 *
 * Mirrors Logto core's connector error handler, packages/core/src/middleware/
 * koa-connector-error-handler.ts in logto-io/logto (config, request and response codes → 400
 * with their own phrase; rate and usage limits → 429; `general` and any code it does not list →
 * 400 with `errorDescription`, else the data as JSON), and the English phrases of
 * packages/phrases/src/locales/en/errors/connector.ts.
 */
import type { ConnectorError } from '@logto/connector-kit';

export type LogtoDisplay = {
  status: number;
  /** The body's `code`, e.g. connector.invalid_config. */
  code: string;
  /** The body's `message`: the toast's and the sign-in page's text. */
  message: string;
};

const fixedPhrases: Record<string, { status: number; message: string }> = {
  invalid_metadata: { status: 400, message: "The connector's metadata is invalid." },
  invalid_config_guard: { status: 400, message: "The connector's config guard is invalid." },
  invalid_request_parameters: { status: 400, message: 'The request is with wrong input parameter(s).' },
  insufficient_request_parameters: { status: 400, message: 'The request might miss some input parameters.' },
  invalid_config: { status: 400, message: "The connector's config is invalid." },
  invalid_certificate: {
    status: 400,
    message: "The connector's certificate is invalid, please make sure the certificate is in PEM encoding.",
  },
  invalid_response: { status: 400, message: "The connector's response is invalid." },
  template_not_found: { status: 400, message: 'Unable to find correct template in connector config.' },
  not_implemented: { status: 501, message: '{{method}}: has not been implemented yet.' },
  rate_limit_exceeded: { status: 429, message: 'Trigger rate limit. Please try again later.' },
  usage_limit_exceeded: { status: 429, message: 'The email service usage limit has been reached.' },
};

const descriptionOf = (data: unknown): string => {
  const description =
    data !== null && typeof data === 'object' ? (data as Record<string, unknown>).errorDescription : undefined;
  return typeof description === 'string' ? description : JSON.stringify(data);
};

export const logtoDisplay = ({ code, data }: ConnectorError): LogtoDisplay => {
  const fixed = fixedPhrases[code];
  return fixed
    ? { status: fixed.status, code: `connector.${code}`, message: fixed.message }
    : {
        status: 400,
        code: `connector.${code}`,
        message: `Error occurred in connector: ${descriptionOf(data)}`,
      };
};

/**
 * Logto's Management API through Logto's own typed client (`@logto/api`): a machine-to-machine
 * app's client credentials, exchanged at `/oidc/token` for a token of the Management API
 * resource with scope `all`. Only the email-template routes are used. Every request goes through
 * `boundedFetch` (a deadline, no redirects, a size limit); the token is fetched by
 * `tokenSource`, not by `@logto/api`'s own client, for the reasons given there.
 */
import { createApiClient } from '@logto/api/management';

import { isLoopbackHost } from '../../config/config.js';
import { secretLengthProblem } from '../../config/secret-length.js';
import { redactText } from '../../transport/redact.js';
import { UsageError } from '../command.js';
import { hideSecret } from '../output.js';

import type { KeyedTemplate } from '../../templates/diff.js';
import { boundedFetch, defaultLogtoTimeoutMs, describeFailure, LogtoApiError, maxAnswerBytes } from './logto-fetch.js';
import { tokenSource } from './logto-token.js';
import { AnswerShapeError, parseFallbackLanguage, parseTemplateList, type UncheckedTemplate } from './remote-answer.js';

export { LogtoApiError } from './logto-fetch.js';

/** The Management API's resource indicator in every self-hosted (OSS) Logto. */
export const ossApiIndicator = 'https://default.logto.app/api';

export type LogtoConnection = {
  /** Where Logto answers: the OSS endpoint, or `https://<tenant>.logto.app` for Cloud. */
  baseUrl: string;
  apiIndicator: string;
  clientId: string;
  clientSecret: string;
  /** Each request to Logto, answer included, within this. */
  timeoutMs: number;
};

export const connectionOptions = {
  endpoint: { type: 'string' },
  tenant: { type: 'string' },
  'app-id': { type: 'string' },
  'app-secret': { type: 'string' },
  'timeout-ms': { type: 'string' },
} as const;

/** The help lines of `connectionOptions`. */
export const connectionHelp = `  --endpoint URL    A self-hosted Logto, e.g. https://auth.example.com (or LOGTO_ENDPOINT);
                    http only for a loopback address (127.0.0.1, ::1, localhost)
  --tenant ID       Logto Cloud: the tenant ID (lowercase letters and digits) instead of --endpoint
  --app-id ID       The app's ID (or LOGTO_M2M_APP_ID)
  --app-secret S    Its secret (or LOGTO_M2M_APP_SECRET; prefer it: a flag shows in the process list)
  --timeout-ms N    Each request to Logto, its answer read whole, within N ms (default ${defaultLogtoTimeoutMs})`;

/** Logto Cloud's tenant IDs; anything else would change the host name built from it. */
const tenantPattern = /^[a-z0-9]+$/;

/** The secret goes to this origin in the token request, so plain http is for loopback only. */
const endpointUrlOf = (endpoint: string): URL => {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new UsageError(`--endpoint must be a URL such as https://auth.example.com; got "${endpoint}".`);
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    return url;
  }
  throw new UsageError(
    url.protocol === 'http:'
      ? `--endpoint may use http only for a loopback address (127.0.0.1, ::1, localhost), since the app secret would cross the network in clear; use https://${url.host}.`
      : `--endpoint must be an https URL such as https://auth.example.com; got a ${url.protocol} URL.`
  );
};

const timeoutOf = (value: string | undefined): number => {
  if (value === undefined) {
    return defaultLogtoTimeoutMs;
  }
  const timeoutMs = Number(value);
  if (!/^\d+$/.test(value) || timeoutMs < 1 || timeoutMs > 3_600_000) {
    throw new UsageError(`--timeout-ms must be a whole number of milliseconds from 1 to 3600000; got "${value}".`);
  }
  return timeoutMs;
};

/**
 * From the flags, else the environment. The secret is registered as hidden before anything
 * else happens, so no output of this run can show it.
 */
export const connectionOf = (flags: {
  endpoint?: string;
  tenant?: string;
  'app-id'?: string;
  'app-secret'?: string;
  'timeout-ms'?: string;
}): LogtoConnection => {
  const clientSecret = flags['app-secret'] ?? process.env.LOGTO_M2M_APP_SECRET ?? '';
  hideSecret(clientSecret);
  const clientId = flags['app-id'] ?? process.env.LOGTO_M2M_APP_ID ?? '';
  const endpoint = flags.endpoint ?? process.env.LOGTO_ENDPOINT;
  const timeoutMs = timeoutOf(flags['timeout-ms']);
  if (endpoint && flags.tenant !== undefined) {
    throw new UsageError('Give either --endpoint (self-hosted Logto) or --tenant (Logto Cloud), not both.');
  }
  if (!endpoint && flags.tenant === undefined) {
    throw new UsageError(
      'No Logto to talk to: pass --endpoint URL (or set LOGTO_ENDPOINT), or --tenant ID for Logto Cloud.'
    );
  }
  if (!clientId || !clientSecret) {
    throw new UsageError(
      'No machine-to-machine app: set LOGTO_M2M_APP_ID and LOGTO_M2M_APP_SECRET (or --app-id and --app-secret).'
    );
  }
  const shortSecret = secretLengthProblem(
    flags['app-secret'] === undefined ? 'LOGTO_M2M_APP_SECRET' : '--app-secret',
    clientSecret
  );
  if (shortSecret) {
    throw new UsageError(`${shortSecret}.`);
  }
  if (endpoint) {
    const { origin } = endpointUrlOf(endpoint);
    return { baseUrl: origin, apiIndicator: ossApiIndicator, clientId, clientSecret, timeoutMs };
  }
  if (!tenantPattern.test(flags.tenant ?? '')) {
    throw new UsageError(
      `--tenant must be a Logto Cloud tenant ID, lowercase letters and digits only (such as abc123); got ${JSON.stringify(flags.tenant)}.`
    );
  }
  const baseUrl = `https://${flags.tenant}.logto.app`;
  return { baseUrl, apiIndicator: `${baseUrl}/api`, clientId, clientSecret, timeoutMs };
};

const setUpHint =
  'In the Logto console: Applications → the machine-to-machine app → Roles, assign a role with the Management API permission "all" (Logto creates one as "Logto Management API access").';

/** Logto's own text is shown, cut short: a hostile answer could be megabytes of it. */
const maxLogtoMessageLength = 500;

/** Logto's error bodies carry `message` (and `code`); say that rather than a bare status. */
const logtoMessage = (body: unknown) => {
  if (body === null || typeof body !== 'object' || !('message' in body) || typeof body.message !== 'string') {
    return '';
  }
  const { message } = body;
  return ` Logto says: ${message.length > maxLogtoMessageLength ? `${message.slice(0, maxLogtoMessageLength)}…` : message}`;
};

const explain = (what: string, status: number, body: unknown): LogtoApiError => {
  if (status === 401) {
    return new LogtoApiError(`${what}: Logto refused the access token (HTTP 401).${logtoMessage(body)}`);
  }
  if (status === 403) {
    return new LogtoApiError(
      `${what}: the machine-to-machine app may not use the Management API (HTTP 403). ${setUpHint}`
    );
  }
  return new LogtoApiError(`${what}: Logto answered HTTP ${status}.${logtoMessage(body)}`);
};

/**
 * The forms the secret takes on the wire, for Logto's echoes of it: as given, and encoded as the
 * token request's form body encodes it (`+` for a space, `%2F`, …). The CLI's output redacts
 * more forms still; these are removed here, where the echo is read.
 */
const secretForms = (secret: string) => [secret, new URLSearchParams({ s: secret }).toString().slice(2)];

export type EmailTemplatesApi = {
  /** Checked for shape only: `sortRemoteTemplates` says which can be files. */
  list: () => Promise<UncheckedTemplate[]>;
  /** `PUT /api/email-templates`: creates or replaces each (language, type). */
  upsert: (templates: readonly KeyedTemplate[]) => Promise<void>;
  remove: (id: string) => Promise<void>;
  /** The sign-in experience's fallback language: Logto's second choice for a custom template. */
  fallbackLanguage: () => Promise<string>;
};

type Fetch = (input: Request) => Promise<Response>;

export const emailTemplatesApi = (connection: LogtoConnection): EmailTemplatesApi => {
  const { baseUrl, timeoutMs } = connection;
  const apiClient = createApiClient({ baseUrl, getToken: tokenSource(connection) });
  const forms = secretForms(connection.clientSecret);

  /**
   * Runs one request, within the limits, turning every failure into a LogtoApiError that names
   * it, with any echo of the secret removed.
   */
  const call = async <T>(
    what: string,
    request: (fetch: Fetch) => Promise<{ data?: unknown; error?: unknown; response: Response }>,
    parse: (data: unknown) => T = (data) => data as T
  ): Promise<T> => {
    try {
      const result = await request(boundedFetch(what, baseUrl, { timeoutMs, maxBytes: maxAnswerBytes }));
      if (!result.response.ok) {
        throw explain(what, result.response.status, result.error);
      }
      return parse(result.data);
    } catch (error: unknown) {
      const failure =
        error instanceof AnswerShapeError
          ? new LogtoApiError(`${what}: ${error.message}; this is not what Logto's Management API answers.`)
          : describeFailure(what, baseUrl, timeoutMs, error);
      throw new LogtoApiError(redactText(failure.message, forms));
    }
  };

  return {
    list: async () =>
      call(
        'Reading the email templates (GET /api/email-templates)',
        async (fetch) => apiClient.GET('/api/email-templates', { fetch }),
        parseTemplateList
      ),
    upsert: async (templates) => {
      await call('Saving the email templates (PUT /api/email-templates)', async (fetch) =>
        apiClient.PUT('/api/email-templates', {
          fetch,
          body: {
            templates: templates.map(({ languageTag, templateType, details }) => ({
              languageTag,
              templateType,
              details,
            })),
          },
        })
      );
    },
    remove: async (id) => {
      await call(`Deleting the email template ${id} (DELETE /api/email-templates/${id})`, async (fetch) =>
        apiClient.DELETE('/api/email-templates/{id}', { fetch, params: { path: { id } } })
      );
    },
    fallbackLanguage: async () =>
      call(
        'Reading the sign-in experience (GET /api/sign-in-exp)',
        async (fetch) => apiClient.GET('/api/sign-in-exp', { fetch }),
        parseFallbackLanguage
      ),
  };
};

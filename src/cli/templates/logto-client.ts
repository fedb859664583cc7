/**
 * Logto's Management API through Logto's own typed client (`@logto/api`): a machine-to-machine
 * app's client credentials, exchanged at `/oidc/token` for a token of the Management API
 * resource with scope `all`. Only the email-template routes are used.
 */
import { createManagementApi } from '@logto/api/management';
import type { TemplateType } from '@logto/connector-kit';

import { UsageError } from '../command.js';
import { hideSecret } from '../output.js';

import type { KeyedTemplate, RemoteTemplate } from '../../templates/diff.js';
import type { TemplateDetails } from '../../templates/template-file.js';

/** The Management API's resource indicator in every self-hosted (OSS) Logto. */
export const ossApiIndicator = 'https://default.logto.app/api';

export type LogtoConnection = {
  /** Where Logto answers: the OSS endpoint, or `https://<tenant>.logto.app` for Cloud. */
  baseUrl: string;
  apiIndicator: string;
  clientId: string;
  clientSecret: string;
};

export const connectionOptions = {
  endpoint: { type: 'string' },
  tenant: { type: 'string' },
  'app-id': { type: 'string' },
  'app-secret': { type: 'string' },
} as const;

/**
 * From the flags, else the environment. The secret is registered as hidden before anything
 * else happens, so no output of this run can show it.
 */
export const connectionOf = (flags: {
  endpoint?: string;
  tenant?: string;
  'app-id'?: string;
  'app-secret'?: string;
}): LogtoConnection => {
  const clientSecret = flags['app-secret'] ?? process.env.LOGTO_M2M_APP_SECRET ?? '';
  hideSecret(clientSecret);
  const clientId = flags['app-id'] ?? process.env.LOGTO_M2M_APP_ID ?? '';
  const endpoint = flags.endpoint ?? process.env.LOGTO_ENDPOINT;
  if (endpoint && flags.tenant) {
    throw new UsageError('Give either --endpoint (self-hosted Logto) or --tenant (Logto Cloud), not both.');
  }
  if (!endpoint && !flags.tenant) {
    throw new UsageError(
      'No Logto to talk to: pass --endpoint URL (or set LOGTO_ENDPOINT), or --tenant ID for Logto Cloud.'
    );
  }
  if (!clientId || !clientSecret) {
    throw new UsageError(
      'No machine-to-machine app: set LOGTO_M2M_APP_ID and LOGTO_M2M_APP_SECRET (or --app-id and --app-secret).'
    );
  }
  if (endpoint) {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      throw new UsageError(`--endpoint must be a URL such as https://auth.example.com; got "${endpoint}".`);
    }
    return { baseUrl: url.origin, apiIndicator: ossApiIndicator, clientId, clientSecret };
  }
  const baseUrl = `https://${flags.tenant}.logto.app`;
  return { baseUrl, apiIndicator: `${baseUrl}/api`, clientId, clientSecret };
};

/** A request Logto refused, or could not be reached for; the message says what to fix. */
export class LogtoApiError extends Error {
  override name = 'LogtoApiError';
}

const setUpHint =
  'In the Logto console: Applications → the machine-to-machine app → Roles, assign a role with the Management API permission "all" (Logto creates one as "Logto Management API access").';

/** Logto's error bodies carry `message` (and `code`); say that rather than a bare status. */
const logtoMessage = (body: unknown) =>
  body !== null && typeof body === 'object' && 'message' in body && typeof body.message === 'string'
    ? ` Logto says: ${body.message}`
    : '';

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

/** Token failures come from @logto/api as "Failed to fetch access token: 401 Unauthorized". */
const explainThrown = (baseUrl: string, error: unknown): LogtoApiError => {
  const message = error instanceof Error ? error.message : String(error);
  const status = /access token: (\d{3})/.exec(message)?.[1];
  if (status === '400' || status === '401') {
    return new LogtoApiError(
      `Logto refused the machine-to-machine app's credentials at ${baseUrl}/oidc/token (HTTP ${status}): check LOGTO_M2M_APP_ID and LOGTO_M2M_APP_SECRET, and that the app is a machine-to-machine app.`
    );
  }
  if (status) {
    return new LogtoApiError(`Getting an access token from ${baseUrl}/oidc/token failed with HTTP ${status}.`);
  }
  const cause = (error as { cause?: { code?: string } }).cause?.code;
  return new LogtoApiError(`Cannot reach Logto at ${baseUrl}${cause ? ` (${cause})` : ''}: ${message}.`);
};

export type EmailTemplatesApi = {
  list: () => Promise<RemoteTemplate[]>;
  /** `PUT /api/email-templates`: creates or replaces each (language, type). */
  upsert: (templates: readonly KeyedTemplate[]) => Promise<void>;
  remove: (id: string) => Promise<void>;
  /** The sign-in experience's fallback language: Logto's second choice for a custom template. */
  fallbackLanguage: () => Promise<string | undefined>;
};

const toDetails = (details: {
  subject: string;
  content: string;
  contentType?: string;
  replyTo?: string;
  sendFrom?: string;
}): TemplateDetails => ({
  subject: details.subject,
  content: details.content,
  ...(details.contentType !== undefined && details.contentType !== null && { contentType: details.contentType }),
  ...(details.sendFrom !== undefined && details.sendFrom !== null && { sendFrom: details.sendFrom }),
  ...(details.replyTo !== undefined && details.replyTo !== null && { replyTo: details.replyTo }),
});

export const emailTemplatesApi = (connection: LogtoConnection): EmailTemplatesApi => {
  const { apiClient } = createManagementApi('default', {
    clientId: connection.clientId,
    clientSecret: connection.clientSecret,
    baseUrl: connection.baseUrl,
    apiIndicator: connection.apiIndicator,
  });
  /** Runs one call, turning every failure into a LogtoApiError that names it. */
  const call = async <T>(
    what: string,
    request: () => Promise<{ data?: T; error?: unknown; response: Response }>
  ): Promise<T | undefined> => {
    let result;
    try {
      result = await request();
    } catch (error: unknown) {
      throw explainThrown(connection.baseUrl, error);
    }
    if (!result.response.ok) {
      throw explain(what, result.response.status, result.error);
    }
    return result.data;
  };

  return {
    list: async () => {
      const templates = await call('Reading the email templates (GET /api/email-templates)', async () =>
        apiClient.GET('/api/email-templates')
      );
      return (templates ?? []).map(({ id, languageTag, templateType, details }) => ({
        id,
        languageTag,
        templateType: templateType as TemplateType,
        details: toDetails(details),
      }));
    },
    upsert: async (templates) => {
      await call('Saving the email templates (PUT /api/email-templates)', async () =>
        apiClient.PUT('/api/email-templates', {
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
      await call(`Deleting the email template ${id} (DELETE /api/email-templates/${id})`, async () =>
        apiClient.DELETE('/api/email-templates/{id}', { params: { path: { id } } })
      );
    },
    fallbackLanguage: async () => {
      const signInExperience = await call('Reading the sign-in experience (GET /api/sign-in-exp)', async () =>
        apiClient.GET('/api/sign-in-exp')
      );
      return signInExperience?.languageInfo.fallbackLanguage;
    },
  };
};

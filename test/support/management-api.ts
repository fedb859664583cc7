/**
 * A local Logto Management API for the email-template routes, on 127.0.0.1: a real HTTP server
 * that `@logto/api`'s client talks to as it talks to Logto. It follows Logto's routes
 * (packages/core/src/routes/email-template/index.ts) and OpenAPI document:
 *
 * - `POST /oidc/token`, the client-credentials grant: `client_id` and `client_secret` in the form
 *   body or HTTP Basic; `resource` must be the Management API's indicator. A wrong secret is 401
 *   `invalid_client`. An app without a Management API role still gets a token, with an empty
 *   scope, as Logto issues it; the API then answers 403.
 * - `GET /api/email-templates` (filters `languageTag`, `templateType`), `PUT /api/email-templates`
 *   (upsert by language and type, body guarded by Logto's own `EmailTemplates.createGuard`),
 *   `GET|DELETE /api/email-templates/{id}`, `PATCH /api/email-templates/{id}/details`, and
 *   `GET /api/sign-in-exp` for its `languageInfo.fallbackLanguage`.
 * - 401 without a valid bearer token of the Management API, 403 without scope `all`, 400 for a
 *   body the guard refuses (Logto's koaGuard), 422 for one request naming the same language and
 *   type twice (what the PUT route lists for an upsert it cannot apply), 404 for an unknown id.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { emailTemplateDetailsGuard, templateTypeGuard } from '@logto/connector-kit';
import { z } from 'zod';

export const managementApiIndicator = 'https://default.logto.app/api';

export type M2mApp = { id: string; secret: string; managementApiAccess: boolean };

export type StoredTemplate = {
  tenantId: string;
  id: string;
  languageTag: string;
  templateType: string;
  details: { subject: string; content: string; contentType?: string; sendFrom?: string; replyTo?: string };
  createdAt: number;
};

export type ManagementApi = {
  url: string;
  /** The templates as Logto's database would hold them, by id. */
  templates: Map<string, StoredTemplate>;
  /** Every request seen, as "METHOD /path" (for asserting what a dry run did not do). */
  requests: string[];
  stop: () => Promise<void>;
};

type Token = { scope: string; audience: string };

/**
 * Logto's `EmailTemplates.createGuard` (@logto/schemas, generated from its table) without the
 * fields the server sets, built from the same connector-kit guards it is built from.
 */
const templateGuard = z.object({
  languageTag: z.string().min(1).max(16),
  templateType: templateTypeGuard,
  details: emailTemplateDetailsGuard,
});
const putBody = z.object({ templates: templateGuard.array().min(1) });
/** Logto's PATCH route guards with the kit's `emailTemplateDetailsGuard.partial()`. */
const detailsPatch = emailTemplateDetailsGuard.partial();
const listQuery = templateGuard.pick({ languageTag: true, templateType: true }).partial();

const send = (response: ServerResponse, status: number, body?: unknown) => {
  if (body === undefined) {
    response.writeHead(status).end();
    return;
  }
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};

const readBody = async (request: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
};

/** Logto's koaGuard answer for a body or query it refuses. */
const invalidInput = (response: ServerResponse, error: z.ZodError) => {
  send(response, 400, { code: 'guard.invalid_input', message: 'The request input is invalid.', data: error.issues });
};

const newId = () => randomBytes(10).toString('base64url').slice(0, 12).toLowerCase();

/**
 * A test's own answer to a request, given before the routes: a hostile or broken Logto (a
 * redirect, a trickle, an answer of the wrong shape). Resolves true when it answered.
 */
export type Intercept = (request: IncomingMessage, response: ServerResponse, url: URL) => boolean | Promise<boolean>;

export const startManagementApi = async ({
  apps,
  templates: seed = [],
  fallbackLanguage = 'en',
  intercept,
}: {
  apps: M2mApp[];
  /** Stored as given, unchecked, as a Logto whose database was written some other way. */
  templates?: Array<Omit<StoredTemplate, 'tenantId' | 'id' | 'createdAt'>>;
  /** The sign-in experience's `languageInfo.fallbackLanguage`. */
  fallbackLanguage?: string;
  intercept?: Intercept;
}): Promise<ManagementApi> => {
  const templates = new Map<string, StoredTemplate>();
  for (const template of seed) {
    const id = newId();
    templates.set(id, { tenantId: 'default', id, createdAt: Date.now(), ...template });
  }
  const tokens = new Map<string, Token>();
  const requests: string[] = [];

  const issueToken = async (request: IncomingMessage, response: ServerResponse) => {
    const form = new URLSearchParams(await readBody(request));
    const basic = /^Basic (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const [basicId, basicSecret] = basic ? Buffer.from(basic, 'base64').toString().split(':') : [];
    const clientId = form.get('client_id') ?? (basicId && decodeURIComponent(basicId));
    const clientSecret = form.get('client_secret') ?? (basicSecret && decodeURIComponent(basicSecret));
    if (form.get('grant_type') !== 'client_credentials') {
      send(response, 400, { error: 'unsupported_grant_type', error_description: 'unsupported grant_type requested' });
      return;
    }
    const app = apps.find(({ id }) => id === clientId);
    if (!app || app.secret !== clientSecret) {
      send(response, 401, { error: 'invalid_client', error_description: 'client authentication failed' });
      return;
    }
    const resource = form.get('resource');
    if (resource !== managementApiIndicator) {
      send(response, 400, { error: 'invalid_target', error_description: 'resource indicator is missing, or unknown' });
      return;
    }
    const requested = (form.get('scope') ?? '').split(' ');
    const scope = app.managementApiAccess && requested.includes('all') ? 'all' : '';
    const accessToken = randomBytes(24).toString('base64url');
    tokens.set(accessToken, { scope, audience: resource });
    send(response, 200, { access_token: accessToken, expires_in: 3600, token_type: 'Bearer', scope });
  };

  /** Logto's auth middleware: a bearer token of this resource (401), with scope `all` (403). */
  const authorized = (request: IncomingMessage, response: ServerResponse) => {
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!bearer) {
      send(response, 401, { code: 'auth.authorization_header_missing', message: 'Authorization header is missing.' });
      return false;
    }
    const token = tokens.get(bearer);
    if (!token || token.audience !== managementApiIndicator) {
      send(response, 401, {
        code: 'auth.unauthorized',
        message: 'Unauthorized. Please check credentials and its scope.',
      });
      return false;
    }
    if (!token.scope.split(' ').includes('all')) {
      send(response, 403, { code: 'auth.forbidden', message: 'Forbidden. Please check your permissions.' });
      return false;
    }
    return true;
  };

  const parseJson = async (request: IncomingMessage, response: ServerResponse): Promise<unknown> => {
    try {
      return JSON.parse(await readBody(request)) as unknown;
    } catch {
      send(response, 400, { code: 'request.invalid_input', message: 'Input is invalid. The body is not JSON.' });
      return undefined;
    }
  };

  const upsert = async (request: IncomingMessage, response: ServerResponse) => {
    const json = await parseJson(request, response);
    if (json === undefined) {
      return;
    }
    const body = putBody.safeParse(json);
    if (!body.success) {
      invalidInput(response, body.error);
      return;
    }
    const keys = body.data.templates.map(({ languageTag, templateType }) => `${languageTag}/${templateType}`);
    if (new Set(keys).size !== keys.length) {
      send(response, 422, {
        code: 'entity.unique_integrity_violation',
        message: 'The same language tag and template type appear twice in one request.',
      });
      return;
    }
    const saved = body.data.templates.map(({ languageTag, templateType, details }) => {
      const existing = [...templates.values()].find(
        (template) => template.languageTag === languageTag && template.templateType === templateType
      );
      const template: StoredTemplate = existing
        ? { ...existing, details }
        : { tenantId: 'default', id: newId(), languageTag, templateType, details, createdAt: Date.now() };
      templates.set(template.id, template);
      return template;
    });
    send(response, 200, saved);
  };

  const patchDetails = async (id: string, request: IncomingMessage, response: ServerResponse) => {
    const json = await parseJson(request, response);
    if (json === undefined) {
      return;
    }
    const body = detailsPatch.safeParse(json);
    if (!body.success) {
      invalidInput(response, body.error);
      return;
    }
    const template = templates.get(id);
    if (!template) {
      send(response, 404, {
        code: 'entity.not_exists_with_id',
        message: `The email template with ID \`${id}\` does not exist.`,
      });
      return;
    }
    template.details = { ...template.details, ...body.data };
    send(response, 200, template);
  };

  const route = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = request.method ?? 'GET';
    requests.push(`${method} ${url.pathname}`);
    if (intercept && (await intercept(request, response, url))) {
      return;
    }
    if (url.pathname === '/oidc/token' && method === 'POST') {
      await issueToken(request, response);
      return;
    }
    if (!url.pathname.startsWith('/api/')) {
      send(response, 404, { code: 'route.not_found' });
      return;
    }
    if (!authorized(request, response)) {
      return;
    }
    if (url.pathname === '/api/sign-in-exp' && method === 'GET') {
      send(response, 200, { tenantId: 'default', id: 'default', languageInfo: { autoDetect: true, fallbackLanguage } });
      return;
    }
    if (url.pathname === '/api/email-templates') {
      if (method === 'GET') {
        const query = listQuery.safeParse(Object.fromEntries(url.searchParams));
        if (!query.success) {
          invalidInput(response, query.error);
          return;
        }
        const { languageTag, templateType } = query.data;
        send(
          response,
          200,
          [...templates.values()].filter(
            (template) =>
              (!languageTag || template.languageTag === languageTag) &&
              (!templateType || template.templateType === templateType)
          )
        );
        return;
      }
      if (method === 'PUT') {
        await upsert(request, response);
        return;
      }
    }
    const byId = /^\/api\/email-templates\/([^/]+)(\/details)?$/.exec(url.pathname);
    if (byId) {
      const id = decodeURIComponent(byId[1]!);
      if (byId[2] && method === 'PATCH') {
        await patchDetails(id, request, response);
        return;
      }
      if (!byId[2] && (method === 'GET' || method === 'DELETE')) {
        const template = templates.get(id);
        if (!template) {
          send(response, 404, {
            code: 'entity.not_exists_with_id',
            message: `The email template with ID \`${id}\` does not exist.`,
          });
          return;
        }
        if (method === 'DELETE') {
          templates.delete(id);
          send(response, 204);
          return;
        }
        send(response, 200, template);
        return;
      }
    }
    send(response, 404, { code: 'route.not_found', message: 'Route not found.' });
  };

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      send(response, 500, { code: 'unexpected', message: String(error) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    templates,
    requests,
    stop: async () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
};

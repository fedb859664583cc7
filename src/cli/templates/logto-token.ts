/**
 * The client-credentials grant at `/oidc/token`, done here rather than by `@logto/api`'s
 * `ClientCredentials`: that one posts the secret with the global fetch, which follows redirects
 * (to any origin, secret and all), has no deadline and no size limit, and it `console.warn`s the
 * scope Logto echoes, unredacted. This one goes through `boundedFetch` and prints nothing: an
 * app without the scope `all` is explained by the API's own 403.
 */
import { z } from 'zod';

import { boundedFetch, describeFailure, LogtoApiError, maxTokenAnswerBytes } from './logto-fetch.js';

export type TokenRequest = {
  baseUrl: string;
  apiIndicator: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
};

const tokenAnswerGuard = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
});

/** Seconds before its expiry a token is renewed, as `@logto/api` does. */
const expiryLeewaySeconds = 60;

const requestToken = async ({ baseUrl, apiIndicator, clientId, clientSecret, timeoutMs }: TokenRequest) => {
  const endpoint = `${baseUrl}/oidc/token`;
  const what = `Getting an access token (POST ${endpoint})`;
  const request = new Request(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
      resource: apiIndicator,
      scope: 'all',
    }).toString(),
  });
  try {
    const response = await boundedFetch(what, baseUrl, { timeoutMs, maxBytes: maxTokenAnswerBytes })(request);
    const text = await response.text();
    if (response.status === 400 || response.status === 401) {
      throw new LogtoApiError(
        `Logto refused the machine-to-machine app's credentials at ${endpoint} (HTTP ${response.status}): check LOGTO_M2M_APP_ID and LOGTO_M2M_APP_SECRET, and that the app is a machine-to-machine app.`
      );
    }
    if (!response.ok) {
      throw new LogtoApiError(`Getting an access token from ${endpoint} failed with HTTP ${response.status}.`);
    }
    const answer = tokenAnswerGuard.safeParse(JSON.parse(text));
    if (!answer.success) {
      throw new LogtoApiError(`${what}: Logto's answer is not a token (no access_token and expires_in).`);
    }
    return { value: answer.data.access_token, expiresAt: Date.now() / 1000 + answer.data.expires_in };
  } catch (error: unknown) {
    throw describeFailure(what, baseUrl, timeoutMs, error);
  }
};

/** A getter of the Management API token, fetched once and renewed shortly before it expires. */
export const tokenSource = (request: TokenRequest) => {
  let token: { value: string; expiresAt: number } | undefined;
  return async () => {
    if (!token || token.expiresAt - expiryLeewaySeconds <= Date.now() / 1000) {
      token = await requestToken(request);
    }
    return token.value;
  };
};

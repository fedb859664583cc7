import type { ClientSettings } from './client-settings.js';

export type SesEndpoint = {
  url: string;
  /** The setting it came from: the config's `endpoint`, or the environment variable's name. */
  from: 'endpoint' | 'AWS_ENDPOINT_URL_SESV2' | 'AWS_ENDPOINT_URL';
};

/**
 * Where the SDK sends SES calls for these settings, in its own order: the config's `endpoint`,
 * then AWS_ENDPOINT_URL_SESV2, then AWS_ENDPOINT_URL (both ignored when
 * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true); undefined means the region's SES endpoint. The
 * SDK does not export its resolver, so the order is restated here once, and tested against the
 * SDK's own choice. A shared config file's `endpoint_url` is not read.
 */
export const sesEndpointOf = (
  { endpoint }: Pick<ClientSettings, 'endpoint'>,
  env: NodeJS.ProcessEnv = process.env
): SesEndpoint | undefined => {
  if (endpoint) {
    return { url: endpoint, from: 'endpoint' };
  }
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true') {
    return undefined;
  }
  if (env.AWS_ENDPOINT_URL_SESV2) {
    return { url: env.AWS_ENDPOINT_URL_SESV2, from: 'AWS_ENDPOINT_URL_SESV2' };
  }
  return env.AWS_ENDPOINT_URL ? { url: env.AWS_ENDPOINT_URL, from: 'AWS_ENDPOINT_URL' } : undefined;
};

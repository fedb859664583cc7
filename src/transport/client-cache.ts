import { createHash } from 'node:crypto';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

import { SESv2Client } from '@aws-sdk/client-sesv2';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { NodeHttpHandler } from '@smithy/node-http-handler';

import type { ClientSettings } from './client-settings.js';
import { SesRetryStrategy } from './retry.js';

/** How long a connect may take: SES answers a TCP+TLS handshake in well under a second. */
const connectionTimeoutMs = 3000;
/**
 * Idle keep-alive sockets are closed after this long, before a load balancer's idle timeout
 * (SES's is longer) can close them under a request that has just been written.
 */
const idleSocketTimeoutMs = 30_000;
/** Open sockets per client; also the most messages in flight to SES at once from one process. */
const maxSockets = 50;
/** Shown in CloudTrail for the assumed role, so an operator can tell who assumed it. */
const defaultRoleSessionName = 'logto-connector-aws-ses';

const createRequestHandler = ({ timeoutMs }: ClientSettings) => {
  const agentOptions = { keepAlive: true, maxSockets, timeout: idleSocketTimeoutMs };
  return new NodeHttpHandler({
    connectionTimeout: Math.min(connectionTimeoutMs, timeoutMs),
    // One attempt may use the whole deadline; the deadline in call-ses.ts ends the call anyway.
    requestTimeout: timeoutMs,
    // Without it, smithy 4.x only logs a warning when requestTimeout passes.
    throwOnRequestTimeout: true,
    httpAgent: new HttpAgent(agentOptions),
    httpsAgent: new HttpsAgent(agentOptions),
  });
};

/**
 * Static keys when the config has them, else the SDK's default chain. A role is assumed on top of
 * either; the SDK caches the resulting credentials per client and refreshes them five minutes
 * before they expire, so STS is called once per hour, not once per message.
 */
const credentialsFor = ({ region, credentials, assumeRole, maxAttempts }: ClientSettings) =>
  assumeRole
    ? fromTemporaryCredentials({
        ...(credentials && { masterCredentials: credentials }),
        params: {
          RoleArn: assumeRole.roleArn,
          ExternalId: assumeRole.externalId,
          RoleSessionName: assumeRole.roleSessionName ?? defaultRoleSessionName,
        },
        clientConfig: { region, maxAttempts },
      })
    : credentials;

const createClient = (settings: ClientSettings) =>
  new SESv2Client({
    region: settings.region,
    ...(settings.endpoint && { endpoint: settings.endpoint }),
    credentials: credentialsFor(settings),
    retryStrategy: new SesRetryStrategy(settings.maxAttempts),
    requestHandler: createRequestHandler(settings),
  });

type Entry = {
  client: SESv2Client;
  inFlight: number;
  evicted: boolean;
};

/**
 * Two clients: the saved config's and the one the console's "Send" test is trying, so testing a
 * new config does not tear down the connections that production mail is using.
 */
const maxClients = 2;
/** Insertion order is recency order: a used entry is moved to the end. */
const entries = new Map<string, Entry>();

/** Hashed so the cache never holds a secret as a readable key. */
const hashSettings = (settings: ClientSettings) =>
  createHash('sha256')
    .update(
      JSON.stringify([
        settings.region,
        settings.endpoint,
        settings.credentials?.accessKeyId,
        settings.credentials?.secretAccessKey,
        settings.credentials?.sessionToken,
        settings.assumeRole?.roleArn,
        settings.assumeRole?.externalId,
        settings.assumeRole?.roleSessionName,
        settings.timeoutMs,
        settings.maxAttempts,
      ])
    )
    .digest('base64url');

const keys = new WeakMap<ClientSettings, string>();

/** Equal settings share a client; the hash is computed once per settings object, not per mail. */
const keyOf = (settings: ClientSettings) => {
  let key = keys.get(settings);
  if (key === undefined) {
    key = hashSettings(settings);
    keys.set(settings, key);
  }
  return key;
};

const release = (entry: Entry) => {
  entry.inFlight -= 1;
  if (entry.evicted && entry.inFlight === 0) {
    entry.client.destroy();
  }
};

const acquire = (settings: ClientSettings): Entry => {
  const key = keyOf(settings);
  const cached = entries.get(key);
  const entry = cached ?? { client: createClient(settings), inFlight: 0, evicted: false };
  entries.delete(key);
  entries.set(key, entry);

  if (entries.size > maxClients) {
    const [oldestKey, oldest] = entries.entries().next().value!;
    entries.delete(oldestKey);
    oldest.evicted = true;
    // A message still in flight on the evicted client keeps it alive until it settles.
    if (oldest.inFlight === 0) {
      oldest.client.destroy();
    }
  }
  entry.inFlight += 1;
  return entry;
};

/** Runs `use` with the shared client for these settings, created on first use. */
export const withClient = async <T>(
  settings: ClientSettings,
  use: (client: SESv2Client) => Promise<T>
): Promise<T> => {
  const entry = acquire(settings);
  try {
    return await use(entry.client);
  } finally {
    release(entry);
  }
};

/** How many clients are cached now; for tests and the CLI's diagnostics. */
export const cachedClientCount = () => entries.size;

/** Destroys every cached client and closes their sockets (tests, CLI exit). */
export const destroyClients = () => {
  for (const entry of entries.values()) {
    entry.evicted = true;
    if (entry.inFlight === 0) {
      entry.client.destroy();
    }
  }
  entries.clear();
};

import { createHash } from 'node:crypto';
import type { LookupFunction } from 'node:net';

import type { SESv2Client } from '@aws-sdk/client-sesv2';

import type { ClientSettings } from './client-settings.js';
import { createClient } from './create-client.js';

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

/** A resolver has no value to hash: each one given is told apart by a number of its own. */
const lookupIds = new WeakMap<LookupFunction, number>();
let lookupsSeen = 0;
const lookupIdOf = (lookup: LookupFunction) => {
  let id = lookupIds.get(lookup);
  if (id === undefined) {
    // Stryker disable next-line AssignmentOperator: the ids only have to differ, counting down as well as up
    lookupsSeen += 1;
    id = lookupsSeen;
    lookupIds.set(lookup, id);
  }
  return id;
};

/** Hashed so the cache never holds a secret as a readable key. */
const hashSettings = (settings: ClientSettings) =>
  createHash('sha256')
    .update(
      JSON.stringify([
        settings.region,
        settings.endpoint,
        settings.endpointId,
        settings.credentials?.accessKeyId,
        settings.credentials?.secretAccessKey,
        settings.credentials?.sessionToken,
        settings.assumeRole?.roleArn,
        settings.assumeRole?.externalId,
        settings.assumeRole?.roleSessionName,
        settings.timeoutMs,
        settings.maxAttempts,
        settings.lookup && lookupIdOf(settings.lookup),
      ])
    )
    .digest('base64url');

const keys = new WeakMap<ClientSettings, string>();

/** Equal settings share a client; the hash is computed once per settings object, not per mail. */
const keyOf = (settings: ClientSettings) => {
  let key = keys.get(settings);
  // Stryker disable next-line ConditionalExpression: a hash computed again is the same hash; remembering it only saves time
  if (key === undefined) {
    key = hashSettings(settings);
    // Stryker disable next-line CallExpression: a hash computed again is the same hash; remembering it only saves time
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
export const withClient = async <T>(settings: ClientSettings, use: (client: SESv2Client) => Promise<T>): Promise<T> => {
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

/**
 * Which configs share an SES client, told without a network: a client is made on first use and
 * only the cache decides whether a second use gets the same one.
 */
import assert from 'node:assert/strict';
import { lookup as systemLookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { after, beforeEach, describe, it } from 'node:test';

import type { SESv2Client } from '@aws-sdk/client-sesv2';

import type { AwsSesConfig } from '../../src/config/config.js';
import { cachedClientCount, destroyClients, withClient } from '../../src/transport/client-cache.js';
import { clientSettingsOf, secretsOf, type ClientSettings } from '../../src/transport/client-settings.js';
import { keyId, secret, sessionToken } from '../support/fixtures.js';

const settings = (overrides: Partial<ClientSettings> = {}): ClientSettings => ({
  region: 'eu-west-1',
  endpoint: 'http://127.0.0.1:9',
  credentials: { accessKeyId: keyId, secretAccessKey: secret },
  timeoutMs: 10_000,
  maxAttempts: 3,
  ...overrides,
});

const clientFor = async (given: ClientSettings) => withClient(given, async (client: SESv2Client) => client);

/** Two lookups that behave alike but are different functions. */
const lookupA: LookupFunction = (hostname, options, callback) => {
  systemLookup(hostname, options, callback);
};
const lookupB: LookupFunction = (hostname, options, callback) => {
  systemLookup(hostname, options, callback);
};

beforeEach(() => {
  destroyClients();
});
after(() => {
  destroyClients();
});

describe('the client cache', () => {
  it('gives equal settings in two objects one client', async () => {
    assert.equal(await clientFor(settings()), await clientFor(settings()));
    assert.equal(cachedClientCount(), 1);
  });

  it('tells resolvers apart by identity: the same one shares a client, another gets its own', async () => {
    const first = await clientFor(settings({ lookup: lookupA }));
    assert.equal(await clientFor(settings({ lookup: lookupA })), first);
    const other = await clientFor(settings({ lookup: lookupB }));
    assert.notEqual(other, first);
    assert.notEqual(other, await clientFor(settings()), 'no resolver is a third case');
    assert.equal(await clientFor(settings({ lookup: lookupB })), other);
  });
});

describe('clientSettingsOf', () => {
  const config = {
    region: 'eu-west-1',
    accessKeyId: keyId,
    accessKeySecret: secret,
    sessionToken,
  } as AwsSesConfig;

  it('gives one parsed config the same settings object each time, so its cache key is computed once', () => {
    assert.equal(clientSettingsOf(config), clientSettingsOf(config));
    assert.notEqual(clientSettingsOf(config), clientSettingsOf({ ...config }));
  });

  it('lists the secret and the session token as secrets, nothing empty', () => {
    assert.deepEqual(secretsOf(clientSettingsOf(config)), [secret, sessionToken]);
    assert.deepEqual(secretsOf(settings()), [secret]);
    assert.deepEqual(secretsOf(settings({ credentials: undefined })), []);
  });
});

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';

import { TemplateType } from '@logto/connector-kit';

import { configFor, keyId } from '../support/fixtures.js';
import { cachedClientCount } from '../../src/transport/client-cache.js';

import { sendAndFind, startCountingProxy, type CountingProxy, useLocalSes } from './harness.js';

const signIn = (code: string) => ({ to: 'user@example.com', type: TemplateType.SignIn, payload: { code } });

const local = useLocalSes();

const proxies: CountingProxy[] = [];

const scopesOf = (counting: CountingProxy) => counting.credentialScopes();

const proxy = async () => {
  const started = await startCountingProxy(local.ses.url);
  proxies.push(started);
  return started;
};

after(async () => {
  await Promise.all(proxies.map(async ({ stop }) => stop()));
});

describe('SES client reuse', () => {
  test('20 sequential sends with one config object use exactly one TCP connection', async () => {
    const counter = await proxy();
    const config = configFor(counter.url);
    const messageIds = new Set<unknown>();
    for (let index = 0; index < 20; index += 1) {
      const code = String(100_000 + index);

      const email = await sendAndFind(local.ses, local.plain.connector, signIn(code), config);
      assert.equal(email.body.text, `Your code is ${code}.`);
      messageIds.add(email.messageId);
    }
    assert.equal(messageIds.size, 20, 'twenty distinct messages were stored');
    assert.equal(counter.connections(), 1, 'one keep-alive connection carried all twenty requests');
    const scopes = counter.credentialScopes();
    assert.equal(scopes.length, 20, 'twenty signed requests went through the proxy');
    for (const scope of scopes) {
      assert.deepEqual(scope, { accessKeyId: keyId, region: 'us-east-1' });
    }
  });

  test('a config that differs in region, key id, secret or endpoint gets its own client', async () => {
    const first = await proxy();
    const second = await proxy();
    const base = configFor(first.url);
    let sent = 0;
    const send = async (config: Record<string, unknown>) => {
      sent += 1;
      const code = String(200_000 + sent);
      const email = await sendAndFind(local.ses, local.plain.connector, signIn(code), config);
      assert.equal(email.body.text, `Your code is ${code}.`);
    };

    await send(base);
    assert.equal(first.connections(), 1);

    // The console's "Send" test passes a fresh object with the same values: same client.
    await send({ ...base });
    assert.equal(first.connections(), 1, 'equal settings share the client and its connection');

    /**
     * Each variant is sent right after `base`, whose client is then cached: reusing it would
     * show as no new connection (and, for region and key id, as `base`'s credential scope).
     */
    const variants: Array<[string, Record<string, unknown>, { accessKeyId: string; region: string }]> = [
      ['region', { ...base, region: 'eu-west-1' }, { accessKeyId: keyId, region: 'eu-west-1' }],
      [
        'accessKeyId',
        { ...base, accessKeyId: 'AKIATESTKEYID0000002' },
        { accessKeyId: 'AKIATESTKEYID0000002', region: 'us-east-1' },
      ],
      [
        'accessKeySecret',
        { ...base, accessKeySecret: 'another-secret-value-0123456789' },
        { accessKeyId: keyId, region: 'us-east-1' },
      ],
    ];
    let expectedConnections = 1;
    for (const [field, variant, scope] of variants) {
      await send(base);
      assert.equal(first.connections(), expectedConnections, `base reuses its client before the ${field} variant`);

      await send(variant);
      expectedConnections += 1;
      assert.equal(first.connections(), expectedConnections, `a different ${field} opens a new client`);
      assert.deepEqual(scopesOf(first).at(-1), scope, `the ${field} variant signs with its own settings`);
    }

    // A different endpoint: the request must go there, not down base's connection.
    await send(base);
    assert.equal(first.connections(), expectedConnections);
    await send({ ...base, endpoint: second.url });
    assert.equal(second.connections(), 1, 'the new endpoint received the request');
    assert.equal(first.connections(), expectedConnections, 'nothing new went to the old endpoint');
    assert.equal(scopesOf(second).length, 1);

    // Base's client is still cached and still connected.
    await send(base);
    assert.equal(first.connections(), expectedConnections);
  });

  test('a third config evicts the least recently used client and closes its connections', async () => {
    const [a, b, c] = [await proxy(), await proxy(), await proxy()];
    const send = async (endpoint: string, code: string) => {
      const email = await sendAndFind(local.ses, local.plain.connector, signIn(code), configFor(endpoint));
      assert.equal(email.body.text, `Your code is ${code}.`);
    };
    await send(a.url, '300001');
    await send(b.url, '300002');
    assert.equal(a.openConnections(), 1, 'a keeps its keep-alive connection while cached');
    await send(c.url, '300003');
    assert.equal(cachedClientCount(), 2);

    // Destroying the evicted client closes its socket; the proxy sees the close shortly after.
    for (let waited = 0; a.openConnections() > 0 && waited < 2000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.equal(a.openConnections(), 0, "the evicted client's connection is closed");
    assert.equal(b.openConnections(), 1, 'b is still cached and connected');
    assert.equal(c.openConnections(), 1, 'c is still cached and connected');

    // Coming back to a's config works: a new client, a new connection.
    await send(a.url, '300004');
    assert.equal(a.connections(), 2);
  });
});

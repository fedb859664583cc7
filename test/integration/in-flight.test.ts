/**
 * Mail in flight while the client cache changes, and answers that cannot confirm a send: what
 * only an SES whose answers the test holds and writes can show.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';

import { TemplateType } from '@logto/connector-kit';

import { configFor } from '../support/fixtures.js';
import { destroyClients } from '../../src/index.js';
import { cachedClientCount } from '../../src/transport/client-cache.js';
import { within } from '../support/clock.js';
import { startScriptedSes, type ScriptedSes } from '../support/scripted-ses.js';

import { expectConnectorError, makeConnector, messageOf } from './harness.js';

const signIn = { to: 'user@example.com', type: TemplateType.SignIn, payload: { code: '123456' } };

const servers: ScriptedSes[] = [];
const scripted = async (...args: Parameters<typeof startScriptedSes>) => {
  const server = await startScriptedSes(...args);
  servers.push(server);
  return server;
};

after(async () => {
  await destroyClients();
  await Promise.all(servers.map(async (server) => server.close()));
});

describe('a client evicted from the cache', () => {
  test('finishes the mails in flight on it (the console test beside production mail), then closes', async () => {
    await destroyClients();
    const { connector } = await makeConnector();
    const production = await scripted(() => 'hold');
    const [consoleTest, another] = [await scripted(), await scripted()];

    const config = configFor(production.url);
    const first = connector.sendMessage(signIn, config);
    const second = connector.sendMessage(signIn, config);
    await within(production.requestArrived(2), 'both production sends reaching SES');

    // Two other configs push the production client out of the two-client cache while it waits.
    assert.equal(await connector.sendMessage(signIn, configFor(consoleTest.url)), 'scripted-1');
    assert.equal(await connector.sendMessage(signIn, configFor(another.url)), 'scripted-1');
    assert.equal(cachedClientCount(), 2);
    assert.equal(production.openConnections(), 2, 'the evicted client keeps its sockets while mail is in flight');

    // The first mail settling must not close the client under the second.
    production.release({ status: 200, body: { MessageId: 'production-1' } }, 1);
    assert.equal(await within(first, 'the first in-flight send'), 'production-1');
    production.release({ status: 200, body: { MessageId: 'production-2' } });
    assert.equal(await within(second, 'the second in-flight send'), 'production-2');
    assert.equal(production.received.length, 2, 'each mail went out once, none was retried on a closed socket');

    await within(production.allClosed(), "the evicted client's sockets closing once its mail settled");
    assert.equal(production.openConnections(), 0);
    assert.equal(consoleTest.openConnections(), 1, 'the cached clients keep their keep-alive sockets');
    assert.equal(another.openConnections(), 1);
  });
});

describe('destroyClients (the CLI exiting, a test ending)', () => {
  test('lets a mail in flight finish, then closes its client', async () => {
    await destroyClients();
    const { connector } = await makeConnector();
    const ses = await scripted(() => 'hold');
    const sending = connector.sendMessage(signIn, configFor(ses.url));
    await within(ses.requestArrived(1), 'the send reaching SES');

    await destroyClients();
    assert.equal(cachedClientCount(), 0);
    assert.equal(ses.openConnections(), 1, 'the socket of the mail in flight stays open');

    ses.release({ status: 200, body: { MessageId: 'finished-1' } });
    assert.equal(await within(sending, 'the in-flight send'), 'finished-1');
    assert.equal(ses.received.length, 1, 'sent once, not retried on a closed socket');
    await within(ses.allClosed(), 'its socket closing once the mail settled');
  });
});

describe('an answer that cannot confirm the send', () => {
  for (const status of [200, 202]) {
    test(`HTTP ${status} without a MessageId is an error, not a sent mail`, async () => {
      const ses = await scripted(() => ({ status, body: {} }));
      const { connector } = await makeConnector({ savedConfig: configFor(ses.url) });
      const error = await expectConnectorError(connector.sendMessage(signIn), 'invalid_response');
      assert.match(
        messageOf(error),
        /SES answered the SendEmail request without a MessageId, so delivery cannot be confirmed\./
      );
      assert.deepEqual(ses.received, ['POST /v2/email/outbound-emails']);
    });
  }
});

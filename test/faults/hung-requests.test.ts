/**
 * The built package against an endpoint that accepts a connection and never answers: each console
 * test ends at its deadline, and the socket of every aborted request is closed, so hung sends do not
 * pile up open connections.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';

import { ConnectorErrorCodes } from '@logto/connector-kit';

import { destroyClients } from '../../src/index.js';
import { until, within, withMockedTimeouts } from '../support/clock.js';
import { startSilentServer, type SilentServer } from '../support/silent-server.js';
import { configFor, signInMessage } from '../support/fixtures.js';
import { expectConnectorError, makeConnector, messageOf } from '../integration/harness.js';

describe('an endpoint that never answers', () => {
  let silent: SilentServer;

  before(async () => {
    silent = await startSilentServer();
  });
  afterEach(async () => {
    await destroyClients();
  });
  after(async () => {
    await silent.close();
  });

  it('closes the socket of every aborted request: 50 hung console tests leave no connection open', async (t) => {
    const { connector } = await makeConnector();
    const timeoutMs = 200;
    await withMockedTimeouts(t, async (tick) => {
      for (let index = 1; index <= 50; index += 1) {
        // A fresh config object each time, as the console's test passes.
        const sending = connector.sendMessage(signInMessage, configFor(silent.url, { timeoutMs, maxAttempts: 1 }));
        await until(() => silent.accepted() === index, `console test ${index} reaching the hung endpoint`);
        tick(timeoutMs);
        const error = await expectConnectorError(sending, ConnectorErrorCodes.InvalidResponse);
        assert.match(messageOf(error), /did not answer within 200 ms/);
      }
    });
    assert.equal(silent.accepted(), 50, 'every send reached the server, each on a connection of its own');
    await within(silent.allEnded(), 'every aborted connection closing');
  });
});

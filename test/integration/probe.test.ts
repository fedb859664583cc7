/**
 * How `check` sorts one read-only SES call: each kind of answer, from an SES whose answers the
 * test writes, through the connector's own client.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';

import { GetAccountCommand } from '@aws-sdk/client-sesv2';

import { probe } from '../../src/cli/check/probe.js';
import { destroyClients } from '../../src/transport/client-cache.js';
import type { ClientSettings } from '../../src/transport/client-settings.js';
import { keyId, secret } from '../support/fixtures.js';
import { startScriptedSes, type ScriptedAnswer, type ScriptedSes } from '../support/scripted-ses.js';

const servers: ScriptedSes[] = [];
after(async () => {
  destroyClients();
  await Promise.all(servers.map(async (server) => server.close()));
});

const probeAnswer = async (answer: ScriptedAnswer) => {
  const ses = await startScriptedSes(() => answer);
  servers.push(ses);
  const settings: ClientSettings = {
    region: 'us-east-1',
    endpoint: ses.url,
    credentials: { accessKeyId: keyId, secretAccessKey: secret },
    timeoutMs: 5000,
    maxAttempts: 1,
  };
  return probe(settings, 'GetAccount', async (client, abortSignal) =>
    client.send(new GetAccountCommand({}), { abortSignal })
  );
};

describe('probe', () => {
  test('an answer: ok, with the output', async () => {
    const result = await probeAnswer({ status: 200, body: { ProductionAccessEnabled: true, SendingEnabled: true } });
    assert.equal(result.outcome, 'ok');
    assert.equal(result.outcome === 'ok' && result.output.ProductionAccessEnabled, true);
  });

  test("SES's AccessDeniedException: denied, which check reports as could not check", async () => {
    const result = await probeAnswer({
      status: 403,
      errorType: 'AccessDeniedException',
      body: { message: 'User is not authorized to perform: ses:GetAccount' },
    });
    assert.deepEqual(result, { outcome: 'denied' });
  });

  test("SES's NotFoundException: not found, with the connector's message", async () => {
    const result = await probeAnswer({
      status: 404,
      errorType: 'NotFoundException',
      body: { message: 'Configuration set <missing> does not exist.' },
    });
    assert.equal(result.outcome, 'not found');
    assert.match(
      result.outcome === 'not found' ? result.message : '',
      /^SES NotFoundException: Configuration set <missing> does not exist\./
    );
  });

  test('a plain 404 without an SES error: the endpoint lacks the API', async () => {
    assert.deepEqual(await probeAnswer({ status: 404 }), { outcome: 'unsupported' });
  });

  test("anything else: failed, with the connector's message", async () => {
    const result = await probeAnswer({
      status: 403,
      errorType: 'InvalidClientTokenId',
      body: { message: 'The security token included in the request is invalid.' },
    });
    assert.equal(result.outcome, 'failed');
    assert.match(
      result.outcome === 'failed' ? result.message : '',
      /^SES InvalidClientTokenId: The security token included in the request is invalid\. Check accessKeyId and accessKeySecret: SES did not accept them\. \(invalid_config\)$/
    );
  });
});

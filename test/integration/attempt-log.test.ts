/**
 * The attempt log sees every attempt inside the SDK's retry loop: what the deadline's message is
 * made of (how often SES throttled, whether the call got past fetching credentials), and what a
 * send's span reports (how many attempts, to which host).
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';

import { GetAccountCommand } from '@aws-sdk/client-sesv2';

import { newAttemptLog, observeAttempts } from '../../src/transport/attempt-log.js';
import { createClient } from '../../src/transport/create-client.js';
import { keyId, secret } from '../support/fixtures.js';
import { startScriptedSes, type ScriptedSes } from '../support/scripted-ses.js';

const servers: ScriptedSes[] = [];
after(async () => {
  await Promise.all(servers.map(async (server) => server.close()));
});

describe('observeAttempts', () => {
  it('files each failed attempt in order, and that SES was reached', async () => {
    const ses = await startScriptedSes((_request, index) =>
      index < 3
        ? { status: 500, errorType: 'InternalFailure', body: { message: `failed ${index}` } }
        : { status: 200, body: { SendQuota: { Max24HourSend: 200 } } }
    );
    servers.push(ses);
    const client = createClient({
      region: 'eu-west-1',
      endpoint: ses.url,
      credentials: { accessKeyId: keyId, secretAccessKey: secret },
      timeoutMs: 10_000,
      maxAttempts: 3,
    });
    try {
      const log = newAttemptLog();
      assert.deepEqual(
        { ...log },
        { failures: [], reachedSes: false, attempts: 0 },
        'a new call has reached nothing yet'
      );
      const answer = await client.send(observeAttempts(log)(new GetAccountCommand({})));
      assert.equal(answer.SendQuota?.Max24HourSend, 200);
      assert.equal(log.reachedSes, true);
      assert.equal(log.attempts, 3, 'every attempt is counted, the one that succeeded too');
      assert.equal(log.serverAddress, '127.0.0.1');
      assert.equal(log.serverPort, Number(new URL(ses.url).port));
      assert.deepEqual(
        log.failures.map((error) => [(error as Error).name, (error as Error).message]),
        [
          ['InternalFailure', 'failed 1'],
          ['InternalFailure', 'failed 2'],
        ]
      );
    } finally {
      client.destroy();
    }
  });
});

/**
 * Nothing is lost under load: 2000 messages at concurrency 50 against a stub that injects a mix
 * of faults. Every message ends with a MessageId or a ConnectorError, and the messages SES
 * accepted are exactly the ones the caller was told were sent.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { ConnectorError, TemplateType } from '@logto/connector-kit';

import { configFor, keyId, secret } from '../support/fixtures.js';
import { destroyClients } from '../../src/index.js';
import { startSesStub, type Fault, type SesStub } from '../support/ses-stub.js';
import { makeConnector, preciseCodeOf } from '../integration/harness.js';

const total = 2000;
const concurrency = 50;

/** Mostly success, as in production, with every kind of fault in the mix. */
const mix: Array<[Fault, number]> = [
  ['ok', 70],
  ['accepted202', 5],
  ['throttle', 7],
  ['server500json', 4],
  ['server500text', 3],
  ['unavailable503', 3],
  ['reset', 3],
  ['messageRejected', 2],
  ['invalidClientTokenId', 1],
  ['malformedJson', 1.5],
  ['hang', 0.5],
];

/** A seeded generator (mulberry32), so a failure can be replayed. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d_2b_79_f5) | 0;
  let value = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
  return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
};

const pickFault = (next: () => number) => {
  const weightSum = mix.reduce((sum, [, weight]) => sum + weight, 0);
  return (): Fault => {
    let roll = next() * weightSum;
    for (const [fault, weight] of mix) {
      roll -= weight;
      if (roll < 0) {
        return fault;
      }
    }
    return 'ok';
  };
};

describe('load with injected faults', () => {
  let stub: SesStub;
  const seed = Number(process.env.LOAD_TEST_SEED ?? 20_261_126);

  before(async () => {
    const fault = pickFault(random(seed));
    stub = await startSesStub({ credentials: { [keyId]: { secretAccessKey: secret } }, fault: () => fault() });
  });
  after(async () => {
    await destroyClients();
    await stub.close();
  });

  it(`settles all ${total} messages at concurrency ${concurrency}, and SES accepted exactly the reported ones`, async (t) => {
    const { connector } = await makeConnector();
    // A deadline long enough for a throttled message's backoff, short enough for the hung ones.
    const config = configFor(stub.url, { timeoutMs: 5000, maxAttempts: 3 });
    const outcomes: Array<{ to: string; messageId?: string; error?: ConnectorError }> = [];

    let nextIndex = 0;
    const worker = async () => {
      while (nextIndex < total) {
        const to = `user-${nextIndex}@example.com`;
        nextIndex += 1;
        try {
          const messageId = await connector.sendMessage(
            { to, type: TemplateType.Generic, payload: { code: '123456' } },
            config
          );
          outcomes.push({ to, messageId: String(messageId) });
        } catch (error: unknown) {
          assert.ok(error instanceof ConnectorError, `not a ConnectorError: ${String(error)}`);
          outcomes.push({ to, error });
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));

    assert.equal(outcomes.length, total, `seed ${seed}: every message settles`);
    const sent = outcomes.filter((outcome) => outcome.messageId);
    const failed = outcomes.filter((outcome) => outcome.error);
    assert.equal(sent.length + failed.length, total);
    assert.ok(
      failed.length > 0 && sent.length > total / 2,
      `seed ${seed}: ${sent.length} sent, ${failed.length} failed`
    );

    // SES's view and the caller's view agree message by message.
    assert.equal(stub.counts.accepted, sent.length, `seed ${seed}`);
    const acceptedById = new Map(stub.accepted.map((accepted) => [accepted.messageId, accepted.to]));
    for (const { to, messageId } of sent) {
      assert.deepEqual(acceptedById.get(messageId!), [to], `seed ${seed}: ${messageId} was accepted for ${to}`);
    }
    // The console's test path (a config passed) presents each as general, the precise code in data.code.
    const expectedCodes = new Set(['invalid_response', 'invalid_config', 'rate_limit_exceeded']);
    for (const { error } of failed) {
      assert.ok(error?.code === 'general' && expectedCodes.has(preciseCodeOf(error)), error?.message);
    }
    assert.ok(stub.counts.peakOpenConnections <= concurrency, `peak ${stub.counts.peakOpenConnections} sockets`);
    t.diagnostic(
      `seed ${seed}: ${sent.length} sent, ${failed.length} failed, ${stub.counts.sendEmail} attempts, ` +
        `${stub.counts.connections} connections (peak ${stub.counts.peakOpenConnections} open)`
    );
    assert.ok(stub.requests.every(({ signatureValid }) => signatureValid !== false));
  });
});

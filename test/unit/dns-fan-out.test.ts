/**
 * `check`'s DNS lookups against a local server that answers after a round trip: however many
 * names the answers of SES ask for, at most a few queries are in flight at once, and once the
 * server has gone silent the queries still waiting are not sent at all.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { createDnsLookup, maxQueriesInFlight, parseDnsServer } from '../../src/cli/check/dns.js';
import { startDnsServer } from '../support/dns-server.js';

const names = Array.from({ length: 40 }, (_, index) => `token${index}._domainkey.example.com`);

test('forty lookups at once: every one answered, never more than four queries in flight', async () => {
  const server = await startDnsServer({
    records: Object.fromEntries(names.map((name, index) => [name, { CNAME: `token${index}.dkim.amazonses.com` }])),
    answerDelayMs: 20,
  });
  try {
    const dns = createDnsLookup({ server: parseDnsServer(server.address), timeoutMs: 5000 });
    const answers = await Promise.all(names.map(async (name) => dns.cname(name)));
    assert.deepEqual(
      answers,
      names.map((_, index) => ({ outcome: 'found', records: [`token${index}.dkim.amazonses.com`] }))
    );
    assert.equal(maxQueriesInFlight, 4);
    assert.equal(server.queries.length, 40);
    assert.equal(server.peakInFlight(), 4);
  } finally {
    await server.close();
  }
});

test('a silent server: the queued lookups fail with the same reason and are never sent', async () => {
  const server = await startDnsServer({ mode: 'silent' });
  try {
    const dns = createDnsLookup({ server: parseDnsServer(server.address), timeoutMs: 300 });
    const answers = await Promise.all(names.map(async (name) => dns.cname(name)));
    for (const answer of answers) {
      assert.deepEqual(answer, {
        outcome: 'failed',
        reason: `the DNS server ${server.address} did not answer within 300 ms`,
      });
    }
    // Four queries, each sent at most twice (the resolver's two tries); the other 36 not at all.
    assert.deepEqual(
      [...new Set(server.queries)],
      names.slice(0, 4).map((name) => `CNAME ${name}`)
    );
  } finally {
    await server.close();
  }
});

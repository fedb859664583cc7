/**
 * The pure parts of `check`'s deliverability findings: DMARC records, the DNS tree walk and
 * alignment, the delivery window's edges, `--dns-server`'s syntax, and the DNS lookup's outcomes
 * against a local server.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { deliveryWindowFinding } from '../../src/cli/check/delivery-window.js';
import { aligns, discoverDmarc, parseDmarcRecord } from '../../src/cli/check/dmarc.js';
import { createDnsLookup, parseDnsServer, type DnsAnswer } from '../../src/cli/check/dns.js';
import { startDnsServer } from '../support/dns-server.js';

const metadata = { $metadata: {} };

describe('DMARC records', () => {
  test('tags in any case and spacing; policies read, alignment relaxed unless s', () => {
    assert.deepEqual(parseDmarcRecord(' v=DMARC1 ; P=Reject; sp=none; ADKIM=s; rua=mailto:d@example.com '), {
      text: 'v=DMARC1 ; P=Reject; sp=none; ADKIM=s; rua=mailto:d@example.com',
      policy: 'reject',
      subdomainPolicy: 'none',
      dkimAlignment: 'strict',
      spfAlignment: 'relaxed',
    });
  });

  test('not DMARC: another version, the tag not first, an SPF record', () => {
    for (const text of ['v=DMARC2; p=reject', 'p=reject; v=DMARC1', 'v=spf1 -all', 'v=dmarc1; p=none']) {
      assert.equal(parseDmarcRecord(text), undefined, text);
    }
  });

  test('an invalid p= leaves no policy', () => {
    assert.equal(parseDmarcRecord('v=DMARC1; p=block')?.policy, undefined);
  });
});

/** A TXT lookup from a table of `_dmarc.<name>` records; every query is logged. */
const txtFrom = (records: Record<string, string[]>, failing?: string) => {
  const asked: string[] = [];
  const txt = async (name: string): Promise<DnsAnswer<string>> => {
    asked.push(name);
    if (name === failing) {
      return { outcome: 'failed', reason: 'no answer' };
    }
    const found = records[name];
    return found ? { outcome: 'found', records: found } : { outcome: 'none' };
  };
  return { txt, asked };
};

describe('DMARC policy discovery (the DNS tree walk)', () => {
  test("the domain's own record applies; the walk goes on to find the organizational domain", async () => {
    const { txt, asked } = txtFrom({
      '_dmarc.mail.example.com': ['v=DMARC1; p=none'],
      '_dmarc.example.com': ['v=DMARC1; p=reject'],
    });
    const found = await discoverDmarc('Mail.Example.com.', txt);
    assert.equal(found.outcome, 'found');
    assert.equal(found.outcome === 'found' && found.record.policy, 'none');
    assert.equal(found.outcome === 'found' && found.recordDomain, 'mail.example.com');
    assert.equal(found.outcome === 'found' && found.organizationalDomain, 'example.com');
    assert.deepEqual(asked, ['_dmarc.mail.example.com', '_dmarc.example.com', '_dmarc.com']);
  });

  test("a subdomain without a record gets its organizational domain's", async () => {
    const { txt } = txtFrom({ '_dmarc.example.com': ['v=DMARC1; p=quarantine'] });
    const found = await discoverDmarc('a.b.example.com', txt);
    assert.deepEqual(found.outcome === 'found' && [found.recordDomain, found.organizationalDomain], [
      'example.com',
      'example.com',
    ]);
  });

  test('psd=y: the organizational domain is one label below the public suffix', async () => {
    const { txt } = txtFrom({ '_dmarc.gov.example': ['v=DMARC1; p=reject; psd=y'] });
    const found = await discoverDmarc('mail.agency.gov.example', txt);
    assert.equal(found.outcome, 'found');
    assert.equal(found.outcome === 'found' && found.organizationalDomain, 'agency.gov.example');
    assert.equal(found.outcome === 'found' && found.recordDomain, 'gov.example');
  });

  test('psd=n stops the walk at an organizational domain', async () => {
    const { txt, asked } = txtFrom({ '_dmarc.example.com': ['v=DMARC1; p=reject; psd=n'] });
    await discoverDmarc('mail.example.com', txt);
    assert.deepEqual(asked, ['_dmarc.mail.example.com', '_dmarc.example.com']);
  });

  test('a name of eight or more labels is shortened to seven at once', async () => {
    const { txt, asked } = txtFrom({});
    await discoverDmarc('a.b.c.d.e.f.g.h.i.example', txt);
    assert.deepEqual(asked.slice(0, 2), ['_dmarc.a.b.c.d.e.f.g.h.i.example', '_dmarc.d.e.f.g.h.i.example']);
    assert.equal(asked.length, 8);
  });

  test('two DMARC records at one name count as none', async () => {
    const { txt } = txtFrom({ '_dmarc.example.com': ['v=DMARC1; p=reject', 'v=DMARC1; p=none'] });
    assert.deepEqual(await discoverDmarc('example.com', txt), { outcome: 'none', organizationalDomain: 'example.com' });
  });

  test("a DNS failure: unknown, unless the domain's own record came first", async () => {
    const failing = txtFrom({}, '_dmarc.example.com');
    assert.deepEqual(await discoverDmarc('example.com', failing.txt), { outcome: 'failed', reason: 'no answer' });
    const after = txtFrom({ '_dmarc.example.com': ['v=DMARC1; p=reject'] }, '_dmarc.com');
    const found = await discoverDmarc('example.com', after.txt);
    assert.equal(found.outcome, 'found');
  });
});

describe('alignment', () => {
  test('relaxed: the organizational domain and its subdomains align; strict: the same name only', () => {
    assert.equal(aligns('example.com', 'mail.example.com', 'example.com', 'relaxed'), true);
    assert.equal(aligns('bounce.example.com', 'example.com', 'example.com', 'relaxed'), true);
    assert.equal(aligns('example.com', 'mail.example.com', 'example.com', 'strict'), false);
    assert.equal(aligns('Example.COM.', 'example.com', 'example.com', 'strict'), true);
    assert.equal(aligns('amazonses.com', 'example.com', 'example.com', 'relaxed'), false);
    assert.equal(aligns('notexample.com', 'example.com', 'example.com', 'relaxed'), false);
  });
});

describe('delivery window', () => {
  const withLimit = (MaxDeliverySeconds?: number) => ({
    configurationSetName: 'logto',
    configurationSet: { ...metadata, DeliveryOptions: { MaxDeliverySeconds } },
  });

  test('a limit equal to the code lifetime passes, one second more warns', () => {
    assert.equal(deliveryWindowFinding({ ...withLimit(600), codeTtlSeconds: 600 }).status, 'pass');
    assert.equal(deliveryWindowFinding({ ...withLimit(601), codeTtlSeconds: 600 }).status, 'warn');
  });

  test('a code lifetime under SES shortest window: the fix says so', () => {
    const finding = deliveryWindowFinding({ ...withLimit(900), codeTtlSeconds: 120 });
    assert.equal(finding.status, 'warn');
    assert.match(finding.fix ?? '', /a maximum delivery time of 300 s \(300 s is the shortest SES allows/);
  });

  test('no configuration set: 14 hours', () => {
    const finding = deliveryWindowFinding({ codeTtlSeconds: 600 });
    assert.equal(finding.status, 'warn');
    assert.match(finding.text, /no configuration set, so SES retries a deferred mail for up to 14 hours/);
    assert.match(finding.fix ?? '', /set configurationSetName to it/);
  });

  test('a configuration set SES did not show: could not check', () => {
    assert.equal(
      deliveryWindowFinding({ configurationSetName: 'logto', codeTtlSeconds: 600 }).status,
      'could not check'
    );
  });
});

describe('--dns-server', () => {
  test('an IP address with an optional port', () => {
    assert.deepEqual(parseDnsServer('127.0.0.1'), { host: '127.0.0.1', port: 53 });
    assert.deepEqual(parseDnsServer('127.0.0.1:5353'), { host: '127.0.0.1', port: 5353 });
    assert.deepEqual(parseDnsServer('[::1]:53'), { host: '::1', port: 53 });
    assert.deepEqual(parseDnsServer('::1'), { host: '::1', port: 53 });
  });

  test('refuses names, port 0, ports past 65535 and stray text', () => {
    for (const value of ['localhost', '127.0.0.1:0', '127.0.0.1:65536', '127.0.0.1:', '1.2.3', '[::1]x', '']) {
      assert.equal(parseDnsServer(value), undefined, value);
    }
  });
});

describe('DNS lookups against a local server', () => {
  test('found, none (no such type, and NXDOMAIN), and a long TXT record joined', async () => {
    const long = `v=spf1 ${'include:example.net '.repeat(20)}-all`;
    const server = await startDnsServer({
      records: {
        'example.com': { TXT: [long], MX: [{ exchange: 'mx.example.com', priority: 5 }] },
        'alias.example.com': { CNAME: 'target.example.net' },
      },
    });
    try {
      const dns = createDnsLookup({ server: parseDnsServer(server.address), timeoutMs: 2000 });
      assert.deepEqual(await dns.txt('example.com'), { outcome: 'found', records: [long] });
      assert.deepEqual(await dns.mx('example.com'), {
        outcome: 'found',
        records: [{ exchange: 'mx.example.com', priority: 5 }],
      });
      assert.deepEqual(await dns.cname('alias.example.com'), { outcome: 'found', records: ['target.example.net'] });
      assert.deepEqual(await dns.cname('example.com'), { outcome: 'none' });
      assert.deepEqual(await dns.txt('missing.example.com'), { outcome: 'none' });
    } finally {
      await server.close();
    }
  });

  test('a server that never answers: failed within the deadline, saying so', async () => {
    const server = await startDnsServer({ mode: 'silent' });
    try {
      const dns = createDnsLookup({ server: parseDnsServer(server.address), timeoutMs: 300 });
      const started = performance.now();
      const answers = await Promise.all([dns.txt('example.com'), dns.mx('example.com'), dns.cname('a.example.com')]);
      const elapsed = performance.now() - started;
      for (const answer of answers) {
        assert.deepEqual(answer, {
          outcome: 'failed',
          reason: `the DNS server ${server.address} did not answer within 300 ms`,
        });
      }
      assert.ok(elapsed < 1000, `took ${Math.round(elapsed)} ms`);
    } finally {
      await server.close();
    }
  });
});

/**
 * `check` against an SES that lists far more Easy DKIM tokens than the three SES issues: only the
 * first ten are looked up, a few queries at a time, and the finding says what was left unchecked.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { startDnsServer, type DnsTable } from '../support/dns-server.js';
import { configFor } from '../support/fixtures.js';
import { startSesStub } from '../support/ses-stub.js';

import { runWithConfig } from './cli.js';

const tokens = Array.from({ length: 5000 }, (_, index) => `token${index}`);

const identity = {
  IdentityType: 'DOMAIN',
  VerifiedForSendingStatus: true,
  VerificationStatus: 'SUCCESS',
  DkimAttributes: { SigningEnabled: true, Status: 'SUCCESS', Tokens: tokens, SigningAttributesOrigin: 'AWS_SES' },
};

const cnames = (count: number): DnsTable =>
  Object.fromEntries(
    tokens.slice(0, count).map((token) => [`${token}._domainkey.example.com`, { CNAME: `${token}.dkim.amazonses.com` }])
  );

type Report = { findings: Array<{ id: string; status: string; message: string; fix: string | null }> };

const checkWith = async (records: DnsTable) => {
  const ses = await startSesStub({ identities: { 'example.com': identity } });
  const dns = await startDnsServer({
    records: { '_dmarc.example.com': { TXT: ['v=DMARC1; p=reject'] }, ...records },
    answerDelayMs: 10,
  });
  try {
    const result = await runWithConfig(['check', '--json', '--dns-server', dns.address], configFor(ses.url));
    const report = JSON.parse(result.stdout) as Report;
    const finding = report.findings.find(({ id }) => id === 'dkim.records');
    assert.ok(finding, result.stdout + result.stderr);
    const looked = dns.queries.filter((query) => query.startsWith('CNAME '));
    return { finding, looked, peak: dns.peakInFlight() };
  } finally {
    await ses.close();
    await dns.close();
  }
};

const firstTen = tokens.slice(0, 10).map((token) => `CNAME ${token}._domainkey.example.com`);

test('5,000 tokens, the first ten published: ten looked up, four at a time, could not check the rest', async () => {
  const { finding, looked, peak } = await checkWith(cnames(tokens.length));
  assert.deepEqual(finding, {
    id: 'dkim.records',
    status: 'could not check',
    message:
      "DKIM records: SES lists 5000 DKIM tokens for example.com, where Easy DKIM has 3, and only the first 10 were looked up; their CNAMEs point to SES's keys, the other 4990 are not checked",
    fix: null,
    region: null,
  });
  assert.deepEqual(looked, firstTen);
  assert.ok(peak <= 4, `${peak} DNS queries in flight at once`);
});

test('5,000 tokens, one of the first ten unpublished: that fails, and the finding says only ten were looked up', async () => {
  const { finding, looked } = await checkWith({ ...cnames(10), 'token3._domainkey.example.com': {} });
  assert.equal(finding.status, 'fail');
  assert.equal(
    finding.message,
    'DKIM records: token3._domainkey.example.com has no CNAME; receivers then find no key and DKIM fails. (SES lists 5000 DKIM tokens for example.com, where Easy DKIM has 3, and only the first 10 were looked up.)'
  );
  assert.deepEqual(looked, firstTen);
});

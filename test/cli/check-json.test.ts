/**
 * `check --json` against the shape docs/check-findings.md documents ("check --json"), and its ids
 * against that file's table of findings ("What check reports", generated from the registry): one
 * JSON document and nothing else on standard output, whatever the outcome, and every id it prints
 * documented with its fix.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';

import { z } from 'zod';

import { findingIds } from '../../src/cli/check/registry.js';
import { startDnsServer, type LocalDnsServer } from '../support/dns-server.js';
import { configFor, keyId, secret } from '../support/fixtures.js';
import { startSesStub, type SesStub } from '../support/ses-stub.js';

import { exampleDns, runWithConfig } from './cli.js';

const statuses = ['pass', 'warn', 'fail', 'skip', 'could not check'] as const;

/** The documented table of fields, as a schema: no field more, none less. */
const reportSchema = z
  .object({
    version: z.literal(1),
    source: z.string(),
    region: z.string().nullable(),
    endpointId: z.string().nullable(),
    ok: z.boolean(),
    summary: z.object(Object.fromEntries(statuses.map((status) => [status, z.number().int().nonnegative()]))).strict(),
    findings: z.array(
      z
        .object({
          id: z.string().regex(/^[a-z][a-z0-9-]*(?:\.[a-z0-9-]+)*$/),
          status: z.enum(statuses),
          message: z.string().min(1),
          fix: z.string().min(1).nullable(),
          region: z.string().nullable(),
        })
        .strict()
    ),
  })
  .strict();

type Report = z.infer<typeof reportSchema>;

const reference = await readFile(new URL('../../docs/check-findings.md', import.meta.url), 'utf8');

const sectionOf = (heading: string) => {
  const start = reference.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `docs/check-findings.md has no section ${heading}`);
  const end = reference.indexOf('\n#', start + heading.length + 2);
  return reference.slice(start, end < 0 ? undefined : end);
};

/** Every id in the first column of "What check reports", in the table's order. */
const documentedIdList = sectionOf('## What check reports')
  .split('\n')
  .filter((line) => line.startsWith('| `'))
  .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((match) => match[1] ?? ''));
const documentedIds = new Set(documentedIdList);

describe("docs/check-findings.md's table of findings against the registry", () => {
  test('lists every id of the registry', () => {
    assert.deepEqual(
      findingIds.filter((id) => !documentedIds.has(id)),
      [],
      'in findingRegistry but not in "What check reports" (run `npm run docs:findings`)'
    );
  });

  test('lists no id the registry lacks', () => {
    const registered = new Set<string>(findingIds);
    assert.deepEqual(
      documentedIdList.filter((id) => !registered.has(id)),
      [],
      'in "What check reports" but not in findingRegistry (run `npm run docs:findings`)'
    );
  });

  test("in the registry's order, each once", () => {
    assert.deepEqual(documentedIdList, findingIds);
  });
});

/** The documented example document, which must have the shape too. */
const documentedExample = /```json\n([\s\S]*?)\n```/.exec(sectionOf('## check --json'))?.[1] ?? '';

test("docs/check-findings.md's example document has the documented shape", () => {
  reportSchema.parse(JSON.parse(documentedExample));
});

describe('check --json', { concurrency: true }, () => {
  let ses: SesStub;
  let refusing: SesStub;
  let dns: LocalDnsServer;
  before(async () => {
    ses = await startSesStub({
      account: {
        SendingEnabled: true,
        EnforcementStatus: 'HEALTHY',
        ProductionAccessEnabled: false,
        SendQuota: { Max24HourSend: 200, MaxSendRate: 1, SentLast24Hours: 3 },
        SuppressionAttributes: { SuppressedReasons: ['BOUNCE'] },
        VdmAttributes: { VdmEnabled: 'ENABLED' },
      },
      identities: {
        'example.com': {
          IdentityType: 'DOMAIN',
          VerifiedForSendingStatus: true,
          DkimAttributes: { SigningEnabled: true, Status: 'SUCCESS', Tokens: ['a', 'b', 'c'] },
          MailFromAttributes: {
            MailFromDomain: 'bounce.example.com',
            MailFromDomainStatus: 'FAILED',
            BehaviorOnMxFailure: 'REJECT_MESSAGE',
          },
        },
      },
      configurationSets: ['logto'],
      suppressedDestinations: { 'gone@example.org': { Reason: 'COMPLAINT', LastUpdateTime: 1_768_471_200 } },
      recommendations: [
        {
          ResourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/example.com',
          Type: 'FEEDBACK_3P',
          Description: 'Third-party feedback shows complaints.',
          Status: 'OPEN',
          Impact: 'HIGH',
        },
      ],
    });
    refusing = await startSesStub({ credentials: { [keyId]: { secretAccessKey: 'another-secret' } } });
    dns = await startDnsServer({ records: exampleDns });
  });
  after(async () => {
    await ses.close();
    await refusing.close();
    await dns.close();
  });

  /** Runs `check --json` and parses standard output whole: one document, nothing else. */
  const checkJson = async (args: string[], config: Record<string, unknown>) => {
    const result = await runWithConfig(['check', '--json', '--dns-server', dns.address, ...args], config);
    const report: Report = reportSchema.parse(JSON.parse(result.stdout));
    assert.equal(result.code, report.ok ? 0 : 1, result.stdout + result.stderr);
    assert.equal(report.ok, !report.findings.some(({ status }) => status === 'fail'));
    for (const status of statuses) {
      assert.equal(report.summary[status], report.findings.filter((finding) => finding.status === status).length);
    }
    assert.ok(!result.stdout.includes(secret) && !result.stderr.includes(secret));
    for (const { id } of report.findings) {
      assert.ok(documentedIds.has(id), `docs/check-findings.md's "What check reports" does not list ${id}`);
    }
    return report;
  };

  test('many findings failing, warning and passing: each documented, fails with their fix', async () => {
    const report = await checkJson(
      ['--to', 'gone@example.org', '--code-ttl', '300'],
      configFor(ses.url, { configurationSetName: 'logto' })
    );
    assert.equal(report.ok, false);
    assert.equal(report.source, 'standard input');
    assert.equal(report.region, 'us-east-1');
    assert.equal(report.endpointId, null);
    const byId = new Map(report.findings.map((finding) => [finding.id, finding]));
    for (const id of [
      'account.production-access',
      'suppression.recipient',
      'dkim.records',
      'mail-from',
      'mail-from.mx',
      'mail-from.spf',
      'vdm.feedback-3p',
    ]) {
      assert.equal(byId.get(id)?.status, 'fail', `${id}: ${JSON.stringify(byId.get(id))}`);
      assert.ok(byId.get(id)?.fix, `${id} has no fix`);
    }
    assert.equal(byId.get('delivery-window')?.status, 'warn');
    assert.ok(byId.get('delivery-window')?.fix);
    assert.equal(byId.get('config')?.fix, null);
  });

  test('an invalid config: the document still, with the one failure', async () => {
    const report = await checkJson([], { ...configFor(ses.url), region: 'Frankfurt' });
    assert.deepEqual(
      report.findings.map(({ id, status }) => `${status} ${id}`),
      ['fail config']
    );
    assert.equal(report.region, null);
  });

  test('keys SES refuses: one failure, every later check skipped, all documented', async () => {
    const report = await checkJson(['--to', 'user@example.org'], configFor(refusing.url));
    const notReached = report.findings.filter(({ message }) => message.includes('not checked, as SES did not answer'));
    assert.deepEqual(
      notReached.map(({ id }) => id),
      [
        'sender-identity',
        'configuration-set',
        'suppression.recipient',
        'domain-authentication',
        'delivery-window',
        'vdm',
      ]
    );
  });

  test('--offline: the offline findings only', async () => {
    const report = await checkJson(['--offline'], configFor(ses.url));
    assert.deepEqual(
      report.findings.map(({ id }) => id),
      ['config', 'templates.render', 'sender', 'reply-to', 'region', 'credentials']
    );
  });
});

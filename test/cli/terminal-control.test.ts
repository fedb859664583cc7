/**
 * What `check` quotes from the network (a DNS TXT record, SES's EnforcementStatus, a VDM
 * recommendation's description) cannot drive the terminal: an escape sequence in it shows up
 * written out, not acted on, and a line break in it cannot forge a finding's line. Run in this process against the SES stub and a DNS server on
 * 127.0.0.1 that answer with such sequences.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { configFor } from '../support/fixtures.js';
import { runCli } from '../../src/cli/main.js';
import { capture } from '../support/capture-output.js';
import { startDnsServer, type LocalDnsServer } from '../support/dns-server.js';
import { startSesStub, type SesStub } from '../support/ses-stub.js';

const title = '\x1b]0;pwned\x07';
const clear = '\x1b[2J';
/** A line of its own, as if check had printed it. */
const forged = 'pass             DMARC: p=reject at _dmarc.example.com';
const identityArn = 'arn:aws:ses:us-east-1:123456789012:identity/example.com';

/** Anything a terminal acts on: C0 but LF, DEL, C1, bidi controls. */
// The point is to find control characters.
// eslint-disable-next-line no-control-regex
const rawControl = /[\0-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

let folder: string;
let ses: SesStub;
let dns: LocalDnsServer;
let configPath: string;
before(async () => {
  folder = await mkdtemp(join(tmpdir(), 'logto-ses-terminal-'));
  ses = await startSesStub({
    account: {
      EnforcementStatus: `PROBATION${title}`,
      ProductionAccessEnabled: true,
      SendingEnabled: true,
      SendQuota: { Max24HourSend: 50_000, MaxSendRate: 14, SentLast24Hours: 10 },
      VdmAttributes: { VdmEnabled: 'ENABLED' },
    },
    identities: {
      'example.com': {
        IdentityType: 'DOMAIN',
        VerifiedForSendingStatus: true,
        VerificationStatus: 'SUCCESS',
        DkimAttributes: { SigningEnabled: true, Status: 'SUCCESS', Tokens: [], SigningAttributesOrigin: 'AWS_SES' },
      },
    },
    configurationSets: [],
    recommendations: [
      {
        ResourceArn: identityArn,
        Type: 'DMARC',
        Description: `Fix it${clear} \u202eslaer\u202c now`,
        Status: 'OPEN',
        Impact: 'HIGH',
      },
    ],
  });
  dns = await startDnsServer({
    records: { '_dmarc.example.com': { TXT: [`v=DMARC1; x=${title}${clear}\n${forged}`] } },
  });
  configPath = join(folder, 'config.json');
  await writeFile(configPath, JSON.stringify(configFor(ses.url)));
});
after(async () => {
  await ses.close();
  await dns.close();
  await rm(folder, { recursive: true, force: true });
});

const check = async (...flags: string[]) => {
  const printed = await capture(async () =>
    runCli(['check', '--config', configPath, '--dns-server', dns.address, ...flags])
  );
  return printed;
};

describe("check's output, when the network answers with terminal control sequences", () => {
  test('shows them written out in its lines, one line per finding', async () => {
    const { stdout, stderr } = await check();
    assert.doesNotMatch(stdout + stderr, rawControl);
    const lines = stdout.split('\n');
    for (const expected of [
      'FAIL             enforcement status: PROBATION\\u001b]0;pwned\\u0007.',
      'FAIL             VDM (DMARC): SES recommends for example.com: "Fix it\\u001b[2J \\u202eslaer\\u202c now" (impact HIGH).',
      `FAIL             DMARC: the record at _dmarc.example.com has no valid p= tag ("v=DMARC1; x=\\u001b]0;pwned\\u0007\\u001b[2J\\u000a${forged}"), so receivers ignore it.`,
    ]) {
      assert.ok(
        lines.some((line) => line.startsWith(expected)),
        `no line starts with ${expected}:\n${stdout}`
      );
    }
    assert.ok(!lines.includes(forged), `a record forged a line:\n${stdout}`);
  });

  test('keeps them as JSON escapes in --json, which reads back the values as sent', async () => {
    const { stdout } = await check('--json');
    assert.doesNotMatch(stdout, rawControl);
    const report = JSON.parse(stdout) as { findings: Array<{ id: string; message: string }> };
    const messageOf = (id: string) => report.findings.find((finding) => finding.id === id)?.message;
    assert.equal(messageOf('account.enforcement'), `enforcement status: PROBATION${title}.`);
    assert.match(messageOf('vdm.dmarc') ?? '', new RegExp(`Fix it\\x1b\\[2J \u202eslaer\u202c now`));
  });
});

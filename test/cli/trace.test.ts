/**
 * `logto-ses trace` run in this process against the SES stub's GetMessageInsights: the timeline a
 * delivered, a bounced and a complained email print, in the operator's time zone, the `--json`
 * document held to its documented shape, what it says without VDM or for an unknown MessageId,
 * and a silent SES given up at the config's timeoutMs.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { z } from 'zod';

import { configFor, secret } from '../support/fixtures.js';
import { exitCodes } from '../../src/cli/command.js';
import { runCli } from '../../src/cli/main.js';
import { capture } from '../support/capture-output.js';
import { settlesAtDeadline, within } from '../support/clock.js';
import { startScriptedSes, type ScriptedAnswer } from '../support/scripted-ses.js';
import { startSesStub, type SesStub, type StubOptions } from '../support/ses-stub.js';
import { startSilentServer } from '../support/silent-server.js';
import { runInProcess, type InProcessRun } from '../support/run-in-process.js';

import { runWithConfig } from './cli.js';

const ids = {
  delivered: '0100018c3f1b2a3d-7e9f0c1a-2b3c-4d5e-8f90-123456789abc-000000',
  bounced: '0100018c3f1b2a3d-11111111-2b3c-4d5e-8f90-123456789abc-000000',
  complained: '0100018c3f1b2a3d-22222222-2b3c-4d5e-8f90-123456789abc-000000',
  unknown: '0100018c3f1b2a3d-99999999-2b3c-4d5e-8f90-123456789abc-000000',
};

/** SES's JSON writes timestamps as epoch seconds. */
const at = (iso: string) => Date.parse(iso) / 1000;

const vdmAccount = { SendingEnabled: true, ProductionAccessEnabled: true, VdmAttributes: { VdmEnabled: 'ENABLED' } };

/** An escape sequence (window title, clear screen) and a line break, as a hostile server may write. */
const hostile = '\x1b]0;pwned\x07\x1b[2J\nOK delivered';

const insights: NonNullable<StubOptions['messageInsights']> = {
  [ids.delivered]: {
    FromEmailAddress: 'Logto <noreply@example.com>',
    Subject: 'Your code 123456',
    EmailTags: [{ Name: 'logto-usage-type', Value: 'SignIn' }],
    Insights: [
      {
        Destination: 'user@gmail.com',
        Isp: 'Gmail',
        Events: [
          // Out of order, as nothing promises SES's order: the timeline sorts them.
          { Type: 'DELIVERY', Timestamp: at('2026-01-15T10:00:02.300Z') },
          { Type: 'SEND', Timestamp: at('2026-01-15T10:00:00Z') },
          { Type: 'OPEN', Timestamp: at('2026-01-15T10:01:00Z') },
          { Type: 'CLICK', Timestamp: at('2026-01-15T10:01:05Z') },
          { Type: 'OPEN', Timestamp: at('2026-01-15T10:05:00Z') },
        ],
      },
    ],
  },
  [ids.bounced]: {
    Subject: 'Your code 654321',
    Insights: [
      {
        Destination: 'nobody@example.org',
        Isp: `Example ISP${hostile}`,
        Events: [
          { Type: 'SEND', Timestamp: at('2026-01-15T10:00:00Z') },
          {
            Type: 'BOUNCE',
            Timestamp: at('2026-01-15T10:00:01Z'),
            Details: {
              Bounce: {
                BounceType: 'PERMANENT',
                BounceSubType: 'General',
                DiagnosticCode: `smtp; 550 5.1.1 user unknown${hostile}`,
              },
            },
          },
        ],
      },
    ],
  },
  [ids.complained]: {
    Insights: [
      {
        Destination: 'someone@yahoo.com',
        Isp: 'Yahoo',
        Events: [
          { Type: 'SEND', Timestamp: at('2026-01-15T10:00:00Z') },
          { Type: 'DELIVERY', Timestamp: at('2026-01-15T10:00:03Z') },
          {
            Type: 'COMPLAINT',
            Timestamp: at('2026-01-15T12:00:00Z'),
            Details: { Complaint: { ComplaintFeedbackType: 'abuse' } },
          },
        ],
      },
    ],
  },
};

let folder: string;
let stub: SesStub;
let noVdm: SesStub;
let savedTimeZone: string | undefined;
/** As the operator set it in TZ, which Intl alone would report as Asia/Calcutta. */
const zone = 'Asia/Kolkata';

before(async () => {
  savedTimeZone = process.env.TZ;
  process.env.TZ = 'Asia/Kolkata';
  folder = await mkdtemp(join(tmpdir(), 'logto-ses-trace-'));
  stub = await startSesStub({ account: vdmAccount, messageInsights: insights });
  noVdm = await startSesStub({ messageInsights: insights });
});
after(async () => {
  if (savedTimeZone === undefined) {
    delete process.env.TZ;
  } else {
    process.env.TZ = savedTimeZone;
  }
  await Promise.all([stub.close(), noVdm.close()]);
  await rm(folder, { recursive: true, force: true });
});

let files = 0;
const configFile = async (config: unknown) => {
  files += 1;
  const path = join(folder, `config-${files}.json`);
  await writeFile(path, JSON.stringify(config));
  return path;
};

const trace = async (endpoint: string, ...args: string[]): Promise<InProcessRun> => {
  const path = await configFile(configFor(endpoint));
  const run = await runInProcess(['trace', ...args, '--config', path]);
  assert.doesNotMatch(run.stdout + run.stderr, new RegExp(secret.replaceAll(/[+/]/g, '\\$&')));
  return run;
};

const lines = (text: string) => text.split('\n');

describe('logto-ses trace: the timeline', () => {
  test('a delivered email: each event in local time with its offset, then where and when it arrived', async () => {
    const { code, stdout, stderr } = await trace(stub.url, ids.delivered);
    assert.equal(stderr, '');
    assert.deepEqual(lines(stdout), [
      `Message ${ids.delivered} (times in ${zone})`,
      'From:    Logto <noreply@example.com>',
      'Subject: Your code 123456',
      'Tags:    logto-usage-type=SignIn',
      '',
      'To user@gmail.com (ISP: Gmail)',
      '  2026-01-15 15:30:00 +05:30  sent: SES accepted it and handed it on',
      '  2026-01-15 15:30:02 +05:30  delivered: the receiving server accepted it',
      '  2026-01-15 15:31:00 +05:30  opened',
      '  2026-01-15 15:31:05 +05:30  link clicked',
      '  2026-01-15 15:35:00 +05:30  opened',
      '',
      'Delivered to gmail.com at 2026-01-15 15:30:02 +05:30, 2.3 s after SES sent it; opened 2 times, 1 click.',
      '',
    ]);
    assert.equal(code, exitCodes.success);
    const [request] = stub.requests.filter(({ operation }) => operation === 'GetMessageInsights').slice(-1);
    assert.equal(request?.path, `/v2/email/insights/${ids.delivered}`);
  });

  test('a bounced email: the bounce type, sub-type and diagnostic, escaped, and what to do; exit code 1', async () => {
    const { code, stdout, stderr } = await trace(stub.url, ids.bounced);
    const shown = '\\u001b]0;pwned\\u0007\\u001b[2J\\u000aOK delivered';
    assert.equal(stderr, '');
    assert.deepEqual(lines(stdout), [
      `Message ${ids.bounced} (times in ${zone})`,
      'Subject: Your code 654321',
      '',
      `To nobody@example.org (ISP: Example ISP${shown})`,
      '  2026-01-15 15:30:00 +05:30  sent: SES accepted it and handed it on',
      `  2026-01-15 15:30:01 +05:30  bounced (Permanent, General); diagnostic: smtp; 550 5.1.1 user unknown${shown}`,
      '',
      `Bounced (Permanent, General) at 2026-01-15 15:30:01 +05:30: smtp; 550 5.1.1 user unknown${shown} — the address does not exist; Logto will keep failing for it: remove it or ask the user to fix it.`,
      '',
    ]);
    assert.ok(!stdout.includes('\x1b') && !stdout.includes('\x07'), 'no raw escape or bell');
    assert.equal(code, exitCodes.failure);
  });

  test('a complained email: delivered, then marked as spam, with the feedback type', async () => {
    const { code, stdout } = await trace(stub.url, ids.complained);
    assert.deepEqual(lines(stdout).slice(-4), [
      '  2026-01-15 17:30:00 +05:30  complaint: the recipient marked it as spam; feedback type abuse',
      '',
      "Delivered to yahoo.com at 2026-01-15 15:30:03 +05:30, then marked as spam by the recipient at 2026-01-15 17:30:00 +05:30 (feedback type abuse): SES counts complaints against the account's reputation; make sure the email reads as the code the user asked for.",
      '',
    ]);
    assert.equal(code, exitCodes.success);
  });

  test('--utc shows the same times in UTC', async () => {
    const { stdout } = await trace(stub.url, ids.delivered, '--utc');
    assert.equal(lines(stdout)[0], `Message ${ids.delivered} (times in UTC)`);
    assert.equal(lines(stdout)[6], '  2026-01-15 10:00:00 +00:00  sent: SES accepted it and handed it on');
  });

  test('the built CLI, the config on standard input and TZ in its environment, as an operator runs it', async () => {
    const { code, stdout, stderr } = await runWithConfig(['trace', ids.delivered], configFor(stub.url), {
      TZ: 'America/New_York',
    });
    assert.equal(stderr, '');
    assert.deepEqual(lines(stdout).slice(0, 1).concat(lines(stdout).slice(6, 7)), [
      `Message ${ids.delivered} (times in America/New_York)`,
      '  2026-01-15 05:00:00 -05:00  sent: SES accepted it and handed it on',
    ]);
    assert.equal(code, exitCodes.success);
  });

  test("the email's Message-ID header, as a user forwards it, traces the same message", async () => {
    const { code, stdout } = await trace(stub.url, `<${ids.delivered}@email.amazonses.com>`);
    assert.equal(lines(stdout)[0], `Message ${ids.delivered} (times in ${zone})`);
    assert.equal(code, exitCodes.success);
  });
});

const event = z
  .object({
    type: z.string(),
    time: z.string().datetime().nullable(),
    localTime: z
      .string()
      .regex(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d\d:\d\d$/)
      .nullable(),
    bounce: z
      .object({ type: z.string().nullable(), subType: z.string().nullable(), diagnosticCode: z.string().nullable() })
      .strict()
      .optional(),
    complaint: z.object({ subType: z.string().nullable(), feedbackType: z.string().nullable() }).strict().optional(),
  })
  .strict();

const outcomeStatus = z.enum([
  'rejected',
  'rendering failed',
  'bounced',
  'complained',
  'delivered',
  'delayed',
  'sent',
  'no events',
]);

/** The documented shape of `trace --json`. */
const traceJson = z.discriminatedUnion('result', [
  z
    .object({
      result: z.literal('found'),
      messageId: z.string(),
      timeZone: z.string(),
      from: z.string().nullable(),
      subject: z.string().nullable(),
      tags: z.array(z.object({ name: z.string(), value: z.string() }).strict()),
      recipients: z.array(
        z
          .object({
            destination: z.string().nullable(),
            isp: z.string().nullable(),
            events: z.array(event),
            outcome: z.object({ status: outcomeStatus, text: z.string() }).strict(),
          })
          .strict()
      ),
      failed: z.boolean(),
    })
    .strict(),
  ...(['vdm-not-enabled', 'unknown-message', 'refused', 'failed'] as const).map((result) =>
    z
      .object({
        result: z.literal(result),
        messageId: z.string(),
        region: z.string(),
        text: z.string(),
        sesMessage: z.string().optional(),
      })
      .strict()
  ),
] as [z.ZodDiscriminatedUnionOption<'result'>, ...Array<z.ZodDiscriminatedUnionOption<'result'>>]);

const parsed = (stdout: string) => traceJson.parse(JSON.parse(stdout));

describe('logto-ses trace --json', () => {
  test('a delivered email: one document of the documented shape, times in ISO and local time', async () => {
    const { code, stdout, stderr } = await trace(stub.url, ids.delivered, '--json');
    assert.equal(stderr, '');
    const document = parsed(stdout);
    assert.equal(code, exitCodes.success);
    assert.deepEqual(document, {
      result: 'found',
      messageId: ids.delivered,
      timeZone: zone,
      from: 'Logto <noreply@example.com>',
      subject: 'Your code 123456',
      tags: [{ name: 'logto-usage-type', value: 'SignIn' }],
      recipients: [
        {
          destination: 'user@gmail.com',
          isp: 'Gmail',
          events: [
            { type: 'SEND', time: '2026-01-15T10:00:00.000Z', localTime: '2026-01-15 15:30:00 +05:30' },
            { type: 'DELIVERY', time: '2026-01-15T10:00:02.300Z', localTime: '2026-01-15 15:30:02 +05:30' },
            { type: 'OPEN', time: '2026-01-15T10:01:00.000Z', localTime: '2026-01-15 15:31:00 +05:30' },
            { type: 'CLICK', time: '2026-01-15T10:01:05.000Z', localTime: '2026-01-15 15:31:05 +05:30' },
            { type: 'OPEN', time: '2026-01-15T10:05:00.000Z', localTime: '2026-01-15 15:35:00 +05:30' },
          ],
          outcome: {
            status: 'delivered',
            text: 'Delivered to gmail.com at 2026-01-15 15:30:02 +05:30, 2.3 s after SES sent it; opened 2 times, 1 click.',
          },
        },
      ],
      failed: false,
    });
  });

  test('a bounced email: the bounce as SES sent it, its escape sequence a JSON escape; exit code 1', async () => {
    const { code, stdout } = await trace(stub.url, ids.bounced, '--json');
    assert.ok(!stdout.includes('\x1b') && !stdout.includes('\x07'), 'no raw escape or bell');
    const document = parsed(stdout);
    assert.equal(document.result, 'found');
    const [recipient] = (document as { recipients: Array<Record<string, unknown>> }).recipients;
    const events = recipient?.events as Array<Record<string, unknown>>;
    assert.deepEqual(events[1]?.bounce, {
      type: 'PERMANENT',
      subType: 'General',
      diagnosticCode: `smtp; 550 5.1.1 user unknown${hostile}`,
    });
    assert.equal((recipient?.outcome as { status: string }).status, 'bounced');
    assert.equal((document as { failed: boolean }).failed, true);
    assert.equal(code, exitCodes.failure);
  });

  test('without VDM: the same advice as the text, in the document; exit code 1', async () => {
    const { code, stdout } = await trace(noVdm.url, ids.delivered, '--json');
    const document = parsed(stdout);
    assert.equal(document.result, 'vdm-not-enabled');
    assert.equal((document as { region: string }).region, 'us-east-1');
    assert.match((document as { text: string }).text, /put-account-vdm-attributes/);
    assert.equal(code, exitCodes.failure);
  });
});

describe('logto-ses trace: when SES has no timeline', () => {
  test('without VDM: how to enable it, what it costs, and check --to meanwhile', async () => {
    noVdm.reset();
    const { code, stdout, stderr } = await trace(noVdm.url, ids.delivered);
    // SES's own words said it: no second call to ask the account.
    assert.deepEqual(
      noVdm.requests.map(({ operation }) => operation),
      ['GetMessageInsights']
    );
    assert.equal(stdout, '');
    assert.deepEqual(lines(stderr), [
      `SES has no insights for message ${ids.delivered}: Virtual Deliverability Manager (VDM) is not enabled for the account in us-east-1 (SES: "Virtual Deliverability Manager (VDM) is not enabled for this account.").`,
      'Enable it with: aws sesv2 put-account-vdm-attributes --region us-east-1 --vdm-attributes VdmEnabled=ENABLED',
      '  or in the SES console: Virtual Deliverability Manager, then enable it on its Settings page.',
      '  Opens and clicks also need engagement tracking: --vdm-attributes VdmEnabled=ENABLED,DashboardAttributes={EngagementMetrics=ENABLED}',
      'VDM is charged per 1,000 emails sent (see SES pricing: https://aws.amazon.com/ses/pricing/), and shows only emails sent after it was enabled.',
      'Meanwhile, logto-ses check --to ADDRESS says whether the address is on the suppression list and whether the sender is set up for codes to arrive.',
      '',
    ]);
    assert.equal(code, exitCodes.failure);
  });

  test('an unknown MessageId: SES has no such message in the region, and where else to look', async () => {
    const { code, stdout, stderr } = await trace(stub.url, ids.unknown);
    assert.equal(stdout, '');
    assert.deepEqual(lines(stderr), [
      `SES has no message ${ids.unknown} in us-east-1 (SES: "Message ${ids.unknown} not found.").`,
      'Check the id: send prints it as "MessageId: …". SES shows a message only in the region that sent it, only if VDM was on when it was sent, and only for a limited time.',
      'Meanwhile, logto-ses check --to ADDRESS says whether the address is on the suppression list and whether the sender is set up for codes to arrive.',
      '',
    ]);
    assert.equal(code, exitCodes.failure);
  });

  test('a MessageId that cannot be one is a usage error, before any call to SES', async () => {
    const before = stub.counts.requests;
    const { code, stderr } = await trace(stub.url, 'my-code-never-came');
    assert.equal(
      stderr,
      'MESSAGE_ID must be an SES MessageId, hex groups joined by hyphens such as 0100018c3f1b2a3d-7e9f0c1a-2b3c-4d5e-8f90-123456789abc-000000; got "my-code-never-came".\nRun "logto-ses trace --help" for its flags.\n'
    );
    assert.equal(code, exitCodes.usage);
    assert.equal(stub.counts.requests, before);
  });

  test('an invalid config fails naming its field, before any call to SES', async () => {
    const before = stub.counts.requests;
    const path = await configFile(configFor(stub.url, { region: 'nowhere!' }));
    const { code, stdout, stderr } = await runInProcess(['trace', ids.delivered, '--config', path]);
    assert.equal(stdout, '');
    assert.match(
      stderr,
      /^logto-ses trace failed: Invalid AWS SES connector config: region must be an AWS region code/
    );
    assert.equal(code, exitCodes.failure);
    assert.equal(stub.counts.requests, before);
  });

  test('no MessageId, or two, are usage errors too', async () => {
    assert.equal((await trace(stub.url)).code, exitCodes.usage);
    assert.equal((await trace(stub.url, ids.delivered, ids.bounced)).code, exitCodes.usage);
  });

  test('an endpoint without GetMessageInsights (a local SES) says so', async () => {
    const local = await startSesStub({ unsupported: ['GetMessageInsights'] });
    try {
      const { code, stderr } = await trace(local.url, ids.delivered);
      assert.match(
        stderr,
        /^Reading message \S+ from SES failed: the endpoint http:\/\/127\.0\.0\.1:\d+ does not support GetMessageInsights/
      );
      assert.equal(code, exitCodes.failure);
    } finally {
      await local.close();
    }
  });
});

describe("logto-ses trace: SES's refusals, whatever their wording", () => {
  /** GetMessageInsights refused with `refusal`; GetAccount answers `account`. */
  const scripted = async (refusal: ScriptedAnswer, account: Record<string, unknown> = {}) =>
    startScriptedSes((request) =>
      request.url?.startsWith('/v2/email/insights/') ? refusal : { status: 200, body: account }
    );

  test('a NotFoundException that does not mention VDM, from an account without VDM: how to enable it', async () => {
    const ses = await scripted(
      { status: 404, errorType: 'NotFoundException', body: { message: 'Resource not found.' } },
      { VdmAttributes: { VdmEnabled: 'DISABLED' } }
    );
    try {
      const { code, stderr } = await trace(ses.url, ids.delivered);
      assert.equal(
        lines(stderr)[0],
        `SES has no insights for message ${ids.delivered}: Virtual Deliverability Manager (VDM) is not enabled for the account in us-east-1 (SES: "Resource not found.").`
      );
      assert.deepEqual(ses.received, [`GET /v2/email/insights/${ids.delivered}`, 'GET /v2/email/account']);
      assert.equal(code, exitCodes.failure);
    } finally {
      await ses.close();
    }
  });

  test('a BadRequestException from an account with VDM: SES refused, in its words, a line break escaped', async () => {
    const ses = await scripted(
      { status: 400, errorType: 'BadRequestException', body: { message: 'Invalid MessageId.\nFAKE: delivered' } },
      { VdmAttributes: { VdmEnabled: 'ENABLED' } }
    );
    try {
      const { code, stderr } = await trace(ses.url, ids.delivered);
      assert.equal(
        lines(stderr)[0],
        `SES refused to show message ${ids.delivered} in us-east-1 (SES: "Invalid MessageId.\\u000aFAKE: delivered").`
      );
      assert.equal(code, exitCodes.failure);
    } finally {
      await ses.close();
    }
  });

  test('a secret SES echoes back is redacted, in the lines and in --json', async () => {
    const ses = await scripted(
      { status: 404, errorType: 'NotFoundException', body: { message: `No message for key ${secret}.` } },
      { VdmAttributes: { VdmEnabled: 'ENABLED' } }
    );
    try {
      const text = await trace(ses.url, ids.delivered);
      assert.equal(
        lines(text.stderr)[0],
        `SES has no message ${ids.delivered} in us-east-1 (SES: "No message for key [redacted].").`
      );
      const json = await trace(ses.url, ids.delivered, '--json');
      assert.equal((parsed(json.stdout) as { sesMessage?: string }).sesMessage, 'No message for key [redacted].');
    } finally {
      await ses.close();
    }
  });

  test('credentials that may not read insights: which permission trace needs', async () => {
    const ses = await scripted({
      status: 403,
      errorType: 'AccessDeniedException',
      body: { message: 'not authorized' },
    });
    try {
      const { code, stderr } = await trace(ses.url, ids.delivered);
      assert.equal(
        stderr,
        `Reading message ${ids.delivered} from SES failed: these credentials may not call ses:GetMessageInsights: grant it (and ses:GetAccount, which trace asks whether VDM is on) to this IAM user or role; sending needs neither.\n`
      );
      assert.equal(code, exitCodes.failure);
    } finally {
      await ses.close();
    }
  });
});

describe('logto-ses trace: deadlines', () => {
  test("a silent SES is given up at the config's timeoutMs, not a moment earlier, and its connection closed", async (t) => {
    const silent = await startSilentServer();
    try {
      const path = await configFile(configFor(silent.url, { timeoutMs: 700 }));
      let code = -1;
      const printed = await capture(async () => {
        const { outcome } = await settlesAtDeadline(
          t,
          700,
          async () => runCli(['trace', ids.delivered, '--config', path]),
          () => silent.accepted() === 1
        );
        code = await outcome;
      });
      assert.equal(code, exitCodes.failure);
      assert.equal(printed.stdout, '');
      assert.match(printed.stderr, /^Reading message \S+ from SES failed: .*within 700 ms/);
      await within(silent.allEnded(), 'the connection to the silent SES closing');
    } finally {
      await silent.close();
    }
  });
});

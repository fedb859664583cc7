/**
 * `logto-ses check`'s answers to "SES accepted the code email and it never arrived", against the
 * local SES stub and a local DNS server that present each cause alone: a suppressed recipient,
 * missing or misaligned domain authentication, a broken custom MAIL FROM domain, a delivery
 * window longer than the code lifetime, and VDM's recommendations. A healthy set-up passes all.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { startDnsServer, type DnsTable, type DnsServerOptions } from '../support/dns-server.js';
import { configFor } from '../support/fixtures.js';
import { startSesStub, type StubOptions } from '../support/ses-stub.js';

import { runWithConfig, type CliResult } from './cli.js';

const tokens = ['tokenone', 'tokentwo', 'tokenthree'];
const identityArn = 'arn:aws:ses:us-east-1:123456789012:identity/example.com';
const january15 = Date.parse('2026-01-15T10:00:00Z') / 1000;

const domainIdentity = {
  IdentityType: 'DOMAIN',
  VerifiedForSendingStatus: true,
  VerificationStatus: 'SUCCESS',
  DkimAttributes: { SigningEnabled: true, Status: 'SUCCESS', Tokens: tokens, SigningAttributesOrigin: 'AWS_SES' },
  MailFromAttributes: {
    MailFromDomain: 'bounce.example.com',
    MailFromDomainStatus: 'SUCCESS',
    BehaviorOnMxFailure: 'USE_DEFAULT_VALUE',
  },
};

const account = {
  EnforcementStatus: 'HEALTHY',
  ProductionAccessEnabled: true,
  SendingEnabled: true,
  SendQuota: { Max24HourSend: 50_000, MaxSendRate: 14, SentLast24Hours: 10 },
  SuppressionAttributes: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
  VdmAttributes: { VdmEnabled: 'ENABLED' },
};

/** The domain verified with Easy DKIM and a custom MAIL FROM, a 10-minute delivery window, VDM on. */
const healthyStub: StubOptions = {
  account,
  identities: { 'example.com': domainIdentity },
  configurationSets: [
    {
      ConfigurationSetName: 'logto',
      DeliveryOptions: { TlsPolicy: 'REQUIRE', MaxDeliverySeconds: 600 },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE'] },
    },
  ],
  suppressedDestinations: {},
  recommendations: [],
};

const healthyDns: DnsTable = {
  '_dmarc.example.com': { TXT: ['v=DMARC1; p=reject; rua=mailto:dmarc@example.com'] },
  ...Object.fromEntries(
    tokens.map((token) => [`${token}._domainkey.example.com`, { CNAME: `${token}.dkim.amazonses.com` }])
  ),
  'bounce.example.com': {
    MX: [{ exchange: 'feedback-smtp.us-east-1.amazonses.com', priority: 10 }],
    TXT: ['v=spf1 include:amazonses.com ~all'],
  },
};

type Report = {
  ok: boolean;
  findings: Array<{ id: string; status: string; message: string; fix: string | null }>;
};

type Run = { result: CliResult; report: Report; queries: string[] };

const checkWith = async ({
  stub = healthyStub,
  dns = { records: healthyDns },
  args = ['--to', 'user@example.org'],
  config = {},
}: {
  stub?: StubOptions;
  dns?: DnsServerOptions;
  args?: string[];
  config?: Record<string, unknown>;
}): Promise<Run> => {
  const ses = await startSesStub(stub);
  const server = await startDnsServer(dns);
  try {
    const result = await runWithConfig(
      ['check', '--json', '--dns-server', server.address, ...args],
      configFor(ses.url, { configurationSetName: 'logto', replyTo: 'help@example.com', ...config })
    );
    return { result, report: JSON.parse(result.stdout) as Report, queries: server.queries };
  } finally {
    await ses.close();
    await server.close();
  }
};

/** Every finding that is not a pass, as "status id". */
const notPassing = ({ findings }: Report) =>
  findings.filter(({ status }) => status !== 'pass').map(({ status, id }) => `${status} ${id}`);

const finding = (report: Report, id: string) => {
  const found = report.findings.find((candidate) => candidate.id === id);
  assert.ok(found, `no finding ${id} in ${JSON.stringify(report.findings, undefined, 2)}`);
  return found;
};

test('a healthy set-up passes every check, the deliverability ones included', async () => {
  const { result, report } = await checkWith({});
  assert.equal(result.code, 0, result.stdout + result.stderr);
  assert.deepEqual(notPassing(report), []);
  const messages = report.findings.map(({ message }) => message);
  for (const expected of [
    "suppression list: user@example.org is not on the account's suppression list in us-east-1",
    'suppression list (account): SES adds an address after a hard bounce or a complaint',
    "suppression list (configuration set logto): overrides the account's: SES adds an address after a hard bounce",
    "DKIM records: the 3 CNAMEs under _domainkey.example.com point to SES's keys",
    'DMARC: p=reject at _dmarc.example.com',
    'DMARC alignment: SES signs with DKIM as example.com, aligned with the From domain example.com',
    'MAIL FROM: bounce.example.com is set up for example.com (status SUCCESS)',
    'MAIL FROM MX: bounce.example.com has MX feedback-smtp.us-east-1.amazonses.com',
    'MAIL FROM SPF: bounce.example.com has "v=spf1 include:amazonses.com ~all"',
    'delivery window: SES gives up after 10 min; the code expires after 10 min (--code-ttl 600)',
    'VDM: no open recommendations for noreply@example.com or example.com',
  ]) {
    assert.ok(messages.includes(expected), `no finding says ${expected}:\n${messages.join('\n')}`);
  }
});

type Cause = {
  name: string;
  stub?: StubOptions;
  dns?: DnsTable;
  args?: string[];
  /** Exactly the findings that do not pass, as "status id". */
  notPassing: string[];
  /** The message (and fix) of the first of them. */
  message: RegExp;
  fix?: RegExp;
};

const withIdentity = (changes: Record<string, unknown>): StubOptions => ({
  ...healthyStub,
  identities: { 'example.com': { ...domainIdentity, ...changes } },
});

const withoutDns = (...names: string[]): DnsTable =>
  Object.fromEntries(Object.entries(healthyDns).filter(([name]) => !names.includes(name)));

const causes: Cause[] = [
  {
    name: 'the recipient is on the suppression list after a bounce',
    stub: {
      ...healthyStub,
      suppressedDestinations: {
        'user@example.org': { Reason: 'BOUNCE', LastUpdateTime: january15, Attributes: { MessageId: 'bounced-1' } },
      },
    },
    notPassing: ['fail suppression.recipient'],
    message:
      /^suppression list: user@example\.org is on the account's suppression list in us-east-1 since 2026-01-15T10:00:00Z, after a hard bounce .* to message bounced-1; SES accepts mail to it and drops it\.$/,
    fix: /^make sure the address exists .*aws sesv2 delete-suppressed-destination --email-address user@example\.org --region us-east-1\.$/,
  },
  {
    name: 'the recipient is on the suppression list after a complaint',
    stub: {
      ...healthyStub,
      suppressedDestinations: { 'user@example.org': { Reason: 'COMPLAINT', LastUpdateTime: january15 } },
    },
    notPassing: ['fail suppression.recipient'],
    message: /after a complaint \(the recipient marked a mail as spam\); SES accepts mail to it and drops it\.$/,
    fix: /^remove it from the list only if the user asks for mail again/,
  },
  {
    name: 'no DMARC record at the domain nor above it',
    dns: withoutDns('_dmarc.example.com'),
    notPassing: ['fail dmarc.record'],
    message:
      /^DMARC: no v=DMARC1 record at _dmarc\.example\.com; Gmail and Yahoo junk or refuse bulk mail from a domain without one\.$/,
    fix: /^publish a TXT record at _dmarc\.example\.com: "v=DMARC1; p=none; rua=mailto:dmarc-reports@example\.com"/,
  },
  {
    name: 'DKIM misaligned: only the address is an identity, so SES signs as amazonses.com',
    stub: {
      ...healthyStub,
      identities: {
        'noreply@example.com': {
          IdentityType: 'EMAIL_ADDRESS',
          VerifiedForSendingStatus: true,
          VerificationStatus: 'SUCCESS',
          DkimAttributes: { SigningEnabled: false, Status: 'NOT_STARTED' },
        },
      },
    },
    notPassing: ['fail dkim', 'skip dkim.records', 'fail dmarc.alignment', 'skip mail-from'],
    message: /^DKIM: not set up for noreply@example\.com \(status NOT_STARTED\)\./,
  },
  {
    name: 'DKIM misaligned: signing turned off for the domain, while a custom MAIL FROM keeps SPF aligned',
    stub: withIdentity({
      DkimAttributes: { ...domainIdentity.DkimAttributes, SigningEnabled: false },
    }),
    notPassing: ['fail dkim', 'warn dmarc.alignment'],
    message: /^DKIM: signing is disabled for example\.com\.$/,
  },
  {
    name: 'the DKIM CNAME records are missing or point elsewhere',
    dns: {
      ...withoutDns('tokenone._domainkey.example.com'),
      'tokentwo._domainkey.example.com': { CNAME: 'tokentwo.dkim.example.net' },
    },
    notPassing: ['fail dkim.records'],
    message:
      /^DKIM records: tokenone\._domainkey\.example\.com has no CNAME; tokentwo\._domainkey\.example\.com points to tokentwo\.dkim\.example\.net, not tokentwo\.dkim\.amazonses\.com; receivers then find no key and DKIM fails\.$/,
    fix: /tokenone\._domainkey\.example\.com CNAME tokenone\.dkim\.amazonses\.com/,
  },
  {
    name: 'the custom MAIL FROM domain is unverified and SES rejects on MX failure',
    stub: withIdentity({
      MailFromAttributes: {
        MailFromDomain: 'bounce.example.com',
        MailFromDomainStatus: 'FAILED',
        BehaviorOnMxFailure: 'REJECT_MESSAGE',
      },
    }),
    dns: withoutDns('bounce.example.com'),
    notPassing: ['fail mail-from', 'fail mail-from.mx', 'fail mail-from.spf'],
    message:
      /^MAIL FROM: bounce\.example\.com is not verified \(status FAILED\), and on MX failure SES rejects the message: every send fails with MailFromDomainNotVerified\.$/,
    fix: /publish the MX record feedback-smtp\.us-east-1\.amazonses\.com .*"Behavior on MX failure"/,
  },
  {
    name: 'the custom MAIL FROM domain is pending, SES falls back to its own',
    stub: withIdentity({
      MailFromAttributes: {
        MailFromDomain: 'bounce.example.com',
        MailFromDomainStatus: 'PENDING',
        BehaviorOnMxFailure: 'USE_DEFAULT_VALUE',
      },
    }),
    notPassing: ['warn mail-from'],
    message: /^MAIL FROM: bounce\.example\.com is not verified \(status PENDING\); SES sends with its own MAIL FROM/,
  },
  {
    name: "the MAIL FROM domain's MX record is missing",
    dns: { ...healthyDns, 'bounce.example.com': { TXT: ['v=spf1 include:amazonses.com ~all'] } },
    notPassing: ['fail mail-from.mx'],
    message: /^MAIL FROM MX: bounce\.example\.com has no MX record, so SES cannot use it\.$/,
    fix: /^publish an MX record at bounce\.example\.com: 10 feedback-smtp\.us-east-1\.amazonses\.com\.$/,
  },
  {
    name: "the MAIL FROM domain's SPF record does not allow SES",
    dns: {
      ...healthyDns,
      'bounce.example.com': {
        MX: [{ exchange: 'feedback-smtp.us-east-1.amazonses.com' }],
        TXT: ['google-site-verification=abc', 'v=spf1 include:_spf.google.com -all'],
      },
    },
    notPassing: ['fail mail-from.spf'],
    message:
      /^MAIL FROM SPF: the SPF record of bounce\.example\.com \("v=spf1 include:_spf\.google\.com -all"\) does not include amazonses\.com/,
  },
  {
    name: "the MAIL FROM domain's SPF record is missing",
    dns: {
      ...healthyDns,
      'bounce.example.com': { MX: [{ exchange: 'feedback-smtp.us-east-1.amazonses.com' }] },
    },
    notPassing: ['fail mail-from.spf'],
    message: /^MAIL FROM SPF: bounce\.example\.com has no SPF record/,
    fix: /^publish a TXT record at bounce\.example\.com: "v=spf1 include:amazonses\.com ~all"\.$/,
  },
  {
    name: 'SES may deliver for an hour, the code is valid for 10 minutes',
    stub: {
      ...healthyStub,
      configurationSets: [{ ConfigurationSetName: 'logto', DeliveryOptions: { MaxDeliverySeconds: 3600 } }],
    },
    notPassing: ['warn delivery-window'],
    message:
      /^delivery window: configuration set logto lets SES retry a deferred mail for up to 1 hour; the code expires after 10 min \(--code-ttl 600\), so a late code arrives dead\.$/,
    fix: /--configuration-set-name logto --max-delivery-seconds 600\)\.$/,
  },
  {
    name: 'a configuration set without MaxDeliverySeconds: SES retries for 14 hours',
    stub: { ...healthyStub, configurationSets: ['logto'] },
    args: ['--to', 'user@example.org', '--code-ttl', '900'],
    notPassing: ['warn delivery-window'],
    message: /up to 14 hours \(no MaxDeliverySeconds\); the code expires after 15 min \(--code-ttl 900\)/,
  },
  {
    name: 'VDM recommends DMARC and BIMI for the domain; another identity and fixed ones are left out',
    stub: {
      ...healthyStub,
      recommendations: [
        {
          ResourceArn: identityArn,
          Type: 'DMARC',
          Description: 'Your domain has no DMARC policy that quarantines or rejects.',
          Status: 'OPEN',
          Impact: 'HIGH',
          CreatedTimestamp: january15,
        },
        {
          ResourceArn: identityArn,
          Type: 'BIMI',
          Description: 'Publish a BIMI record.',
          Status: 'OPEN',
          Impact: 'LOW',
        },
        { ResourceArn: identityArn, Type: 'SPF', Description: 'Fixed already.', Status: 'FIXED', Impact: 'HIGH' },
        {
          ResourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/other.example',
          Type: 'DKIM',
          Description: 'Not the sender.',
          Status: 'OPEN',
          Impact: 'HIGH',
        },
      ],
    },
    notPassing: ['fail vdm.dmarc', 'warn vdm.bimi'],
    message:
      /^VDM \(DMARC\): SES recommends for example\.com: "Your domain has no DMARC policy that quarantines or rejects\." \(impact HIGH, open since 2026-01-15\)\.$/,
  },
  {
    name: "VDM's recommendation for the sender on its second page",
    stub: {
      ...healthyStub,
      recommendations: [
        ...Array.from({ length: 100 }, (_, index) => ({
          ResourceArn: `arn:aws:ses:us-east-1:123456789012:identity/other${index}.example`,
          Type: 'DKIM',
          Description: 'Not the sender.',
          Status: 'OPEN',
          Impact: 'HIGH',
        })),
        {
          ResourceArn: identityArn,
          Type: 'COMPLAINT',
          Description: 'Complaint rate high.',
          Status: 'OPEN',
          Impact: 'HIGH',
        },
      ],
    },
    notPassing: ['fail vdm.complaint'],
    message: /^VDM \(COMPLAINT\): SES recommends for example\.com: "Complaint rate high\."/,
  },
  {
    name: 'an account without VDM: could not check, no failure',
    stub: { ...healthyStub, account: { ...account, VdmAttributes: { VdmEnabled: 'DISABLED' } } },
    notPassing: ['could not check vdm'],
    message: /^VDM: Virtual Deliverability Manager is not enabled for the account in us-east-1/,
  },
];

describe('each cause of a lost code, alone', { concurrency: 4 }, () => {
  for (const cause of causes) {
    test(cause.name, async () => {
      const { result, report } = await checkWith({
        ...(cause.stub && { stub: cause.stub }),
        ...(cause.dns && { dns: { records: cause.dns } }),
        ...(cause.args && { args: cause.args }),
      });
      assert.deepEqual(notPassing(report), cause.notPassing, result.stdout);
      const failed = cause.notPassing.some((entry) => entry.startsWith('fail '));
      assert.equal(result.code, failed ? 1 : 0, result.stdout + result.stderr);
      assert.equal(report.ok, !failed);
      const [first] = cause.notPassing;
      const { message, fix } = finding(report, first?.split(' ').at(-1) ?? '');
      assert.match(message, cause.message);
      if (cause.fix) {
        assert.match(fix ?? '', cause.fix);
      }
    });
  }
});

test('a DMARC record at the organizational domain applies to a subdomain sender, with its sp= policy', async () => {
  const { report } = await checkWith({
    stub: { ...healthyStub, identities: { 'mail.example.com': { ...domainIdentity, MailFromAttributes: undefined } } },
    dns: {
      records: {
        '_dmarc.example.com': { TXT: ['v=DMARC1; p=reject; sp=quarantine'] },
        ...Object.fromEntries(
          tokens.map((token) => [`${token}._domainkey.mail.example.com`, { CNAME: `${token}.dkim.amazonses.com` }])
        ),
      },
    },
    config: { emailAddress: 'Logto <noreply@mail.example.com>' },
  });
  assert.equal(
    finding(report, 'dmarc.record').message,
    "DMARC: p=quarantine at _dmarc.example.com, the organizational domain's record for mail.example.com"
  );
  assert.equal(finding(report, 'dmarc.alignment').status, 'pass');
  assert.equal(finding(report, 'dkim.records').status, 'pass');
});

test('a DNS server that never answers: could not check, within the deadline, and no failure', async () => {
  const timeoutMs = 1000;
  const started = performance.now();
  const { result, report, queries } = await checkWith({ dns: { mode: 'silent' }, config: { timeoutMs } });
  const elapsed = performance.now() - started;
  assert.equal(result.code, 0, result.stdout);
  assert.ok(queries.length > 0, 'the DNS server was asked');
  const unanswered = report.findings.filter(({ status }) => status === 'could not check');
  assert.deepEqual(
    unanswered.map(({ id }) => id),
    ['dkim.records', 'dmarc.record', 'mail-from.mx', 'mail-from.spf']
  );
  for (const { message } of unanswered) {
    assert.match(message, /: the DNS server 127\.0\.0\.1:\d+ did not answer within 1000 ms$/);
  }
  // One deadline for all DNS queries (they run at once, and none is sent after one went
  // unanswered), plus the CLI's start-up and the stubbed SES calls.
  assert.ok(elapsed < timeoutMs + 4000, `check took ${Math.round(elapsed)} ms`);
});

test('read-only: the new calls are reads, nothing is sent', async () => {
  const ses = await startSesStub(healthyStub);
  const dns = await startDnsServer({ records: healthyDns });
  try {
    const result = await runWithConfig(
      ['check', '--dns-server', dns.address, '--to', 'user@example.org'],
      configFor(ses.url, { configurationSetName: 'logto' })
    );
    assert.equal(result.code, 0, result.stdout);
    assert.deepEqual([...new Set(ses.requests.map(({ operation }) => operation))].sort(), [
      'GetAccount',
      'GetConfigurationSet',
      'GetEmailIdentity',
      'GetSuppressedDestination',
      'ListRecommendations',
    ]);
    assert.equal(ses.counts.sendEmail, 0);
    // Each answer is read once: the deliverability checks reuse what the first calls returned.
    assert.equal(ses.requests.filter(({ operation }) => operation === 'GetAccount').length, 1);
    assert.equal(ses.requests.filter(({ operation }) => operation === 'GetConfigurationSet').length, 1);
  } finally {
    await ses.close();
    await dns.close();
  }
});

describe('bad flags name the flag, and nothing is tried', { concurrency: true }, () => {
  const cases: Array<{ args: string[]; message: RegExp }> = [
    { args: ['--to', 'not-an-address'], message: /^--to "not-an-address" is not an email address/m },
    {
      args: ['--to', 'Name <a@example.com>'],
      message: /^--to .* give one bare address, such as user@example\.com\.$/m,
    },
    { args: ['--code-ttl', '59'], message: /^--code-ttl must be whole seconds from 60 to 3600, .*; got "59"\.$/m },
    { args: ['--code-ttl', '3601'], message: /^--code-ttl must be whole seconds from 60 to 3600/m },
    { args: ['--code-ttl', '6e2'], message: /^--code-ttl must be whole seconds/m },
    { args: ['--dns-server', 'localhost'], message: /^--dns-server must be an IP address .*; got "localhost"\.$/m },
    { args: ['--dns-server', '127.0.0.1:0'], message: /^--dns-server must be an IP address/m },
    { args: ['--dns-server', '127.0.0.1:65536'], message: /^--dns-server must be an IP address/m },
  ];
  for (const { args, message } of cases) {
    test(args.join(' '), async () => {
      const ses = await startSesStub(healthyStub);
      try {
        const result = await runWithConfig(['check', ...args], configFor(ses.url));
        assert.equal(result.code, 2, result.stdout + result.stderr);
        assert.match(result.stderr, message);
        assert.equal(ses.counts.requests, 0);
      } finally {
        await ses.close();
      }
    });
  }
});

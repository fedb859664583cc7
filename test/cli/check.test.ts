/**
 * `logto-ses check` against a local SES stub that presents each failure in turn, and offline.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { startDnsServer, type LocalDnsServer } from '../support/dns-server.js';
import { configFor, genericTemplate, keyId } from '../support/fixtures.js';
import { startSesStub, type StubOptions } from '../support/ses-stub.js';

import { exampleDns, linesWith, runWithConfig } from './cli.js';

let dns: LocalDnsServer;
before(async () => {
  dns = await startDnsServer({ records: exampleDns });
});
after(async () => {
  await dns.close();
});

const verified = (IdentityType: 'EMAIL_ADDRESS' | 'DOMAIN', dkimStatus = 'SUCCESS') => ({
  IdentityType,
  VerifiedForSendingStatus: true,
  VerificationStatus: 'SUCCESS',
  DkimAttributes: { SigningEnabled: true, Status: dkimStatus },
});

const healthyAccount = {
  EnforcementStatus: 'HEALTHY',
  ProductionAccessEnabled: true,
  SendingEnabled: true,
  SendQuota: { Max24HourSend: 50_000, MaxSendRate: 14, SentLast24Hours: 1234 },
};

/** Everything in order: the sender's domain verified with DKIM, the configuration set there. */
const healthy: StubOptions = {
  account: healthyAccount,
  identities: { 'example.com': verified('DOMAIN') },
  configurationSets: ['logto'],
};

type Case = {
  name: string;
  stub: StubOptions;
  config?: Record<string, unknown>;
  exitCode: 0 | 1;
  /** Each must be a line of the output, status first. */
  lines: RegExp[];
};

const cases: Case[] = [
  {
    name: 'a healthy setup passes every check',
    stub: healthy,
    exitCode: 0,
    lines: [
      /^pass +sending: enabled for the account in us-east-1$/,
      /^pass +enforcement status: HEALTHY$/,
      /^pass +production access: yes/,
      /^pass +24-hour quota: 1,234 of 50,000 emails used$/,
      /^pass +max send rate: 14 emails per second$/,
      /^pass +sender identity: domain example\.com is verified for sending in us-east-1$/,
      /^pass +DKIM: set up for example\.com/,
      /^pass +configuration set: logto exists in us-east-1$/,
      /^0 failed, \d+ passed/,
    ],
  },
  {
    name: 'sandbox',
    stub: { ...healthy, account: { ...healthyAccount, ProductionAccessEnabled: false } },
    exitCode: 1,
    lines: [
      /^FAIL +production access: no, the account is in the SES sandbox in us-east-1.* Fix: request production access/,
    ],
  },
  {
    name: 'sending disabled',
    stub: { ...healthy, account: { ...healthyAccount, SendingEnabled: false } },
    exitCode: 1,
    lines: [/^FAIL +sending: disabled for the account in us-east-1\. Fix: /],
  },
  {
    name: 'probation',
    stub: { ...healthy, account: { ...healthyAccount, EnforcementStatus: 'PROBATION' } },
    exitCode: 1,
    lines: [/^FAIL +enforcement status: PROBATION\. Fix: .*bounce or complaint rate/],
  },
  {
    name: 'quota used up',
    stub: {
      ...healthy,
      account: { ...healthyAccount, SendQuota: { Max24HourSend: 200, MaxSendRate: 1, SentLast24Hours: 200 } },
    },
    exitCode: 1,
    lines: [/^FAIL +24-hour quota: all 200 emails used.* Fix: request a higher sending quota/],
  },
  {
    name: 'the sender address exists but is not verified, and its domain is no identity',
    stub: {
      ...healthy,
      identities: {
        'noreply@example.com': {
          ...verified('EMAIL_ADDRESS', 'NOT_STARTED'),
          VerifiedForSendingStatus: false,
          VerificationStatus: 'PENDING',
        },
      },
    },
    exitCode: 1,
    lines: [
      /^FAIL +sender identity: address noreply@example\.com is not verified for sending in us-east-1 \(verification status PENDING\)\. Fix: open the verification link/,
    ],
  },
  {
    name: 'the address is no identity, its domain is: the domain is checked',
    stub: { ...healthy, identities: { 'example.com': verified('DOMAIN') } },
    exitCode: 0,
    lines: [/^pass +sender identity: domain example\.com is verified/],
  },
  {
    name: 'a verified address identity is enough',
    stub: { ...healthy, identities: { 'noreply@example.com': verified('EMAIL_ADDRESS') } },
    exitCode: 0,
    lines: [/^pass +sender identity: address noreply@example\.com is verified/],
  },
  {
    name: 'neither the address nor the domain is an identity in the region',
    stub: { ...healthy, identities: {} },
    exitCode: 1,
    lines: [
      /^FAIL +sender identity: neither noreply@example\.com nor example\.com is an SES identity in us-east-1\. Fix: create and verify the domain example\.com/,
    ],
  },
  {
    name: 'DKIM pending',
    stub: { ...healthy, identities: { 'example.com': verified('DOMAIN', 'PENDING') } },
    exitCode: 1,
    lines: [/^FAIL +DKIM: not set up for example\.com \(status PENDING\)\. Fix: .*CNAME records/],
  },
  {
    name: 'the configuration set does not exist',
    stub: { ...healthy, configurationSets: [] },
    exitCode: 1,
    lines: [
      /^FAIL +configuration set: logto does not exist in us-east-1\. Fix: create it .* or clear configurationSetName/,
    ],
  },
  {
    name: 'keys SES does not accept: one failure with the hint, the rest skipped',
    stub: { ...healthy, credentials: { [keyId]: { secretAccessKey: 'the-real-secret' } } },
    exitCode: 1,
    lines: [
      /^FAIL +account: SES SignatureDoesNotMatch: .*Check accessKeyId and accessKeySecret/,
      /^skip +sender identity: not checked/,
      /^skip +configuration set: not checked/,
    ],
  },
  {
    name: 'an endpoint without these APIs: could not check, not a failure',
    stub: { ...healthy, unsupported: ['GetAccount', 'GetEmailIdentity', 'GetConfigurationSet'] },
    exitCode: 0,
    lines: [
      /^could not check +account: the endpoint does not support GetAccount$/,
      /^could not check +sender identity: the endpoint does not support GetEmailIdentity$/,
      /^could not check +configuration set: the endpoint does not support GetConfigurationSet$/,
      /^0 failed, /,
    ],
  },
  {
    name: "sending authorization: the identity is another account's, so it is not looked up",
    stub: { ...healthy, identities: {} },
    config: { emailAddressIdentityArn: 'arn:aws:ses:us-east-1:123456789012:identity/example.com' },
    exitCode: 0,
    lines: [/^skip +sender identity: sent under arn:aws:ses:us-east-1:123456789012:identity\/example\.com/],
  },
  {
    name: 'no configuration set configured: skipped, not looked up',
    stub: { ...healthy, configurationSets: [] },
    config: { configurationSetName: undefined },
    exitCode: 0,
    lines: [/^skip +configuration set: none configured$/],
  },
];

describe('check against SES', { concurrency: true }, () => {
  for (const { name, stub: stubOptions, config, exitCode, lines } of cases) {
    test(name, async () => {
      const stub = await startSesStub(stubOptions);
      try {
        const result = await runWithConfig(
          ['check', '--dns-server', dns.address],
          configFor(stub.url, { configurationSetName: 'logto', ...config })
        );
        const output = result.stdout.split('\n');
        for (const line of lines) {
          assert.ok(
            output.some((printed) => line.test(printed)),
            `no line matches ${String(line)} in:\n${result.stdout}`
          );
        }
        assert.equal(result.code, exitCode, result.stdout + result.stderr);
        assert.equal(
          linesWith(result.stdout, 'FAIL').length > 0,
          exitCode === 1,
          'exit code 1 exactly when a line failed'
        );
      } finally {
        await stub.close();
      }
    });
  }

  test('the calls are read-only: nothing is sent', async () => {
    const stub = await startSesStub(healthy);
    try {
      await runWithConfig(
        ['check', '--dns-server', dns.address],
        configFor(stub.url, { configurationSetName: 'logto' })
      );
      assert.deepEqual([...new Set(stub.requests.map(({ operation }) => operation))].sort(), [
        'GetAccount',
        'GetConfigurationSet',
        'GetEmailIdentity',
      ]);
    } finally {
      await stub.close();
    }
  });
});

describe('check offline', { concurrency: true }, () => {
  test('--offline checks config, templates, addresses, region and credentials without calling SES', async () => {
    const stub = await startSesStub(healthy);
    try {
      const result = await runWithConfig(
        ['check', '--offline'],
        configFor(stub.url, {
          emailAddress: 'Équipe Logto <noreply@bücher.example>',
          replyTo: 'Support <help@example.com>',
        })
      );
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.equal(stub.counts.requests, 0);
      const passed = linesWith(result.stdout, 'pass').join('\n');
      assert.match(passed, /config: valid/);
      assert.match(passed, /templates: all 9 usage types render/);
      assert.match(
        passed,
        /sender: Équipe Logto <noreply@bücher\.example> is sent as =\?UTF-8\?Q\?=C3=89quipe_Logto\?= <noreply@xn--bcher-kva\.example>/
      );
      assert.match(passed, /reply-to: Support <help@example\.com>/);
      assert.match(passed, /region: us-east-1 is well-formed/);
      assert.match(passed, /credentials: the access key in the config/);
    } finally {
      await stub.close();
    }
  });

  test('an invalid config: one failure naming the fields, no call to SES', async () => {
    const stub = await startSesStub(healthy);
    try {
      const result = await runWithConfig(['check'], configFor(stub.url, { region: 'Frankfurt', templates: 'none' }));
      assert.equal(result.code, 1);
      assert.match(
        result.stdout,
        /^FAIL +config: Invalid AWS SES connector config: region must be .*templates must be an array.* Fix: correct each field named\.$/m
      );
      assert.equal(stub.counts.requests, 0);
    } finally {
      await stub.close();
    }
  });

  test('templates that leave types without a template, and a missing sender', async () => {
    const result = await runWithConfig(
      ['check', '--offline'],
      configFor(undefined, {
        emailAddress: undefined,
        templates: [{ usageType: 'SignIn', subject: 'Sign in', content: '{{code}}' }],
      })
    );
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^pass +templates: SignIn renders$/m);
    assert.match(
      result.stdout,
      /^FAIL +templates: no template for Register, ForgotPassword, .*BindMfa, and no Generic template to fall back to\. Fix: add a Generic template/m
    );
    assert.match(result.stdout, /^FAIL +sender: emailAddress is required/m);
  });

  test('a misspelled required field: the config error and a warning name what it most likely meant', async () => {
    const { region, ...config } = configFor(undefined);
    const result = await runWithConfig(['check', '--offline'], { ...config, regoin: region, zone: 'eu' });
    assert.equal(result.code, 1);
    assert.deepEqual(result.stdout.split('\n').slice(1, -2), [
      'FAIL             config: Invalid AWS SES connector config: region is required (found "regoin": did you mean "region"?). (invalid_config) Fix: correct each field named.',
      'WARN             config: unknown key "regoin" is ignored; did you mean "region"? Fix: rename "regoin" to "region".',
      'WARN             config: unknown key "zone" is ignored: no field of this connector has that name. Fix: remove it, or rename it to one of the fields the README lists under "Config".',
    ]);
  });

  test('a misspelled optional field leaves the config valid, and is a warning: the field is not set', async () => {
    const result = await runWithConfig(
      ['check', '--offline'],
      configFor(undefined, {
        replyto: 'Support <help@example.com>',
        templates: [{ ...genericTemplate, contenttype: 'text/plain' }],
      })
    );
    assert.equal(result.code, 0, result.stdout);
    assert.deepEqual(linesWith(result.stdout, 'WARN'), [
      'WARN             config: unknown key "replyto" is ignored; did you mean "replyTo"? Fix: rename "replyto" to "replyTo".',
      'WARN             config: unknown key "templates[0].contenttype" is ignored; did you mean "templates[0].contentType"? Fix: rename "templates[0].contenttype" to "templates[0].contentType".',
    ]);
    assert.match(result.stdout, /^skip +reply-to: not set/m);
  });

  test('a template of a usage type Logto never sends fails, naming the type it most likely meant', async () => {
    const result = await runWithConfig(
      ['check', '--offline'],
      configFor(undefined, {
        templates: [
          { ...genericTemplate, usageType: 'generic' },
          { ...genericTemplate, usageType: 'Welcome' },
        ],
      })
    );
    assert.equal(result.code, 1);
    assert.deepEqual(linesWith(result.stdout, 'FAIL'), [
      'FAIL             templates: templates[0].usageType "generic" is not a usage type Logto sends, so no email uses this template; did you mean "Generic"? Fix: set templates[0].usageType to "Generic".',
      'FAIL             templates: templates[1].usageType "Welcome" is not a usage type Logto sends, so no email uses this template. Fix: set templates[1].usageType to one of SignIn, Register, ForgotPassword, OrganizationInvitation, Generic, UserPermissionValidation, BindNewIdentifier, MfaVerification, BindMfa (a Generic template serves every type without its own).',
      'FAIL             templates: no template for SignIn, Register, ForgotPassword, OrganizationInvitation, Generic, UserPermissionValidation, BindNewIdentifier, MfaVerification, BindMfa, and no Generic template to fall back to. Fix: add a Generic template (it serves every usage type without its own), or one per missing type.',
    ]);
    assert.doesNotMatch(result.stdout, /renders?$/m, 'a template no send uses is not said to render');
  });

  test('a Generic template beside one of an unknown type: the known types render, the unknown one fails', async () => {
    const result = await runWithConfig(
      ['check', '--offline'],
      configFor(undefined, { templates: [genericTemplate, { ...genericTemplate, usageType: 'signin' }] })
    );
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^pass +templates: all 9 usage types render$/m);
    assert.match(result.stdout, /^FAIL +templates: templates\[1\]\.usageType "signin" .*did you mean "SignIn"\?/m);
  });

  test('without keys in the config, the default credential chain is named', async () => {
    const { accessKeyId: _id, accessKeySecret: _secret, ...config } = configFor(undefined);
    const result = await runWithConfig(['check', '--offline'], config);
    assert.equal(result.code, 0, result.stdout);
    assert.match(result.stdout, /^pass +credentials: the AWS default credential chain/m);
  });
});

/**
 * The pure parts of `check`: what SES's answers mean, and how a finding is printed. States the
 * local stub does not present (no limit, a pending review, disabled DKIM signing) are covered here.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  couldNotCheck,
  fail,
  formatFinding,
  messageOfFinding,
  pass,
  summarize,
  warn,
  type Finding,
} from '../../src/cli/check/finding.js';
import { checkDomainAuthentication } from '../../src/cli/check/domain-authentication.js';
import { accountFindings, configurationSetFinding, identityFindings } from '../../src/cli/check/ses-findings.js';
import { recommendationFinding } from '../../src/cli/check/vdm.js';
import { parseConfig } from '../../src/config/config.js';
import { keyId, secret } from '../support/fixtures.js';

const metadata = { $metadata: {} };

const account = {
  ...metadata,
  SendingEnabled: true,
  EnforcementStatus: 'HEALTHY',
  ProductionAccessEnabled: true,
  SendQuota: { Max24HourSend: 50_000, MaxSendRate: 14, SentLast24Hours: 0 },
};

const statusAndText = (findings: Finding[]) =>
  findings.map((finding) => `${finding.status}: ${messageOfFinding(finding)}`);

describe('account findings', () => {
  test('one line per fact, in order', () => {
    assert.deepEqual(statusAndText(accountFindings(account, 'eu-west-1')), [
      'pass: sending: enabled for the account in eu-west-1',
      'pass: enforcement status: HEALTHY',
      'pass: production access: yes, SES sends to any address from eu-west-1',
      'pass: 24-hour quota: 0 of 50,000 emails used',
      'pass: max send rate: 14 emails per second',
    ]);
  });

  test('no 24-hour limit (-1), and a rate of one', () => {
    const [, , , quota, rate] = accountFindings(
      { ...account, SendQuota: { Max24HourSend: -1, MaxSendRate: 1, SentLast24Hours: 12_345 } },
      'us-east-1'
    );
    assert.deepEqual(quota, {
      id: 'account.quota',
      subject: '24-hour quota',
      status: 'pass',
      text: 'no limit (12,345 sent in the last 24 hours)',
    });
    assert.deepEqual(rate, {
      id: 'account.send-rate',
      subject: 'max send rate',
      status: 'pass',
      text: '1 email per second',
    });
  });

  test('a sandbox account whose request for production access is pending', () => {
    const [, , production] = accountFindings(
      { ...account, ProductionAccessEnabled: false, Details: { ReviewDetails: { Status: 'PENDING', CaseId: '1234' } } },
      'us-east-1'
    );
    assert.equal(production?.status, 'fail');
    assert.match(
      production?.fix ?? '',
      /^a request for production access is pending \(case 1234\): wait for AWS's answer/
    );
  });

  test('an enforcement status without its own fix still gets one', () => {
    const [, enforcement] = accountFindings({ ...account, EnforcementStatus: 'UNDER_REVIEW' }, 'us-east-1');
    assert.deepEqual(enforcement, {
      id: 'account.enforcement',
      subject: 'enforcement status',
      status: 'fail',
      text: 'UNDER_REVIEW.',
      fix: "see the SES console's Account dashboard.",
    });
  });

  test('facts SES did not report could not be checked', () => {
    assert.deepEqual(
      accountFindings(metadata, 'us-east-1').map(({ status }) => status),
      Array.from({ length: 5 }, () => 'could not check')
    );
  });
});

describe('identity findings', () => {
  const identity = {
    ...metadata,
    IdentityType: 'DOMAIN' as const,
    VerifiedForSendingStatus: true,
    DkimAttributes: { SigningEnabled: true, Status: 'SUCCESS' as const },
  };

  test('DKIM verified but signing turned off fails', () => {
    const [, dkim] = identityFindings(
      'example.com',
      { ...identity, DkimAttributes: { SigningEnabled: false, Status: 'SUCCESS' } },
      'us-east-1'
    );
    assert.equal(dkim?.status, 'fail');
    assert.match(dkim?.text ?? '', /signing is disabled for example\.com/);
  });

  test('DKIM records not found', () => {
    const [, dkim] = identityFindings(
      'example.com',
      { ...identity, DkimAttributes: { Status: 'FAILED' } },
      'us-east-1'
    );
    assert.equal(dkim && messageOfFinding(dkim), 'DKIM: not set up for example.com (status FAILED).');
    assert.match(dkim?.fix ?? '', /restart DKIM verification/);
  });

  test('an unverified domain is told to publish its DNS records', () => {
    const [verification] = identityFindings(
      'example.com',
      { ...identity, VerifiedForSendingStatus: false, VerificationStatus: 'FAILED' },
      'ap-south-1'
    );
    assert.equal(
      verification && messageOfFinding(verification),
      'sender identity: domain example.com is not verified for sending in ap-south-1 (verification status FAILED).'
    );
    assert.match(verification?.fix ?? '', /^publish the DNS records/);
  });
});

test('a configuration set with sending turned off fails', () => {
  const finding = configurationSetFinding(
    'logto',
    { ...metadata, SendingOptions: { SendingEnabled: false } },
    'us-east-1'
  );
  assert.equal(finding.status, 'fail');
  assert.match(finding.fix ?? '', /enable sending for it/);
});

test('a finding is one line: status, subject, text, then the fix', () => {
  assert.equal(formatFinding(fail('dkim', 'broken.', 'mend it.')), 'FAIL             DKIM: broken. Fix: mend it.');
  assert.equal(formatFinding(couldNotCheck('vdm', 'y')), 'could not check  VDM: y');
  assert.equal(
    formatFinding({ ...fail('account.sending', 'off.'), region: 'eu-west-2' }),
    'FAIL             sending (eu-west-2): off.'
  );
  assert.equal(
    formatFinding(warn({ id: 'vdm.bimi', scope: 'BIMI' }, 'late.', 'hurry.')),
    'WARN             VDM (BIMI): late. Fix: hurry.'
  );
  assert.equal(
    summarize([pass('config', 'valid'), fail('sender', ''), fail('region', ''), warn('delivery-window', '')]),
    '2 failed, 1 passed, 1 warning, 0 skipped, 0 could not be checked'
  );
});

describe('VDM recommendations', () => {
  const recommendation = {
    ResourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/example.com',
    Description: 'Publish a BIMI record.',
    Impact: 'LOW',
  } as const;

  test('a type SES has is filed under its own id, and the line names the type as SES does', () => {
    const finding = recommendationFinding({ ...recommendation, Type: 'FEEDBACK_3P' });
    assert.equal(finding.id, 'vdm.feedback-3p');
    assert.equal(finding.status, 'warn');
    assert.equal(
      messageOfFinding(finding),
      'VDM (FEEDBACK_3P): SES recommends for example.com: "Publish a BIMI record." (impact LOW).'
    );
  });

  test('a type SES added since, or none, is vdm.other, its line still naming what SES said', () => {
    const newer = recommendationFinding({ ...recommendation, Type: 'TLS_RPT' as never, Impact: 'HIGH' });
    assert.equal(newer.id, 'vdm.other');
    assert.equal(newer.status, 'fail');
    assert.match(messageOfFinding(newer), /^VDM \(TLS_RPT\): SES recommends for example\.com: /);
    const untyped = recommendationFinding(recommendation);
    assert.equal(untyped.id, 'vdm.other');
    assert.match(messageOfFinding(untyped), /^VDM \(UNKNOWN\): /);
  });
});

test('without emailAddress the DNS checks are skipped under domain-authentication, with no query made', async () => {
  const config = parseConfig({
    accessKeyId: keyId,
    accessKeySecret: secret,
    region: 'us-east-1',
    templates: [],
  });
  const noQuery = async (): Promise<never> => assert.fail('no DNS query without a domain');
  const step = await checkDomainAuthentication(config, 'us-east-1', undefined, {
    txt: noQuery,
    mx: noQuery,
    cname: noQuery,
  });
  assert.deepEqual(
    step.findings.map((finding) => `${finding.status} ${finding.id} ${messageOfFinding(finding)}`),
    ['skip domain-authentication domain authentication: no emailAddress to look up']
  );
});

/**
 * `logto-ses check` with `endpointId`: the global endpoint's status and two regions, then the
 * sender identity and configuration set in each region, against a stub that presents each
 * failure in turn and checks every signature.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { startDnsServer, type LocalDnsServer } from '../support/dns-server.js';
import { configFor, keyId, secret } from '../support/fixtures.js';
import { startSesStub, type StubMultiRegionEndpoint, type StubOptions } from '../support/ses-stub.js';

import { exampleDns, linesWith, runWithConfig } from './cli.js';

let dns: LocalDnsServer;
before(async () => {
  dns = await startDnsServer({ records: exampleDns });
});
after(async () => {
  await dns.close();
});

const endpointId = 'abcd1234.ef5g';

const verifiedDomain = {
  IdentityType: 'DOMAIN',
  VerifiedForSendingStatus: true,
  VerificationStatus: 'SUCCESS',
  DkimAttributes: { SigningEnabled: true, Status: 'SUCCESS' },
};

const endpoint = (overrides: Partial<StubMultiRegionEndpoint> = {}): StubMultiRegionEndpoint => ({
  EndpointName: 'logto-global',
  EndpointId: endpointId,
  Status: 'READY',
  Regions: ['us-east-1', 'eu-west-1'],
  ...overrides,
});

const region = { identities: { 'example.com': verifiedDomain }, configurationSets: ['logto'] };

/** The endpoint READY in us-east-1 and eu-west-1, each with the domain verified and the set. */
const healthy: StubOptions = {
  credentials: { [keyId]: { secretAccessKey: secret } },
  multiRegionEndpoints: [endpoint()],
  regions: { 'us-east-1': region, 'eu-west-1': region },
};

type Case = {
  name: string;
  stub: StubOptions;
  config?: Record<string, unknown>;
  exitCode: 0 | 1;
  /** Each must be a line of the output. */
  lines: RegExp[];
};

const cases: Case[] = [
  {
    name: 'a READY endpoint whose two regions have the identity and the configuration set',
    stub: healthy,
    exitCode: 0,
    lines: [
      /^Checking the config from standard input \(region us-east-1, global endpoint abcd1234\.ef5g, endpoint http/,
      /^pass +sending: enabled for the account in us-east-1$/,
      /^pass +global endpoint: logto-global \(abcd1234\.ef5g\) is READY, sending from us-east-1 and eu-west-1$/,
      /^pass +sender identity \(us-east-1\): domain example\.com is verified for sending in us-east-1$/,
      /^pass +DKIM \(us-east-1\): set up for example\.com/,
      /^pass +configuration set \(us-east-1\): logto exists in us-east-1$/,
      /^pass +production access \(eu-west-1\): yes, SES sends to any address from eu-west-1$/,
      /^pass +sender identity \(eu-west-1\): domain example\.com is verified for sending in eu-west-1$/,
      /^pass +DKIM \(eu-west-1\): set up for example\.com/,
      /^pass +configuration set \(eu-west-1\): logto exists in eu-west-1$/,
      /^0 failed, /,
    ],
  },
  {
    name: 'an endpoint still CREATING',
    stub: { ...healthy, multiRegionEndpoints: [endpoint({ Status: 'CREATING' })] },
    exitCode: 1,
    lines: [
      /^FAIL +global endpoint: logto-global \(abcd1234\.ef5g\) is CREATING, not READY \(regions us-east-1 and eu-west-1\)\. Fix: SES is still provisioning it/,
      /^pass +sender identity \(eu-west-1\): domain example\.com is verified/,
    ],
  },
  {
    name: 'an endpoint that FAILED',
    stub: { ...healthy, multiRegionEndpoints: [endpoint({ Status: 'FAILED' })] },
    exitCode: 1,
    lines: [/^FAIL +global endpoint: logto-global \(abcd1234\.ef5g\) is FAILED, not READY.* Fix: .*create it again/],
  },
  {
    name: 'the sender identity missing in the second region',
    stub: { ...healthy, regions: { 'us-east-1': region, 'eu-west-1': { ...region, identities: {} } } },
    exitCode: 1,
    lines: [
      /^pass +sender identity \(us-east-1\): domain example\.com is verified/,
      /^FAIL +sender identity \(eu-west-1\): neither noreply@example\.com nor example\.com is an SES identity in eu-west-1\. Fix: create and verify the domain example\.com .* in eu-west-1; the global endpoint sends from each of its regions, so it must be verified in both\.$/,
    ],
  },
  {
    name: 'the sender identity not verified yet in the first region',
    stub: {
      ...healthy,
      regions: {
        'us-east-1': {
          ...region,
          identities: {
            'example.com': { ...verifiedDomain, VerifiedForSendingStatus: false, VerificationStatus: 'PENDING' },
          },
        },
        'eu-west-1': region,
      },
    },
    exitCode: 1,
    lines: [
      /^FAIL +sender identity \(us-east-1\): domain example\.com is not verified for sending in us-east-1 \(verification status PENDING\)/,
      /^pass +sender identity \(eu-west-1\): domain example\.com is verified/,
    ],
  },
  {
    name: 'the second region still in the SES sandbox',
    stub: {
      ...healthy,
      regions: {
        'us-east-1': region,
        'eu-west-1': {
          ...region,
          account: { SendingEnabled: true, EnforcementStatus: 'HEALTHY', ProductionAccessEnabled: false },
        },
      },
    },
    exitCode: 1,
    lines: [
      /^pass +production access: yes, SES sends to any address from us-east-1$/,
      /^FAIL +production access \(eu-west-1\): no, the account is in the SES sandbox in eu-west-1 and sends only to verified addresses\. Fix: request production access/,
    ],
  },
  {
    name: 'the configuration set missing in the second region',
    stub: {
      ...healthy,
      regions: { 'us-east-1': region, 'eu-west-1': { ...region, configurationSets: [] } },
    },
    exitCode: 1,
    lines: [
      /^pass +configuration set \(us-east-1\): logto exists in us-east-1$/,
      /^FAIL +configuration set \(eu-west-1\): logto does not exist in eu-west-1\. Fix: create it/,
    ],
  },
  {
    name: 'an endpoint ID the account does not have (or region not its primary region)',
    stub: healthy,
    config: { endpointId: 'zzzz9999.nope' },
    exitCode: 1,
    lines: [
      /^FAIL +global endpoint: no global endpoint with ID zzzz9999\.nope has us-east-1 as its primary region\. Fix: set endpointId to the ID .* and region to the endpoint's primary region/,
      /^skip +sender identity: not checked in the global endpoint's regions, as the global endpoint was not found$/,
    ],
  },
  {
    name: 'an endpoint without the global endpoint APIs: could not check, not a failure',
    stub: { ...healthy, unsupported: ['ListMultiRegionEndpoints'] },
    exitCode: 0,
    lines: [
      /^could not check +global endpoint: the endpoint does not support ListMultiRegionEndpoints$/,
      /^skip +sender identity: not checked in the global endpoint's regions, as its regions are not known$/,
    ],
  },
];

describe('check with a global endpoint', { concurrency: true }, () => {
  for (const { name, stub: stubOptions, config, exitCode, lines } of cases) {
    test(name, async () => {
      const stub = await startSesStub(stubOptions);
      try {
        const result = await runWithConfig(
          ['check', '--dns-server', dns.address],
          configFor(stub.url, { endpointId, configurationSetName: 'logto', ...config })
        );
        const output = result.stdout.split('\n');
        for (const line of lines) {
          assert.ok(
            output.some((printed) => line.test(printed)),
            `no line matches ${String(line)} in:\n${result.stdout}`
          );
        }
        assert.equal(result.code, exitCode, result.stdout + result.stderr);
        assert.equal(linesWith(result.stdout, 'FAIL').length > 0, exitCode === 1);
        assert.ok(!result.stdout.includes(secret) && !result.stderr.includes(secret));
      } finally {
        await stub.close();
      }
    });
  }

  test('an endpoint that answers a NextToken on every page is paged 10 times, then reported as not checked', async () => {
    const stub = await startSesStub({
      ...healthy,
      multiRegionEndpoints: [endpoint({ EndpointId: 'other999.zzzz' })],
      endlessEndpointPages: true,
    });
    try {
      const result = await runWithConfig(
        ['check', '--dns-server', dns.address],
        configFor(stub.url, { endpointId, configurationSetName: 'logto' })
      );
      const output = result.stdout.split('\n');
      assert.ok(
        output.includes(
          `could not check  global endpoint: ${endpointId} is not among the first 10 pages of global endpoints SES listed in us-east-1, and SES gave yet another page; stopped there`
        ),
        result.stdout + result.stderr
      );
      assert.ok(
        output.includes(
          "skip             sender identity: not checked in the global endpoint's regions, as its regions are not known"
        ),
        result.stdout
      );
      assert.equal(result.code, 0, result.stdout + result.stderr);
      const pages = stub.requests.filter(({ operation }) => operation === 'ListMultiRegionEndpoints');
      assert.equal(pages.length, 10);
      assert.equal(stub.requests.filter(({ operation }) => operation === 'GetMultiRegionEndpoint').length, 0);
    } finally {
      await stub.close();
    }
  });

  test('the calls are read-only, regional and SigV4-signed; the endpoint is looked up in its primary region', async () => {
    const stub = await startSesStub(healthy);
    try {
      await runWithConfig(
        ['check', '--dns-server', dns.address],
        configFor(stub.url, { endpointId, configurationSetName: 'logto' })
      );
      const calls = stub.requests.map(({ operation, region, signatureAlgorithm, signatureValid }) => ({
        operation,
        region,
        signatureAlgorithm,
        signatureValid,
      }));
      assert.ok(calls.every(({ signatureAlgorithm }) => signatureAlgorithm === 'AWS4-HMAC-SHA256'));
      assert.ok(calls.every(({ signatureValid }) => signatureValid));
      assert.ok(!calls.some(({ operation }) => operation === 'SendEmail'), 'nothing is sent');
      const where = (operation: string) =>
        [...new Set(calls.filter((call) => call.operation === operation).map((call) => call.region))].sort();
      assert.deepEqual(where('ListMultiRegionEndpoints'), ['us-east-1']);
      assert.deepEqual(where('GetMultiRegionEndpoint'), ['us-east-1']);
      assert.deepEqual(where('GetAccount'), ['eu-west-1', 'us-east-1']);
      assert.deepEqual(where('GetEmailIdentity'), ['eu-west-1', 'us-east-1']);
      assert.deepEqual(where('GetConfigurationSet'), ['eu-west-1', 'us-east-1']);
    } finally {
      await stub.close();
    }
  });
});

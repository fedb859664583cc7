/**
 * A region's SES host that does not resolve: for a region spelled as AWS names them, the network
 * or DNS is what failed; for any other, the region. Each name resolves through a resolver that
 * answers NXDOMAIN, so nothing leaves this machine.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';

import { configFor } from '../support/fixtures.js';
import { checkOnline } from '../../src/cli/check/online.js';
import { isAwsRegionName } from '../../src/config/aws-region-name.js';
import { parseConfig } from '../../src/config/config.js';
import { destroyClients } from '../../src/transport/client-cache.js';
import { clientSettingsOf } from '../../src/transport/client-settings.js';
import { toConnectorError, type FailureContext } from '../../src/transport/errors.js';
import { failureDataOf } from '../../src/transport/failure-data.js';
import { nxdomainResolver } from '../support/resolver.js';

after(() => {
  destroyClients();
});

const networkHint = (region: string) =>
  `The SES host for region "${region}" does not resolve, though ${region} is an AWS region: the network or DNS did not answer. Check that Logto's host can resolve and reach amazonaws.com (its DNS servers, a firewall or proxy; a VPC without internet access needs an SES VPC endpoint, set as endpoint).`;

describe('isAwsRegionName', () => {
  it('accepts every region of every partition the AWS SDK lists, and their new numbers', () => {
    for (const region of [
      ...['af-south-1', 'ap-east-1', 'ap-east-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3'],
      ...['ap-south-1', 'ap-south-2', 'ap-southeast-1', 'ap-southeast-5', 'ap-southeast-7', 'ca-central-1'],
      ...['ca-west-1', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1'],
      ...['eu-west-3', 'il-central-1', 'me-central-1', 'me-south-1', 'me-west-1', 'mx-central-1', 'sa-east-1'],
      ...['sa-west-1', 'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'cn-north-1', 'cn-northwest-1'],
      ...['eusc-de-east-1', 'us-iso-east-1', 'us-iso-west-1', 'us-isob-east-1', 'us-isob-west-1'],
      ...['eu-isoe-west-1', 'us-isof-east-1', 'us-isof-south-1', 'us-gov-east-1', 'us-gov-west-1'],
      'ap-southeast-12',
    ]) {
      assert.equal(isAwsRegionName(region), true, region);
    }
  });

  it('refuses typos and invented names that the config rule admits', () => {
    for (const region of [
      'us-esat-1',
      'xus-east-1',
      'xx-nowhere-1',
      'eu-wset-1',
      'uk-south-1',
      'us-east-123',
      'useast-1',
      'cn-east',
    ]) {
      assert.equal(isAwsRegionName(region), false, region);
    }
  });
});

const unresolved = (host: string, code = 'ENOTFOUND') =>
  Object.assign(new Error(`getaddrinfo ${code} ${host}`), { code, syscall: 'getaddrinfo', hostname: host });

const context = (region: string): FailureContext => ({
  region,
  credentialSource: 'config',
  timeoutMs: 10_000,
  secrets: [],
});

describe('the hint for a host that does not resolve', () => {
  it('an AWS region: the network or DNS did not answer', () => {
    const error = toConnectorError(unresolved('email.eu-west-1.amazonaws.com'), context('eu-west-1'));
    assert.equal(
      failureDataOf(error).message,
      `Sending through SES failed: getaddrinfo ENOTFOUND email.eu-west-1.amazonaws.com. ${networkHint('eu-west-1')}`
    );
  });

  it('a DNS server that did not answer in time (EAI_AGAIN) gets the same hint', () => {
    const error = toConnectorError(unresolved('email.us-east-1.amazonaws.com', 'EAI_AGAIN'), context('us-east-1'));
    assert.equal(
      failureDataOf(error).message,
      `Sending through SES failed: getaddrinfo EAI_AGAIN email.us-east-1.amazonaws.com. ${networkHint('us-east-1')}`
    );
  });

  it('a region that is no AWS region name: check region, as before', () => {
    for (const code of ['ENOTFOUND', 'EAI_AGAIN']) {
      const error = toConnectorError(unresolved('email.us-esat-1.amazonaws.com', code), context('us-esat-1'));
      assert.equal(
        failureDataOf(error).message,
        `Sending through SES failed: getaddrinfo ${code} email.us-esat-1.amazonaws.com. The SES host for region "us-esat-1" does not resolve: check region.`
      );
    }
  });
});

it('check: a real region whose SES host does not resolve says the network or DNS, not the region', async () => {
  const config = parseConfig(configFor(undefined, { region: 'eu-central-1' }));
  const resolver = nxdomainResolver();
  const findings = await checkOnline(
    config,
    { codeTtlSeconds: 600 },
    { ...clientSettingsOf(config), lookup: resolver.lookup }
  );
  assert.deepEqual(findings[0], {
    id: 'account',
    subject: 'account',
    status: 'fail',
    text: `Calling SES GetAccount failed: getaddrinfo ENOTFOUND email.eu-central-1.amazonaws.com. ${networkHint('eu-central-1')} (invalid_config)`,
  });
  assert.deepEqual(resolver.asked, ['email.eu-central-1.amazonaws.com']);
});

import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';

import type { AwsCredentialIdentity } from '@smithy/types';

import {
  assumedRoleSecrets,
  markStsFailures,
  StsFailure,
  stsEndpointFor,
} from '../../src/transport/sts-credentials.js';

const endpointVariables = ['AWS_ENDPOINT_URL_STS', 'AWS_ENDPOINT_URL'] as const;

/** Each test sets the endpoint variables it reads; the process's own are put back after. */
const isolateEnvironment = () => {
  const saved = new Map(endpointVariables.map((name) => [name, process.env[name]]));
  beforeEach(() => {
    for (const name of endpointVariables) {
      delete process.env[name];
    }
  });
  afterEach(() => {
    for (const [name, value] of saved) {
      if (value === undefined) {
        delete process.env[name];
      } else {
        process.env[name] = value;
      }
    }
  });
};

const issuing = (identity: AwsCredentialIdentity) => async (): Promise<AwsCredentialIdentity> => identity;

const issue = async (secretAccessKey: string, sessionToken?: string) =>
  markStsFailures(issuing({ accessKeyId: 'ASIAEXAMPLE', secretAccessKey, sessionToken }), 'eu-west-1')();

describe('stsEndpointFor', () => {
  isolateEnvironment();

  it("is the region's STS endpoint, in China with .com.cn", () => {
    assert.equal(stsEndpointFor('eu-west-1'), 'https://sts.eu-west-1.amazonaws.com');
    assert.equal(stsEndpointFor('cn-north-1'), 'https://sts.cn-north-1.amazonaws.com.cn');
    assert.equal(stsEndpointFor('us-east-1-cn-'), 'https://sts.us-east-1-cn-.amazonaws.com');
  });

  it('is AWS_ENDPOINT_URL_STS before AWS_ENDPOINT_URL, as the SDK picks it', () => {
    process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:4566';
    assert.equal(stsEndpointFor('eu-west-1'), 'http://127.0.0.1:4566');
    process.env.AWS_ENDPOINT_URL_STS = 'http://127.0.0.1:4567';
    assert.equal(stsEndpointFor('eu-west-1'), 'http://127.0.0.1:4567');
  });
});

describe('markStsFailures', () => {
  isolateEnvironment();

  it('returns what STS issued, and remembers its secret and session token for redaction', async () => {
    const identity = await issue('issued-secret-1', 'issued-token-1');
    assert.deepEqual(identity, {
      accessKeyId: 'ASIAEXAMPLE',
      secretAccessKey: 'issued-secret-1',
      sessionToken: 'issued-token-1',
    });
    assert.deepEqual(assumedRoleSecrets().slice(-2), ['issued-secret-1', 'issued-token-1']);
  });

  it('remembers no empty value for credentials without a session token', async () => {
    await issue('issued-secret-2');
    assert.equal(assumedRoleSecrets().at(-1), 'issued-secret-2');
    assert.ok(assumedRoleSecrets().every(Boolean));
  });

  it('keeps the 16 most recently issued values, each once', async () => {
    for (let index = 0; index < 8; index += 1) {
      await issue(`secret-${index}`, `token-${index}`);
    }
    // Issued again: it moves to the end instead of being listed twice.
    await issue('secret-0', 'token-0');
    await issue('secret-8', 'token-8');
    const remembered = assumedRoleSecrets();
    assert.equal(remembered.length, 16);
    assert.equal(new Set(remembered).size, 16);
    assert.deepEqual(remembered.slice(0, 2), ['secret-2', 'token-2']);
    assert.deepEqual(remembered.slice(-4), ['secret-0', 'token-0', 'secret-8', 'token-8']);
    assert.ok(!remembered.includes('secret-1'), 'the least recently issued is forgotten');
  });

  it("marks a failure as STS's, with the endpoint read when the call is made", async () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const provider = markStsFailures(async () => Promise.reject(cause), 'eu-west-1');
    process.env.AWS_ENDPOINT_URL_STS = 'http://127.0.0.1:9';
    const failure = await provider().then(
      () => assert.fail('resolved'),
      (error: unknown) => error
    );
    assert.ok(failure instanceof StsFailure);
    assert.equal(failure.name, 'StsFailure');
    assert.equal(failure.message, 'Assuming the role through STS failed');
    assert.equal(failure.cause, cause);
    assert.equal(failure.stsEndpoint, 'http://127.0.0.1:9');
  });

  it('passes a failure already marked through as it is', async () => {
    const marked = new StsFailure(new Error('inner'), 'http://127.0.0.1:9');
    const provider = markStsFailures(async () => Promise.reject(marked), 'eu-west-1');
    await assert.rejects(provider(), (error: unknown) => error === marked);
  });
});

/**
 * Where the credentials come from: the config's keys, temporary keys with a session token, the
 * AWS default chain (environment variables here), and a role assumed through a local STS.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';

import { ConnectorErrorCodes } from '@logto/connector-kit';

import {
  configFor,
  environmentKeyId,
  environmentSecret,
  genericMessage,
  keyId,
  roleArn,
  secret,
  sessionToken,
  temporaryKeyId,
} from '../support/fixtures.js';
import { destroyClients } from '../../src/index.js';
import { startSesStub, type SesStub } from '../support/ses-stub.js';
import { isolateDefaultChain, withoutKeys } from '../support/fault-helpers.js';
import {
  expectConnectorError,
  makeConnector,
  messageOf,
  textOf,
  type ConnectorUnderTest,
} from '../integration/harness.js';

describe('credentials', () => {
  let stub: SesStub;
  let connector: ConnectorUnderTest;
  const sesRequests = () => stub.requests.filter(({ operation }) => operation === 'SendEmail');

  before(async () => {
    isolateDefaultChain();
    stub = await startSesStub({
      credentials: {
        [keyId]: { secretAccessKey: secret },
        [environmentKeyId]: { secretAccessKey: environmentSecret },
        [temporaryKeyId]: { secretAccessKey: secret, sessionToken },
      },
    });
    process.env.AWS_ENDPOINT_URL_STS = stub.url;
    connector = await makeConnector();
  });
  afterEach(async () => {
    await destroyClients();
    stub.reset();
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
  });
  after(async () => {
    await stub.close();
  });

  it("signs with the config's keys", async () => {
    await connector.connector.sendMessage(genericMessage, configFor(stub.url));
    const [request] = sesRequests();
    assert.equal(request?.accessKeyId, keyId);
    assert.equal(request?.signatureValid, true);
    assert.equal(request?.securityToken, undefined);
  });

  it('sends a session token as x-amz-security-token', async () => {
    await connector.connector.sendMessage(
      genericMessage,
      configFor(stub.url, { accessKeyId: temporaryKeyId, sessionToken })
    );
    const [request] = sesRequests();
    assert.equal(request?.securityToken, sessionToken);
    assert.equal(request?.signatureValid, true);
    assert.equal(stub.counts.accepted, 1);
  });

  it('uses the AWS default chain (here the environment) when the config has no keys', async () => {
    process.env.AWS_ACCESS_KEY_ID = environmentKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = environmentSecret;
    const config = withoutKeys(configFor(stub.url));
    for (let index = 0; index < 3; index += 1) {
      await connector.connector.sendMessage(genericMessage, config);
    }
    assert.deepEqual(
      sesRequests().map(({ accessKeyId, signatureValid }) => ({ accessKeyId, signatureValid })),
      Array.from({ length: 3 }, () => ({ accessKeyId: environmentKeyId, signatureValid: true }))
    );
  });

  it('says how to provide credentials when neither the config nor the environment has any', async () => {
    const error = await expectConnectorError(
      connector.connector.sendMessage(genericMessage, withoutKeys(configFor(stub.url, { timeoutMs: 5000 }))),
      ConnectorErrorCodes.InvalidConfig
    );
    assert.match(
      messageOf(error),
      /No AWS credentials: .*Set accessKeyId and accessKeySecret, or give Logto's process credentials/
    );
    assert.equal(sesRequests().length, 0, 'nothing unsigned reaches SES');
  });

  it("assumes roleArn through STS with the external ID, once per client, and signs with the role's keys", async () => {
    const config = configFor(stub.url, { roleArn, externalId: 'tenant-42' });
    for (let index = 0; index < 3; index += 1) {
      await connector.connector.sendMessage(genericMessage, config);
    }
    assert.equal(stub.counts.assumeRole, 1, 'credentials are cached by the client, not fetched per message');
    assert.deepEqual(
      (({ RoleArn, ExternalId, RoleSessionName }) => ({ RoleArn, ExternalId, RoleSessionName }))(
        stub.assumeRoleCalls[0]!
      ),
      { RoleArn: roleArn, ExternalId: 'tenant-42', RoleSessionName: 'logto-connector-aws-ses' }
    );
    const [assumeRole] = stub.requests.filter(({ operation }) => operation === 'AssumeRole');
    assert.equal(assumeRole?.accessKeyId, keyId, 'STS is called with the base keys');
    assert.equal(assumeRole?.signatureValid, true);
    const sends = sesRequests();
    assert.equal(sends.length, 3);
    for (const request of sends) {
      assert.notEqual(request.accessKeyId, keyId, "SES is called with the role's keys");
      assert.ok(request.securityToken, "with the role session's token");
      assert.equal(request.signatureValid, true);
    }
  });

  it('assumes the role on top of the default chain when the config has no keys', async () => {
    process.env.AWS_ACCESS_KEY_ID = environmentKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = environmentSecret;
    await connector.connector.sendMessage(
      genericMessage,
      withoutKeys(configFor(stub.url, { roleArn, roleSessionName: 'logto-prod' }))
    );
    const [assumeRole] = stub.requests.filter(({ operation }) => operation === 'AssumeRole');
    assert.equal(assumeRole?.accessKeyId, environmentKeyId);
    assert.equal(stub.assumeRoleCalls[0]?.RoleSessionName, 'logto-prod');
    assert.equal(stub.counts.accepted, 1);
  });
});

describe('an STS outage', () => {
  it('is retried within maxAttempts, like SES, and reported as STS with its endpoint', async () => {
    isolateDefaultChain();
    const sts = await startSesStub({ credentials: { [keyId]: { secretAccessKey: secret } }, stsFault: 'unavailable' });
    process.env.AWS_ENDPOINT_URL_STS = sts.url;
    try {
      const { connector } = await makeConnector({
        savedConfig: configFor(sts.url, { roleArn, maxAttempts: 2, timeoutMs: 5000 }),
      });
      const error = await expectConnectorError(
        connector.sendMessage(genericMessage),
        ConnectorErrorCodes.InvalidResponse
      );
      assert.equal(sts.requests.filter(({ operation }) => operation === 'AssumeRole').length, 2);
      assert.equal(sts.requests.filter(({ operation }) => operation === 'SendEmail').length, 0);
      assert.equal(
        textOf(error),
        `STS ServiceUnavailable: Service is unavailable. Please try again later (after 2 attempts). (STS endpoint: ${sts.url}.)`
      );
    } finally {
      await destroyClients();
      await sts.close();
    }
  });
});

describe('credentials close to expiry', () => {
  let stub: SesStub;

  before(async () => {
    isolateDefaultChain();
    // Two seconds longer than the SDK's refresh window: fresh at first, due for refresh soon after.
    stub = await startSesStub({
      credentials: { [keyId]: { secretAccessKey: secret } },
      assumeRoleDurationSeconds: 302,
    });
    process.env.AWS_ENDPOINT_URL_STS = stub.url;
  });
  after(async () => {
    await destroyClients();
    await stub.close();
  });

  it('are refreshed once they are within five minutes of expiry, while still valid', async (t) => {
    // Only the clock the SDK reads expiry from is mocked; sockets and timers run as usual.
    t.mock.timers.enable({ apis: ['Date'], now: Date.now() });
    const { connector } = await makeConnector();
    const config = configFor(stub.url, { roleArn });
    await connector.sendMessage(genericMessage, config);
    await connector.sendMessage(genericMessage, config);
    assert.equal(stub.counts.assumeRole, 1, 'more than five minutes from expiry: the cached session');
    t.mock.timers.tick(2500);
    await connector.sendMessage(genericMessage, config);
    assert.equal(stub.counts.assumeRole, 2);
    assert.equal(stub.counts.accepted, 3);
    const tokens = stub.requests
      .filter(({ operation }) => operation === 'SendEmail')
      .map(({ securityToken }) => securityToken);
    assert.equal(tokens[0], tokens[1]);
    assert.notEqual(tokens[1], tokens[2], 'the last send uses the refreshed session');
  });
});

/**
 * Sending through an SES global endpoint (`endpointId`): every SendEmail carries the ID and is
 * signed with SigV4a for region set "*", from every credential source; retries and the deadline
 * hold as for a regional send; the errors name the global endpoint. The stub stands in for the
 * endpoint (`endpoint` points at it) and verifies each SigV4a signature; the failover between the
 * endpoint's two regions happens inside SES and is not simulated.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';

import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

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
import { settlesAtDeadline } from '../support/clock.js';
import { startSesStub, type SesStub, type StubRequest } from '../support/ses-stub.js';
import { isolateDefaultChain, sequence, withoutKeys } from '../support/fault-helpers.js';
import { expectConnectorError, makeConnector, messageOf, textOf } from '../integration/harness.js';

const endpointId = 'abcd1234.ef5g';

/** What a global-endpoint SendEmail must look like on the wire. */
const assertGlobalSend = (request: StubRequest | undefined, accessKeyId?: string) => {
  assert.ok(request, 'a SendEmail reached the stub');
  assert.equal(request.signatureAlgorithm, 'AWS4-ECDSA-P256-SHA256');
  assert.equal(request.regionSet, '*');
  assert.equal(request.signatureValid, true, 'a valid SigV4a signature');
  assert.equal((request.body as Record<string, unknown>).EndpointId, endpointId);
  if (accessKeyId) {
    assert.equal(request.accessKeyId, accessKeyId);
  }
};

describe('global endpoint sends', () => {
  let stub: SesStub;
  const sends = () => stub.requests.filter(({ operation }) => operation === 'SendEmail');
  const config = (overrides: Record<string, unknown> = {}) =>
    configFor(stub.url, { endpointId, timeoutMs: 4000, maxAttempts: 3, ...overrides });

  before(async () => {
    isolateDefaultChain();
    stub = await startSesStub({
      credentials: {
        [keyId]: { secretAccessKey: secret },
        [environmentKeyId]: { secretAccessKey: environmentSecret },
        [temporaryKeyId]: { secretAccessKey: secret, sessionToken },
      },
      multiRegionEndpoints: [
        { EndpointName: 'logto', EndpointId: endpointId, Status: 'READY', Regions: ['us-east-1', 'eu-west-1'] },
      ],
    });
    process.env.AWS_ENDPOINT_URL_STS = stub.url;
  });
  afterEach(async () => {
    await destroyClients();
    stub.setFault('ok');
    stub.reset();
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    delete process.env.AWS_USE_FIPS_ENDPOINT;
  });
  after(async () => {
    await stub.close();
  });

  /**
   * Sends as Logto's own sends do, with the saved config: the errors keep their precise code (the
   * console's test, which passes a config, gets them worded for the console).
   */
  const sendWith = async (savedConfig: Record<string, unknown>) =>
    (await makeConnector({ savedConfig })).connector.sendMessage(genericMessage);
  const send = async (overrides?: Record<string, unknown>) => sendWith(config(overrides));

  describe('signing, from every credential source', () => {
    it("signs with the config's static keys", async () => {
      const messageId = await send();
      assert.equal(sends().length, 1);
      assertGlobalSend(sends()[0], keyId);
      assert.deepEqual(
        stub.accepted.map((accepted) => accepted.messageId),
        [messageId]
      );
    });

    it("signs for every region even when AWS_SIGV4A_SIGNING_REGION_SET in Logto's environment names one", async () => {
      process.env.AWS_SIGV4A_SIGNING_REGION_SET = 'eu-west-1';
      try {
        await send();
      } finally {
        delete process.env.AWS_SIGV4A_SIGNING_REGION_SET;
      }
      assertGlobalSend(sends()[0], keyId);
      assert.equal(stub.counts.accepted, 1);
    });

    it('signs temporary keys and sends their session token, which the signature covers', async () => {
      await send({ accessKeyId: temporaryKeyId, sessionToken });
      const [request] = sends();
      assertGlobalSend(request, temporaryKeyId);
      assert.equal(request?.securityToken, sessionToken);
      assert.equal(stub.counts.accepted, 1);
    });

    it('signs with the default chain (here the environment) when the config has no keys', async () => {
      process.env.AWS_ACCESS_KEY_ID = environmentKeyId;
      process.env.AWS_SECRET_ACCESS_KEY = environmentSecret;
      await sendWith(withoutKeys(config()));
      assertGlobalSend(sends()[0], environmentKeyId);
      assert.equal(stub.counts.accepted, 1);
    });

    it("assumes roleArn through STS (SigV4, regional) and signs SendEmail with the role's keys (SigV4a)", async () => {
      await send({ roleArn });
      await send({ roleArn });
      const [assumeRole] = stub.requests.filter(({ operation }) => operation === 'AssumeRole');
      assert.equal(assumeRole?.signatureAlgorithm, 'AWS4-HMAC-SHA256');
      assert.equal(assumeRole?.accessKeyId, keyId);
      assert.equal(assumeRole?.signatureValid, true);
      assert.equal(stub.counts.assumeRole, 1, "the role's credentials are cached by the client");
      assert.equal(sends().length, 2);
      for (const request of sends()) {
        assertGlobalSend(request);
        assert.notEqual(request.accessKeyId, keyId, "SES is called with the role's keys");
        assert.ok(request.securityToken, "with the role session's token");
      }
    });

    it('without endpointId sends regionally: SigV4 for the region, no EndpointId', async () => {
      await send({ endpointId: '' });
      const [request] = sends();
      assert.equal(request?.signatureAlgorithm, 'AWS4-HMAC-SHA256');
      assert.equal(request?.region, 'us-east-1');
      assert.equal(request?.regionSet, undefined);
      assert.equal(request?.signatureValid, true);
      assert.equal((request?.body as Record<string, unknown>).EndpointId, undefined);
    });

    it('is refused by a stub that checks signatures when the secret is wrong', async () => {
      const error = await expectConnectorError(
        send({ accessKeySecret: 'Not/The+Secret0123456789abcdefghijklmnop' }),
        ConnectorErrorCodes.InvalidConfig
      );
      assert.match(messageOf(error), /SignatureDoesNotMatch/);
      assert.equal(sends()[0]?.signatureValid, false);
      assert.equal(stub.counts.accepted, 0);
    });
  });

  describe('retries and the deadline', () => {
    for (const fault of ['server500json', 'unavailable503', 'throttle', 'reset'] as const) {
      it(`retries ${fault} and sends on the next attempt, each attempt SigV4a-signed`, async () => {
        stub.setFault(sequence(fault));
        const messageId = await send();
        assert.equal(sends().length, 2);
        for (const request of sends()) {
          assertGlobalSend(request, keyId);
        }
        assert.deepEqual(
          stub.accepted.map((accepted) => accepted.messageId),
          [messageId]
        );
      });
    }

    it('gives up after maxAttempts when SES keeps failing', async () => {
      stub.setFault('server500json');
      const error = await expectConnectorError(send(), ConnectorErrorCodes.InvalidResponse);
      assert.equal(sends().length, 3);
      assert.equal((error.data as Record<string, unknown>).attempts, 3);
      assert.equal(stub.counts.accepted, 0);
    });

    it('does not retry MessageRejected', async () => {
      stub.setFault('messageRejected');
      await expectConnectorError(send(), ConnectorErrorCodes.InvalidConfig);
      assert.equal(sends().length, 1);
    });

    it('settles a hanging global endpoint at timeoutMs, not a moment earlier, and aborts the request', async (t) => {
      stub.setFault('hang');
      const { outcome } = await settlesAtDeadline(
        t,
        600,
        async () => send({ timeoutMs: 600 }),
        () => sends().length === 1
      );
      const error = await expectConnectorError(outcome, ConnectorErrorCodes.InvalidResponse);
      assert.match(messageOf(error), /did not answer within 600 ms/);
      assert.equal(sends().length, 1);
    });
  });

  describe('errors name the global endpoint', () => {
    it('an endpoint ID SES does not know: invalid_config, saying to check endpointId and the status', async () => {
      const error = await expectConnectorError(
        send({ endpointId: 'zzzz9999.unknown' }),
        ConnectorErrorCodes.InvalidConfig
      );
      const text = messageOf(error);
      assert.match(text, /global endpoint zzzz9999\.unknown/);
      assert.match(text, /check that endpointId is the ID .* whose status is READY/);
      assert.match(text, /in both regions of the global endpoint/);
      assert.equal(sends().length, 1, 'not retried');
    });

    it('an identity not verified in one of its regions: the hint says both regions must have it', async () => {
      stub.setFault('messageRejected');
      const error = await expectConnectorError(send(), ConnectorErrorCodes.InvalidConfig);
      const text = messageOf(error);
      assert.match(text, /MessageRejected: Email address is not verified/);
      assert.match(text, new RegExp(`either region of the global endpoint ${endpointId.replace('.', '\\.')}`));
      assert.match(text, /verified \(with DKIM\) and the account out of the SES sandbox in each of them/);
      assert.match(text, /logto-ses check names the region/);
      assert.ok(!text.includes(secret));
    });

    it('FIPS turned on for the process (AWS_USE_FIPS_ENDPOINT): invalid_config naming endpointId, nothing sent', async () => {
      process.env.AWS_USE_FIPS_ENDPOINT = 'true';
      const error = await expectConnectorError(send(), ConnectorErrorCodes.InvalidConfig);
      assert.match(messageOf(error), /endpointId cannot be used with FIPS endpoints.*AWS_USE_FIPS_ENDPOINT/);
      assert.equal(stub.counts.requests, 0);
    });

    it("FIPS turned on for the process, without endpointId: the SDK's own refusal, not one about endpointId", async () => {
      process.env.AWS_USE_FIPS_ENDPOINT = 'true';
      const { endpointId: _id, ...regional } = config();
      const error = await expectConnectorError(sendWith(regional), ConnectorErrorCodes.InvalidResponse);
      assert.equal(
        textOf(error),
        'Sending through SES failed: EndpointError: Invalid Configuration: FIPS and custom endpoint are not supported.'
      );
      assert.equal(stub.counts.requests, 0);
    });

    it('a FIPS endpoint URL with endpointId: invalid_config before any request', async () => {
      const error = await expectConnectorError(
        send({ endpoint: 'https://email-fips.us-east-1.amazonaws.com' }),
        ConnectorErrorCodes.InvalidConfig
      );
      assert.match(messageOf(error), /endpointId cannot be used with a FIPS endpoint/);
      assert.equal(stub.counts.requests, 0);
    });

    it('a malformed endpoint ID: invalid_config naming endpointId before any request', async () => {
      const error = await expectConnectorError(
        send({ endpointId: 'https://abcd1234.ef5g.endpoints.email.amazonaws.com' }),
        ConnectorErrorCodes.InvalidConfig
      );
      assert.match(messageOf(error), /endpointId must be the ID of an SES global endpoint/);
      assert.ok(error instanceof ConnectorError);
      assert.equal(stub.counts.requests, 0);
    });
  });
});

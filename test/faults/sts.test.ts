/**
 * A role assumed through a local STS (`roleArn`): what fails at
 * STS, refused, hung or answering an error, is said as STS's with the role and STS's endpoint,
 * and the credentials STS issued are redacted like the config's own.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';

import { type ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import { configFor, keyId, roleArn, secret, signInMessage } from '../support/fixtures.js';
import { destroyClients } from '../../src/index.js';
import { within } from '../support/clock.js';
import { startSesStub, type SesStub } from '../support/ses-stub.js';
import { renderings } from '../support/fault-helpers.js';
import { startSilentServer, type SilentServer } from '../support/silent-server.js';
import { expectConnectorError, makeConnector, messageOf, textOf } from '../integration/harness.js';

describe('a role assumed through STS', () => {
  let stub: SesStub;
  let silent: SilentServer;

  before(async () => {
    stub = await startSesStub({ credentials: { [keyId]: { secretAccessKey: secret } } });
    silent = await startSilentServer();
  });
  afterEach(async () => {
    await destroyClients();
    stub.reset();
    delete process.env.AWS_ENDPOINT_URL_STS;
  });
  after(async () => {
    await stub.close();
    await silent.close();
  });

  it("redacts the role's credentials that STS issued, when SES echoes them", async () => {
    const echoing = await startSesStub({
      credentials: { [keyId]: { secretAccessKey: secret } },
      fault: 'messageRejected',
      responseHeaders: (request) => ({ 'x-amzn-requestid': request.securityToken ?? '' }),
    });
    process.env.AWS_ENDPOINT_URL_STS = echoing.url;
    try {
      const config = configFor(echoing.url, { roleArn });
      const { connector } = await makeConnector({ savedConfig: config });
      for (const send of [
        async () => connector.sendMessage(signInMessage),
        async () => connector.sendMessage(signInMessage, config),
      ]) {
        const error = await expectConnectorError(send(), ConnectorErrorCodes.InvalidConfig);
        const issued = echoing.requests.find(({ operation }) => operation === 'SendEmail')?.securityToken;
        assert.ok(issued, 'SES was called with the token STS issued');
        assert.equal((error.data as Record<string, unknown>).requestId, '[redacted]');
        for (const text of renderings(error)) {
          assert.ok(!text.includes(issued), `issued session token in: ${text}`);
        }
      }
    } finally {
      await echoing.close();
    }
  });

  describe('STS faults are STS faults', () => {
    const assume = async (stsUrl: string, extra: Record<string, unknown> = {}) => {
      process.env.AWS_ENDPOINT_URL_STS = stsUrl;
      const { connector } = await makeConnector({
        savedConfig: configFor(stub.url, { roleArn, maxAttempts: 1, ...extra }),
      });
      return connector.sendMessage(signInMessage);
    };
    const namesStsAndRole = (error: ConnectorError, endpoint: string) => {
      const text = messageOf(error);
      assert.match(text, /STS/);
      assert.ok(text.includes(roleArn), `names the role: ${text}`);
      assert.ok(text.includes(endpoint), `names STS's endpoint: ${text}`);
      assert.doesNotMatch(text, /SES answered|SES AccessDenied|check endpoint/);
      assert.equal(stub.counts.sendEmail, 0, 'nothing reached SES');
    };

    it('a refused STS', async () => {
      const error = await expectConnectorError(assume('http://127.0.0.1:9'), ConnectorErrorCodes.InvalidResponse);
      namesStsAndRole(error, 'http://127.0.0.1:9');
    });

    it('a hung STS: the deadline names STS, not SES', async (t) => {
      const error = await expectConnectorError(
        assume(silent.url, { timeoutMs: 600 }),
        ConnectorErrorCodes.InvalidResponse
      );
      assert.match(textOf(error), /^STS did not answer within 600 ms/);
      t.diagnostic(`log: ${textOf(error)}`);
      namesStsAndRole(error, silent.url);
      await within(silent.allEnded(), 'the AssumeRole request closing too');
    });

    it('a role assumed, then a hung SES: the deadline names SES, not STS', async () => {
      process.env.AWS_ENDPOINT_URL_STS = stub.url;
      const { connector } = await makeConnector({
        savedConfig: configFor(silent.url, { roleArn, maxAttempts: 1, timeoutMs: 600 }),
      });
      const error = await expectConnectorError(
        connector.sendMessage(signInMessage),
        ConnectorErrorCodes.InvalidResponse
      );
      assert.match(textOf(error), /^SES did not answer within 600 ms/);
      assert.equal(stub.counts.assumeRole, 1, 'the role was assumed first');
      await within(silent.allEnded(), 'the SendEmail request closing');
    });

    for (const [stsFault, expected, code] of [
      ['notFoundPage', /STS at .* answered HTTP 404 \(not found\) to AssumeRole/, ConnectorErrorCodes.InvalidConfig],
      ['accessDenied', /STS AccessDenied: User: .* may not assume/, ConnectorErrorCodes.InvalidConfig],
    ] as const) {
      it(`an STS ${stsFault === 'accessDenied' ? '403 AccessDenied' : '404 page'}`, async (t) => {
        const sts = await startSesStub({ credentials: { [keyId]: { secretAccessKey: secret } }, stsFault });
        try {
          const error = await expectConnectorError(assume(sts.url), code);
          assert.match(messageOf(error), expected);
          namesStsAndRole(error, sts.url);
          t.diagnostic(`log: ${textOf(error)}`);
        } finally {
          await sts.close();
        }
      });
    }
  });
});

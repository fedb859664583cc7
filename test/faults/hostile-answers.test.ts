/**
 * The built package against endpoints that answer what SES never would: the secret and session
 * token echoed in every header the connector reads, a redirect, a 404 page or a wrong path. Each
 * is said as it is, and no error, in any rendering, carries a secret.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { ConnectorErrorCodes, type ConnectorError } from '@logto/connector-kit';

import { destroyClients } from '../../src/index.js';
import { startSesStub, type Fault } from '../support/ses-stub.js';
import { asConnectorError, renderings, useSesStub } from '../support/fault-helpers.js';
import { configFor, secret, sessionToken, signInMessage, temporaryKeyId } from '../support/fixtures.js';
import { expectConnectorError, makeConnector, messageOf, textOf } from '../integration/harness.js';

describe('the built package against endpoints that answer oddly', () => {
  const ses = useSesStub();

  it('keeps the secret and the session token out of every error, even when the endpoint echoes them', async () => {
    const echoing = await startSesStub({
      credentials: { [temporaryKeyId]: { secretAccessKey: secret, sessionToken } },
      // An endpoint that echoes the token in every header the connector reads.
      responseHeaders: (request) => ({
        'x-amzn-requestid': `${request.securityToken ?? ''} ${encodeURIComponent(secret)}`,
        'x-amzn-errortype': request.fault === 'ok' ? '' : `Echo${request.securityToken ?? ''}`,
        location: `https://login.example.com/?token=${request.securityToken ?? ''}`,
      }),
    });
    const failures: ConnectorError[] = [];
    try {
      const faults: Fault[] = [
        'throttle',
        'server500json',
        'server500text',
        'messageRejected',
        'invalidClientTokenId',
        'malformedJson',
        'redirect302',
        'notFoundPage',
        'dailyQuota',
        'hang',
      ];
      for (const fault of faults) {
        echoing.setFault(fault);
        const config = configFor(echoing.url, {
          accessKeyId: temporaryKeyId,
          sessionToken,
          timeoutMs: 500,
          maxAttempts: 2,
        });
        for (const consoleTest of [true, false]) {
          const { connector } = await makeConnector({ savedConfig: config });
          try {
            await (consoleTest ? connector.sendMessage(signInMessage, config) : connector.sendMessage(signInMessage));
            assert.fail(`${fault} must fail`);
          } catch (error: unknown) {
            failures.push(asConnectorError(error));
          }
          await destroyClients();
        }
      }
    } finally {
      await echoing.close();
    }
    assert.equal(failures.length, 20);
    assert.ok(
      failures.some((error) => String((error.data as Record<string, unknown>).requestId).includes('[redacted]')),
      'the echoed request id is kept, redacted'
    );
    for (const error of failures) {
      for (const text of renderings(error)) {
        assert.ok(!text.includes(secret), `secret in: ${text}`);
        assert.ok(!text.includes(encodeURIComponent(secret)), `encoded secret in: ${text}`);
        assert.ok(!text.includes(sessionToken), `session token in: ${text}`);
      }
    }
  });

  // The credentials STS issues for roleArn, and STS's own faults: test/faults/sts.test.ts.

  describe('odd answers are said as they are', () => {
    it('a 302 says where it redirects, and to check endpoint', async (t) => {
      ses.stub.setFault('redirect302');
      const { connector } = await makeConnector({ savedConfig: configFor(ses.stub.url) });
      const error = await expectConnectorError(connector.sendMessage(signInMessage), ConnectorErrorCodes.InvalidConfig);
      assert.match(
        messageOf(error),
        /answered HTTP 302, a redirect to https:\/\/login\.example\.com\/sso, instead of an SES answer\. Please check endpoint/
      );
      assert.doesNotMatch(messageOf(error), /Unknown/);
      t.diagnostic(`log: ${textOf(error)}`);
    });

    for (const [name, endpoint, fault] of [
      ['an endpoint URL with a wrong path', () => `${ses.stub.url}/wrong/path`, 'ok'],
      ['a web page that is not found', () => ses.stub.url, 'notFoundPage'],
    ] as const) {
      it(`${name}: 404, check endpoint`, async (t) => {
        ses.stub.setFault(fault);
        const { connector } = await makeConnector({ savedConfig: configFor(endpoint()) });
        const error = await expectConnectorError(
          connector.sendMessage(signInMessage),
          ConnectorErrorCodes.InvalidConfig
        );
        assert.match(messageOf(error), /answered HTTP 404 \(not found\) to SendEmail: there is no SES API at that URL/);
        assert.match(messageOf(error), /check endpoint/);
        assert.doesNotMatch(messageOf(error), /proxy|outage/);
        t.diagnostic(`log: ${textOf(error)}`);
      });
    }
  });
});

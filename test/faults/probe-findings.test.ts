/**
 * The built package against callers and endpoints that misbehave: hung requests, HTML nested too
 * deeply to convert, input Logto does not promise, endpoints that echo secrets, redirect or answer
 * 404, key fields that cannot go into a header, user info in endpoint and numbers that are not
 * decimal. Each runs against a local server that behaves as such an endpoint does.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';

import { ConnectorError, ConnectorErrorCodes, TemplateType } from '@logto/connector-kit';

import { destroyClients, parseConfig } from '../../src/index.js';
import { until, within, withMockedTimeouts } from '../support/clock.js';
import { startSesStub, type Fault, type SesStub } from '../support/ses-stub.js';
import { renderings } from '../support/fault-helpers.js';
import { startSilentServer, type SilentServer } from '../support/silent-server.js';
import { expectConnectorError, makeConfig, makeConnector, messageOf, secret, textOf } from '../integration/harness.js';

const keyId = 'AKIATESTKEYID0000001';
const temporaryKeyId = 'ASIATEMPORARYKEY0001';
const sessionToken = 'SESSION-TOKEN-SENTINEL-0123456789';
const message = { to: 'user@example.com', type: TemplateType.SignIn, payload: { code: '123456' } };

/** A caught value that must be a ConnectorError. */
const asConnectorError = (error: unknown): ConnectorError => {
  assert.ok(error instanceof ConnectorError, `expected a ConnectorError, got ${String(error)}`);
  return error;
};

const nested = (open: string, close: string, depth: number, inner = '{{code}}') =>
  `${open.repeat(depth)}${inner}${close.repeat(depth)}`;

describe('the built package when a caller or an endpoint misbehaves', () => {
  let stub: SesStub;
  let silent: SilentServer;

  before(async () => {
    stub = await startSesStub({
      credentials: {
        [keyId]: { secretAccessKey: secret },
        [temporaryKeyId]: { secretAccessKey: secret, sessionToken },
      },
    });
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

  it('closes the socket of every aborted request: 50 hung console tests leave no connection open', async (t) => {
    const { connector } = await makeConnector();
    const timeoutMs = 200;
    await withMockedTimeouts(t, async (tick) => {
      for (let index = 1; index <= 50; index += 1) {
        // A fresh config object each time, as the console's test passes.
        const sending = connector.sendMessage(message, makeConfig(silent.url, { timeoutMs, maxAttempts: 1 }));
        await until(() => silent.accepted() === index, `console test ${index} reaching the hung endpoint`);
        tick(timeoutMs);
        const error = await expectConnectorError(sending, ConnectorErrorCodes.InvalidResponse);
        assert.match(messageOf(error), /did not answer within 200 ms/);
      }
    });
    assert.equal(silent.accepted(), 50, 'every send reached the server, each on a connection of its own');
    await within(silent.allEnded(), 'every aborted connection closing');
  });

  describe('deeply nested HTML', () => {
    for (const [name, html] of [
      ['1000 nested tables', nested('<table><tr><td>', '</td></tr></table>', 1000)],
      ['3000 nested divs', nested('<div>', '</div>', 3000)],
      ['50000 nested divs', nested('<div>', '</div>', 50_000)],
    ] as const) {
      it(`${name} in a config template: a ConnectorError naming the template, or a text part`, async () => {
        const config = makeConfig(stub.url, {
          templates: [
            { usageType: 'Generic', subject: 's', content: '<p>{{code}}</p>' },
            { usageType: 'SignIn', subject: 'Code', content: html },
          ],
        });
        const { connector } = await makeConnector({ savedConfig: config });
        await settledWithoutCrash(connector.sendMessage(message), /^templates\[1\] \(usageType "SignIn"\)/);
      });

      it(`${name} in Logto's custom template: a ConnectorError naming the template, or a text part`, async () => {
        const { connector } = await makeConnector({
          savedConfig: makeConfig(stub.url),
          getI18nEmailTemplate: async () => ({ subject: 'Code', content: html }),
        });
        await settledWithoutCrash(connector.sendMessage(message), /^Logto's custom email template for SignIn/);
      });
    }

    /** Either sent with a text part that holds the code, or refused as invalid_config naming the template. */
    const settledWithoutCrash = async (sending: Promise<unknown>, naming: RegExp) => {
      try {
        await sending;
        const [request] = stub.requests.filter(({ operation }) => operation === 'SendEmail');
        const body = request?.body as { Content?: { Simple?: { Body?: { Text?: { Data?: string } } } } };
        assert.match(String(body.Content?.Simple?.Body?.Text?.Data), /123456/);
      } catch (error: unknown) {
        const refused = asConnectorError(error);
        assert.equal(refused.code, ConnectorErrorCodes.InvalidConfig);
        assert.match(textOf(refused), naming);
        assert.match(messageOf(refused), /nested too deeply/);
      }
    };

    it('50000 nested divs cannot convert, so the send is refused with the template named', async () => {
      const { connector } = await makeConnector({
        savedConfig: makeConfig(stub.url, {
          templates: [{ usageType: 'Generic', subject: 's', content: nested('<div>', '</div>', 50_000) }],
        }),
      });
      const error = await expectConnectorError(connector.sendMessage(message), ConnectorErrorCodes.InvalidConfig);
      assert.match(textOf(error), /^templates\[0\] \(usageType "Generic"\) cannot be converted to plain text/);
      assert.equal(stub.counts.sendEmail, 0);
    });
  });

  describe('input that is not what Logto promises', () => {
    const withoutPrototype = Object.assign(Object.create(null) as Record<string, unknown>, { name: 'Acme' });
    for (const [name, data, field] of [
      ['to as a number', { ...message, to: 42 }, /to must be a string \(one email address\), not a number/],
      ['to as null', { ...message, to: null }, /to must be a string .*, not null/],
      ['to as an array', { ...message, to: ['user@example.com'] }, /to must be a string .*, not an array/],
      ['type missing', { to: message.to, payload: message.payload }, /type is missing/],
      ['type as a number', { ...message, type: 3 }, /type must be a template type .*, not a number/],
      ['payload null', { ...message, payload: null }, /payload must be an object, not null/],
      [
        'a payload value without a prototype',
        { ...message, payload: { code: '1', organization: withoutPrototype } },
        /payload\.organization has no text form/,
      ],
    ] as const) {
      it(`${name}: invalid_request_parameters naming the field, both ways`, async () => {
        const config = makeConfig(stub.url, {
          templates: [{ usageType: 'Generic', subject: '{{organization}}', content: '<p>{{code}}</p>' }],
        });
        const { connector } = await makeConnector({ savedConfig: config });
        // Deliberately not a SendMessageData: what a careless caller hands over.
        const send = connector.sendMessage as (data: unknown, config?: unknown) => Promise<unknown>;
        const logto = await expectConnectorError(send(data), ConnectorErrorCodes.InvalidRequestParameters);
        assert.equal(logto.code, ConnectorErrorCodes.InvalidRequestParameters);
        assert.match(messageOf(logto), field);
        const consoleTest = await expectConnectorError(
          send(data, config),
          ConnectorErrorCodes.InvalidRequestParameters
        );
        assert.equal(consoleTest.code, ConnectorErrorCodes.General);
        assert.equal(stub.counts.sendEmail, 0);
      });
    }
  });

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
        const config = makeConfig(echoing.url, {
          accessKeyId: temporaryKeyId,
          sessionToken,
          timeoutMs: 500,
          maxAttempts: 2,
        });
        for (const consoleTest of [true, false]) {
          const { connector } = await makeConnector({ savedConfig: config });
          try {
            await (consoleTest ? connector.sendMessage(message, config) : connector.sendMessage(message));
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

  it('refuses key fields that cannot go into a header, naming the field, never the value', async () => {
    for (const [field, value] of [
      ['accessKeyId', 'AKIAÉTÉ0000000000001'],
      ['accessKeySecret', `${secret.slice(0, 10)}\n${secret.slice(10)}`],
      ['sessionToken', 'token-with-ü-inside'],
    ] as const) {
      const config = makeConfig(stub.url, { [field]: value });
      const { connector } = await makeConnector({ savedConfig: config });
      const error = await expectConnectorError(connector.sendMessage(message), ConnectorErrorCodes.InvalidConfig);
      assert.match(messageOf(error), new RegExp(`${field} must be visible ASCII characters only`));
      assert.ok(!messageOf(error).includes(value), 'the value is not echoed');
    }
    assert.equal(stub.counts.requests, 0);
  });

  describe('odd answers are said as they are', () => {
    it('a 302 says where it redirects, and to check endpoint', async (t) => {
      stub.setFault('redirect302');
      const { connector } = await makeConnector({ savedConfig: makeConfig(stub.url) });
      const error = await expectConnectorError(connector.sendMessage(message), ConnectorErrorCodes.InvalidConfig);
      assert.match(
        messageOf(error),
        /answered HTTP 302, a redirect to https:\/\/login\.example\.com\/sso, instead of an SES answer\. Please check endpoint/
      );
      assert.doesNotMatch(messageOf(error), /Unknown/);
      t.diagnostic(`log: ${textOf(error)}`);
    });

    for (const [name, endpoint, fault] of [
      ['an endpoint URL with a wrong path', () => `${stub.url}/wrong/path`, 'ok'],
      ['a web page that is not found', () => stub.url, 'notFoundPage'],
    ] as const) {
      it(`${name}: 404, check endpoint`, async (t) => {
        stub.setFault(fault);
        const { connector } = await makeConnector({ savedConfig: makeConfig(endpoint()) });
        const error = await expectConnectorError(connector.sendMessage(message), ConnectorErrorCodes.InvalidConfig);
        assert.match(messageOf(error), /answered HTTP 404 \(not found\) to SendEmail: there is no SES API at that URL/);
        assert.match(messageOf(error), /check endpoint/);
        assert.doesNotMatch(messageOf(error), /proxy|outage/);
        t.diagnostic(`log: ${textOf(error)}`);
      });
    }
  });

  it('refuses user info in endpoint, without echoing it', async () => {
    const config = makeConfig('https://logto:Passw0rd-In-Url@email.example.com');
    const { connector } = await makeConnector({ savedConfig: config });
    const error = await expectConnectorError(connector.sendMessage(message), ConnectorErrorCodes.InvalidConfig);
    assert.match(messageOf(error), /endpoint must not contain a user name or password/);
    assert.ok(!messageOf(error).includes('Passw0rd-In-Url'));
  });

  it('takes numbers in decimal only', () => {
    for (const [field, value] of [
      ['timeoutMs', '0x1f4'],
      ['timeoutMs', '1e3'],
      ['maxAttempts', '0x2'],
      ['maxAttempts', '0b11'],
    ] as const) {
      assert.throws(
        () => parseConfig(makeConfig(stub.url, { [field]: value })),
        (error: ConnectorError) => {
          assert.equal(error.code, ConnectorErrorCodes.InvalidConfig);
          assert.match(messageOf(error), new RegExp(`${field} must be a number`));
          return true;
        }
      );
    }
    const parsed = parseConfig(makeConfig(stub.url, { timeoutMs: ' 500 ', maxAttempts: '2' }));
    assert.equal(parsed.timeoutMs, 500);
    assert.equal(parsed.maxAttempts, 2);
  });
});

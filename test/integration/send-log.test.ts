/**
 * The connector's line in Logto's log: a failed send always, one line on console.error with the
 * usage type, the recipient's domain, the precise code, SES's exception, request id and attempts;
 * a successful one only with `logLevel: "info"`, on console.info with the MessageId; JSON with
 * `logFormat: "json"` or LOG_FORMAT=json. Never the code, the local part or a secret.
 */
import assert from 'node:assert/strict';
import { after, afterEach, beforeEach, describe, it, mock } from 'node:test';

import { TemplateType } from '@logto/connector-kit';

import { configFor, secret } from '../support/fixtures.js';
import { destroyClients } from '../../src/index.js';
import { startScriptedSes, type ScriptedAnswer, type ScriptedSes } from '../support/scripted-ses.js';
import { expectConnectorError, makeConnector } from './harness.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const code = '271828';
const to = 'jane.doe@example.com';

const rejected: ScriptedAnswer = {
  status: 400,
  errorType: 'MessageRejected',
  body: { message: `Email address is not verified. The following identities failed the check: ${to}` },
};

const servers: ScriptedSes[] = [];
after(async () => {
  await destroyClients();
  await Promise.all(servers.map(async (server) => server.close()));
});

let errors: ReturnType<typeof mock.method>;
let infos: ReturnType<typeof mock.method>;
beforeEach(() => {
  delete process.env.LOG_FORMAT;
  errors = mock.method(console, 'error', () => undefined);
  infos = mock.method(console, 'info', () => undefined);
});
afterEach(() => {
  delete process.env.LOG_FORMAT;
  mock.restoreAll();
});

const linesOf = (method: ReturnType<typeof mock.method>) =>
  method.mock.calls.map(({ arguments: args }) => {
    assert.equal(args.length, 1, 'one argument: the whole line');
    assert.equal(typeof args[0], 'string');
    return args[0] as string;
  });

/** The line with its duration, the one value a test cannot know, made fixed. */
const fixedDuration = (line: string) => line.replace(/durationMs=\d+$/, 'durationMs=N');

const send = async (answer: ScriptedAnswer | undefined, overrides: Record<string, unknown> = {}) => {
  const ses = await startScriptedSes(answer && (() => answer));
  servers.push(ses);
  const { connector } = await makeConnector({ savedConfig: configFor(ses.url, overrides) });
  return connector.sendMessage({ to, type: TemplateType.SignIn, payload: { code, locale: 'en' } });
};

describe('the log line', () => {
  it('a failed send writes one line on console.error, as text by default', async () => {
    await expectConnectorError(send(rejected), 'invalid_config');
    assert.deepEqual(linesOf(errors).map(fixedDuration), [
      'aws-ses-mail: email not sent: outcome=failed usageType=SignIn domain=example.com code=invalid_config sesError=MessageRejected requestId=scripted-request attempts=1 durationMs=N',
    ]);
    assert.equal(infos.mock.callCount(), 0);
  });

  it('a successful send writes nothing by default', async () => {
    assert.equal(await send(undefined), 'scripted-1');
    assert.equal(errors.mock.callCount(), 0);
    assert.equal(infos.mock.callCount(), 0);
  });

  it('with logLevel "info", a successful send writes its MessageId on console.info', async () => {
    await send(undefined, { logLevel: 'info' });
    assert.deepEqual(linesOf(infos).map(fixedDuration), [
      'aws-ses-mail: email sent: outcome=sent usageType=SignIn domain=example.com messageId=scripted-1 requestId=scripted-request attempts=1 durationMs=N',
    ]);
    assert.equal(errors.mock.callCount(), 0);
  });

  it('names the SES tenant the mail went under, never the organization it was picked by', async () => {
    await send(undefined, { logLevel: 'info', tenantName: 'acme-corp' });
    await send(rejected, { tenantName: 'acme-corp' }).catch(() => undefined);
    assert.deepEqual(linesOf(infos).map(fixedDuration), [
      'aws-ses-mail: email sent: outcome=sent usageType=SignIn domain=example.com tenant=acme-corp messageId=scripted-1 requestId=scripted-request attempts=1 durationMs=N',
    ]);
    assert.deepEqual(linesOf(errors).map(fixedDuration), [
      'aws-ses-mail: email not sent: outcome=failed usageType=SignIn domain=example.com tenant=acme-corp code=invalid_config sesError=MessageRejected requestId=scripted-request attempts=1 durationMs=N',
    ]);
  });

  it('with logFormat "json", the line is one JSON object with the same fields', async () => {
    await expectConnectorError(send(rejected, { logFormat: 'json' }), 'invalid_config');
    const [line = ''] = linesOf(errors);
    const parsed = JSON.parse(line) as Record<string, unknown>;
    assert.match(String(parsed.time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal(typeof parsed.durationMs, 'number');
    assert.deepEqual(
      { ...parsed, time: 'T', durationMs: 0 },
      {
        time: 'T',
        level: 'error',
        connector: 'aws-ses-mail',
        msg: 'email not sent',
        outcome: 'failed',
        usageType: 'SignIn',
        domain: 'example.com',
        code: 'invalid_config',
        sesError: 'MessageRejected',
        requestId: 'scripted-request',
        attempts: 1,
        durationMs: 0,
      }
    );
    assert.ok(!line.includes('\n'), 'one line');
  });

  it('LOG_FORMAT=json in the environment makes it JSON too, for successes with logLevel "info"', async () => {
    process.env.LOG_FORMAT = 'json';
    await send(undefined, { logLevel: 'info' });
    const parsed = JSON.parse(linesOf(infos)[0] ?? '') as Record<string, unknown>;
    assert.deepEqual(
      { ...parsed, time: 'T', durationMs: 0 },
      {
        time: 'T',
        level: 'info',
        connector: 'aws-ses-mail',
        msg: 'email sent',
        outcome: 'sent',
        usageType: 'SignIn',
        domain: 'example.com',
        messageId: 'scripted-1',
        requestId: 'scripted-request',
        attempts: 1,
        durationMs: 0,
      }
    );
  });

  it("never holds the code, the local part, SES's message or a secret echoed in the request id", async () => {
    const echo = { status: 200, body: { MessageId: 'echoed' }, requestId: `req ${secret}` };
    await send(echo, { logLevel: 'info' });
    await expectConnectorError(send({ ...rejected, requestId: `req ${secret}` }), 'invalid_config');
    const lines = [...linesOf(infos), ...linesOf(errors)].map(fixedDuration);
    assert.deepEqual(lines, [
      'aws-ses-mail: email sent: outcome=sent usageType=SignIn domain=example.com messageId=echoed requestId="req [redacted]" attempts=1 durationMs=N',
      'aws-ses-mail: email not sent: outcome=failed usageType=SignIn domain=example.com code=invalid_config sesError=MessageRejected requestId="req [redacted]" attempts=1 durationMs=N',
    ]);
    for (const line of lines) {
      for (const hidden of [code, 'jane.doe', secret, 'not verified']) {
        assert.ok(!line.includes(hidden), `the line shows ${hidden}: ${line}`);
      }
    }
  });

  it('an invalid config is logged too, with its code and no attempt', async () => {
    await expectConnectorError(send(undefined, { logLevel: 'loud' }), 'invalid_config');
    assert.deepEqual(linesOf(errors).map(fixedDuration), [
      'aws-ses-mail: email not sent: outcome=failed usageType=SignIn domain=example.com code=invalid_config attempts=0 durationMs=N',
    ]);
  });
});

/**
 * The TracingChannel `connector-aws-ses:send`, for in-process subscribers without OpenTelemetry:
 * start, end, asyncStart, asyncEnd (and error on a failure), each with one context object holding
 * the usage type, the recipient's domain, the MessageId or the error; never the code or the local part.
 */
import assert from 'node:assert/strict';
import { tracingChannel } from 'node:diagnostics_channel';
import { after, before, describe, it, mock } from 'node:test';

import { ConnectorError, TemplateType } from '@logto/connector-kit';

import { configFor } from '../support/fixtures.js';
import { destroyClients } from '../../src/index.js';
import { startScriptedSes, type ScriptedSes } from '../support/scripted-ses.js';
import { expectConnectorError, makeConnector } from './harness.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let ses: ScriptedSes;
before(async () => {
  mock.method(console, 'error', () => undefined);
  ses = await startScriptedSes((_request, index) =>
    index === 2
      ? { status: 400, errorType: 'MessageRejected', body: { message: 'Email address is not verified.' } }
      : { status: 200, body: { MessageId: `m-${index}` } }
  );
});
after(async () => {
  mock.restoreAll();
  await destroyClients();
  await ses.close();
});

type Event = [string, Record<string, unknown>];

const listen = () => {
  const events: Event[] = [];
  const channel = tracingChannel('connector-aws-ses:send');
  const note = (name: string) => (context: unknown) => {
    events.push([name, { ...(context as Record<string, unknown>) }]);
  };
  const subscribers = {
    start: note('start'),
    end: note('end'),
    asyncStart: note('asyncStart'),
    asyncEnd: note('asyncEnd'),
    error: note('error'),
  };
  channel.subscribe(subscribers);
  return { events, stop: () => channel.unsubscribe(subscribers) };
};

const send = async () => {
  const { connector } = await makeConnector({ savedConfig: configFor(ses.url) });
  return connector.sendMessage({
    to: 'jane.doe@Example.com',
    type: TemplateType.Register,
    payload: { code: '161803', locale: 'de' },
  });
};

describe('the diagnostics TracingChannel', () => {
  it('publishes a sent email: start and end with the usage type and domain, then asyncStart and asyncEnd with the MessageId', async () => {
    const { events, stop } = listen();
    try {
      assert.equal(await send(), 'm-1');
    } finally {
      stop();
    }
    const started = { usageType: 'Register', domain: 'example.com', locale: 'de' };
    const done = { ...started, messageId: 'm-1', result: 'm-1' };
    assert.deepEqual(events, [
      ['start', started],
      ['end', started],
      ['asyncStart', done],
      ['asyncEnd', done],
    ]);
    assert.ok(!JSON.stringify(events).includes('161803') && !JSON.stringify(events).includes('jane.doe'));
  });

  it('publishes a failed email with error, the ConnectorError sendMessage throws', async () => {
    const { events, stop } = listen();
    let thrown: unknown;
    try {
      thrown = await expectConnectorError(send(), 'invalid_config');
    } finally {
      stop();
    }
    assert.deepEqual(
      events.map(([name]) => name),
      ['start', 'end', 'error', 'asyncStart', 'asyncEnd']
    );
    const [, context] = events.at(-1)!;
    assert.ok(context.error instanceof ConnectorError);
    assert.equal(context.error, thrown);
    assert.equal(context.messageId, undefined);
  });

  it('publishes a message that could not be read, with no usage type, domain or locale, and its refusal', async () => {
    const { events, stop } = listen();
    const { connector } = await makeConnector({ savedConfig: configFor(ses.url) });
    let thrown: unknown;
    try {
      thrown = await expectConnectorError(connector.sendMessage(null as never), 'invalid_request_parameters');
    } finally {
      stop();
    }
    assert.deepEqual(events[0], ['start', { usageType: undefined, domain: undefined, locale: undefined }]);
    assert.equal(events.at(-1)![1].error, thrown);
  });

  it('publishes nothing to a subscriber that left, and the send is unchanged', async () => {
    const { events, stop } = listen();
    stop();
    assert.equal(await send(), 'm-3');
    assert.deepEqual(events, []);
  });
});

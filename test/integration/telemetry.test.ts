/**
 * Every send reaches the operator's OpenTelemetry SDK (the real SDK, in-memory exporters) as one
 * CLIENT span and metric points: sent, rejected, throttled then sent, timed out. No attribute
 * holds the code, the recipient's local part or a secret; with no SDK registered nothing is
 * recorded and sends behave as before.
 */
import assert from 'node:assert/strict';
import { AsyncLocalStorage } from 'node:async_hooks';
import { after, afterEach, before, describe, it, mock } from 'node:test';

import { TemplateType } from '@logto/connector-kit';
import {
  context,
  createNoopMeter,
  metrics,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type ContextManager,
} from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';

import { configFor, keyId, secret } from '../support/fixtures.js';
import { destroyClients } from '../../src/index.js';
import { registerOtelSdk, type OtelSdk } from '../support/otel-sdk.js';
import { startScriptedSes, type ScriptedAnswer, type ScriptedSes } from '../support/scripted-ses.js';
import { expectConnectorError, makeConnector } from './harness.js';

const code = '314159';
const localPart = 'jane.doe';
const to = `${localPart}@Example.COM`;

const rejected: ScriptedAnswer = {
  status: 400,
  errorType: 'MessageRejected',
  body: {
    message: `Email address is not verified. The following identities failed the check in region US-EAST-1: ${localPart}@example.com`,
  },
};
const throttled: ScriptedAnswer = {
  status: 429,
  errorType: 'TooManyRequestsException',
  body: { message: 'Maximum sending rate exceeded.' },
};

const servers: ScriptedSes[] = [];
let sdk: OtelSdk;

const scripted = async (answer: Parameters<typeof startScriptedSes>[0]) => {
  const ses = await startScriptedSes(answer);
  servers.push(ses);
  return ses;
};

/** Sends one SignIn email in French through `ses` as Logto's sign-in does (the saved config). */
const send = async (ses: ScriptedSes, overrides: Record<string, unknown> = {}) => {
  const config = configFor(ses.url, { maxAttempts: 3, ...overrides });
  const { connector } = await makeConnector({ savedConfig: config });
  return connector.sendMessage({ to, type: TemplateType.SignIn, payload: { code, locale: 'fr' } });
};

const onlySpan = (): ReadableSpan => {
  const spans = sdk.spans();
  assert.equal(spans.length, 1, `expected one span, got ${spans.map(({ name }) => name).join(', ') || 'none'}`);
  return spans[0]!;
};

const portOf = (ses: ScriptedSes) => Number(new URL(ses.url).port);

/** What every span of a SignIn email in French to example.com through `ses` carries. */
const common = (ses: ScriptedSes): Attributes => ({
  'rpc.system': 'aws-api',
  'rpc.service': 'SESv2',
  'rpc.method': 'SendEmail',
  'server.address': '127.0.0.1',
  'server.port': portOf(ses),
  'cloud.region': 'us-east-1',
  'logto.email.usage_type': 'SignIn',
  'logto.email.locale': 'fr',
  'logto.email.recipient_domain': 'example.com',
});

/** Nothing a span or metric holds may give away the code, whom it was for, or the keys. */
const assertPrivate = (span: ReadableSpan) => {
  const shown = JSON.stringify([span.name, span.attributes, span.status, span.events, span.links]);
  for (const hidden of [code, localPart, secret, keyId]) {
    assert.ok(!shown.includes(hidden), `the span shows ${hidden}: ${shown}`);
  }
};

before(() => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  // Failed sends are logged; send-log.test.ts reads those lines.
  mock.method(console, 'error', () => undefined);
});

after(async () => {
  mock.restoreAll();
  await destroyClients();
  await Promise.all(servers.map(async (server) => server.close()));
});

describe('with an OpenTelemetry SDK registered', () => {
  beforeEachSdk();

  it('a sent email: one CLIENT span with its MessageId and request id, and a sent point of each metric', async () => {
    const ses = await scripted(undefined);
    const messageId = await send(ses);
    const span = onlySpan();
    assert.equal(span.name, 'SESv2.SendEmail');
    assert.equal(span.kind, SpanKind.CLIENT);
    assert.equal(span.instrumentationScope.name, 'connector-aws-ses');
    assert.deepEqual(span.status, { code: SpanStatusCode.UNSET });
    assert.deepEqual(span.attributes, {
      ...common(ses),
      'logto.email.outcome': 'sent',
      'aws.ses.attempts': 1,
      'aws.ses.throttles': 0,
      'aws.request_id': 'scripted-request',
      'aws.ses.message_id': messageId,
    });
    assertPrivate(span);

    const sent = { 'logto.email.outcome': 'sent', 'logto.email.usage_type': 'SignIn' };
    assert.deepEqual(await sdk.points(), {
      'logto_ses.send.duration': [{ attributes: sent, value: 1 }],
      'logto_ses.sends': [{ attributes: sent, value: 1 }],
      'logto_ses.send.attempts': [{ attributes: sent, value: 1 }],
    });
    // In seconds: a send to a local stub takes well under ten.
    const { 'logto_ses.send.duration': seconds } = await sdk.sums();
    assert.ok(seconds !== undefined && seconds > 0 && seconds < 10, `duration ${seconds} s`);
    assert.deepEqual(await sdk.units(), {
      'logto_ses.send.duration': 's',
      'logto_ses.sends': '{email}',
      'logto_ses.send.attempts': '{attempt}',
    });
  });

  it('an answer with an empty request id: the span has no aws.request_id rather than an empty one', async () => {
    const ses = await scripted(() => ({ status: 200, body: { MessageId: 'no-request-id' }, requestId: '' }));
    assert.equal(await send(ses), 'no-request-id');
    const { attributes } = onlySpan();
    assert.equal(attributes['aws.ses.message_id'], 'no-request-id');
    assert.equal('aws.request_id' in attributes, false);
  });

  it('makes its tracer and its instruments once per SDK, not once per send', async (t) => {
    const tracers = t.mock.method(sdk.tracerProvider, 'getTracer');
    const meters = t.mock.method(sdk.meterProvider, 'getMeter');
    const ses = await scripted(undefined);
    for (let sent = 0; sent < 3; sent += 1) {
      await send(ses);
    }
    assert.equal(sdk.spans().length, 3);
    assert.deepEqual([tracers.mock.callCount(), meters.mock.callCount()], [1, 1]);
  });

  it('a message that could not be read: a span with the refusal, and no usage type or domain', async () => {
    const ses = await scripted(undefined);
    const { connector } = await makeConnector({ savedConfig: configFor(ses.url) });
    await expectConnectorError(connector.sendMessage(null as never), 'invalid_request_parameters');
    const { attributes } = onlySpan();
    assert.equal(attributes['error.type'], 'invalid_request_parameters');
    assert.equal(attributes['logto.email.outcome'], 'failed');
    assert.equal('logto.email.usage_type' in attributes || 'logto.email.recipient_domain' in attributes, false);
  });

  it("a tenant's email: the span names the SES tenant, the metrics do not (one series per tenant would be unbounded)", async () => {
    const ses = await scripted(undefined);
    await send(ses, { tenantName: 'acme-corp' });
    assert.equal(onlySpan().attributes['aws.ses.tenant'], 'acme-corp');
    const sent = { 'logto.email.outcome': 'sent', 'logto.email.usage_type': 'SignIn' };
    assert.deepEqual((await sdk.points())['logto_ses.sends'], [{ attributes: sent, value: 1 }]);
  });

  it("a rejected email: status ERROR, error.type the precise code, SES's exception beside it, and none of SES's text", async () => {
    const ses = await scripted(() => rejected);
    await expectConnectorError(send(ses), 'invalid_config');
    const span = onlySpan();
    assert.deepEqual(span.status, { code: SpanStatusCode.ERROR, message: 'invalid_config (SES MessageRejected)' });
    assert.deepEqual(span.attributes, {
      ...common(ses),
      'logto.email.outcome': 'failed',
      'aws.ses.attempts': 1,
      'aws.ses.throttles': 0,
      'aws.request_id': 'scripted-request',
      'error.type': 'invalid_config',
      'aws.ses.error': 'MessageRejected',
    });
    assertPrivate(span);

    const failed = {
      'logto.email.outcome': 'failed',
      'logto.email.usage_type': 'SignIn',
      'error.type': 'invalid_config',
    };
    assert.deepEqual(await sdk.points(), {
      'logto_ses.send.duration': [{ attributes: failed, value: 1 }],
      'logto_ses.sends': [{ attributes: failed, value: 1 }],
      'logto_ses.send.attempts': [{ attributes: failed, value: 1 }],
    });
  });

  it('a throttled-then-sent email: two attempts, one throttle, counted for the graph of SES throttling', async () => {
    const ses = await scripted((_request, index) =>
      index === 1 ? throttled : { status: 200, body: { MessageId: 'after-throttle' } }
    );
    assert.equal(await send(ses), 'after-throttle');
    const span = onlySpan();
    assert.deepEqual(span.attributes, {
      ...common(ses),
      'logto.email.outcome': 'sent',
      'aws.ses.attempts': 2,
      'aws.ses.throttles': 1,
      'aws.request_id': 'scripted-request',
      'aws.ses.message_id': 'after-throttle',
    });
    const sent = { 'logto.email.outcome': 'sent', 'logto.email.usage_type': 'SignIn' };
    assert.deepEqual(await sdk.points(), {
      'logto_ses.send.duration': [{ attributes: sent, value: 1 }],
      'logto_ses.sends': [{ attributes: sent, value: 1 }],
      'logto_ses.send.attempts': [{ attributes: sent, value: 2 }],
      'logto_ses.send.throttles': [{ attributes: { 'logto.email.usage_type': 'SignIn' }, value: 1 }],
    });
    assert.deepEqual(await sdk.descriptions(), {
      'logto_ses.send.duration':
        "How long sendMessage took, from the call to SES's answer or the failure, retries included.",
      'logto_ses.sends': 'Emails sendMessage was asked to send, by outcome.',
      'logto_ses.send.attempts': 'SendEmail requests made, retries included.',
      'logto_ses.send.throttles':
        'SendEmail attempts SES answered with a sending limit (its maximum send rate, or the daily quota).',
    });
    assert.equal((await sdk.units())['logto_ses.send.throttles'], '{attempt}');
    // A code email is waited for: buckets from 25 ms, up to the slowest a deadline allows.
    assert.deepEqual(await sdk.boundaries(), {
      'logto_ses.send.duration': [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    });
  });

  it('a timed-out email: outcome timed_out, the attempt cut short counted, status ERROR', async () => {
    const ses = await scripted(() => 'hold');
    await expectConnectorError(send(ses, { timeoutMs: 150 }), 'invalid_response');
    const span = onlySpan();
    assert.deepEqual(span.status, { code: SpanStatusCode.ERROR, message: 'invalid_response' });
    assert.deepEqual(span.attributes, {
      ...common(ses),
      'logto.email.outcome': 'timed_out',
      'aws.ses.attempts': 1,
      'aws.ses.throttles': 0,
      'error.type': 'invalid_response',
    });
    assertPrivate(span);
    const timedOut = {
      'logto.email.outcome': 'timed_out',
      'logto.email.usage_type': 'SignIn',
      'error.type': 'invalid_response',
    };
    assert.deepEqual(await sdk.points(), {
      'logto_ses.send.duration': [{ attributes: timedOut, value: 1 }],
      'logto_ses.sends': [{ attributes: timedOut, value: 1 }],
      'logto_ses.send.attempts': [{ attributes: timedOut, value: 1 }],
    });
  });

  it("an invalid config: a span and a failed point without SES's attributes, and no attempt", async () => {
    const ses = await scripted(undefined);
    await expectConnectorError(send(ses, { region: 'nowhere' }), 'invalid_config');
    const span = onlySpan();
    assert.deepEqual(span.attributes, {
      'rpc.system': 'aws-api',
      'rpc.service': 'SESv2',
      'rpc.method': 'SendEmail',
      'logto.email.usage_type': 'SignIn',
      'logto.email.locale': 'fr',
      'logto.email.recipient_domain': 'example.com',
      'logto.email.outcome': 'failed',
      'aws.ses.attempts': 0,
      'aws.ses.throttles': 0,
      'error.type': 'invalid_config',
    });
    assert.equal(ses.received.length, 0);
    const failed = {
      'logto.email.outcome': 'failed',
      'logto.email.usage_type': 'SignIn',
      'error.type': 'invalid_config',
    };
    assert.deepEqual(await sdk.points(), {
      'logto_ses.send.duration': [{ attributes: failed, value: 1 }],
      'logto_ses.sends': [{ attributes: failed, value: 1 }],
    });
  });

  it("runs the send with its span active: a parent's child, and the parent of what starts during the send", async () => {
    // What @opentelemetry/context-async-hooks does, in a few lines: the active context follows async calls.
    const storage = new AsyncLocalStorage<Context>();
    const manager: ContextManager = {
      active: () => storage.getStore() ?? ROOT_CONTEXT,
      with: (active, fn, thisArg, ...args) => storage.run(active, () => fn.call(thisArg, ...args)),
      bind: (_context, target) => target,
      enable() {
        return this;
      },
      disable() {
        return this;
      },
    };
    context.setGlobalContextManager(manager);
    try {
      const ses = await scripted(undefined);
      const tracer = trace.getTracer('logto-core');
      let activeDuringSend: string | undefined;
      const { connector } = await makeConnector({
        savedConfig: configFor(ses.url),
        getI18nEmailTemplate: async () => {
          activeDuringSend = trace.getActiveSpan()?.spanContext().spanId;
          return undefined;
        },
      });
      await tracer.startActiveSpan('POST /api/verification-codes', async (request) => {
        await connector.sendMessage({ to, type: TemplateType.SignIn, payload: { code } });
        request.end();
      });
      const ours = sdk.spans().find(({ name }) => name === 'SESv2.SendEmail');
      const request = sdk.spans().find(({ name }) => name === 'POST /api/verification-codes');
      assert.ok(ours && request);
      assert.equal(ours.parentSpanContext?.spanId, request.spanContext().spanId);
      assert.equal(activeDuringSend, ours.spanContext().spanId);
    } finally {
      context.disable();
    }
  });

  it("the console's test keeps the precise code in error.type, not Logto's general", async () => {
    const ses = await scripted(() => rejected);
    const { connector } = await makeConnector();
    await expectConnectorError(
      connector.sendMessage({ to, type: TemplateType.Generic, payload: { code: '000000' } }, configFor(ses.url)),
      'general'
    );
    const span = onlySpan();
    assert.equal(span.attributes['error.type'], 'invalid_config');
    assert.equal(span.attributes['logto.email.usage_type'], 'Generic');
  });
});

describe('with an SDK registered through an older 1.x API than the bundled one', () => {
  it('still gets the span and the metric points', async () => {
    const recorder = registerOtelSdk();
    recorder.unregister();
    const key = Symbol.for('opentelemetry.js.api.1');
    const slots = globalThis as unknown as Record<symbol, object | undefined>;
    const registeredHere = slots[key];
    // The context manager that API registered: the send's span is made active through it.
    const activated: Context[] = [];
    const manager: ContextManager = {
      active: () => ROOT_CONTEXT,
      with: (active, fn, thisArg, ...args) => {
        activated.push(active);
        return fn.call(thisArg, ...args);
      },
      bind: (_context, target) => target,
      enable() {
        return this;
      },
      disable() {
        return this;
      },
    };
    // The SDK's providers as an API 1.4 registers them: the API the connector uses refuses that version.
    slots[key] = {
      version: '1.4.0',
      trace: recorder.tracerProvider,
      metrics: recorder.meterProvider,
      context: manager,
    };
    try {
      assert.equal(trace.getTracerProvider().getTracer('probe').startSpan('probe').isRecording(), false);
      assert.equal(
        metrics.getMeterProvider().getMeter('probe').createCounter('probe'),
        createNoopMeter().createCounter('probe')
      );
      const ses = await scripted(undefined);
      const messageId = await send(ses);
      const [span] = recorder.spans();
      assert.equal(span?.name, 'SESv2.SendEmail');
      assert.equal(span?.attributes['aws.ses.message_id'], messageId);
      const sent = { 'logto.email.outcome': 'sent', 'logto.email.usage_type': 'SignIn' };
      assert.deepEqual((await recorder.points())['logto_ses.sends'], [{ attributes: sent, value: 1 }]);
      assert.deepEqual(
        activated.map((active) => trace.getSpan(active)?.spanContext().spanId),
        [span?.spanContext().spanId]
      );
    } finally {
      slots[key] = registeredHere;
      await recorder.shutdown();
    }
  });
});

describe('with no SDK registered', () => {
  it('records nothing, and sends and fails exactly as with one', async () => {
    const ses = await scripted((_request, index) =>
      index === 2 ? rejected : { status: 200, body: { MessageId: `m-${index}` } }
    );
    const recorder = registerOtelSdk();
    recorder.unregister();
    assert.equal(await send(ses), 'm-1');
    await expectConnectorError(send(ses), 'invalid_config');
    assert.deepEqual(recorder.spans(), []);
    assert.deepEqual(await recorder.points(), {});
    await recorder.shutdown();
  });
});

function beforeEachSdk() {
  before(() => {
    sdk = registerOtelSdk();
  });
  afterEach(async () => {
    await sdk.shutdown();
    sdk = registerOtelSdk();
  });
  after(async () => {
    await sdk.shutdown();
  });
}

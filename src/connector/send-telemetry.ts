import {
  context,
  createNoopMeter,
  metrics,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type ContextManager,
  type Counter,
  type Histogram,
  type MeterProvider,
  type Span,
  type Tracer,
  type TracerProvider,
} from '@opentelemetry/api';

import { localeOf, recipientDomainOf, usageTypeOf, type SendRecord, type SendResult } from './send-record.js';

/**
 * The connector's spans and metrics, through `@opentelemetry/api` bundled into lib/: it finds the
 * SDK the operator registered (`--import ./otel.mjs`) through the API's global
 * (`Symbol.for('opentelemetry.js.api.1')`), whether or not Logto's process has the API installed,
 * and does nothing when none is registered. Attribute names are OpenTelemetry's where its
 * semantic conventions have one (the AWS SDK's: `rpc.*`, `aws.request_id`, `server.*`,
 * `error.type`, `cloud.region`), written as literals to keep the semantic-conventions package out
 * of lib/; the connector's own are `logto.email.*` and `aws.ses.*`.
 */
const scope = 'connector-aws-ses';

/** The AWS SDK conventions' span name, `Service.Operation`. */
export const spanName = 'SESv2.SendEmail';

/** The metric names, for the README and the tests. */
export const metricNames = {
  duration: 'logto_ses.send.duration',
  sends: 'logto_ses.sends',
  attempts: 'logto_ses.send.attempts',
  throttles: 'logto_ses.send.throttles',
} as const;

/** Constant, so starting a span allocates no options. */
const spanOptions = { kind: SpanKind.CLIENT } as const;

type Instruments = {
  duration: Histogram;
  sends: Counter;
  attempts: Counter;
  throttles: Counter;
  /** False for the API's no-op meter: then no attributes are built at all. */
  live: boolean;
};

const noopHistogram = createNoopMeter().createHistogram(metricNames.duration);

const instrumentsOf = (provider: MeterProvider): Instruments => {
  const meter = provider.getMeter(scope);
  const duration = meter.createHistogram(metricNames.duration, {
    description: "How long sendMessage took, from the call to SES's answer or the failure, retries included.",
    unit: 's',
    // A code email is waited for: most take well under a second, a deadline ends the slowest.
    advice: { explicitBucketBoundaries: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] },
  });
  return {
    duration,
    sends: meter.createCounter(metricNames.sends, {
      description: 'Emails sendMessage was asked to send, by outcome.',
      unit: '{email}',
    }),
    attempts: meter.createCounter(metricNames.attempts, {
      description: 'SendEmail requests made, retries included.',
      unit: '{attempt}',
    }),
    throttles: meter.createCounter(metricNames.throttles, {
      description: 'SendEmail attempts SES answered with a sending limit (its maximum send rate, or the daily quota).',
      unit: '{attempt}',
    }),
    live: duration !== noopHistogram,
  };
};

/**
 * What an operator's SDK registered through the API's global, read as the API stores it. The
 * bundled API (1.10) refuses a global registered by an older 1.x API (its rule: a copy may use
 * only a global of its own minor version or a later one), so an `otel.mjs` installed with, say,
 * API 1.9 would get nothing. Reading the global directly finds its providers anyway; the connector
 * calls only what every 1.x API has (getTracer, startSpan, getMeter, createHistogram,
 * createCounter, active, with), which is what that rule guards.
 */
type RegisteredApi = { trace?: TracerProvider; metrics?: MeterProvider; context?: ContextManager };
const apiGlobal = Symbol.for('opentelemetry.js.api.1');
const registered = (): RegisteredApi | undefined =>
  (globalThis as unknown as Record<symbol, RegisteredApi | undefined>)[apiGlobal];

/*
 * The tracer and the instruments are made once per provider: the API hands out the same provider
 * until an SDK is registered (or replaced, in tests), so a send compares one reference.
 */
let tracerProvider: TracerProvider | undefined;
let tracer: Tracer | undefined;
let meterProvider: MeterProvider | undefined;
let instruments: Instruments | undefined;

const currentTracer = (): Tracer => {
  const provider = registered()?.trace ?? trace.getTracerProvider();
  if (provider !== tracerProvider || !tracer) {
    tracerProvider = provider;
    tracer = provider.getTracer(scope);
  }
  return tracer;
};

const currentInstruments = (): Instruments => {
  const provider = registered()?.metrics ?? metrics.getMeterProvider();
  if (provider !== meterProvider || !instruments) {
    meterProvider = provider;
    instruments = instrumentsOf(provider);
  }
  return instruments;
};

/** The send's span, or undefined when no SDK records it (then nothing else is spent on it). */
export const startSendSpan = (): Span | undefined => {
  const span = currentTracer().startSpan(spanName, spanOptions);
  return span.isRecording() ? span : undefined;
};

/** Runs `send` with `span` as the active span, so the SDK's HTTP spans (if instrumented) nest under it. */
export const runInSpan = async <T>(span: Span, send: () => Promise<T>): Promise<T> => {
  // Stryker disable next-line OptionalChaining: a span records only through a registered provider, so here the global is there
  const manager = registered()?.context ?? context;
  return manager.with(trace.setSpan(manager.active(), span), send);
};

/** The attributes every span of a send has, and those its ending adds. Never the code, the payload or the local part. */
const spanAttributes = (record: SendRecord, result: SendResult): Attributes => {
  const { config, attempts: log, message } = record;
  const attributes: Attributes = {
    'rpc.system': 'aws-api',
    'rpc.service': 'SESv2',
    'rpc.method': 'SendEmail',
    'logto.email.outcome': result.outcome,
    'aws.ses.attempts': result.attempts,
    'aws.ses.throttles': result.throttles,
  };
  const optional: Attributes = {
    'server.address': log.serverAddress,
    'server.port': log.serverPort,
    'cloud.region': config?.region,
    'aws.ses.endpoint_id': config?.endpointId,
    'aws.ses.tenant': record.tenantName,
    'logto.email.usage_type': message?.type,
    'logto.email.locale': localeOf(message),
    'logto.email.recipient_domain': recipientDomainOf(message?.to),
    'aws.request_id': result.requestId,
    'aws.ses.message_id': record.messageId,
    'error.type': result.code,
    'aws.ses.error': result.sesError,
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined && value !== '') {
      attributes[key] = value;
    }
  }
  return attributes;
};

export const endSendSpan = (span: Span, record: SendRecord, result: SendResult): void => {
  span.setAttributes(spanAttributes(record, result));
  if (result.code) {
    // The code and SES's exception only: SES's message may quote the recipient's address.
    span.setStatus({
      code: SpanStatusCode.ERROR,
      message: result.sesError ? `${result.code} (SES ${result.sesError})` : result.code,
    });
  }
  span.end();
};

/** Whether a meter is registered: without one, a send builds no attributes for it. */
export const metersLive = (): boolean => currentInstruments().live;

export const recordSendMetrics = (record: SendRecord, result: SendResult): void => {
  const { duration, sends, attempts, throttles } = currentInstruments();
  const usageType = usageTypeOf(record.message);
  const attributes: Attributes = {
    'logto.email.outcome': result.outcome,
    ...(usageType && { 'logto.email.usage_type': usageType }),
    ...(result.code && { 'error.type': result.code }),
  };
  duration.record(result.durationMs / 1000, attributes);
  sends.add(1, attributes);
  if (result.attempts > 0) {
    attempts.add(result.attempts, attributes);
  }
  if (result.throttles > 0) {
    throttles.add(result.throttles, usageType ? { 'logto.email.usage_type': usageType } : {});
  }
};

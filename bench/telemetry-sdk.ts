/**
 * An OpenTelemetry SDK registered globally in a sender process, as an operator registers one in
 * Logto's (`NODE_OPTIONS="--import ./otel.mjs"`): a tracer provider with a BatchSpanProcessor, a
 * meter provider with a PeriodicExportingMetricReader, and an AsyncLocalStorage context manager,
 * as the Node SDK sets up. The exporters only count what reaches them, so the figure is the
 * connector's instrumentation and the SDK's own work (recording, batching, aggregating), not a
 * collector's network. The connector's copy of @opentelemetry/api, bundled or not, finds this
 * SDK through the API's global registry, whatever lib/ emits.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

import { context, metrics, ROOT_CONTEXT, trace, type Context, type ContextManager } from '@opentelemetry/api';
import {
  MeterProvider,
  PeriodicExportingMetricReader,
  type PushMetricExporter,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor, TracerProvider, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace';

/** What the exporters were handed so far: shows the scenario measured real spans and metric points. */
export type TelemetryCounts = { spans: number; spanBatches: number; metricPoints: number; metricExports: number };

const counts: TelemetryCounts = { spans: 0, spanBatches: 0, metricPoints: 0, metricExports: 0 };

/** ExportResultCode.SUCCESS of @opentelemetry/core. */
const success = { code: 0 };

const spanExporter: SpanExporter = {
  export: (spans: ReadableSpan[], done) => {
    counts.spans += spans.length;
    counts.spanBatches += 1;
    done(success);
  },
  shutdown: async () => undefined,
};

const metricExporter: PushMetricExporter = {
  export: (batch: ResourceMetrics, done) => {
    counts.metricExports += 1;
    for (const scope of batch.scopeMetrics) {
      for (const metric of scope.metrics) {
        counts.metricPoints += metric.dataPoints.length;
      }
    }
    done(success);
  },
  forceFlush: async () => undefined,
  shutdown: async () => undefined,
};

/** @opentelemetry/context-async-hooks' AsyncLocalStorageContextManager, in short. */
class StorageContextManager implements ContextManager {
  private readonly storage = new AsyncLocalStorage<Context>();
  active = () => this.storage.getStore() ?? ROOT_CONTEXT;
  with = <A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    active: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> => this.storage.run(active, () => fn.apply(thisArg, args));
  bind = <T>(active: Context, target: T): T =>
    typeof target === 'function'
      ? (((...args: unknown[]) => this.with(active, target as (...a: unknown[]) => unknown, undefined, ...args)) as T)
      : target;
  enable = () => this;
  disable = () => {
    this.storage.disable();
    return this;
  };
}

/** How often metrics are collected and exported: often enough that a timed run pays for it. */
const metricIntervalMs = 1000;

/** `contextManager: false` leaves the API's no-op context manager, as an otel.mjs without one does. */
export const registerTelemetrySdk = ({ contextManager = true } = {}) => {
  if (contextManager) {
    context.setGlobalContextManager(new StorageContextManager());
  }
  const tracerProvider = new TracerProvider({ spanProcessors: [new BatchSpanProcessor({ exporter: spanExporter })] });
  const meterProvider = new MeterProvider({
    readers: [new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: metricIntervalMs })],
  });
  trace.setGlobalTracerProvider(tracerProvider);
  metrics.setGlobalMeterProvider(meterProvider);
  /** Exports what is still batched: a loop that never yields to timers would otherwise export no metrics. */
  return async () => {
    await Promise.all([tracerProvider.forceFlush(), meterProvider.forceFlush()]);
  };
};

export const telemetryCounts = (): TelemetryCounts => ({ ...counts });

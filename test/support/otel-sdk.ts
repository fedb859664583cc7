/**
 * The real OpenTelemetry SDK with in-memory exporters, registered through the API's globals as an
 * operator's `otel.mjs` registers it: what the connector's spans and metrics reach. Nothing of the
 * API is mocked.
 */
import { metrics, trace, type Attributes } from '@opentelemetry/api';
import { MetricReader, MeterProvider, DataPointType } from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan } from '@opentelemetry/sdk-trace';

/** A reader that exports nothing by itself: a test collects when it wants the points. */
class CollectingReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

/** One metric point: its attributes and its value (a histogram's count). */
export type Point = { attributes: Attributes; value: number };

export type OtelSdk = {
  tracerProvider: TracerProvider;
  meterProvider: MeterProvider;
  spans: () => ReadableSpan[];
  /** Every point of every metric, by metric name; histograms as their count. */
  points: () => Promise<Record<string, Point[]>>;
  /** The units the instruments declared, by metric name. */
  units: () => Promise<Record<string, string>>;
  /** The descriptions the instruments declared, by metric name. */
  descriptions: () => Promise<Record<string, string>>;
  /** Each histogram's bucket boundaries, by metric name. */
  boundaries: () => Promise<Record<string, number[]>>;
  /** Each histogram's sum over its points, by metric name. */
  sums: () => Promise<Record<string, number>>;
  /** Unregisters the SDK from the API's globals; what it recorded stays readable. */
  unregister: () => void;
  shutdown: () => Promise<void>;
};

export const registerOtelSdk = (): OtelSdk => {
  trace.disable();
  metrics.disable();
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const reader = new CollectingReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  trace.setGlobalTracerProvider(tracerProvider);
  metrics.setGlobalMeterProvider(meterProvider);
  const collected = async () => {
    const { resourceMetrics } = await reader.collect();
    return resourceMetrics.scopeMetrics.flatMap(({ metrics: found }) => found);
  };
  return {
    tracerProvider,
    meterProvider,
    spans: () => exporter.getFinishedSpans(),
    points: async () =>
      Object.fromEntries(
        (await collected()).map((metric) => [
          metric.descriptor.name,
          metric.dataPoints.map(({ attributes, value }) => ({
            attributes,
            value:
              metric.dataPointType === DataPointType.HISTOGRAM ? (value as { count: number }).count : (value as number),
          })),
        ])
      ),
    units: async () =>
      Object.fromEntries((await collected()).map(({ descriptor }) => [descriptor.name, descriptor.unit])),
    descriptions: async () =>
      Object.fromEntries((await collected()).map(({ descriptor }) => [descriptor.name, descriptor.description])),
    sums: async () =>
      Object.fromEntries(
        (await collected()).flatMap((metric) =>
          metric.dataPointType === DataPointType.HISTOGRAM
            ? [
                [
                  metric.descriptor.name,
                  metric.dataPoints.reduce((sum, { value }) => sum + (value as { sum: number }).sum, 0),
                ],
              ]
            : []
        )
      ),
    boundaries: async () =>
      Object.fromEntries(
        (await collected()).flatMap((metric) =>
          metric.dataPointType === DataPointType.HISTOGRAM
            ? [
                [
                  metric.descriptor.name,
                  (metric.dataPoints[0]?.value as { buckets: { boundaries: number[] } }).buckets.boundaries,
                ],
              ]
            : []
        )
      ),
    unregister: () => {
      trace.disable();
      metrics.disable();
    },
    shutdown: async () => {
      trace.disable();
      metrics.disable();
      await Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]);
    },
  };
};

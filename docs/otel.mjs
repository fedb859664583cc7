/**
 * OpenTelemetry for Logto: start Logto with `NODE_OPTIONS="--import /otel/otel.mjs"` and this file
 * registers a tracer and a meter that export OTLP/HTTP (JSON) to a collector, at
 * OTEL_EXPORTER_OTLP_ENDPOINT (default http://localhost:4318; the exporters add /v1/traces and
 * /v1/metrics), as the service OTEL_SERVICE_NAME (default "logto"). The connector's spans and
 * metrics reach it through @opentelemetry/api's global.
 *
 * Needs, next to this file: npm install @opentelemetry/api @opentelemetry/resources
 * @opentelemetry/sdk-trace @opentelemetry/sdk-metrics @opentelemetry/exporter-trace-otlp-http
 * @opentelemetry/exporter-metrics-otlp-http
 */
import { metrics, trace } from '@opentelemetry/api';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';

const resource = resourceFromAttributes({ 'service.name': process.env.OTEL_SERVICE_NAME ?? 'logto' });
const tracerProvider = new TracerProvider({
  resource,
  spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter() })],
});
const meterProvider = new MeterProvider({
  resource,
  readers: [new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter(), exportIntervalMillis: 60_000 })],
});
trace.setGlobalTracerProvider(tracerProvider);
metrics.setGlobalMeterProvider(meterProvider);

/**
 * Exports what is still batched before the process ends. A container's SIGTERM ends Node only
 * when something handles it: here, if nothing else does, after the export.
 */
const shutdown = async () => Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]);
process.once('beforeExit', shutdown);
process.once('SIGTERM', () => {
  const alone = process.listenerCount('SIGTERM') === 0;
  void shutdown().finally(() => alone && process.exit(0));
});

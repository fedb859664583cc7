/**
 * OpenTelemetry for Logto: start Logto with `NODE_OPTIONS="--import /otel/otel.mjs"` and this file
 * registers a tracer and a meter that export OTLP/HTTP (JSON) to a collector, at
 * OTEL_EXPORTER_OTLP_ENDPOINT (default http://localhost:4318; the exporters add /v1/traces and
 * /v1/metrics). The connector's spans and metrics reach it through @opentelemetry/api's global.
 *
 * Needs, next to this file: npm install @opentelemetry/api @opentelemetry/sdk-trace
 * @opentelemetry/sdk-metrics @opentelemetry/exporter-trace-otlp-http
 * @opentelemetry/exporter-metrics-otlp-http
 */
import { metrics, trace } from '@opentelemetry/api';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';

const tracerProvider = new TracerProvider({
  spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter() })],
});
const meterProvider = new MeterProvider({
  readers: [new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter(), exportIntervalMillis: 60_000 })],
});
trace.setGlobalTracerProvider(tracerProvider);
metrics.setGlobalMeterProvider(meterProvider);

/** Exports what is still batched before the process ends. */
const shutdown = async () => Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]);
process.once('beforeExit', shutdown);
process.once('SIGTERM', () => {
  void shutdown().finally(() => process.exit(0));
});

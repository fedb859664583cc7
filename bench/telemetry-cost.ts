/**
 * `npm run bench:telemetry`: the instrumentation's own CPU cost per send (instrumentation.ts),
 * printed; with `--json`, one JSON document for the bench's `instrumentation` scenario.
 */
import { measureInstrumentation, type InstrumentationCost } from './instrumentation.js';

const json = process.argv.includes('--json');
const quick = process.argv.includes('--quick');
const result = await measureInstrumentation(quick ? 10_000 : 50_000, quick ? 3 : 7);

if (json) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const line = (label: string, { directUs, observedUs, costUs }: InstrumentationCost) =>
    `${label.padEnd(42)} direct ${directUs.toFixed(2)} µs  observed ${observedUs.toFixed(2)} µs  ` +
    `cost ${costUs.toFixed(2)} µs per send = ${(costUs / 10).toFixed(2)}% of a 1 ms mail`;
  console.log(
    `CPU per send, median of ${result.rounds} interleaved rounds of ${result.sendsPerRound.toLocaleString('en')} sends`
  );
  console.log(line('no SDK registered', result.noSdk));
  console.log(line('SDK, batching exporters', result.sdk));
  console.log(line('SDK, batching exporters, AsyncLocalStorage', result.sdkWithContext));
  console.log(
    `exported: ${result.spans.toLocaleString('en')} spans, ${result.metricPoints.toLocaleString('en')} metric points`
  );
}
// The SDK's periodic metric reader would keep the process alive.
process.exit(0);

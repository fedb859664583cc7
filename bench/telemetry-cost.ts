/**
 * What observing a send costs by itself, in CPU µs per send: `observeSend` (the span, the
 * metrics, the diagnostics channel and the log line) around a send that is already done, against
 * that send called directly, interleaved in one process. The throughput bench compares whole
 * mails (about 1 ms of CPU each), where a 2% budget is 20 µs and a shared machine's noise is
 * larger; here the figure is the instrumentation's own, without SES, the SDK client or the
 * network. With no SDK first; then with the bench's SDK registered (batching exporters that
 * count, with and without an AsyncLocalStorage context manager), as an operator's otel.mjs does.
 *
 *   npm run bench:telemetry
 */
import { context, metrics, trace } from '@opentelemetry/api';

import { readOutgoingMessage } from '../src/message/outgoing.js';
import { observeSend } from '../src/connector/observe-send.js';
import { newSendRecord } from '../src/connector/send-record.js';
import { registerTelemetrySdk, telemetryCounts } from './telemetry-sdk.js';

const sendsPerRound = 50_000;
const rounds = 7;

const message = readOutgoingMessage({ to: 'user@example.com', type: 'SignIn', payload: { code: '123456' } });
const rawConfig = { region: 'us-east-1' };
const sent = async () => 'message-id';

const direct = async () => sent();
const observed = async () => observeSend(newSendRecord(message, rawConfig), sent);

/** CPU µs per send over one round of `send`. */
const cpuPerSend = async (send: () => Promise<string>): Promise<number> => {
  const start = process.cpuUsage();
  for (let index = 0; index < sendsPerRound; index += 1) {
    await send();
  }
  const { user, system } = process.cpuUsage(start);
  return (user + system) / sendsPerRound;
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Medians of interleaved rounds, after one warm-up round of each. */
const compare = async (label: string) => {
  await cpuPerSend(direct);
  await cpuPerSend(observed);
  const plain: number[] = [];
  const watched: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    plain.push(await cpuPerSend(direct));
    watched.push(await cpuPerSend(observed));
  }
  const cost = median(watched) - median(plain);
  console.log(
    `${label.padEnd(42)} direct ${median(plain).toFixed(2)} µs  observed ${median(watched).toFixed(2)} µs  ` +
      `cost ${cost.toFixed(2)} µs per send = ${(cost / 10).toFixed(2)}% of a 1 ms mail`
  );
};

console.log(`CPU per send, median of ${rounds} interleaved rounds of ${sendsPerRound.toLocaleString('en')} sends`);
await compare('no SDK registered');
registerTelemetrySdk({ contextManager: false });
await compare('SDK, batching exporters');
trace.disable();
metrics.disable();
context.disable();
registerTelemetrySdk({ contextManager: true });
await compare('SDK, batching exporters, AsyncLocalStorage');
const { spans, metricPoints } = telemetryCounts();
console.log(`exported: ${spans.toLocaleString('en')} spans, ${metricPoints.toLocaleString('en')} metric points`);
process.exit(0);

/**
 * What observing a send costs by itself, in CPU µs per send: `observeSend` (the span, the
 * metrics, the diagnostics channel and the log line) around a send that is already done, against
 * that send called directly, interleaved in one process. The throughput scenarios compare whole
 * mails (about 1 ms of CPU each), where a 2% budget is 20 µs and a shared machine's noise between
 * two runs is larger; this figure is the instrumentation's own, without SES, the SDK client or the
 * network. First with no SDK; then with the bench's SDK registered (batching exporters that count),
 * without and with an AsyncLocalStorage context manager, as an operator's otel.mjs sets one up.
 *
 * It registers an SDK globally, so it runs in a process of its own: `npm run bench:telemetry`, or
 * the bench's `instrumentation` scenario, which reads its `--json` answer.
 */
import { context, metrics, trace } from '@opentelemetry/api';

import { readOutgoingMessage } from '../src/message/outgoing.js';
import { observeSend } from '../src/connector/observe-send.js';
import { newSendRecord } from '../src/connector/send-record.js';
import { median } from './stats.js';
import { registerTelemetrySdk, telemetryCounts } from './telemetry-sdk.js';

export type InstrumentationCost = { directUs: number; observedUs: number; costUs: number };

export type InstrumentationResult = {
  sendsPerRound: number;
  rounds: number;
  noSdk: InstrumentationCost;
  sdk: InstrumentationCost;
  sdkWithContext: InstrumentationCost;
  spans: number;
  metricPoints: number;
};

const message = readOutgoingMessage({ to: 'user@example.com', type: 'SignIn', payload: { code: '123456' } });
const rawConfig = { region: 'us-east-1' };
const sent = async () => 'message-id';

const direct = async () => sent();
const observed = async () => observeSend(newSendRecord(message, rawConfig), sent);

/** CPU µs per send over one round of `send`. */
const cpuPerSend = async (send: () => Promise<string>, sends: number): Promise<number> => {
  const start = process.cpuUsage();
  for (let index = 0; index < sends; index += 1) {
    await send();
  }
  const { user, system } = process.cpuUsage(start);
  return (user + system) / sends;
};

/** Medians of interleaved rounds, after one warm-up round of each. */
const compare = async (sends: number, rounds: number): Promise<InstrumentationCost> => {
  await cpuPerSend(direct, sends);
  await cpuPerSend(observed, sends);
  const plain: number[] = [];
  const watched: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    plain.push(await cpuPerSend(direct, sends));
    watched.push(await cpuPerSend(observed, sends));
  }
  const directUs = median(plain);
  const observedUs = median(watched);
  return { directUs, observedUs, costUs: Math.max(0, observedUs - directUs) };
};

export const measureInstrumentation = async (sendsPerRound = 50_000, rounds = 7): Promise<InstrumentationResult> => {
  const noSdk = await compare(sendsPerRound, rounds);
  // Flushed after the rounds: the export of metrics, once a second, is not a cost per mail.
  let flush = registerTelemetrySdk({ contextManager: false });
  const sdk = await compare(sendsPerRound, rounds);
  await flush();
  trace.disable();
  metrics.disable();
  context.disable();
  flush = registerTelemetrySdk({ contextManager: true });
  const sdkWithContext = await compare(sendsPerRound, rounds);
  await flush();
  return { sendsPerRound, rounds, noSdk, sdk, sdkWithContext, ...telemetryCounts() };
};

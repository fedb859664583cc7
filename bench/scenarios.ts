/**
 * What the benchmark runs, and how much of it. Message counts differ per path because the
 * official connector is about ten times slower: equal counts would spend most of the five
 * minutes on it. Every path still sends the same mail, and every figure is a median over runs.
 */
import type { ColdStart } from './cold-start.js';
import type { InstrumentationResult } from './instrumentation.js';
import type { PathResult, Plan, StubOptions } from './measure.js';
import type { PathName } from './paths.js';

export type ScenarioId = 'https-c1' | 'https-c32' | 'http-c1' | 'http-c32' | 'rtt' | 'rss' | 'cold' | 'instrumentation';

export const scenarioIds: ScenarioId[] = [
  'https-c1',
  'https-c32',
  'http-c1',
  'http-c32',
  'rtt',
  'rss',
  'cold',
  'instrumentation',
];

export type ThroughputScenario = { id: ScenarioId; title: string; tls: boolean; concurrency: number };

export const throughputScenarios: ThroughputScenario[] = [
  { id: 'https-c1', title: 'HTTPS, concurrency 1', tls: true, concurrency: 1 },
  { id: 'https-c32', title: 'HTTPS, concurrency 32', tls: true, concurrency: 32 },
  { id: 'http-c1', title: 'HTTP, concurrency 1', tls: false, concurrency: 1 },
  { id: 'http-c32', title: 'HTTP, concurrency 32', tls: false, concurrency: 32 },
];

/** Quick mode (`--quick`): a smoke run in about a minute; its figures are rougher. */
export const throughputPlan = (path: PathName, concurrency: number, quick: boolean): Plan => {
  const slow = path === 'official';
  const perRun = slow ? (concurrency === 1 ? 300 : 600) : 1500;
  return {
    concurrency,
    // Three processes per path (one for the official, whose cost is not close to any target).
    processes: quick || slow ? 1 : 3,
    warmupMessages: slow ? 100 : 500,
    // Many short runs rather than a few long ones: on a shared 2-core machine a burst of other
    // work then spoils a run or two, and the median steps over them.
    runs: quick ? 3 : 7,
    messagesPerRun: quick ? Math.round(perRun / 4) : perRun,
  };
};

/**
 * About 20 ms to a real SES region: the stub waits 40 ms on each new connection (the TCP
 * handshake's round trip and TLS 1.3's) and 20 ms before each response (the request's own).
 */
export const rtt = { tls: true, connectDelayMs: 40, latencyMs: 20 } satisfies StubOptions;

export const rttPlan = (quick: boolean): Plan => ({
  concurrency: 1,
  warmupMessages: 5,
  runs: 1,
  messagesPerRun: quick ? 40 : 150,
});

/**
 * Memory: 10,000 mails over HTTPS with 32 in flight, as ten runs of 1,000 with the sender's RSS
 * read between them (memory.ts). The warm-up is long because V8 keeps enlarging its heap over
 * the first thousands of messages, and that one-off growth is not what the target is about.
 */
export const rssPlan = (quick: boolean): Plan => ({
  concurrency: 32,
  warmupMessages: 2000,
  runs: quick ? 4 : 10,
  messagesPerRun: quick ? 500 : 1000,
});

export const coldStartProcesses = (quick: boolean) => (quick ? 5 : 15);

export type ThroughputResult = { scenario: ThroughputScenario; paths: PathResult[] };

/** Everything one `npm run bench` measured; a scenario left out with `--only` is absent. */
export type Results = {
  throughput: ThroughputResult[];
  rtt?: PathResult[];
  rss?: PathResult[];
  coldStart?: ColdStart[];
  /** The instrumentation's own CPU per send, measured apart from the mail (instrumentation.ts). */
  instrumentation?: InstrumentationResult;
};

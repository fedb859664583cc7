/**
 * Measures the paths of one scenario. Each path gets a sender process and a stub process of its
 * own: the stub's counters then see that sender's connections alone (the official connector
 * leaves thousands of idle sockets open, which would otherwise count against the next path), and
 * CPU and RSS come from the sender itself.
 *
 * All senders are warmed up first, then their timed runs are interleaved round by round, in a
 * rotating order. On a shared 2-core machine a burst of someone else's work then spoils one run
 * of several paths rather than every run of one path, and the median steps over it.
 *
 * A path may get several sender processes (`Plan.processes`), whose runs take turns: two processes
 * of the same code differ by several per cent here (V8's inlining, where the heap lands), and that
 * luck of one process would otherwise be the path's figure.
 */
import { join } from 'node:path';

import type { WorkerScripts } from './compile.js';
import { connectorEntry, officialEntry } from './entries.js';
import { startWorker, type Worker } from './ipc.js';
import type { CapturedRequest, PathName } from './paths.js';
import type { BatchResult } from './sender.js';
import { median, percentile } from './stats.js';
import type { StubCounts, StubInfo } from './stub-process.js';
import type { TelemetryCounts } from './telemetry-sdk.js';
import { senderEnv } from './workload.js';

export type StubOptions = {
  tls: boolean;
  /** Delay before each response: the request's round trip to a distant SES. */
  latencyMs?: number;
  /** Delay once per new connection: the TCP and TLS handshakes' round trips. */
  connectDelayMs?: number;
};

export type Stub = StubInfo & { worker: Worker; counts: () => Promise<StubCounts> };

export const startStub = async (scripts: WorkerScripts, options: StubOptions): Promise<Stub> => {
  const worker = startWorker(scripts.stub);
  const info = await worker.call<StubInfo>('start', options);
  return { ...info, worker, counts: async () => worker.call<StubCounts>('counts') };
};

export type Plan = {
  concurrency: number;
  /** Sender processes for the path (default 1), each with its own stub; their runs take turns. */
  processes?: number;
  warmupMessages: number;
  runs: number;
  messagesPerRun: number;
};

/** One timed run, as the sender and the stub saw it. */
export type Run = {
  messages: number;
  failures: number;
  messagesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  cpuMsPerMessage: number;
  /** The garbage collector's share of it (its pauses of the main thread). */
  gcMsPerMessage: number;
  /** New TCP connections the stub accepted during the run. */
  connectionsOpened: number;
  /** The most connections open at the stub at once during the run. */
  peakOpen: number;
  elapsedMs: number;
  /** The sender's RSS and live heap before and after the run, each read right after a full GC. */
  memory: { rssBefore: number; rssAfter: number; heapBefore: number; heapAfter: number };
};

export type PathResult = {
  path: PathName;
  plan: Plan;
  runs: Run[];
  /** Connections opened (over all its processes) and the peak open during the warm-up, before any timed run. */
  warmup: { connectionsOpened: number; peakOpen: number };
  firstFailure?: string;
  /** On the `otel` paths: what the SDK's exporters were handed, warm-up included, over all its processes. */
  telemetry?: TelemetryCounts;
};

export type MeasureOptions = {
  scripts: WorkerScripts;
  captured: CapturedRequest;
  /** The `--baseline` build's lib/index.js, for the `baseline` path. */
  baselineEntry?: string;
  /** Writes V8 CPU profiles of each sender (`node --cpu-prof`) into `<cpuProfileDir>/<name>-<path>/`. */
  cpuProfileDir?: string;
  /** The scenario's name, for progress lines and profile folders. */
  name: string;
  /** Called after each path's last run, e.g. to log a line. */
  onPathDone?: (result: PathResult) => void;
};

type Lane = { stub: Stub; sender: Worker };

/** A path's result and the sender processes it takes turns on. */
type Group = { result: PathResult; lanes: Lane[] };

const startSender = (stub: Stub, path: PathName, { scripts, cpuProfileDir, name }: MeasureOptions, index: number) =>
  startWorker(scripts.sender, {
    env: {
      ...senderEnv,
      // How an operator trusts a private CA; the official connector builds its own clients, so
      // this is the one way to make all four paths trust the stub's self-signed certificate.
      ...(stub.certificatePath && { NODE_EXTRA_CA_CERTS: stub.certificatePath }),
      // The official connector has no endpoint option; the SDK reads this instead.
      ...(path === 'official' && { AWS_ENDPOINT_URL_SESV2: stub.url }),
    },
    nodeFlags: [
      '--expose-gc',
      // A folder per sender: each thread of it writes a profile of its own.
      ...(cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(cpuProfileDir, `${name}-${path}-${index}`)}`] : []),
    ],
  });

const toRun = (batch: BatchResult, counts: StubCounts): Run => ({
  messages: batch.messages,
  failures: batch.failures,
  messagesPerSecond: batch.messages / (batch.elapsedMs / 1000),
  p50Ms: percentile(batch.latenciesMs, 50),
  p99Ms: percentile(batch.latenciesMs, 99),
  cpuMsPerMessage: batch.cpuMs / batch.messages,
  gcMsPerMessage: batch.gcMs / batch.messages,
  connectionsOpened: counts.connections,
  peakOpen: counts.peakOpenConnections,
  elapsedMs: batch.elapsedMs,
  memory: {
    rssBefore: batch.rssBefore,
    rssAfter: batch.rssAfter,
    heapBefore: batch.heapBefore,
    heapAfter: batch.heapAfter,
  },
});

/** Starts a stub and a sender for `path`, and warms the sender up; the warm-up's counts go into `result`. */
const openLane = async (
  stubOptions: StubOptions,
  result: PathResult,
  options: MeasureOptions,
  index: number
): Promise<Lane> => {
  const { path, plan } = result;
  const stub = await startStub(options.scripts, stubOptions);
  const lane: Lane = { stub, sender: startSender(stub, path, options, index) };
  try {
    await lane.sender.call('open', {
      path,
      url: stub.url,
      captured: options.captured,
      connectorEntry,
      officialEntry,
      ...(options.baselineEntry && { baselineEntry: options.baselineEntry }),
    });
    const warm = await lane.sender.call<BatchResult>('batch', {
      messages: plan.warmupMessages,
      concurrency: plan.concurrency,
    });
    const counts = await stub.counts();
    result.warmup.connectionsOpened += counts.connections;
    result.warmup.peakOpen = Math.max(result.warmup.peakOpen, counts.peakOpenConnections);
    result.firstFailure ??= warm.firstFailure;
    return lane;
  } catch (error: unknown) {
    await closeLane(lane);
    throw error;
  }
};

/**
 * The pause before each run, so whatever the previous path's run leaves going (sockets closing, a
 * GC of its garbage) ends before this one is timed, instead of landing on whichever path follows.
 */
const settleMs = 300;

const runOnce = async ({ stub, sender }: Lane, result: PathResult) => {
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  // A process's turn comes every few rounds, and this connector closes sockets idle for 30 s, as
  // it should: a short untimed batch first opens them again, so a timed run measures sending,
  // not reconnecting.
  await sender.call<BatchResult>('batch', {
    messages: 2 * result.plan.concurrency,
    concurrency: result.plan.concurrency,
  });
  await stub.worker.call('reset');
  const batch = await sender.call<BatchResult>('batch', {
    messages: result.plan.messagesPerRun,
    concurrency: result.plan.concurrency,
  });
  result.runs.push(toRun(batch, await stub.counts()));
  result.firstFailure ??= batch.firstFailure;
};

const closeLane = async ({ stub, sender }: Lane) => {
  await sender.close();
  await stub.worker.close();
};

const addTelemetry = (result: PathResult, counts: TelemetryCounts) => {
  const sum = result.telemetry ?? { spans: 0, spanBatches: 0, metricPoints: 0, metricExports: 0 };
  result.telemetry = {
    spans: sum.spans + counts.spans,
    spanBatches: sum.spanBatches + counts.spanBatches,
    metricPoints: sum.metricPoints + counts.metricPoints,
    metricExports: sum.metricExports + counts.metricExports,
  };
};

export const measurePaths = async (
  stubOptions: StubOptions,
  paths: readonly PathName[],
  planOf: (path: PathName) => Plan,
  options: MeasureOptions
): Promise<PathResult[]> => {
  const groups: Group[] = [];
  try {
    // One at a time: a warm-up shares the machine with no other sender.
    for (const path of paths) {
      const plan = planOf(path);
      const group: Group = {
        result: { path, plan, runs: [], warmup: { connectionsOpened: 0, peakOpen: 0 } },
        lanes: [],
      };
      groups.push(group);
      for (let index = 0; index < (plan.processes ?? 1); index += 1) {
        group.lanes.push(await openLane(stubOptions, group.result, options, index));
      }
    }
    const rounds = Math.max(...groups.map(({ result }) => result.plan.runs));
    for (let round = 0; round < rounds; round += 1) {
      // Rotated each round, and reversed every other round, so no path always follows the same one.
      const rotated = [...groups.slice(round % groups.length), ...groups.slice(0, round % groups.length)];
      const order = round % 2 === 0 ? rotated : rotated.reverse();
      for (const { result, lanes } of order.filter(({ result }) => result.runs.length < result.plan.runs)) {
        // The path's processes take turns, so each round of every path has the same process count behind it.
        await runOnce(lanes[round % lanes.length]!, result);
      }
    }
    for (const { result, lanes } of groups) {
      for (const { sender } of lanes) {
        const telemetry = await sender.call<TelemetryCounts | null>('telemetry');
        if (telemetry) {
          addTelemetry(result, telemetry);
        }
      }
      options.onPathDone?.(result);
    }
    return groups.map(({ result }) => result);
  } finally {
    await Promise.all(groups.flatMap(({ lanes }) => lanes.map(closeLane)));
  }
};

/** The medians over a path's runs, and the worst peak of open sockets, warm-up included. */
export const summarise = (result: PathResult) => {
  const of = (field: (run: Run) => number) => median(result.runs.map(field));
  return {
    messagesPerSecond: of((run) => run.messagesPerSecond),
    p50Ms: of((run) => run.p50Ms),
    p99Ms: of((run) => run.p99Ms),
    cpuMsPerMessage: of((run) => run.cpuMsPerMessage),
    gcMsPerMessage: of((run) => run.gcMsPerMessage),
    connectionsPerMessage: of((run) => run.connectionsOpened / run.messages),
    connectionsPerRun: of((run) => run.connectionsOpened),
    peakOpen: Math.max(result.warmup.peakOpen, ...result.runs.map((run) => run.peakOpen)),
    failures: result.runs.reduce((sum, run) => sum + run.failures, 0),
  };
};

export type Summary = ReturnType<typeof summarise>;

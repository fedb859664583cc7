/**
 * A sender process: one path, driven by the parent over IPC (see ipc.ts). The parent starts a
 * fresh one per path and scenario, so the CPU time and RSS measured here belong to this path
 * alone. Calls:
 *
 * - `open({ path, url, captured })`: loads the path (the connector, the SDK, …);
 * - `batch({ messages, concurrency })`: sends `messages` mails with `concurrency` in flight and
 *   returns what this process spent on them;
 * - `telemetry()`: what the registered SDK's exporters were handed (the `otel` path; null elsewhere).
 */
import { PerformanceObserver } from 'node:perf_hooks';

import { openPath, telemetrySnapshot, type PathSetup, type PathName, type SendOne } from './paths.js';
import { serve } from './ipc.js';

export type BatchRequest = { messages: number; concurrency: number };

export type BatchResult = {
  messages: number;
  failures: number;
  firstFailure?: string;
  elapsedMs: number;
  /** User plus system CPU time of this process during the batch. */
  cpuMs: number;
  /** The garbage collector's pauses of the main thread during the batch: a part of `cpuMs`. */
  gcMs: number;
  /** Milliseconds from calling send to its settling, one per message, in sending order. */
  latenciesMs: number[];
  /** Resident set size before and after the batch, each taken right after a full GC. */
  rssBefore: number;
  rssAfter: number;
  /** Live JavaScript heap at the same two moments: what a leak of objects would grow. */
  heapBefore: number;
  heapAfter: number;
};

/** Started with --expose-gc: RSS is read after a full collection, so garbage is not growth. */
const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

let send: SendOne | undefined;

/**
 * What the collector paused the process for so far. Two paths that do the same work can differ in
 * the garbage they leave (and what stays alive meanwhile, such as spans waiting for their batch);
 * this shows how much of a CPU difference is collecting it.
 */
let gcPausedMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gcPausedMs += entry.duration;
  }
}).observe({ type: 'gc' });

const runBatch = async ({ messages, concurrency }: BatchRequest): Promise<BatchResult> => {
  const sendOne = send;
  if (!sendOne) {
    throw new Error('open a path before sending');
  }
  const latenciesMs = new Array<number>(messages).fill(0);
  let next = 0;
  let failures = 0;
  let firstFailure: string | undefined;

  // Each lane sends one mail at a time; `concurrency` lanes keep that many in flight.
  const lane = async () => {
    while (next < messages) {
      const index = next;
      next += 1;
      const started = performance.now();
      try {
        await sendOne();
      } catch (error: unknown) {
        failures += 1;
        firstFailure ??= error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      }
      latenciesMs[index] = performance.now() - started;
    }
  };

  collectGarbage();
  const { rss: rssBefore, heapUsed: heapBefore } = process.memoryUsage();
  // The forced collection's entry arrives after a turn of the event loop: let it, before counting.
  await new Promise((resolve) => setImmediate(resolve));
  const gcBefore = gcPausedMs;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, lane));
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  // The last collections of the batch are reported a turn later too.
  await new Promise((resolve) => setImmediate(resolve));
  const gcMs = gcPausedMs - gcBefore;
  collectGarbage();
  const { rss: rssAfter, heapUsed: heapAfter } = process.memoryUsage();

  return {
    messages,
    failures,
    ...(firstFailure && { firstFailure }),
    elapsedMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    gcMs,
    latenciesMs,
    rssBefore,
    rssAfter,
    heapBefore,
    heapAfter,
  };
};

serve({
  open: async ({ path, ...setup }: PathSetup & { path: PathName }) => {
    send = await openPath(path, setup);
  },
  batch: runBatch,
  telemetry: () => telemetrySnapshot() ?? null,
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { InstrumentationResult } from '../../bench/instrumentation.js';
import type { PathResult, Run } from '../../bench/measure.js';
import { pairedRatios, pairedText } from '../../bench/paired.js';
import type { PathName } from '../../bench/paths.js';
import { throughputScenarios } from '../../bench/scenarios.js';
import { evaluateTargets } from '../../bench/targets.js';

const run = (messagesPerSecond: number, cpuMsPerMessage: number): Run => ({
  messages: 1000,
  failures: 0,
  messagesPerSecond,
  p50Ms: 1,
  p99Ms: 2,
  cpuMsPerMessage,
  gcMsPerMessage: 0,
  connectionsOpened: 0,
  peakOpen: 1,
  elapsedMs: 1000,
  memory: { rssBefore: 0, rssAfter: 0, heapBefore: 0, heapAfter: 0 },
});

const path = (name: PathName, runs: Run[]): PathResult => ({
  path: name,
  plan: { concurrency: 1, warmupMessages: 0, runs: runs.length, messagesPerRun: 1000 },
  runs,
  warmup: { connectionsOpened: 1, peakOpen: 1 },
});

const cost = (costUs: number) => ({ directUs: 0.1, observedUs: 0.1 + costUs, costUs });

const instrumentation = (noSdkUs: number): InstrumentationResult => ({
  sendsPerRound: 1000,
  rounds: 3,
  noSdk: cost(noSdkUs),
  sdk: cost(5),
  sdkWithContext: cost(7),
  spans: 3000,
  metricPoints: 4,
});

const scenario = throughputScenarios[0]!;

const target = (verdicts: ReturnType<typeof evaluateTargets>, start: string) => {
  const found = verdicts.find((entry) => entry.target.startsWith(start));
  assert.ok(found, `a verdict starting "${start}"`);
  return found;
};

describe('the bench compares paths round by round', () => {
  it('takes the median of the per-round ratios, not the ratio of the medians', () => {
    // Round 2 ran while the machine was slow for both: its ratio is still 1.
    const measured = path('connector', [run(900, 1.1), run(450, 2.2), run(1000, 1)]);
    const reference = path('bare', [run(1000, 1), run(500, 2), run(800, 1.25)]);
    const { throughput, cpu } = pairedRatios(measured, reference);
    assert.deepEqual(
      { median: throughput.median, low: throughput.low, high: throughput.high, rounds: throughput.rounds },
      { median: 0.9, low: 0.9, high: 1.25, rounds: 3 }
    );
    assert.equal(cpu.median.toFixed(2), '1.10');
    assert.equal(pairedText(throughput), '0.90× (0.90–1.25 over 3 rounds)');
  });

  it('holds the SDK floor to the paired median: a miss when the connector is slower round by round', () => {
    const verdicts = evaluateTargets({
      throughput: [
        {
          scenario,
          paths: [
            path('connector', [run(850, 1.2), run(850, 1.2), run(850, 1.2)]),
            path('bare', [run(1000, 1), run(1000, 1), run(1000, 1)]),
          ],
        },
      ],
    });
    assert.equal(target(verdicts, 'msg/s ≥ 0.9× the bare').status, 'MISS');
    assert.equal(target(verdicts, 'CPU per message ≤ 1.15× the bare').status, 'MISS');
  });
});

describe("telemetry's targets", () => {
  const mail = [run(1000, 1), run(1000, 1), run(1000, 1)];

  it('judges no SDK by the instrumentation alone: its µs per send against the mail it rides on', () => {
    const verdicts = evaluateTargets({
      throughput: [{ scenario, paths: [path('connector', mail)] }],
      instrumentation: instrumentation(0.3),
    });
    const share = target(verdicts, "no OTel SDK: the instrumentation's CPU within 2%");
    assert.equal(share.status, 'PASS');
    assert.equal(share.measured, '0.030% (0.30 µs per send of 1.000 ms)');
    const throughput = target(verdicts, "no OTel SDK: the instrumentation's msg/s cost within 2%");
    assert.equal(throughput.measured, 'at most 0.030% (0.30 µs per send × 1,000 msg/s)');
  });

  it('misses when the instrumentation costs more than 2% of a mail', () => {
    const verdicts = evaluateTargets({
      throughput: [{ scenario, paths: [path('connector', mail)] }],
      instrumentation: instrumentation(25),
    });
    assert.equal(target(verdicts, "no OTel SDK: the instrumentation's CPU within 2%").status, 'MISS');
    assert.equal(target(verdicts, "no OTel SDK: the instrumentation's msg/s cost within 2%").status, 'MISS');
  });

  it('holds the SDK path to the baseline, and only shows the SDK with an AsyncLocalStorage context manager', () => {
    const verdicts = evaluateTargets({
      throughput: [
        {
          scenario,
          paths: [
            path('connector', mail),
            path('otel', [run(950, 1.05), run(920, 1.08), run(940, 1.06)]),
            path('otel-context', [run(800, 1.25), run(800, 1.25), run(800, 1.25)]),
            path('baseline', mail),
          ],
        },
      ],
    });
    const sdk = verdicts.filter((entry) => entry.target.startsWith('OTel SDK as docs/otel.mjs registers it'));
    assert.deepEqual(
      sdk.map(({ status, measured }) => [status, measured]),
      [
        ['PASS', '0.94× (0.92–0.95 over 3 rounds)'],
        ['PASS', '1.06× (1.05–1.08 over 3 rounds)'],
      ]
    );
    const withContext = target(verdicts, 'OTel SDK with an AsyncLocalStorage context manager ÷ the baseline build');
    assert.equal(withContext.status, 'INFO');
    assert.match(withContext.measured, /^msg\/s 0\.80× .* CPU 1\.25× /);
  });

  it('misses the SDK budget when the SDK path costs more than 10% round by round', () => {
    const verdicts = evaluateTargets({
      throughput: [
        {
          scenario,
          paths: [path('connector', mail), path('otel', [run(850, 1.2), run(880, 1.15), run(860, 1.18)])],
        },
      ],
    });
    const sdk = verdicts.filter((entry) =>
      entry.target.startsWith(
        'OTel SDK as docs/otel.mjs registers it, batching exporters, ÷ this connector without an SDK'
      )
    );
    assert.deepEqual(
      sdk.map(({ status }) => status),
      ['MISS', 'MISS']
    );
  });

  it('shows the noise floor: the same build measured in two processes', () => {
    const verdicts = evaluateTargets({
      throughput: [
        { scenario, paths: [path('connector', mail), path('twin', [run(950, 1.04), run(1000, 1), run(1050, 0.97)])] },
      ],
    });
    assert.equal(
      target(verdicts, 'noise floor').measured,
      'msg/s 1.00× (0.95–1.05 over 3 rounds), CPU 1.00× (0.97–1.04 over 3 rounds)'
    );
  });
});

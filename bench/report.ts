/**
 * Turns the measurements into the report: the machine, one side-by-side table per scenario,
 * the ratios of this connector to each other path, and a PASS/MISS line per target.
 */
import { cpus, totalmem, type as osType, release } from 'node:os';

import { megabytes, num, times, type Block, type Table } from './format.js';
import { summarise, type PathResult } from './measure.js';
import type { ColdStartPath } from './cold-start.js';
import { memoryGrowth } from './memory.js';
import type { PathName } from './paths.js';
import { rtt, type Results } from './scenarios.js';
import { evaluateTargets, instrumentationTable, summaryOf, telemetryOverheadTable } from './targets.js';

export const labels: Record<PathName, string> = {
  connector: 'this connector',
  otel: 'this connector, OTel SDK registered',
  'otel-context': 'this connector, OTel SDK and AsyncLocalStorage',
  baseline: 'baseline build (--baseline)',
  twin: 'this connector, second process',
  official: 'official 1.5.4',
  bare: 'bare SESv2Client',
  raw: 'raw HTTPS POST',
};

const label = (path: PathName, tls = true) => (path === 'raw' && !tls ? 'raw HTTP POST' : labels[path]);

export const machine = () => {
  const [cpu] = cpus();
  return {
    cpu: `${cpu?.model.trim() ?? 'unknown CPU'}, ${cpus().length} cores`,
    memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GB`,
    os: `${osType()} ${release()}`,
    node: process.version,
  };
};

const throughputTable = (title: string, tls: boolean, paths: PathResult[]): Table => ({
  title,
  note: "Medians over the timed runs, after a warm-up. CPU: user + system time of the sender process; of it GC: the garbage collector's pauses of its main thread. Connections: new TCP connections the stubs accepted during the warm-ups (of all the path's processes) and per timed run; peak: the most open at once at one stub, warm-up included. Processes: the sender processes whose runs took turns.",
  head: [
    'path',
    'msg/s',
    'p50 ms',
    'p99 ms',
    'CPU ms/msg',
    'of it GC',
    'conns warm-up',
    'conns/run',
    'conns/msg',
    'peak open',
    'runs × msgs',
    'processes',
    'failed',
  ],
  rows: paths.map((result) => {
    const summary = summarise(result);
    return [
      label(result.path, tls),
      num(summary.messagesPerSecond, 0),
      num(summary.p50Ms),
      num(summary.p99Ms),
      num(summary.cpuMsPerMessage, 3),
      num(summary.gcMsPerMessage, 3),
      `${result.warmup.connectionsOpened} / ${(result.plan.processes ?? 1) * result.plan.warmupMessages} msgs`,
      num(summary.connectionsPerRun, 0),
      num(summary.connectionsPerMessage, 3),
      String(summary.peakOpen),
      `${result.plan.runs} × ${result.plan.messagesPerRun}`,
      String(result.plan.processes ?? 1),
      String(summary.failures),
    ];
  }),
});

const rttTable = (paths: PathResult[]): Table => ({
  title: `About ${rtt.latencyMs} ms round trip (HTTPS, concurrency 1)`,
  note: `The stub waits ${rtt.connectDelayMs} ms on each new connection (TCP and TLS handshakes) and ${rtt.latencyMs} ms before each response. ${paths[0]?.plan.messagesPerRun ?? 0} messages per path after ${paths[0]?.plan.warmupMessages ?? 0} warm-up.`,
  head: ['path', 'p50 ms', 'p99 ms', 'p50 in RTTs', 'conns/msg', 'CPU ms/msg'],
  rows: paths.map((result) => {
    const summary = summarise(result);
    return [
      label(result.path),
      num(summary.p50Ms, 1),
      num(summary.p99Ms, 1),
      num(summary.p50Ms / rtt.latencyMs),
      num(summary.connectionsPerMessage, 3),
      num(summary.cpuMsPerMessage, 3),
    ];
  }),
});

const rssTable = (paths: PathResult[]): Table => {
  const plan = paths[0]?.plan;
  const total = (plan?.runs ?? 0) * (plan?.messagesPerRun ?? 0);
  return {
    title: `Memory over ${total.toLocaleString('en-US')} messages (HTTPS, concurrency ${plan?.concurrency ?? 0})`,
    note: `After a warm-up of ${plan?.warmupMessages ?? 0} messages, ${plan?.runs ?? 0} runs of ${plan?.messagesPerRun ?? 0}; the sender's RSS and live heap are read after a full GC (--expose-gc) between runs. Growth: median of the last three readings minus median of the first three (one reading moves by ±5 MB). Connections and peak as the stub saw them.`,
    head: [
      'path',
      'seconds',
      'msg/s',
      'RSS start',
      'RSS end',
      'RSS growth',
      'heap growth',
      'conns opened',
      'peak open',
      'failed',
    ],
    rows: paths.map((result) => {
      const memory = memoryGrowth(result);
      const summary = summarise(result);
      return [
        label(result.path),
        num(memory.seconds, 1),
        num(memory.messages / memory.seconds, 0),
        megabytes(memory.rssStart),
        megabytes(memory.rssEnd),
        megabytes(memory.rssGrowth),
        megabytes(memory.heapGrowth),
        num(
          result.runs.reduce((sum, run) => sum + run.connectionsOpened, 0),
          0
        ),
        String(summary.peakOpen),
        String(summary.failures),
      ];
    }),
  };
};

const coldLabel = (path: ColdStartPath) =>
  path === 'baseline'
    ? 'baseline build (--baseline)'
    : path === 'bare'
      ? 'bare SDK: import, client, send'
      : label(path);

const coldStartTable = (coldStart: NonNullable<Results['coldStart']>): Table => ({
  title: 'Cold start (import + createConnector) and first send, in a fresh process',
  note: `Medians over ${coldStart[0]?.samplesMs.length ?? 0} fresh node processes per path (alternating), timed inside the process after connector-kit and zod are loaded (Logto's core has them before any connector). Start: import + createConnector. First send: the first sendMessage to a local stub over HTTP, chunk loading and client creation included. First mail: their sum, the wait for the first email of a fresh Logto process. lib: the bytes of the package's lib/ folder.`,
  head: ['path', 'start ms', 'first send ms', 'first send min–max ms', 'first mail ms', 'lib bytes'],
  rows: coldStart.map(({ path, medianMs, firstSendSamplesMs, firstSendMedianMs, libBytes }) => [
    coldLabel(path),
    num(medianMs, 1),
    num(firstSendMedianMs, 1),
    `${num(Math.min(...firstSendSamplesMs), 1)}–${num(Math.max(...firstSendSamplesMs), 1)}`,
    num(medianMs + firstSendMedianMs, 1),
    libBytes === undefined ? '–' : libBytes.toLocaleString('en-US'),
  ]),
});

/** This connector divided by each other path: above 1× is better for msg/s, below 1× for CPU and latency. */
const ratioTable = (results: Results): Table => {
  const others: PathName[] = ['official', 'bare', 'raw'];
  const rows: string[][] = results.throughput.map(({ scenario, paths }) => {
    const connector = summaryOf(paths, 'connector');
    return [
      scenario.title,
      ...others.flatMap((other) => {
        const summary = summaryOf(paths, other);
        if (!connector || !summary) {
          return ['–', '–'];
        }
        return [
          times(connector.messagesPerSecond / summary.messagesPerSecond),
          times(connector.cpuMsPerMessage / summary.cpuMsPerMessage),
        ];
      }),
    ];
  });
  if (results.rtt) {
    const connector = summaryOf(results.rtt, 'connector');
    rows.push([
      `${rtt.latencyMs} ms RTT (p50 latency)`,
      ...others.flatMap((other) => {
        const summary = summaryOf(results.rtt!, other);
        return connector && summary ? [times(connector.p50Ms / summary.p50Ms), '–'] : ['–', '–'];
      }),
    ]);
  }
  return {
    title: 'Ratios: this connector ÷ each other path',
    note: 'msg/s: above 1× means this connector is faster. CPU/msg (and p50 latency for the RTT row): below 1× means it costs less.',
    head: [
      'scenario',
      'msg/s vs official',
      'CPU vs official',
      'msg/s vs bare',
      'CPU vs bare',
      'msg/s vs raw',
      'CPU vs raw',
    ],
    rows,
  };
};

export type RunInfo = { command: string; started: Date; loadBefore: number };

export const buildReport = (results: Results, run: RunInfo): Block[] => {
  const host = machine();
  const blocks: Block[] = [
    {
      kind: 'text',
      text: [
        'The paths send the same verification mail (template Generic, one recipient, the SendEmail body this connector builds):',
        '',
        `- ${labels.connector}: lib/ as Logto loads it, one config object passed to every sendMessage, as Logto does, with no OpenTelemetry SDK registered;`,
        `- ${labels.otel}, in the throughput scenarios: the same in a process with an OpenTelemetry SDK registered globally before the connector loads, as docs/otel.mjs registers it: a tracer provider with a BatchSpanProcessor, a meter provider with a PeriodicExportingMetricReader (every second), no context manager; the exporters only count what they are handed;`,
        `- ${labels['otel-context']}: the same with an AsyncLocalStorage context manager, as the Node SDK sets one up; on Node 22 it makes every promise of the process dearer from the first context entered on (the exporter's own, at the latest), whatever code creates the promise;`,
        `- the baseline build, in the throughput scenarios with --baseline REV: another revision's build, loaded as Logto loads this one; for the telemetry targets, the build before telemetry;`,
        `- ${labels.twin}: the same build in another sender process; its ratio to this connector is what two measurements of the same code differ by here, the smallest difference the run can show;`,
        `- ${labels.official}: \`@logto/connector-aws-ses\`, which builds a new SES client, and so a new TCP+TLS connection, for every mail (pointed at the stub with AWS_ENDPOINT_URL_SESV2);`,
        `- ${labels.bare}: one reused client with the SDK's defaults sending the same SendEmail input: the SDK's own cost;`,
        `- ${labels.raw}: the same JSON body posted unsigned over a keep-alive agent: the machine's limit.`,
      ].join('\n'),
    },
    {
      kind: 'text',
      text: [
        `- Date: ${run.started.toISOString()}`,
        `- Machine: ${host.cpu}, ${host.memory} RAM, ${host.os}`,
        `- Node: ${host.node}`,
        // Sender and stub share the machine with whatever else runs on it.
        `- Load average before the run: ${run.loadBefore.toFixed(2)} (1 min)`,
        `- Command: ${run.command}`,
        '- Target: the SES stub (test/support/ses-stub.ts) on 127.0.0.1. Each path gets fresh sender processes of its own (plain node, --expose-gc; three per path in the throughput scenarios, one for the official), each with a stub process; all are warmed up, then their timed runs alternate round by round, the processes of a path taking turns.',
      ].join('\n'),
    },
  ];
  for (const { scenario, paths } of results.throughput) {
    blocks.push({ kind: 'table', ...throughputTable(scenario.title, scenario.tls, paths) });
  }
  if (results.rtt) {
    blocks.push({ kind: 'table', ...rttTable(results.rtt) });
  }
  if (results.rss) {
    blocks.push({ kind: 'table', ...rssTable(results.rss) });
    blocks.push({
      kind: 'text',
      text: [
        'RSS readings in MB, first to last:',
        ...results.rss.map(
          (result) =>
            `- ${label(result.path)}: ${memoryGrowth(result)
              .rssMarks.map((bytes) => (bytes / 1024 / 1024).toFixed(0))
              .join(', ')}`
        ),
      ].join('\n'),
    });
  }
  if (results.coldStart) {
    blocks.push({ kind: 'table', ...coldStartTable(results.coldStart) });
  }
  if (results.throughput.length > 0 || results.rtt) {
    blocks.push({ kind: 'table', ...ratioTable(results) });
  }
  for (const table of [telemetryOverheadTable(results), instrumentationTable(results)]) {
    if (table) {
      blocks.push({ kind: 'table', ...table });
    }
  }
  const verdicts = evaluateTargets(results);
  blocks.push({
    kind: 'table',
    title: 'Targets',
    head: ['result', 'target', 'measured'],
    align: ['left', 'left', 'left'],
    rows: verdicts.map(({ status, target, measured }) => [status, target, measured]),
  });
  const failures = [...results.throughput.flatMap(({ paths }) => paths), ...(results.rtt ?? []), ...(results.rss ?? [])]
    .filter((result) => result.firstFailure)
    .map((result) => `${label(result.path)}: ${result.firstFailure!}`);
  if (failures.length > 0) {
    blocks.push({ kind: 'text', text: `First failure per path:\n${failures.join('\n')}` });
  }
  return blocks;
};

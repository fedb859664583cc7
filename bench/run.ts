/**
 * `npm run bench`: this connector side by side with the official one, a bare reused SDK client
 * and a raw keep-alive POST, against a local SES stub. Prints the report; `--out FILE` also
 * writes it as Markdown (bench/RESULTS.md).
 *
 *   npm run bench                               everything, about five minutes
 *   npm run bench -- --quick                    a rough smoke run, about a minute
 *   npm run bench -- --only https-c1,cold       some scenarios: https-c1 https-c32 http-c1 http-c32 rtt rss cold
 *                                               instrumentation
 *   npm run bench -- --only cold --baseline f2df168
 *                                               cold start, first send and size beside revision f2df168's build
 *                                               (with a throughput scenario, its msg/s and CPU too)
 *   npm run bench -- --only cold --baseline-lib /tmp/old/lib
 *                                               cold start, first send and size beside another build's lib/
 *   npm run bench -- --only https-c1,https-c32 --baseline REV
 *                                               throughput beside REV's build too: REV is the build
 *                                               before telemetry, the uninstrumented path that the
 *                                               connector without and with an OpenTelemetry SDK is
 *                                               held to (the telemetry overhead targets)
 *   npm run bench -- --paths connector,otel,baseline,bare
 *                                               only these paths in the throughput scenarios
 *   npm run bench -- --runs 15                  more timed runs per throughput path (default 7, 3 quick):
 *                                               a steadier median on a busy machine
 *   npm run bench -- --cpu-prof /tmp/profiles   V8 CPU profiles of every sender process
 *   npm run bench -- --out bench/RESULTS.md
 *
 * Progress goes to stderr, the report to stdout.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import { buildBaseline } from './baseline.js';
import { captureSendEmail } from './capture.js';
import { compileWorkers } from './compile.js';
import { measureColdStart } from './cold-start.js';
import { asMarkdown, asText, num } from './format.js';
import { measurePaths, startStub, summarise, type PathResult, type Plan, type StubOptions } from './measure.js';
import { pathNames, type PathName } from './paths.js';
import type { InstrumentationResult } from './instrumentation.js';
import { buildReport } from './report.js';
import {
  coldStartProcesses,
  rssPlan,
  rtt,
  rttPlan,
  scenarioIds,
  throughputPlan,
  throughputScenarios,
  type Results,
  type ScenarioId,
} from './scenarios.js';
import { senderEnv } from './workload.js';

// This process sends one mail itself, to capture the connector's request (capture.ts).
Object.assign(process.env, senderEnv);

const args = process.argv.slice(2);
const { values } = parseArgs({
  args,
  options: {
    quick: { type: 'boolean', default: false },
    out: { type: 'string' },
    only: { type: 'string' },
    'cpu-prof': { type: 'string' },
    'baseline-lib': { type: 'string' },
    baseline: { type: 'string' },
    paths: { type: 'string' },
    runs: { type: 'string' },
  },
});
const quick = values.quick ?? false;
const runs = values.runs === undefined ? undefined : Number(values.runs);
if (runs !== undefined && !(Number.isInteger(runs) && runs > 0)) {
  throw new Error(`--runs: ${values.runs} is not a whole number above 0`);
}
const only = new Set((values.only?.split(',') ?? scenarioIds) as ScenarioId[]);
for (const id of only) {
  if (!scenarioIds.includes(id)) {
    throw new Error(`--only: unknown scenario ${id}; choose from ${scenarioIds.join(', ')}`);
  }
}
const cpuProfileDir = values['cpu-prof'];
// Built once, before anything is timed; measured beside this build in every scenario it fits.
const baselineLib = values.baseline ? buildBaseline(values.baseline) : values['baseline-lib'];
const baselineEntry = baselineLib && pathToFileURL(path.resolve(baselineLib, 'index.js')).href;
/** The throughput scenarios' paths: all of them, the baseline only when there is one. */
const throughputPaths = (values.paths?.split(',') ?? pathNames).filter(
  (name): name is PathName => pathNames.includes(name as PathName) && (name !== 'baseline' || Boolean(baselineEntry))
);
for (const name of values.paths?.split(',') ?? []) {
  if (!pathNames.includes(name as PathName)) {
    throw new Error(`--paths: unknown path ${name}; choose from ${pathNames.join(', ')}`);
  }
}
/** The memory and round-trip scenarios compare the four ways a mail can be sent. */
const comparisonPaths: PathName[] = ['connector', 'official', 'bare', 'raw'];
const started = new Date();
const [loadBefore = 0] = loadavg();
const command = `npm run bench${args.length > 0 ? ` -- ${args.join(' ')}` : ''}`;

const progress = (text: string) => process.stderr.write(`${text}\n`);

const scripts = await compileWorkers();

/** The connector's SendEmail request, taken once from the wire (over plain HTTP: the same bytes). */
const captureRequest = async () => {
  const stub = await startStub(scripts, { tls: false });
  try {
    return await captureSendEmail(stub.url);
  } finally {
    await stub.worker.close();
  }
};

const results: Results = { throughput: [] };
let failed = false;

const logPath = (name: string) => (result: PathResult) => {
  const summary = summarise(result);
  failed ||= summary.failures > 0;
  progress(
    `${name.padEnd(9)} ${result.path.padEnd(9)} ${num(summary.messagesPerSecond, 0).padStart(6)} msg/s  p50 ${num(summary.p50Ms)} ms  ` +
      `CPU ${num(summary.cpuMsPerMessage, 3)} ms/msg (GC ${num(summary.gcMsPerMessage, 3)})  conns/run ${summary.connectionsPerRun}  peak ${summary.peakOpen}` +
      (result.telemetry ? `  spans ${result.telemetry.spans}  metric points ${result.telemetry.metricPoints}` : '') +
      (summary.failures > 0 ? `  FAILED ${summary.failures}: ${result.firstFailure ?? ''}` : '')
  );
};

const captured = await captureRequest();
/** Every path of one scenario, each with its own stub and sender (measure.ts). */
const measureAll = async (
  name: string,
  stubOptions: StubOptions,
  planOf: (path: PathName) => Plan,
  paths: readonly PathName[] = comparisonPaths
) =>
  measurePaths(stubOptions, paths, planOf, {
    scripts,
    captured,
    name,
    onPathDone: logPath(name),
    ...(cpuProfileDir && { cpuProfileDir }),
    ...(baselineEntry && { baselineEntry }),
  });

for (const scenario of throughputScenarios.filter(({ id }) => only.has(id))) {
  const paths = await measureAll(
    scenario.id,
    { tls: scenario.tls },
    (name) => ({ ...throughputPlan(name, scenario.concurrency, quick), ...(runs && { runs }) }),
    throughputPaths
  );
  results.throughput.push({ scenario, paths });
}
if (only.has('rtt')) {
  results.rtt = await measureAll('rtt', rtt, () => rttPlan(quick));
}
if (only.has('rss')) {
  results.rss = await measureAll('rss', { tls: true }, () => rssPlan(quick));
}
if (only.has('cold')) {
  progress('cold start and first send …');
  const stub = await startStub(scripts, { tls: false });
  try {
    results.coldStart = await measureColdStart(coldStartProcesses(quick), stub.url, baselineLib);
  } finally {
    await stub.worker.close();
  }
}

if (only.has('instrumentation')) {
  progress('instrumentation alone …');
  // A process of its own: it registers an OpenTelemetry SDK globally.
  const script = new URL('./telemetry-cost.ts', import.meta.url).pathname;
  const answer = execFileSync(process.execPath, ['--import', 'tsx', script, '--json', ...(quick ? ['--quick'] : [])], {
    encoding: 'utf8',
  });
  results.instrumentation = JSON.parse(answer) as InstrumentationResult;
}

const report = buildReport(results, { command, started, loadBefore });
process.stdout.write(`${asText(report)}\n`);

if (values.out) {
  const markdown = [
    '# Benchmark results',
    '',
    `Written by \`${command}\`; rerun it to check these figures on your machine (bench/run.ts lists the options).`,
    '',
    asMarkdown(report),
    '',
  ].join('\n');
  writeFileSync(values.out, markdown);
  progress(`wrote ${values.out}`);
}

if (failed) {
  progress('some sends failed: the figures above are not comparable');
  process.exitCode = 1;
}

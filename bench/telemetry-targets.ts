/**
 * Telemetry's targets: with no OpenTelemetry SDK registered, within 2% of the uninstrumented
 * path's msg/s and CPU per mail; with an SDK and batching exporters, within 10%.
 *
 * No SDK: 2% of a mail is about 20 µs, less than two runs of whole mails differ on a shared
 * machine, so the verdict is taken from the instrumentation measured on its own (the
 * `instrumentation` scenario): its CPU per send as a share of this connector's CPU per mail, and
 * the msg/s it can cost at most (a single-threaded process that spends c µs more per mail sends at
 * most c µs × msg/s fewer per second). The whole-mail comparison with the `--baseline` build is
 * shown beside it, round by round, with its spread.
 *
 * SDK: the SDK as docs/otel.mjs registers it (no context manager), held round by round to the
 * baseline build. With an AsyncLocalStorage context manager as well, the figure is shown, not held:
 * on Node 22 that context manager makes every promise of the process dearer from the first context
 * entered on (the SDK's exporter enters one for each export), whichever code makes the promise, so
 * it is the price of the operator's set-up rather than of the connector's spans. Without a
 * baseline, both are compared with this connector without an SDK.
 */
import { num, times, type Table } from './format.js';
import type { InstrumentationCost, InstrumentationResult } from './instrumentation.js';
import type { PathResult, Summary } from './measure.js';
import { pairedRatios, pairedText, type PairedRatio } from './paired.js';
import type { PathName } from './paths.js';
import type { Results } from './scenarios.js';
import { summaryOf, verdict, type Verdict } from './verdict.js';

/** Telemetry's budgets: no SDK registered, and an SDK with batching exporters. */
const noSdkBudget = 0.02;
const sdkBudget = 0.1;

const percent = (fraction: number) => `${Math.round(fraction * 100)}%`;

const resultOf = (paths: PathResult[], name: PathName) => paths.find((result) => result.path === name);

/** Within `budget`, round by round: msg/s at least (1 - budget)×, CPU per mail at most (1 + budget)×. */
const withinBudget = (ratios: { throughput: PairedRatio; cpu: PairedRatio }, budget: number, what: string) => [
  verdict(
    ratios.throughput.median >= 1 - budget,
    `${what}: msg/s within ${percent(budget)}`,
    pairedText(ratios.throughput)
  ),
  verdict(
    ratios.cpu.median <= 1 + budget,
    `${what}: CPU per message within ${percent(budget)}`,
    pairedText(ratios.cpu)
  ),
];

const shown = (ratios: { throughput: PairedRatio; cpu: PairedRatio }, what: string): Verdict => ({
  status: 'INFO',
  target: what,
  measured: `msg/s ${pairedText(ratios.throughput)}, CPU ${pairedText(ratios.cpu)}`,
});

/** The instrumentation's own cost held to one scenario's whole mail. */
const instrumentationShare = (cost: InstrumentationCost, mail: Summary) => ({
  cpu: cost.costUs / (mail.cpuMsPerMessage * 1000),
  throughput: (cost.costUs / 1e6) * mail.messagesPerSecond,
});

const instrumentationVerdicts = (instrumentation: InstrumentationResult, scenario: string, mail: Summary) => {
  const noSdk = instrumentationShare(instrumentation.noSdk, mail);
  const sdk = instrumentationShare(instrumentation.sdkWithContext, mail);
  const cost = `${num(instrumentation.noSdk.costUs)} µs per send`;
  return [
    verdict(
      noSdk.cpu <= noSdkBudget,
      `no OTel SDK: the instrumentation's CPU within ${percent(noSdkBudget)} of a mail, ${scenario}`,
      `${num(noSdk.cpu * 100, 3)}% (${cost} of ${num(mail.cpuMsPerMessage, 3)} ms)`
    ),
    verdict(
      noSdk.throughput <= noSdkBudget,
      `no OTel SDK: the instrumentation's msg/s cost within ${percent(noSdkBudget)}, ${scenario}`,
      `at most ${num(noSdk.throughput * 100, 3)}% (${cost} × ${num(mail.messagesPerSecond)} msg/s)`
    ),
    {
      status: 'INFO' as const,
      target: `OTel SDK with AsyncLocalStorage: the instrumentation's own CPU, ${scenario}`,
      measured: `${num(sdk.cpu * 100, 2)}% of a mail (${num(instrumentation.sdkWithContext.costUs)} µs per send; ${num(instrumentation.sdk.costUs)} µs without a context manager)`,
    },
  ];
};

export const telemetryVerdicts = (results: Results): Verdict[] =>
  results.throughput.flatMap(({ scenario, paths }) => {
    const connector = resultOf(paths, 'connector');
    const otel = resultOf(paths, 'otel');
    const otelContext = resultOf(paths, 'otel-context');
    const baseline = resultOf(paths, 'baseline');
    const bare = summaryOf(paths, 'bare');
    const reference = baseline ?? connector;
    const against = baseline ? 'the baseline build' : 'this connector without an SDK (no --baseline given)';
    const verdicts: Verdict[] = [];
    const connectorSummary = summaryOf(paths, 'connector');
    if (results.instrumentation && connectorSummary) {
      verdicts.push(...instrumentationVerdicts(results.instrumentation, scenario.title, connectorSummary));
    }
    if (connector && baseline) {
      verdicts.push(
        shown(pairedRatios(connector, baseline), `no OTel SDK, whole mail ÷ the baseline build, ${scenario.title}`)
      );
    }
    if (otel && reference) {
      verdicts.push(
        ...withinBudget(
          pairedRatios(otel, reference),
          sdkBudget,
          `OTel SDK as docs/otel.mjs registers it, batching exporters, ÷ ${against}, ${scenario.title}`
        )
      );
    }
    if (otelContext && reference) {
      verdicts.push(
        shown(
          pairedRatios(otelContext, reference),
          `OTel SDK with an AsyncLocalStorage context manager ÷ ${against} (the context manager's cost to every promise included), ${scenario.title}`
        )
      );
    }
    const otelSummary = summaryOf(paths, 'otel');
    if (otelSummary && bare) {
      verdicts.push({
        status: 'INFO',
        target: `with an OTel SDK vs the bare reused client (floor: ≥ 0.9× msg/s, ≤ 1.15× CPU), ${scenario.title}`,
        measured: `${times(otelSummary.messagesPerSecond / bare.messagesPerSecond)} msg/s, ${times(otelSummary.cpuMsPerMessage / bare.cpuMsPerMessage)} CPU`,
      });
    }
    if (otel?.telemetry?.spans === 0) {
      verdicts.push({
        status: 'INFO',
        target: `spans recorded with an OTel SDK, ${scenario.title}`,
        measured: 'none: this build of lib/ emits no spans, so the SDK figures measure its registration alone',
      });
    }
    return verdicts;
  });

/** What the instrumentation costs on its own, without SDK and with one; absent when not measured. */
export const instrumentationTable = (results: Results): Table | undefined => {
  const measured = results.instrumentation;
  if (!measured) {
    return undefined;
  }
  const row = (label: string, { directUs, observedUs, costUs }: InstrumentationCost) => [
    label,
    num(directUs),
    num(observedUs),
    num(costUs),
  ];
  return {
    title: 'Instrumentation alone',
    note: `CPU µs per send of observeSend (span, metrics, diagnostics channel, log line) around a send that is already done, against that send called directly: medians of ${measured.rounds} interleaved rounds of ${measured.sendsPerRound.toLocaleString('en-US')} sends, in a process of its own. Exported by the SDK: ${measured.spans.toLocaleString('en-US')} spans, ${measured.metricPoints.toLocaleString('en-US')} metric points.`,
    head: ['registered', 'direct µs', 'observed µs', 'cost µs per send'],
    rows: [
      row('no SDK', measured.noSdk),
      row('SDK, batching exporters', measured.sdk),
      row('SDK, batching exporters, AsyncLocalStorage', measured.sdkWithContext),
    ],
  };
};

/** The telemetry paths side by side, as round-by-round ratios; absent when none was run. */
export const telemetryOverheadTable = (results: Results): Table | undefined => {
  const rows = results.throughput.flatMap(({ scenario, paths }) => {
    const connector = resultOf(paths, 'connector');
    const otel = resultOf(paths, 'otel');
    const otelContext = resultOf(paths, 'otel-context');
    const baseline = resultOf(paths, 'baseline');
    if (!otel && !otelContext && !baseline) {
      return [];
    }
    const ratio = (measured?: PathResult, reference?: PathResult) => {
      if (!measured || !reference) {
        return ['–', '–'];
      }
      const { throughput, cpu } = pairedRatios(measured, reference);
      return [times(throughput.median), times(cpu.median)];
    };
    const exported = (result?: PathResult) =>
      result?.telemetry
        ? `${result.telemetry.spans.toLocaleString('en-US')} / ${result.telemetry.metricPoints.toLocaleString('en-US')}`
        : '–';
    return [
      [
        scenario.title,
        ...ratio(connector, baseline),
        ...ratio(otel, baseline),
        ...ratio(otelContext, baseline),
        ...ratio(otel, connector),
        exported(otel),
      ],
    ];
  });
  if (rows.length === 0) {
    return undefined;
  }
  return {
    title: 'Telemetry overhead',
    note: 'msg/s and CPU per message of one path ÷ another: the median of the ratios of runs made back to back, same run. No SDK: this connector as it runs by default; SDK: with an OpenTelemetry SDK registered as docs/otel.mjs does, batching exporters; SDK + ALS: with an AsyncLocalStorage context manager too; baseline: the --baseline build (the build before telemetry). Spans / metric points: what the SDK path exported over its warm-up and runs.',
    head: [
      'scenario',
      'no SDK ÷ baseline msg/s',
      'CPU',
      'SDK ÷ baseline msg/s',
      'CPU',
      'SDK + ALS ÷ baseline msg/s',
      'CPU',
      'SDK ÷ no SDK msg/s',
      'CPU',
      'spans / metric points',
    ],
    rows,
  };
};

/**
 * Telemetry's targets: the connector held to the uninstrumented path, the `--baseline` build (the
 * build before telemetry). With no OpenTelemetry SDK registered, within 2% of its msg/s and CPU
 * per mail; with an SDK and batching exporters, within 10%. Without a baseline, the SDK's cost is
 * shown against this connector without an SDK, and the no-SDK target is left out.
 */
import { num, times, type Table } from './format.js';
import type { Summary } from './measure.js';
import type { Results } from './scenarios.js';
import { summaryOf, verdict, type Verdict } from './verdict.js';

/** Within `budget` of the reference: msg/s at least (1 - budget)×, CPU per mail at most (1 + budget)×. */
const withinBudget = (
  measured: Summary,
  reference: Summary,
  budget: number,
  what: string,
  against: string,
  scenario: string
): Verdict[] => {
  const throughput = measured.messagesPerSecond / reference.messagesPerSecond;
  const cpu = measured.cpuMsPerMessage / reference.cpuMsPerMessage;
  const percent = `${Math.round(budget * 100)}%`;
  return [
    verdict(
      throughput >= 1 - budget,
      `${what}: msg/s within ${percent} of ${against}, ${scenario}`,
      `${times(throughput)} (${num(measured.messagesPerSecond)} vs ${num(reference.messagesPerSecond)} msg/s)`
    ),
    verdict(
      cpu <= 1 + budget,
      `${what}: CPU per message within ${percent} of ${against}, ${scenario}`,
      `${times(cpu)} (${num(measured.cpuMsPerMessage, 3)} vs ${num(reference.cpuMsPerMessage, 3)} ms)`
    ),
  ];
};

/** Telemetry's budgets: no SDK registered, and an SDK with batching exporters. */
const noSdkBudget = 0.02;
const sdkBudget = 0.1;

export const telemetryVerdicts = (results: Results): Verdict[] =>
  results.throughput.flatMap(({ scenario, paths }) => {
    const connector = summaryOf(paths, 'connector');
    const otel = summaryOf(paths, 'otel');
    const baseline = summaryOf(paths, 'baseline');
    const bare = summaryOf(paths, 'bare');
    const verdicts: Verdict[] = [];
    if (connector && baseline) {
      verdicts.push(
        ...withinBudget(connector, baseline, noSdkBudget, 'no OTel SDK', 'the baseline build', scenario.title)
      );
    }
    if (otel && (baseline ?? connector)) {
      verdicts.push(
        ...withinBudget(
          otel,
          (baseline ?? connector)!,
          sdkBudget,
          'OTel SDK, batching exporters',
          baseline ? 'the baseline build' : 'this connector without an SDK (no --baseline given)',
          scenario.title
        )
      );
    }
    if (otel && bare) {
      verdicts.push({
        status: 'INFO',
        target: `with an OTel SDK vs the bare reused client (floor: ≥ 0.9× msg/s, ≤ 1.15× CPU), ${scenario.title}`,
        measured: `${times(otel.messagesPerSecond / bare.messagesPerSecond)} msg/s, ${times(otel.cpuMsPerMessage / bare.cpuMsPerMessage)} CPU`,
      });
    }
    const telemetry = paths.find((result) => result.path === 'otel')?.telemetry;
    if (telemetry?.spans === 0) {
      verdicts.push({
        status: 'INFO',
        target: `spans recorded with an OTel SDK, ${scenario.title}`,
        measured: 'none: this build of lib/ emits no spans, so the SDK figures measure its registration alone',
      });
    }
    return verdicts;
  });

/** The telemetry paths side by side, as ratios; absent when the `otel` path was not run. */
export const telemetryOverheadTable = (results: Results): Table | undefined => {
  const rows = results.throughput.flatMap(({ scenario, paths }) => {
    const connector = summaryOf(paths, 'connector');
    const otel = summaryOf(paths, 'otel');
    const baseline = summaryOf(paths, 'baseline');
    const telemetry = paths.find((result) => result.path === 'otel')?.telemetry;
    if (!otel && !baseline) {
      return [];
    }
    const ratio = (measured?: Summary, reference?: Summary) =>
      measured && reference
        ? [
            times(measured.messagesPerSecond / reference.messagesPerSecond),
            times(measured.cpuMsPerMessage / reference.cpuMsPerMessage),
          ]
        : ['–', '–'];
    return [
      [
        scenario.title,
        ...ratio(connector, baseline),
        ...ratio(otel, baseline),
        ...ratio(otel, connector),
        telemetry
          ? `${telemetry.spans.toLocaleString('en-US')} / ${telemetry.metricPoints.toLocaleString('en-US')}`
          : '–',
      ],
    ];
  });
  if (rows.length === 0) {
    return undefined;
  }
  return {
    title: 'Telemetry overhead',
    note: 'msg/s and CPU per message of one path ÷ another, same run. No SDK: this connector as it runs by default; SDK: with an OpenTelemetry SDK registered and batching exporters; baseline: the --baseline build (the build before telemetry). Spans / metric points: what the SDK path exported over its warm-up and runs.',
    head: [
      'scenario',
      'no SDK ÷ baseline msg/s',
      'CPU',
      'SDK ÷ baseline msg/s',
      'CPU',
      'SDK ÷ no SDK msg/s',
      'CPU',
      'spans / metric points',
    ],
    rows,
  };
};

/**
 * The targets for this connector, each checked against what was measured. A target
 * whose scenario was not run (`--only`) is left out rather than passed.
 */
import { megabytes, num, times } from './format.js';
import { summarise, type PathResult, type Summary } from './measure.js';
import { memoryGrowth } from './memory.js';
import type { PathName } from './paths.js';
import { rtt, type Results } from './scenarios.js';

export type Verdict = { status: 'PASS' | 'MISS' | 'INFO'; target: string; measured: string };

export const summaryOf = (paths: PathResult[], name: PathName): Summary | undefined => {
  const found = paths.find((result) => result.path === name);
  return found && summarise(found);
};

const verdict = (pass: boolean, target: string, measured: string): Verdict => ({
  status: pass ? 'PASS' : 'MISS',
  target,
  measured,
});

export const evaluateTargets = (results: Results): Verdict[] => {
  const verdicts: Verdict[] = [];

  for (const { scenario, paths } of results.throughput) {
    const connector = summaryOf(paths, 'connector');
    const official = summaryOf(paths, 'official');
    const bare = summaryOf(paths, 'bare');
    if (connector && official) {
      const ratio = connector.messagesPerSecond / official.messagesPerSecond;
      // The bare SDK client is the floor for any connector built on the SDK: the ceiling of this ratio.
      const ceiling = bare
        ? `; the bare SDK client itself: ${times(bare.messagesPerSecond / official.messagesPerSecond)}`
        : '';
      const measured = `${times(ratio)} (${num(connector.messagesPerSecond)} vs ${num(official.messagesPerSecond)} msg/s${ceiling})`;
      // SES speaks HTTPS only; over plain HTTP the official skips the TLS handshake it pays per mail.
      verdicts.push(
        scenario.tls
          ? verdict(ratio >= 10, `throughput ≥ 10× the official, ${scenario.title}`, measured)
          : { status: 'INFO', target: `throughput vs the official, ${scenario.title} (SES has no HTTP)`, measured }
      );
    }
    if (connector && bare) {
      const ratio = connector.cpuMsPerMessage / bare.cpuMsPerMessage;
      verdicts.push(
        verdict(
          ratio <= 1.2,
          `CPU per message ≤ 1.2× the bare reused client, ${scenario.title}`,
          `${times(ratio)} (${num(connector.cpuMsPerMessage, 3)} vs ${num(bare.cpuMsPerMessage, 3)} ms)`
        )
      );
    }
  }

  const peaks: Array<{ label: string; peak: number; concurrency: number }> = [];
  const addPeak = (label: string, paths: PathResult[] | undefined) => {
    const found = paths?.find((result) => result.path === 'connector');
    if (found) {
      peaks.push({ label, peak: summarise(found).peakOpen, concurrency: found.plan.concurrency });
    }
  };
  for (const { scenario, paths } of results.throughput) {
    addPeak(scenario.id, paths);
  }
  addPeak('rtt', results.rtt);
  addPeak('rss', results.rss);
  if (peaks.length > 0) {
    verdicts.push(
      verdict(
        peaks.every(({ peak, concurrency }) => peak <= concurrency),
        'open sockets never above the concurrency (peak, warm-up included)',
        peaks.map(({ label, peak, concurrency }) => `${label} ${peak}/${concurrency}`).join(', ')
      )
    );
  }

  const rssConnector = results.rss?.find((result) => result.path === 'connector');
  if (rssConnector) {
    const memory = memoryGrowth(rssConnector);
    verdicts.push(
      verdict(
        memory.rssGrowth < 5 * 1024 * 1024,
        `RSS growth < 5 MB over ${memory.messages.toLocaleString('en-US')} messages`,
        `${megabytes(memory.rssGrowth)} (live heap ${megabytes(memory.heapGrowth)})`
      )
    );
  }

  const rttConnector = results.rtt && summaryOf(results.rtt, 'connector');
  if (rttConnector) {
    verdicts.push(
      verdict(
        rttConnector.p50Ms <= 1.5 * rtt.latencyMs,
        `about one round trip per mail at ${rtt.latencyMs} ms RTT (p50 ≤ 1.5 RTT)`,
        `p50 ${num(rttConnector.p50Ms, 1)} ms = ${num(rttConnector.p50Ms / rtt.latencyMs)} RTT`
      )
    );
  }

  const cold = results.coldStart;
  const coldConnector = cold?.find((entry) => entry.path === 'connector');
  const coldOfficial = cold?.find((entry) => entry.path === 'official');
  if (coldConnector && coldOfficial) {
    verdicts.push(
      verdict(
        coldConnector.medianMs <= coldOfficial.medianMs,
        'cold start (import + create) no slower than the official',
        `${num(coldConnector.medianMs, 1)} vs ${num(coldOfficial.medianMs, 1)} ms (median)`
      )
    );
  }

  return verdicts;
};

/**
 * Ratios of two paths taken round by round. The timed runs of a scenario alternate (measure.ts),
 * so run i of one path and run i of another ran back to back: a burst of someone else's work, or
 * the machine's clock drifting down, lands on both. The median of those per-round ratios is
 * steadier than the ratio of two medians taken over different moments, and the spread of the
 * rounds shows how much the machine moved under the figure.
 */
import { num } from './format.js';
import type { PathResult, Run } from './measure.js';
import { median } from './stats.js';

export type PairedRatio = { median: number; low: number; high: number; rounds: number };

const ratioOf = (measured: PathResult, reference: PathResult, field: (run: Run) => number): PairedRatio => {
  const rounds = Math.min(measured.runs.length, reference.runs.length);
  const ratios = Array.from(
    { length: rounds },
    (_, round) => field(measured.runs[round]!) / field(reference.runs[round]!)
  );
  return { median: median(ratios), low: Math.min(...ratios), high: Math.max(...ratios), rounds };
};

/** msg/s and CPU per mail of `measured` ÷ `reference`, round by round. */
export const pairedRatios = (measured: PathResult, reference: PathResult) => ({
  throughput: ratioOf(measured, reference, (run) => run.messagesPerSecond),
  cpu: ratioOf(measured, reference, (run) => run.cpuMsPerMessage),
});

/** "1.03× (0.97–1.08 over 9 rounds)": the median, then how far single rounds strayed. */
export const pairedText = ({ median: middle, low, high, rounds }: PairedRatio) =>
  `${num(middle)}× (${num(low)}–${num(high)} over ${rounds} rounds)`;

/**
 * The few statistics the benchmark reports. Every figure is a median over repeated runs, because
 * one run on a 2-core machine shared by sender and stub is easily disturbed by the other process.
 */

/** The value at or below which `p` percent of the samples lie (nearest-rank; no interpolation). */
export const percentile = (samples: readonly number[], p: number): number => {
  if (samples.length === 0) {
    return Number.NaN;
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
};

export const median = (values: readonly number[]): number => {
  if (values.length === 0) {
    return Number.NaN;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

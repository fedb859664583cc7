/**
 * Memory growth over a long series of runs. One RSS reading after a full GC still moves by ±5 MB
 * from one thousand messages to the next (V8 resizes its young generation, malloc keeps freed
 * pages), the size of the target itself; so the growth is the median of the last three readings
 * minus the median of the first three, each reading taken between two runs of 1,000 messages.
 * The live heap is read at the same moments: a leak of JavaScript objects shows there first.
 */
import type { PathResult } from './measure.js';
import { median } from './stats.js';

export type MemoryGrowth = {
  messages: number;
  seconds: number;
  /** Median of the first three readings, and of the last three. */
  rssStart: number;
  rssEnd: number;
  rssGrowth: number;
  heapGrowth: number;
  /** Every reading, first to last, for the record. */
  rssMarks: number[];
};

const growthOf = (marks: number[]) => ({
  start: median(marks.slice(0, 3)),
  end: median(marks.slice(-3)),
});

export const memoryGrowth = ({ runs }: PathResult): MemoryGrowth => {
  const rssMarks = runs.length > 0 ? [runs[0]!.memory.rssBefore, ...runs.map((run) => run.memory.rssAfter)] : [];
  const heapMarks = runs.length > 0 ? [runs[0]!.memory.heapBefore, ...runs.map((run) => run.memory.heapAfter)] : [];
  const rss = growthOf(rssMarks);
  const heap = growthOf(heapMarks);
  return {
    messages: runs.reduce((sum, run) => sum + run.messages, 0),
    seconds: runs.reduce((sum, run) => sum + run.elapsedMs, 0) / 1000,
    rssStart: rss.start,
    rssEnd: rss.end,
    rssGrowth: rss.end - rss.start,
    heapGrowth: heap.end - heap.start,
    rssMarks,
  };
};

/** A target checked against what was measured, and the lookups every target needs. */
import { summarise, type PathResult, type Summary } from './measure.js';
import type { PathName } from './paths.js';

export type Verdict = { status: 'PASS' | 'MISS' | 'INFO'; target: string; measured: string };

export const summaryOf = (paths: PathResult[], name: PathName): Summary | undefined => {
  const found = paths.find((result) => result.path === name);
  return found && summarise(found);
};

export const verdict = (pass: boolean, target: string, measured: string): Verdict => ({
  status: pass ? 'PASS' : 'MISS',
  target,
  measured,
});

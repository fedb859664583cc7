/**
 * `npm run mutate [-- AREA ...]`: StrykerJS over each area of stryker.config.mjs in turn (all of
 * them when none is named), then one line per area: its score and what survived.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

import { areas } from '../stryker.config.mjs';

const names = process.argv.slice(2);
const unknown = names.filter((name) => !(name in areas));
if (unknown.length > 0) {
  console.error(`Unknown area ${unknown.join(', ')}; the areas are ${Object.keys(areas).join(', ')}.`);
  process.exit(2);
}

const countBy = (report) => {
  const counts = {};
  for (const file of Object.values(report.files)) {
    for (const { status } of file.mutants) {
      counts[status] = (counts[status] ?? 0) + 1;
    }
  }
  return counts;
};

const summaries = [];
for (const area of names.length > 0 ? names : Object.keys(areas)) {
  const run = spawnSync('npx', ['stryker', 'run', 'stryker.config.mjs'], {
    stdio: 'inherit',
    env: { ...process.env, MUTATE_AREA: area },
  });
  const path = `reports/mutation/${area}/mutation.json`;
  if (run.status !== 0 || !existsSync(path)) {
    summaries.push(`${area}: Stryker failed (exit ${run.status})`);
    continue;
  }
  const counts = countBy(JSON.parse(readFileSync(path, 'utf8')));
  const killed = (counts.Killed ?? 0) + (counts.Timeout ?? 0);
  const detectable = killed + (counts.Survived ?? 0) + (counts.NoCoverage ?? 0);
  const score = detectable === 0 ? 100 : (100 * killed) / detectable;
  summaries.push(
    `${area.padEnd(10)} ${score.toFixed(1).padStart(5)}%  killed ${killed}, survived ${counts.Survived ?? 0}, no coverage ${counts.NoCoverage ?? 0}`
  );
}
console.log(`\nMutation score by area (reports/mutation/AREA/index.html):\n${summaries.join('\n')}`);

/**
 * Cold start: what Logto pays for a connector at start-up, when it imports every installed
 * connector package and calls its default export once. Each sample is a fresh `node` process
 * (plain node, as Logto runs) timing `await import(…)`
 * plus `await createConnector({ getConfig })`. The two connectors alternate, so a slow moment of
 * the machine falls on both.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { connectorEntry, officialEntry } from './entries.js';
import { median } from './stats.js';
import { senderEnv } from './workload.js';

const run = promisify(execFile);

export type ColdStartPath = 'connector' | 'official';

export type ColdStart = { path: ColdStartPath; samplesMs: number[]; medianMs: number };

const specifiers: Record<ColdStartPath, string> = { connector: connectorEntry, official: officialEntry };

/** The whole child: time from just before the import until the connector object exists. */
const script = (specifier: string) => `
const started = performance.now();
const { default: createConnector } = await import(${JSON.stringify(specifier)});
const connector = await createConnector({ getConfig: async () => { throw new Error('no config'); } });
if (typeof connector.sendMessage !== 'function') throw new Error('no sendMessage');
process.stdout.write(String(performance.now() - started));
`;

const sampleOnce = async (path: ColdStartPath): Promise<number> => {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script(specifiers[path])], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: { ...process.env, ...senderEnv },
  });
  return Number(stdout);
};

export const measureColdStart = async (processes: number): Promise<ColdStart[]> => {
  const samples: Record<ColdStartPath, number[]> = { connector: [], official: [] };
  // One throwaway pair first: the first process after a build also pays for reading the
  // files from disk into the page cache.
  await sampleOnce('connector');
  await sampleOnce('official');
  for (let index = 0; index < processes; index += 1) {
    const order: ColdStartPath[] = index % 2 === 0 ? ['connector', 'official'] : ['official', 'connector'];
    for (const path of order) {
      samples[path].push(await sampleOnce(path));
    }
  }
  return (['connector', 'official'] as const).map((path) => ({
    path,
    samplesMs: samples[path],
    medianMs: median(samples[path]),
  }));
};

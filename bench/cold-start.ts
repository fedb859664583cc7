/**
 * Cold start and first send: what a Logto process pays for a connector before its first mail.
 * Logto imports every installed connector package at start-up and calls its default export once;
 * the first verification email then loads whatever the connector left for later (this one's SDK
 * chunk) and creates the SES client. Each sample is a fresh `node` process (plain node, as Logto
 * runs) timing `await import(…)` + `await createConnector(…)`, then the first `sendMessage` to a
 * local stub over plain HTTP, so the figure is code loading and set-up, not a TLS handshake.
 * The paths alternate, so a slow moment of the machine falls on all of them.
 */
import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

import { connectorEntry, officialEntry } from './entries.js';
import { median } from './stats.js';
import { connectorConfig, data, officialConfig, senderEnv } from './workload.js';

const run = promisify(execFile);

/** `baseline`: another build of this connector (`--baseline-lib DIR`), e.g. the previous release's. */
export type ColdStartPath = 'connector' | 'official' | 'baseline';

export type ColdStart = {
  path: ColdStartPath;
  samplesMs: number[];
  medianMs: number;
  firstSendSamplesMs: number[];
  firstSendMedianMs: number;
  /** Bytes of the package's code on disk (its lib/), what a process may have to read and compile. */
  libBytes: number;
};

/** The whole child: import + create, then the first send; prints both durations as JSON. */
const script = (specifier: string, config: unknown) => `
const started = performance.now();
const { default: createConnector } = await import(${JSON.stringify(specifier)});
const connector = await createConnector({ getConfig: async () => { throw new Error('no config'); } });
const created = performance.now();
const messageId = await connector.sendMessage(${JSON.stringify(data)}, ${JSON.stringify(config)});
if (typeof messageId !== 'string') throw new Error('no MessageId');
process.stdout.write(JSON.stringify({ startMs: created - started, firstSendMs: performance.now() - created }));
process.exit(0);
`;

const libBytesOf = (directory: string): number =>
  readdirSync(directory, { withFileTypes: true }).reduce((total, entry) => {
    const file = path.join(directory, entry.name);
    return total + (entry.isDirectory() ? libBytesOf(file) : statSync(file).size);
  }, 0);

type Target = { path: ColdStartPath; specifier: string; config: unknown; env: Record<string, string> };

const sampleOnce = async ({ specifier, config, env }: Target) => {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script(specifier, config)], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: { ...process.env, ...senderEnv, ...env },
  });
  return JSON.parse(stdout) as { startMs: number; firstSendMs: number };
};

export const measureColdStart = async (
  processes: number,
  stubUrl: string,
  baselineLib?: string
): Promise<ColdStart[]> => {
  const targets: Target[] = [
    { path: 'connector', specifier: connectorEntry, config: connectorConfig(stubUrl), env: {} },
    // The official connector has no endpoint setting; the SDK's variable points it at the stub.
    { path: 'official', specifier: officialEntry, config: officialConfig(), env: { AWS_ENDPOINT_URL_SESV2: stubUrl } },
    ...(baselineLib
      ? [
          {
            path: 'baseline' as const,
            specifier: pathToFileURL(path.resolve(baselineLib, 'index.js')).href,
            config: connectorConfig(stubUrl),
            env: {},
          },
        ]
      : []),
  ];
  const samples = new Map(
    targets.map(({ path: name }) => [name, { start: [] as number[], firstSend: [] as number[] }])
  );
  // One throwaway round first: the first process after a build also pays for reading the files
  // from disk into the page cache.
  for (const target of targets) {
    await sampleOnce(target);
  }
  for (let index = 0; index < processes; index += 1) {
    const order = index % 2 === 0 ? targets : [...targets].reverse();
    for (const target of order) {
      const { startMs, firstSendMs } = await sampleOnce(target);
      samples.get(target.path)!.start.push(startMs);
      samples.get(target.path)!.firstSend.push(firstSendMs);
    }
  }
  return targets.map(({ path: name, specifier }) => {
    const { start, firstSend } = samples.get(name)!;
    return {
      path: name,
      samplesMs: start,
      medianMs: median(start),
      firstSendSamplesMs: firstSend,
      firstSendMedianMs: median(firstSend),
      libBytes: libBytesOf(path.dirname(fileURLToPath(specifier))),
    };
  });
};

/**
 * Cold start and first send: what a Logto process pays for a connector before its first mail.
 * Logto imports every installed connector package at start-up and calls its default export once;
 * the first verification email then loads whatever the connector left for later (this one's SDK
 * chunk) and creates the SES client. Each sample is a fresh `node` process (plain node, as Logto
 * runs) that first loads connector-kit and zod untimed (Logto's core has both loaded before it
 * loads any connector), then times `await import(…)` + `await createConnector(…)`, then the first
 * `sendMessage` to a local stub over plain HTTP, so the figure is code loading and set-up, not a
 * TLS handshake. The paths alternate, so a slow moment of the machine falls on all of them.
 *
 * `bare` is the floor for any connector built on the AWS SDK: nothing at start, then on the first
 * send it imports `@aws-sdk/client-sesv2`, creates a client and sends the same mail.
 */
import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

import { connectorEntry, officialEntry } from './entries.js';
import { median } from './stats.js';
import { connectorConfig, credentials, data, officialConfig, region, senderEnv } from './workload.js';

/** The SendEmail input the connector makes of `data` with the Generic template of `connectorConfig`. */
const bareInput = {
  FromEmailAddress: 'Logto <noreply@logto.io>',
  Destination: { ToAddresses: [data.to] },
  Content: {
    Simple: {
      Subject: { Data: 'Your code 123456', Charset: 'UTF-8' },
      Body: {
        Html: { Data: '<p>Your code is <b>123456</b>.</p>', Charset: 'UTF-8' },
        Text: { Data: 'Your code is 123456.', Charset: 'UTF-8' },
      },
    },
  },
};

const run = promisify(execFile);

/** `baseline`: another build of this connector (`--baseline REV` or `--baseline-lib DIR`), e.g. the previous release's. */
export type ColdStartPath = 'connector' | 'official' | 'bare' | 'baseline';

export type ColdStart = {
  path: ColdStartPath;
  samplesMs: number[];
  medianMs: number;
  firstSendSamplesMs: number[];
  firstSendMedianMs: number;
  /** Bytes of the package's code on disk (its lib/), what a process may have to read and compile; none for the SDK alone. */
  libBytes?: number;
};

/** What Logto's core has loaded before its first connector. */
const preload = `await import('@logto/connector-kit'); await import('zod');`;

/** The whole child: import + create, then the first send; prints both durations as JSON. */
const script = (specifier: string, config: unknown) => `
${preload}
const started = performance.now();
const { default: createConnector } = await import(${JSON.stringify(specifier)});
const connector = await createConnector({ getConfig: async () => { throw new Error('no config'); } });
const created = performance.now();
const messageId = await connector.sendMessage(${JSON.stringify(data)}, ${JSON.stringify(config)});
if (typeof messageId !== 'string') throw new Error('no MessageId');
process.stdout.write(JSON.stringify({ startMs: created - started, firstSendMs: performance.now() - created }));
process.exit(0);
`;

/** The SDK alone: the same mail as one SendEmail input, sent by a client made on the first send. */
const bareScript = (endpoint: string) => `
${preload}
const started = performance.now();
const created = performance.now();
const { SESv2Client, SendEmailCommand } = await import('@aws-sdk/client-sesv2');
const client = new SESv2Client({ region: ${JSON.stringify(region)}, endpoint: ${JSON.stringify(endpoint)}, credentials: ${JSON.stringify({ accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.accessKeySecret })} });
const { MessageId } = await client.send(new SendEmailCommand(${JSON.stringify(bareInput)}));
if (typeof MessageId !== 'string') throw new Error('no MessageId');
process.stdout.write(JSON.stringify({ startMs: created - started, firstSendMs: performance.now() - created }));
process.exit(0);
`;

const libBytesOf = (directory: string): number =>
  readdirSync(directory, { withFileTypes: true }).reduce((total, entry) => {
    const file = path.join(directory, entry.name);
    return total + (entry.isDirectory() ? libBytesOf(file) : statSync(file).size);
  }, 0);

type Target = { path: ColdStartPath; specifier: string; source: string; env: Record<string, string> };

const sampleOnce = async ({ source, env }: Target) => {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', source], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: { ...process.env, ...senderEnv, ...env },
  });
  return JSON.parse(stdout) as { startMs: number; firstSendMs: number };
};

const baselineTarget = (specifier: string, config: unknown): Target => ({
  path: 'baseline',
  specifier,
  source: script(specifier, config),
  env: {},
});

/** Where the SDK's code is, for its size. */
const sdkEntry = import.meta.resolve('@aws-sdk/client-sesv2');

export const measureColdStart = async (
  processes: number,
  stubUrl: string,
  baselineLib?: string
): Promise<ColdStart[]> => {
  const targets: Target[] = [
    { path: 'connector', specifier: connectorEntry, source: script(connectorEntry, connectorConfig(stubUrl)), env: {} },
    // The official connector has no endpoint setting; the SDK's variable points it at the stub.
    {
      path: 'official',
      specifier: officialEntry,
      source: script(officialEntry, officialConfig()),
      env: { AWS_ENDPOINT_URL_SESV2: stubUrl },
    },
    { path: 'bare', specifier: sdkEntry, source: bareScript(stubUrl), env: {} },
    ...(baselineLib
      ? [baselineTarget(pathToFileURL(path.resolve(baselineLib, 'index.js')).href, connectorConfig(stubUrl))]
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
      ...(name !== 'bare' && { libBytes: libBytesOf(path.dirname(fileURLToPath(specifier))) }),
    };
  });
};

/**
 * Compiles the child processes (sender.ts, stub-process.ts, and the OpenTelemetry set-up a sender
 * may load, telemetry-sdk.ts) to plain JavaScript in bench/.out/,
 * so that they run on plain `node`, as Logto does, and not under tsx's loader. Under tsx, the
 * first send's import of the connector's SDK chunk alone added about 140 MB of RSS (tsx
 * transforms every loaded file and keeps its source map), and tsx turns on source maps, which
 * makes every Error the SDK builds internally (it builds many per client) costlier to create.
 *
 * The output lives inside the package so that `@aws-sdk/client-sesv2` and the official connector
 * resolve from its node_modules; packages stay external, only the benchmark's own files are
 * bundled.
 */
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

export type WorkerScripts = { sender: string; stub: string };

export const compileWorkers = async (): Promise<WorkerScripts> => {
  const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
  await build({
    // telemetry-sdk: imported by a sender only on the `otel` path (paths.ts).
    entryPoints: {
      sender: here('./sender.ts'),
      'stub-process': here('./stub-process.ts'),
      'telemetry-sdk': here('./telemetry-sdk.ts'),
    },
    outdir: here('./.out'),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node22',
    logLevel: 'warning',
  });
  return { sender: here('./.out/sender.mjs'), stub: here('./.out/stub-process.mjs') };
};

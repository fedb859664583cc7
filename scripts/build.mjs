/**
 * Builds lib/ as Logto needs it. Logto's CLI installs a third-party connector by unpacking its
 * tarball into packages/core/connectors/ without installing its dependencies, so lib/ is a bundle:
 * everything but @logto/connector-kit and zod, which Logto's core provides and which must be
 * Logto's own copies (Logto recognises a ConnectorError by its class).
 *
 * Code splitting keeps what `import` + `createConnector` need (metadata, config guard) in the
 * entry, and the SDK, the HTML-to-text converter and the MIME encoder in chunks loaded on the
 * first send: Logto imports every installed connector at start-up, and most never send.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

import { build } from 'esbuild';

const providedByLogto = ['@logto/connector-kit', 'zod'];

rmSync('lib', { recursive: true, force: true });
execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json', '--emitDeclarationOnly'], { stdio: 'inherit' });

await build({
  entryPoints: { index: 'src/index.ts', 'cli/index': 'src/cli/index.ts' },
  outdir: 'lib',
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  // ESM builds of the AWS SDK let esbuild drop what the connector never calls.
  mainFields: ['module', 'main'],
  // The local SES is a development tool for `logto-ses dev`, installed as its own dependency.
  external: [...providedByLogto, 'aws-ses-v2-local'],
  // Not minified, so a stack trace in Logto's log reads as it is; no source map to ship.
  logLevel: 'warning',
  // Bundled CommonJS dependencies call require(); an ES module has none of its own.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});

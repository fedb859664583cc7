/**
 * Builds lib/ as Logto needs it. Logto's CLI installs a third-party connector by unpacking its
 * tarball into packages/core/connectors/ without installing its dependencies, so lib/index.js is
 * a bundle: everything but @logto/connector-kit and zod, which Logto's core provides and which
 * must be Logto's own copies (Logto recognises a ConnectorError by its class).
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

import { build } from 'esbuild';

const providedByLogto = ['@logto/connector-kit', 'zod'];

rmSync('lib', { recursive: true, force: true });
execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json', '--emitDeclarationOnly'], { stdio: 'inherit' });

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Not minified, so a stack trace in Logto's log reads as it is; no source map to ship.
  logLevel: 'warning',
  // Bundled CommonJS dependencies call require(); an ES module has none of its own.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
};

await build({ ...common, entryPoints: ['src/index.ts'], outfile: 'lib/index.js', external: providedByLogto });
await build({
  ...common,
  entryPoints: ['src/dev/start.ts'],
  outfile: 'lib/dev/start.js',
  // The local SES is a development tool, loaded only by this program.
  external: [...providedByLogto, 'aws-ses-v2-local'],
});

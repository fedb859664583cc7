/**
 * Builds lib/ as Logto needs it. Logto's CLI installs a third-party connector by unpacking its
 * tarball into packages/core/connectors/ without installing its dependencies, so lib/ is a bundle:
 * everything but @logto/connector-kit and zod, which Logto's core provides and which must be
 * Logto's own copies (Logto recognises a ConnectorError by its class).
 *
 * Code splitting keeps what `import` + `createConnector` need (metadata, config guard) in the
 * entry, and the SDK, the HTML-to-text converter and the MIME encoder in chunks loaded on the
 * first send: Logto imports every installed connector at start-up, and most never send.
 *
 * Declarations: tsc declares src/index.ts and everything it imports into .build/types/; lib/ gets
 * only lib/index.d.ts and the files it reaches, which must resolve with the package's dependencies
 * alone (see public-types.mjs).
 *
 * The studio page's script and stylesheet (src/studio/client/) are bundled for the browser into
 * lib/studio/, from where the studio serves them (src/studio/assets.ts); the local SES viewer's
 * (src/dev/client/) into lib/dev/, from where `dev`'s local SES serves them (src/dev/viewer-assets.ts).
 *
 * Also written: THIRD-PARTY-NOTICES.md (the licences of what lib/ bundles) and, for the tests,
 * .build/metafile.json (which files went into the bundle).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

import { build } from 'esbuild';

import { copyPublicTypes } from './public-types.mjs';
import { bundledPackages, renderNotices } from './third-party-notices.mjs';

const providedByLogto = ['@logto/connector-kit', 'zod'];

const declared = '.build/types';

rmSync('lib', { recursive: true, force: true });
rmSync(declared, { recursive: true, force: true });
execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
const { dependencies } = JSON.parse(readFileSync('package.json', 'utf8'));
copyPublicTypes({ from: declared, to: 'lib', entry: 'index.d.ts', dependencies: Object.keys(dependencies) });

const { metafile } = await build({
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
  // The local SES is a development tool for `logto-ses dev`, an optional peer dependency.
  external: [...providedByLogto, 'aws-ses-v2-local'],
  // Whitespace and syntax only: a quarter smaller, while every function keeps its own name in a
  // stack trace in Logto's log. Renaming identifiers as well would save 300 KB on disk but hardly
  // any time on the first send (parsing is not what it waits for), and esbuild's keepNames, which
  // would give the names back, costs 10% more CPU on every mail (a defineProperty per closure).
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  // Bundled CommonJS dependencies call require(); an ES module has none of its own.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});

const forBrowsers = {
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: ['chrome120', 'firefox120', 'safari17'],
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
};
await build({
  entryPoints: ['src/studio/client/studio.ts', 'src/studio/client/studio.css'],
  outdir: 'lib/studio',
  ...forBrowsers,
});
await build({
  entryPoints: ['src/dev/client/viewer.ts', 'src/dev/client/viewer.css'],
  outdir: 'lib/dev',
  ...forBrowsers,
});

writeFileSync('THIRD-PARTY-NOTICES.md', renderNotices(bundledPackages(metafile)));
mkdirSync('.build', { recursive: true });
writeFileSync('.build/metafile.json', JSON.stringify(metafile));

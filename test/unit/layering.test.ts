/**
 * The layers CONTRIBUTING.md draws, held by the lint: ESLint, with the project's own config, fails
 * an import from a folder to one above it (or beside it), and passes one downwards.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { ESLint } from 'eslint';

const root = fileURLToPath(new URL('../..', import.meta.url));

// The project's config, without the type checker: the layering needs no types, and a file that is
// not on disk has no place in the TypeScript program.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports' || ruleId === 'no-restricted-syntax',
});

/** The layering errors for `code` as if it were `file` (relative to the repository). */
const layeringErrors = async (file: string, code: string) => {
  const [result] = await eslint.lintText(code, { filePath: `${root}${file}` });
  assert.ok(result);
  assert.deepEqual(
    result.messages.filter(({ fatal }) => fatal),
    [],
    `${file} did not parse`
  );
  return result.messages.map(({ ruleId, message }) => ({ ruleId, message }));
};

const backImport = (from: string, to: string) =>
  `${from} may not import ${to}: a folder imports only from the layers below it (CONTRIBUTING.md, Layout). Move what both need down a layer.`;

// CONTRIBUTING.md's drawing, top to bottom; a row's folders are siblings.
const rows = [
  ['src/cli/'],
  ['src/dev/'],
  ['src/studio/'],
  ['src/templates/', 'src/index.ts'],
  ['src/connector/'],
  ['src/message/', 'src/transport/'],
  ['src/config/'],
];
const rankOf = (layer: string) => rows.findIndex((row) => row.includes(layer));
const fileIn = (layer: string) => (layer === 'src/index.ts' ? 'src/index.ts' : `${layer}probe.ts`);
/** How `from` names a module of `to`. */
const specifier = (from: string, to: string) => {
  const up = from === 'src/index.ts' ? './' : '../';
  return to === 'src/index.ts' ? `${up}index.js` : `${up}${to.slice('src/'.length)}module.js`;
};

/** ESLint's words for a static import the rule refuses, then the config's message. */
const refused = (specifier: string, from: string, to: string) => ({
  ruleId: 'no-restricted-imports',
  message: `'${specifier}' import is restricted from being used by a pattern. ${backImport(from, to)}`,
});

describe('the layers', () => {
  it('fails a static import from src/transport/ to src/cli/, naming both', async () => {
    assert.deepEqual(
      await layeringErrors(
        'src/transport/probe.ts',
        "import { main } from '../cli/main.js';\nexport const run = main;\n"
      ),
      [refused('../cli/main.js', 'src/transport/', 'src/cli/')]
    );
  });

  it('fails a dynamic import() and an export … from upwards too', async () => {
    assert.deepEqual(
      await layeringErrors(
        'src/config/probe.ts',
        "export { metadata } from '../connector/metadata.js';\nexport const later = () => import('../studio/server.js');\n"
      ),
      [
        refused('../connector/metadata.js', 'src/config/', 'src/connector/'),
        { ruleId: 'no-restricted-syntax', message: backImport('src/config/', 'src/studio/') },
      ]
    );
  });

  it('fails a type-only import upwards, and one between siblings', async () => {
    assert.deepEqual(
      await layeringErrors(
        'src/message/probe.ts',
        "import type { Cache } from '../transport/client-cache.js';\nexport type C = Cache;\n"
      ),
      [refused('../transport/client-cache.js', 'src/message/', 'src/transport/')]
    );
  });

  it('passes the imports the tree has: downwards, within a folder, from a subfolder of the CLI', async () => {
    assert.deepEqual(
      await layeringErrors(
        'src/cli/check/probe.ts',
        "import { parseConfig } from '../../config/config.js';\nimport { main } from '../main.js';\nexport const both = [parseConfig, main];\n"
      ),
      []
    );
    assert.deepEqual(
      await layeringErrors(
        'src/connector/probe.ts',
        "import { redactText } from '../transport/redact.js';\nimport { metadata } from './metadata.js';\nexport const both = [redactText, metadata];\n"
      ),
      []
    );
  });

  it('between every two layers: an import upwards or sideways fails, one downwards passes', async () => {
    const layers = rows.flat();
    for (const from of layers) {
      for (const to of layers.filter((layer) => layer !== from)) {
        const code = `import * as other from '${specifier(from, to)}';\nexport { other };\n`;
        const errors = await layeringErrors(fileIn(from), code);
        const expected = rankOf(to) <= rankOf(from) ? [refused(specifier(from, to), from, to)] : [];
        assert.deepEqual(errors, expected, `${from} importing ${to}`);
      }
    }
  });
});

/**
 * The studio and the template commands stay out of what Logto loads: lib/index.js and every chunk
 * it can import, statically or on the first send, hold none of their code. Needs `npm run build`.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const lib = fileURLToPath(new URL('../../lib/', import.meta.url));

/** Strings only the studio and the template commands contain. */
const markers = ['x-studio-token', '/api/email-templates', 'Email template studio', 'htmlStructureProblems'];

/** Every file reachable from `entry` through relative `import … from`, `import '…'` and `import('…')`. */
const reachable = async (entry: string): Promise<Map<string, string>> => {
  const files = new Map<string, string>();
  const visit = async (path: string) => {
    if (files.has(path)) {
      return;
    }
    const code = await readFile(path, 'utf8');
    files.set(path, code);
    const specifiers = [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.{1,2}\/[^"']+)["']/g)].map(
      ([, specifier]) => specifier!
    );
    for (const specifier of specifiers) {
      await visit(join(dirname(path), specifier));
    }
  };
  await visit(entry);
  return files;
};

test('the connector entry and its chunks hold no studio or template-command code', async () => {
  const connector = await reachable(join(lib, 'index.js'));
  assert.ok(connector.size > 1, 'the entry imports its send path as chunks');
  for (const [path, code] of connector) {
    for (const marker of markers) {
      assert.ok(!code.includes(marker), `${path.slice(lib.length)} contains "${marker}"`);
    }
  }

  // The markers are real: the CLI reaches every one of them.
  const cli = [...(await reachable(join(lib, 'cli/index.js'))).values()].join('\n');
  for (const marker of markers) {
    assert.ok(cli.includes(marker), `the CLI does not contain "${marker}"`);
  }
});

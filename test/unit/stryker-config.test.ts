import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

/**
 * `npm run mutate` names, per area, the test files that must kill its mutants. A renamed or
 * removed test file would silently leave an area with fewer tests and a score that means less.
 */
const configUrl = new URL('../../stryker.config.mjs', import.meta.url).href;
const { areas } = (await import(configUrl)) as { areas: Record<string, { mutate: string[]; testFiles: string[] }> };

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('the mutation areas', () => {
  it('name test files that exist', () => {
    const missing = Object.entries(areas).flatMap(([area, { testFiles }]) =>
      testFiles.filter((file) => !existsSync(`${root}${file}`)).map((file) => `${area}: ${file}`)
    );
    assert.deepEqual(missing, []);
  });

  it('mutate source files or folders that exist', () => {
    const missing = Object.entries(areas).flatMap(([area, { mutate }]) =>
      mutate
        .map((glob) => glob.replace(/\/\*\*.*$/, ''))
        .filter((file) => !existsSync(`${root}${file}`))
        .map((file) => `${area}: ${file}`)
    );
    assert.deepEqual(missing, []);
  });
});

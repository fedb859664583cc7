/**
 * test/README.md maps the README's promises to the files that test them: it names every test file,
 * and every file it names exists, so a renamed or new test file shows up here until it is mapped.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { test } from 'node:test';

const testRoot = new URL('../', import.meta.url);

const testFiles = async () => {
  const files: string[] = [];
  for (const folder of await readdir(testRoot, { withFileTypes: true })) {
    if (folder.isDirectory()) {
      for (const name of await readdir(new URL(`${folder.name}/`, testRoot))) {
        if (name.endsWith('.test.ts')) {
          files.push(`${folder.name}/${name}`);
        }
      }
    }
  }
  return files.sort();
};

test('test/README.md names every test file, and only files that exist', async () => {
  const map = await readFile(new URL('README.md', testRoot), 'utf8');
  const named = [...new Set([...map.matchAll(/`([a-z]+\/[\w.-]+\.test\.ts)`/g)].map(([, file]) => file!))].sort();
  const files = await testFiles();
  assert.deepEqual(
    files.filter((file) => !named.includes(file)),
    [],
    'test files test/README.md does not name'
  );
  assert.deepEqual(
    named.filter((file) => !files.includes(file)),
    [],
    'files test/README.md names that do not exist'
  );
});

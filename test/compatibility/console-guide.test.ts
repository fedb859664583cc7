/**
 * The guide Logto's console shows beside the connector's form (`metadata.readme`), as the packed
 * tarball holds it: short enough to read at the form, a row for every field the config guard has
 * and none it lacks, a section for each topic an operator needs there, and failure messages the
 * code can still produce.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { before, test } from 'node:test';

import { awsSesConfigGuard } from '../../src/config/config.js';
import { metadata } from '../../src/connector/metadata.js';

import { packFromCleanTree, repoRoot, run } from './clean-pack.js';

const maxLines = 150;

/** The topics an operator at the form needs, as the guide's second-level headings. */
const requiredSections = [
  'What it does',
  'Set up SES',
  'The fields',
  'Test with "Send"',
  'When a send fails',
  'More documentation',
];

const guidePath = path.posix.normalize(metadata.readme);
let guide: string;

before(async () => {
  const packed = await packFromCleanTree();
  assert.ok(packed.files.includes(guidePath), `the tarball does not hold ${guidePath}, which metadata.readme names`);
  ({ stdout: guide } = await run('tar', ['-xzOf', packed.tarball, `package/${guidePath}`], repoRoot));
});

/** The text under a second-level heading, up to the next one. */
const sectionOf = (heading: string) => {
  const start = guide.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, `the guide has no section "## ${heading}"`);
  const end = guide.indexOf('\n## ', start + 1);
  return guide.slice(start, end < 0 ? undefined : end);
};

/** The code spans in the first column of a section's table rows, header and separator left out. */
const firstColumnCodes = (section: string) =>
  section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => /^\| `([^`]+)` \|/.exec(line)?.[1] ?? assert.fail(`a row without one code span first: ${line}`));

const sourceFiles = async (directory: string): Promise<string[]> =>
  (await readdir(directory, { recursive: true }))
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(directory, file));

test('metadata.readme names the console guide, not the repository README', () => {
  assert.equal(guidePath, 'docs/console-guide.md');
});

test(`the guide has at most ${maxLines} lines`, () => {
  const lines = guide.trimEnd().split('\n').length;
  assert.ok(lines <= maxLines, `the console guide has ${lines} lines`);
});

test('it has a section for each topic, in order', () => {
  const headings = guide
    .split('\n')
    .filter((line) => line.startsWith('## '))
    .map((line) => line.slice(3));
  assert.deepEqual(headings, requiredSections);
  const setup = sectionOf('Set up SES');
  for (const topic of ['sandbox', 'production access', 'ses:SendEmail', 'identity']) {
    assert.ok(setup.includes(topic), `"Set up SES" does not speak of ${topic}`);
  }
  assert.match(sectionOf('Test with "Send"'), /\*\*Send\*\*/);
});

test('"The fields" has one row for each key of the config guard, in the form\'s order, and no other', () => {
  assert.deepEqual(firstColumnCodes(sectionOf('The fields')), Object.keys(awsSesConfigGuard.shape));
});

test('each failure the guide explains is quoted as the code words it', async () => {
  const source = (
    await Promise.all((await sourceFiles(path.join(repoRoot, 'src'))).map(async (file) => readFile(file, 'utf8')))
  ).join('\n');
  const quoted = firstColumnCodes(sectionOf('When a send fails'));
  assert.ok(quoted.length >= 15, `only ${quoted.length} failure messages are explained`);
  for (const text of quoted) {
    assert.ok(source.includes(text), `no source file under src/ words a failure as "${text}"`);
  }
});

test('"More documentation" names files the repository holds, by relative name, and no web address', async () => {
  const section = sectionOf('More documentation');
  const named = [...section.matchAll(/`([\w./-]+\.md)`/g)].map((match) => match[1] ?? '');
  for (const file of ['README.md', 'CONTRIBUTING.md']) {
    assert.ok(named.includes(file), `"More documentation" does not name ${file}`);
  }
  for (const file of named) {
    await readFile(path.join(repoRoot, file)).catch(() => assert.fail(`the guide names ${file}, which is not there`));
  }
  // The console cannot follow a link into the repository; only the guide's own headings can be linked.
  for (const [, target] of guide.matchAll(/\]\(([^)]*)\)/g)) {
    assert.match(target ?? '', /^#[a-z-]+$/, `the guide links to ${target}`);
  }
  assert.doesNotMatch(guide, /https?:\/\//);
});

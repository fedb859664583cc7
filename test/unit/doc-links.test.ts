/**
 * The links between the README, CONTRIBUTING.md and docs/: a link to a file of the repository is
 * relative and reaches a file that is there (and, with `#…`, a heading it has), so it works in any
 * clone and on any host; no link names the repository's host. Each of the three entry documents
 * points to the other two.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const documents = [
  'README.md',
  'CONTRIBUTING.md',
  ...(await readdir(path.join(repoRoot, 'docs'))).filter((file) => file.endsWith('.md')).map((file) => `docs/${file}`),
];

const textOf = async (document: string) => readFile(path.join(repoRoot, document), 'utf8');

/** The anchor GitHub and most renderers give a heading: lower case, punctuation dropped, spaces to "-". */
const anchorOf = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

const anchorsOf = (text: string) =>
  new Set(
    text
      .replace(/```[\s\S]*?```/g, '')
      .split('\n')
      .filter((line) => /^#{1,6} /.test(line))
      .map((line) => anchorOf(line.replace(/^#+ /, '')))
  );

/** Markdown link and image targets, code blocks and code spans left out. */
const targetsOf = (text: string) =>
  [
    ...text
      .replace(/```[\s\S]*?```/g, '')
      .replace(/`[^`\n]*`/g, '')
      .matchAll(/\]\(([^)\s]+)\)/g),
  ].map((match) => match[1] ?? '');

describe('documentation links', () => {
  for (const document of documents) {
    it(`${document}: every link into the repository is relative and reaches its file and heading`, async () => {
      const text = await textOf(document);
      for (const target of targetsOf(text)) {
        assert.doesNotMatch(target, /github\.com|gitlab\.com|bitbucket\.org/i, `${document} names a repository host`);
        if (/^[a-z]+:/i.test(target)) {
          continue; // a page elsewhere on the web: npm, AWS, Logto
        }
        assert.ok(!target.startsWith('/'), `${document} links to the absolute path ${target}`);
        const [file = '', anchor] = target.split('#');
        const linked = file ? path.join(path.dirname(document), file) : document;
        assert.ok(existsSync(path.join(repoRoot, linked)), `${document} links to ${target}, which is not there`);
        if (anchor) {
          assert.ok(
            anchorsOf(await textOf(linked)).has(anchor),
            `${document} links to #${anchor}, which ${linked} has no heading for`
          );
        }
      }
    });
  }

  it('the README, CONTRIBUTING.md and the console guide each point to the other two', async () => {
    const entries = ['README.md', 'CONTRIBUTING.md', 'docs/console-guide.md'];
    for (const document of entries) {
      const text = await textOf(document);
      for (const other of entries.filter((entry) => entry !== document)) {
        assert.ok(text.includes(other), `${document} does not say where ${other} is`);
      }
    }
  });
});

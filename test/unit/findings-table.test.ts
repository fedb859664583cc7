/**
 * docs/check-findings.md's table "What check reports" is generated from the findings registry:
 * the committed file is what `npm run docs:findings` writes, and the generator writes one row per
 * finding (consecutive findings with the same columns in one), between its marker lines only.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';

import { findingsTable, tableEnd, tableStart, withFindingsTable } from '../../src/cli/check/findings-table.js';
import { findingRegistry, type FindingEntry } from '../../src/cli/check/registry.js';

const committed = await readFile(new URL('../../docs/check-findings.md', import.meta.url), 'utf8');

test("docs/check-findings.md's table is the one the registry gives", () => {
  assert.equal(
    committed,
    withFindingsTable(committed, findingsTable(findingRegistry)),
    'docs/check-findings.md\'s "What check reports" is not what the registry gives: run `npm run docs:findings`'
  );
});

const header = '| id | What is checked | Fails (`FAIL`) or warns (`WARN`) when | Fix |\n|---|---|---|---|';

describe('the findings table', () => {
  test('one row per finding, in the registry order, "—" for a column left out', () => {
    const registry: Record<string, FindingEntry> = {
      'b.second': { subject: 'b', doc: { checked: 'the `b` field', failsWhen: 'it is empty', fix: 'fill it in' } },
      a: { subject: 'a', doc: { checked: 'what a is' } },
    };
    assert.equal(
      findingsTable(registry),
      `${header}\n| \`b.second\` | the \`b\` field | it is empty | fill it in |\n| \`a\` | what a is | — | — |`
    );
  });

  test('consecutive findings with the same columns share a row; the same columns apart do not', () => {
    const shared = { checked: 'told only', failsWhen: '— (`skip` when unset)' };
    const registry: Record<string, FindingEntry> = {
      first: { subject: 'first', doc: shared },
      second: { subject: 'second', doc: { ...shared } },
      between: { subject: 'between', doc: { checked: 'told only', failsWhen: 'other' } },
      third: { subject: 'third', doc: shared },
    };
    assert.equal(
      findingsTable(registry),
      [
        header,
        '| `first`, `second` | told only | — (`skip` when unset) | — |',
        '| `between` | told only | other | — |',
        '| `third` | told only | — (`skip` when unset) | — |',
      ].join('\n')
    );
  });

  test('a "|" is escaped, as a cell needs even inside code', () => {
    const registry = { pipe: { subject: 'pipe', doc: { checked: 'a `x|y` value' } } };
    assert.equal(findingsTable(registry), `${header}\n| \`pipe\` | a \`x\\|y\` value | — | — |`);
  });

  test('a line break in a column is refused, naming the finding and the column', () => {
    const registry = { broken: { subject: 'broken', doc: { checked: 'fine', fix: 'one line\nand another' } } };
    assert.throws(() => findingsTable(registry), {
      message: "findingRegistry['broken'].doc.fix has a line break; a cell is one line",
    });
  });
});

describe('writing the table into the document', () => {
  const document = `# Title\n\nBy hand.\n${tableStart}\n\n| old |\n\n${tableEnd}\n\nAlso by hand.\n`;

  test('replaces what is between the markers only, a blank line either side', () => {
    assert.equal(
      withFindingsTable(document, '| new |\n|---|'),
      `# Title\n\nBy hand.\n${tableStart}\n\n| new |\n|---|\n\n${tableEnd}\n\nAlso by hand.\n`
    );
  });

  test('writing the same table again changes nothing', () => {
    const once = withFindingsTable(document, '| new |');
    assert.equal(withFindingsTable(once, '| new |'), once);
  });

  test('a document without a marker, with one twice, or with them swapped is refused', () => {
    assert.throws(() => withFindingsTable(document.replace(tableEnd, ''), '| new |'), {
      message: `docs/check-findings.md must have the line ${tableEnd} once, on its own; it has it nowhere`,
    });
    assert.throws(() => withFindingsTable(`${document}${tableStart}\n`, '| new |'), {
      message: `docs/check-findings.md must have the line ${tableStart} once, on its own; it has it twice`,
    });
    const swapped = `x\n${tableEnd}\n| old |\n${tableStart}\ny\n`;
    assert.throws(() => withFindingsTable(swapped, '| new |'), {
      message: `docs/check-findings.md has ${tableEnd} before ${tableStart}`,
    });
  });
});

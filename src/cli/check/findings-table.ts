/**
 * docs/check-findings.md's table "What check reports", written from the registry so that the table
 * and the code cannot disagree: a new finding's row comes with its entry, never by hand. Pure, for
 * `npm run docs:findings` (scripts/findings-table.mjs) to write and a test to compare with the
 * committed file; the CLI itself never imports it.
 */
import type { FindingEntry } from './registry.js';

/** The lines between which the table is generated; the rest of the document is written by hand. */
export const tableStart =
  '<!-- Generated from src/cli/check/registry/ by `npm run docs:findings`: edit the registry, not this table. -->';
export const tableEnd = '<!-- End of the generated table. -->';

const header = ['| id | What is checked | Fails (`FAIL`) or warns (`WARN`) when | Fix |', '|---|---|---|---|'];

/** One cell: "—" for a column left out, and a `|` escaped, as a table cell needs even in code. */
const cellOf = (id: string, column: string, text: string | undefined): string => {
  if (text?.includes('\n'))
    throw new Error(`findingRegistry['${id}'].doc.${column} has a line break; a cell is one line`);
  return (text ?? '—').replaceAll('|', '\\|');
};

/** The table, one row per entry; consecutive entries with the same columns share one row. */
export const findingsTable = (registry: Readonly<Record<string, FindingEntry>>): string => {
  const rows: Array<{ ids: string[]; cells: string[] }> = [];
  for (const [id, { doc }] of Object.entries(registry)) {
    const cells = [
      cellOf(id, 'checked', doc.checked),
      cellOf(id, 'failsWhen', doc.failsWhen),
      cellOf(id, 'fix', doc.fix),
    ];
    const last = rows.at(-1);
    if (last && last.cells.join('|') === cells.join('|')) last.ids.push(id);
    else rows.push({ ids: [id], cells });
  }
  const lines = rows.map(({ ids, cells }) => `| ${ids.map((id) => `\`${id}\``).join(', ')} | ${cells.join(' | ')} |`);
  return [...header, ...lines].join('\n');
};

const indexOfLine = (document: string, line: string): number => {
  const at = document.indexOf(`\n${line}\n`);
  if (at < 0 || document.indexOf(`\n${line}\n`, at + 1) >= 0) {
    throw new Error(
      `docs/check-findings.md must have the line ${line} once, on its own; it has it ${at < 0 ? 'nowhere' : 'twice'}`
    );
  }
  return at + 1;
};

/** The document with the table between its markers replaced (a blank line either side of it). */
export const withFindingsTable = (document: string, table: string): string => {
  const start = indexOfLine(document, tableStart) + tableStart.length;
  const end = indexOfLine(document, tableEnd);
  if (end < start) throw new Error(`docs/check-findings.md has ${tableEnd} before ${tableStart}`);
  return `${document.slice(0, start)}\n\n${table}\n\n${document.slice(end)}`;
};

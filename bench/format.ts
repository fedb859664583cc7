/**
 * One report, two renderings: aligned plain text for the terminal and Markdown for
 * bench/RESULTS.md. The report is built once as a list of blocks, so both say the same thing.
 */

export type Table = {
  title: string;
  /** A sentence under the title: what was measured and how. */
  note?: string;
  head: string[];
  rows: string[][];
  /** Per column; by default the first (the label) is left-aligned and the figures right-aligned. */
  align?: Array<'left' | 'right'>;
};

export type Block = { kind: 'heading'; text: string } | { kind: 'text'; text: string } | ({ kind: 'table' } & Table);

const alignment = ({ align }: Table, column: number) => align?.[column] ?? (column === 0 ? 'left' : 'right');

const tableAsText = (table: Table): string => {
  const { title, note, head, rows } = table;
  const widths = head.map((_, column) => Math.max(...[head, ...rows].map((row) => (row[column] ?? '').length)));
  const pad = (cell: string, column: number) =>
    alignment(table, column) === 'left' ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!);
  const line = (row: string[]) => row.map(pad).join('  ').trimEnd();
  return [
    title,
    ...(note ? [note] : []),
    '',
    line(head),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...rows.map(line),
  ].join('\n');
};

const tableAsMarkdown = (table: Table): string => {
  const { title, note, head, rows } = table;
  return [
    `### ${title}`,
    '',
    ...(note ? [note, ''] : []),
    `| ${head.join(' | ')} |`,
    `| ${head.map((_, column) => (alignment(table, column) === 'left' ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
};

export const asText = (blocks: Block[]): string =>
  blocks
    .map((block) => {
      switch (block.kind) {
        case 'heading': {
          return `== ${block.text} ==`;
        }
        case 'text': {
          return block.text;
        }
        case 'table': {
          return tableAsText(block);
        }
      }
    })
    .join('\n\n');

export const asMarkdown = (blocks: Block[]): string =>
  blocks
    .map((block) => {
      switch (block.kind) {
        case 'heading': {
          return `## ${block.text}`;
        }
        case 'text': {
          return block.text;
        }
        case 'table': {
          return tableAsMarkdown(block);
        }
      }
    })
    .join('\n\n');

/** Fixed decimals for small numbers, none for large ones: 0.0123, 1.23, 123, 1,234. */
export const num = (value: number, decimals = 2): string => {
  if (!Number.isFinite(value)) {
    return '–';
  }
  if (Math.abs(value) >= 1000) {
    return Math.round(value).toLocaleString('en-US');
  }
  return value.toFixed(Math.abs(value) >= 100 ? 0 : decimals);
};

export const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** A ratio such as 9.7×. */
export const times = (value: number): string =>
  Number.isFinite(value) ? `${value.toFixed(value >= 100 ? 0 : 2)}×` : '–';

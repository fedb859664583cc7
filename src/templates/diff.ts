/**
 * What `push` would change in Logto, and the lines `push --dry-run` prints for it. Pure: it
 * compares the folder's templates with the list Logto returned.
 */
import type { TemplateType } from '@logto/connector-kit';

import type { TemplateDetails } from './template-file.js';

export type KeyedTemplate = { languageTag: string; templateType: TemplateType; details: TemplateDetails };
export type RemoteTemplate = KeyedTemplate & { id: string };

export type TemplateChange =
  | { kind: 'create'; local: KeyedTemplate }
  | { kind: 'update'; local: KeyedTemplate; remote: RemoteTemplate }
  | { kind: 'delete'; remote: RemoteTemplate };

export type TemplatePlan = {
  changes: TemplateChange[];
  unchanged: number;
  /** In Logto but not in the folder: deleted only with --prune. */
  remoteOnly: RemoteTemplate[];
};

export const keyOf = ({ languageTag, templateType }: Pick<KeyedTemplate, 'languageTag' | 'templateType'>) =>
  `${languageTag}/${templateType}`;

const fields = ['subject', 'contentType', 'sendFrom', 'replyTo', 'content'] as const;

/** Logto may store an empty optional field as "" or leave it out; both mean "not set". */
const normalized = (details: TemplateDetails) =>
  Object.fromEntries(fields.map((field) => [field, details[field] || undefined])) as TemplateDetails;

const sameDetails = (a: TemplateDetails, b: TemplateDetails) => {
  const [left, right] = [normalized(a), normalized(b)];
  return fields.every((field) => left[field] === right[field]);
};

export const planPush = (local: readonly KeyedTemplate[], remote: readonly RemoteTemplate[], prune: boolean) => {
  const remoteByKey = new Map(remote.map((template) => [keyOf(template), template]));
  const localKeys = new Set(local.map(keyOf));
  const changes: TemplateChange[] = [];
  let unchanged = 0;
  for (const template of local) {
    const existing = remoteByKey.get(keyOf(template));
    if (!existing) {
      changes.push({ kind: 'create', local: template });
    } else if (sameDetails(template.details, existing.details)) {
      unchanged += 1;
    } else {
      changes.push({ kind: 'update', local: template, remote: existing });
    }
  }
  const remoteOnly = remote.filter((template) => !localKeys.has(keyOf(template)));
  if (prune) {
    changes.push(...remoteOnly.map((template) => ({ kind: 'delete' as const, remote: template })));
  }
  return { changes, unchanged, remoteOnly } satisfies TemplatePlan;
};

/**
 * Past this many cells (lines of Logto's version × lines of the folder's, once the lines both
 * share at the start and the end are set aside) the table below would cost more memory than a
 * diff is worth (4 bytes a cell: 16 MB here), and past this many lines (a row each) so would its
 * rows, so the change is summed up instead of shown.
 */
export const maxDiffCells = 4_000_000;
export const maxDiffLines = 20_000;

type Edit = { mark: ' ' | '-' | '+'; text: string; line: number };

/**
 * The edits that turn `a` into `b` (longest common subsequence), `b`'s lines numbered from
 * `firstLine`; undefined when the table would pass `maxDiffCells` or `maxDiffLines`.
 */
const lcsEdits = (a: readonly string[], b: readonly string[], firstLine: number): Edit[] | undefined => {
  if (a.length * b.length > maxDiffCells || a.length + b.length > maxDiffLines) {
    return undefined;
  }
  // Lengths of the common subsequence of a[i..] and b[j..].
  const lengths = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      lengths[i]![j] = a[i] === b[j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }
  const edits: Edit[] = [];
  let [i, j] = [0, 0];
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      edits.push({ mark: ' ', text: a[i]!, line: firstLine + j });
      [i, j] = [i + 1, j + 1];
    } else if (i < a.length && (j === b.length || lengths[i + 1]![j]! >= lengths[i]![j + 1]!)) {
      // Removed lines before added ones, as diff prints them.
      edits.push({ mark: '-', text: a[i]!, line: firstLine + j });
      i += 1;
    } else {
      edits.push({ mark: '+', text: b[j]!, line: firstLine + j });
      j += 1;
    }
  }
  return edits;
};

const plural = (count: number) => `${count} line${count === 1 ? '' : 's'}`;

/**
 * A line diff: `-` lines are Logto's, `+` lines the folder's, with one line of context around
 * each change and `@@ line N` where a hunk starts. The lines both versions share at the start
 * and the end are matched first, in linear time and space, so a small edit of a long template
 * costs no more than the edit; a change too large to diff within those limits is one line,
 * `changed, N lines → M lines`, from the first line that differs.
 */
export const diffLines = (before: string, after: string): string[] => {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) {
    start += 1;
  }
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) {
    end += 1;
  }
  const changedA = a.slice(start, a.length - end);
  const changedB = b.slice(start, b.length - end);
  const middle = lcsEdits(changedA, changedB, start + 1);
  if (!middle) {
    return [
      `@@ line ${start + 1}`,
      `changed, ${plural(changedA.length)} → ${plural(changedB.length)} (too many to compare line by line; the ${plural(start)} before and ${plural(end)} after are the same)`,
    ];
  }
  // One line of context on each side; the rest of the shared lines are never looked at.
  const contextBefore: Edit[] = start > 0 ? [{ mark: ' ', text: a[start - 1]!, line: start }] : [];
  const contextAfter: Edit[] = end > 0 ? [{ mark: ' ', text: b[b.length - end]!, line: b.length - end + 1 }] : [];
  const edits = [...contextBefore, ...middle, ...contextAfter];

  const near = (index: number) => edits.slice(Math.max(0, index - 1), index + 2).some((edit) => edit.mark !== ' ');
  const lines: string[] = [];
  let inHunk = false;
  edits.forEach((edit, index) => {
    if (!near(index)) {
      inHunk = false;
      return;
    }
    if (!inHunk) {
      lines.push(`@@ line ${edit.line}`);
      inHunk = true;
    }
    lines.push(`${edit.mark} ${edit.text}`);
  });
  return lines;
};

const shown = (value: string | undefined) => (value === undefined || value === '' ? '(not set)' : value);

/** The lines that show what changes in one template's details, indented under its name. */
export const describeDetailsChange = (before: TemplateDetails, after: TemplateDetails): string[] => {
  const [left, right] = [normalized(before), normalized(after)];
  const lines: string[] = [];
  for (const field of fields.filter((field) => field !== 'content')) {
    if (left[field] !== right[field]) {
      lines.push(`    ${field}: ${shown(left[field])} → ${shown(right[field])}`);
    }
  }
  if (left.content !== right.content) {
    // Pushed one by one: a spread of a long diff would overflow the call stack.
    lines.push('    content:');
    for (const line of diffLines(left.content ?? '', right.content ?? '')) {
      lines.push(`      ${line}`);
    }
  }
  return lines;
};

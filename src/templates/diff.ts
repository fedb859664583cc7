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
 * A line diff (longest common subsequence): `-` lines are Logto's, `+` lines the folder's, with
 * one line of context around each change and `@@ line N` where a hunk starts.
 */
export const diffLines = (before: string, after: string): string[] => {
  const a = before.split('\n');
  const b = after.split('\n');
  // Lengths of the common subsequence of a[i..] and b[j..]; templates are at most a few thousand lines.
  const lengths = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      lengths[i]![j] = a[i] === b[j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }
  const edits: Array<{ mark: ' ' | '-' | '+'; text: string; line: number }> = [];
  let [i, j] = [0, 0];
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      edits.push({ mark: ' ', text: a[i]!, line: j + 1 });
      [i, j] = [i + 1, j + 1];
    } else if (i < a.length && (j === b.length || lengths[i + 1]![j]! >= lengths[i]![j + 1]!)) {
      // Removed lines before added ones, as diff prints them.
      edits.push({ mark: '-', text: a[i]!, line: j + 1 });
      i += 1;
    } else {
      edits.push({ mark: '+', text: b[j]!, line: j + 1 });
      j += 1;
    }
  }
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
    lines.push('    content:', ...diffLines(left.content ?? '', right.content ?? '').map((line) => `      ${line}`));
  }
  return lines;
};

/**
 * The sentence Logto's console shows for a config the guard refuses: every bad field named, no
 * field value echoed. A required field that is missing beside a misspelling of it says so, since
 * the misspelling is what the operator has to correct.
 */
import { z } from 'zod';

import { describePath, quoteKey, type UnknownKey } from './unknown-keys.js';

const sameParent = (a: ReadonlyArray<string | number>, b: ReadonlyArray<string | number>) =>
  a.length === b.length && a.every((part, index) => part === b[index]);

/** ` (found "regoin": did you mean "region"?)` for the missing field `path`, or nothing. */
export const misspellingOf = (path: ReadonlyArray<string | number>, unknownKeys: readonly UnknownKey[]) => {
  const field = path.at(-1);
  const found = unknownKeys.filter(
    ({ parent, meant }) => meant !== undefined && meant === field && sameParent(parent, path.slice(0, -1))
  );
  return found.length > 0
    ? ` (found ${found.map(({ key }) => quoteKey(key)).join(', ')}: did you mean "${String(field)}"?)`
    : '';
};

const describeIssue = (issue: z.ZodIssue, unknownKeys: readonly UnknownKey[]): string => {
  const field = describePath(issue.path) || 'config';
  if (issue.code === z.ZodIssueCode.invalid_type) {
    if (issue.received === 'undefined') {
      return `${field} is required${misspellingOf(issue.path, unknownKeys)}`;
    }
    if (issue.expected === 'integer') {
      return `${field} must be a whole number`;
    }
    return `${field} must be ${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}, not ${issue.received}`;
  }
  if (issue.code === z.ZodIssueCode.invalid_enum_value) {
    return `${field} must be one of ${issue.options.map((option) => `"${String(option)}"`).join(', ')}`;
  }
  return `${field} ${issue.message}`;
};

/** Turns zod's issues into one sentence that names every bad field. */
// Stryker disable next-line ArrayDeclaration: a default list holding a string instead names no misspelling either (a string has no meant)
export const describeConfigError = (error: z.ZodError, unknownKeys: readonly UnknownKey[] = []): string =>
  `Invalid AWS SES connector config: ${error.issues.map((issue) => describeIssue(issue, unknownKeys)).join('; ')}.`;

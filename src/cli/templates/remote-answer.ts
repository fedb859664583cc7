/**
 * What the Management API answers, checked before anything uses it: the shape with a zod guard
 * (a non-list or a `null` entry is a clear error, not a TypeError later), and, for `pull`, each
 * template's language tag and type, since they become a folder and a file name.
 */
import { z } from 'zod';

import type { RemoteTemplate } from '../../templates/diff.js';
import { isLanguageTag } from '../../templates/folder.js';
import { isTemplateType, type TemplateDetails } from '../../templates/template-file.js';

/** Logto may store an optional field as null; the folder leaves it out. */
const optionalText = z
  .string()
  .nullish()
  .transform((value) => value ?? undefined);

const remoteTemplateGuard = z.object({
  // Used in the path of DELETE /api/email-templates/{id}; Logto's IDs are letters and digits.
  id: z.string().regex(/^[\w-]{1,128}$/, 'must be an ID of letters and digits'),
  languageTag: z.string(),
  templateType: z.string(),
  details: z.object({
    subject: z.string(),
    content: z.string(),
    contentType: optionalText,
    sendFrom: optionalText,
    replyTo: optionalText,
  }),
});

export type UncheckedTemplate = z.infer<typeof remoteTemplateGuard>;

const remoteTemplatesGuard = z.array(remoteTemplateGuard, {
  invalid_type_error: 'must be a list of email templates',
});

const signInExperienceGuard = z.object({
  languageInfo: z.object({ fallbackLanguage: z.string() }),
});

/** The first thing wrong, with where: `Logto's answer at [2]: Expected object, received null`. */
const firstIssue = (error: z.ZodError) => {
  const [issue] = error.issues;
  const where = issue?.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`)).join('') ?? '';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  const message = issue?.message ?? 'is invalid';
  return `${where === '' ? `Logto's answer ${message}` : `Logto's answer at ${where.replace(/^\./, '')}: ${message}`}${more}`;
};

/** Thrown for an answer of the wrong shape; `call` names the request. */
export class AnswerShapeError extends Error {
  override name = 'AnswerShapeError';
}

const parse = <T>(guard: z.ZodType<T, z.ZodTypeDef, unknown>, answer: unknown): T => {
  const result = guard.safeParse(answer);
  if (!result.success) {
    throw new AnswerShapeError(firstIssue(result.error));
  }
  return result.data;
};

export const parseTemplateList = (answer: unknown): UncheckedTemplate[] => parse(remoteTemplatesGuard, answer);

export const parseFallbackLanguage = (answer: unknown): string =>
  parse(signInExperienceGuard, answer).languageInfo.fallbackLanguage;

const toDetails = ({ subject, content, contentType, sendFrom, replyTo }: UncheckedTemplate['details']) =>
  ({
    subject,
    content,
    ...(contentType !== undefined && { contentType }),
    ...(sendFrom !== undefined && { sendFrom }),
    ...(replyTo !== undefined && { replyTo }),
  }) satisfies TemplateDetails;

export type SkippedTemplate = { id: string; reason: string };

/**
 * The templates whose language tag is a language folder's name (`en`, `pt-BR`) and whose type
 * is one Logto sends: only those can be files. The others are named with why, never written.
 */
export const sortRemoteTemplates = (templates: readonly UncheckedTemplate[]) => {
  const usable: RemoteTemplate[] = [];
  const skipped: SkippedTemplate[] = [];
  for (const { id, languageTag, templateType, details } of templates) {
    if (!isLanguageTag(languageTag)) {
      skipped.push({
        id,
        reason: `languageTag ${JSON.stringify(languageTag)} is not a language tag such as en, fr or pt-BR`,
      });
    } else if (!isTemplateType(templateType)) {
      skipped.push({ id, reason: `templateType ${JSON.stringify(templateType)} is not a type Logto sends` });
    } else {
      usable.push({ id, languageTag, templateType: templateType, details: toDetails(details) });
    }
  }
  return { usable, skipped };
};

/**
 * One email template as one file: `fr/SignIn.html`. The fields Logto keeps beside the body
 * (subject, contentType, sendFrom, replyTo) sit in an HTML comment at the top of the file, one
 * `key: value` line each:
 *
 *     <!--
 *     subject: Votre code de connexion
 *     sendFrom: Équipe Acme <noreply@acme.example>
 *     -->
 *     <p>Votre code : {{code}}</p>
 *
 * Why a comment block and not a sidecar `SignIn.json`: one template stays one file, so a rename,
 * a delete or a review moves subject and body together; a change to the subject is a one-line
 * diff; and the file still opens as HTML in an editor or a browser (the comment is invisible).
 * Why not YAML front matter (`---`): it would make the file invalid HTML and needs a YAML parser.
 *
 * A text/plain template is `fr/SignIn.txt` with the same block; its extension says its content
 * type. An `.html` file carries `contentType: text/html` only when Logto holds it that way, so
 * pull → push → pull gives the same bytes.
 */
import { TemplateType } from '@logto/connector-kit';

/** Logto's email template details (the Management API's `details`), as a file holds them. */
export type TemplateDetails = {
  subject: string;
  content: string;
  contentType?: string;
  sendFrom?: string;
  replyTo?: string;
};

/**
 * Thrown for a file that cannot be read as a template. `where` is the file, with `:line` when
 * one line is at fault (`en/SignIn.html:3`), so every place that lists it can point at the line.
 */
export class TemplateFileError extends Error {
  override name = 'TemplateFileError';

  constructor(
    readonly where: string,
    readonly reason: string
  ) {
    super(`${where}: ${reason}`);
  }
}

export const templateTypes: readonly string[] = Object.values(TemplateType);

export const isTemplateType = (value: string): value is TemplateType => templateTypes.includes(value);

/** The order keys are written in, so the same template always gives the same bytes. */
const keys = ['subject', 'contentType', 'sendFrom', 'replyTo'] as const;
type Key = (typeof keys)[number];

const isKey = (value: string): value is Key => (keys as readonly string[]).includes(value);

export const extensionFor = (contentType: string | undefined) => (contentType === 'text/plain' ? '.txt' : '.html');

/**
 * A value is written as it is unless reading it back could change it (surrounding spaces, a line
 * break, a leading quote) or it would end the comment for a browser (`-->`); then as a JSON string,
 * with `>` escaped so the comment stays whole.
 */
const formatValue = (value: string) =>
  value === '' || value !== value.trim() || value.startsWith('"') || /[\r\n]|-->/.test(value)
    ? JSON.stringify(value).replaceAll('>', '\\u003e')
    : value;

const parseValue = (raw: string, where: string) => {
  if (!raw.startsWith('"')) {
    return raw;
  }
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value === 'string') {
      return value;
    }
  } catch {
    // Reported below.
  }
  throw new TemplateFileError(where, 'a value that starts with " must be a JSON string, such as "Hello, world"');
};

/** The file's text for these details; `.txt` files leave the content type to their extension. */
export const formatTemplateFile = (details: TemplateDetails): string => {
  const lines = keys
    .filter((key) => details[key] !== undefined)
    .filter((key) => !(key === 'contentType' && details.contentType === 'text/plain'))
    .map((key) => `${key}: ${formatValue(details[key]!)}`);
  return `<!--\n${lines.join('\n')}\n-->\n${details.content}`;
};

/**
 * Reads a template file. `path` is for messages only; `extension` (`.html` or `.txt`) sets the
 * content type of a `.txt` file. `allowedKeys` lets the connector's templates refuse sendFrom
 * and replyTo, which only Logto's custom templates have.
 */
export const parseTemplateFile = (
  text: string,
  path: string,
  extension: string,
  allowedKeys: readonly string[] = keys
): TemplateDetails => {
  const source = text.replace(/^\uFEFF/, '');
  const header = /^<!--[ \t]*\r?\n([\s\S]*?)^-->[ \t]*(?:\r?\n|$)/m.exec(source);
  if (!header || header.index !== 0) {
    throw new TemplateFileError(
      path,
      'the file must start with a <!-- … --> block holding at least "subject: …" (see logto-ses templates --help)'
    );
  }
  const fields: Partial<Record<Key, string>> = {};
  header[1]!.split(/\r?\n/).forEach((line, index) => {
    const where = `${path}:${index + 2}`;
    if (line.trim() === '') {
      return;
    }
    const match = /^([A-Za-z]+):[ \t]?(.*)$/.exec(line);
    if (!match) {
      throw new TemplateFileError(where, `expected "key: value", got "${line.trim()}"`);
    }
    const [, key = '', raw = ''] = match;
    if (!isKey(key) || !allowedKeys.includes(key)) {
      throw new TemplateFileError(where, `unknown key "${key}"; the keys are ${allowedKeys.join(', ')}`);
    }
    if (fields[key] !== undefined) {
      throw new TemplateFileError(where, `"${key}" is given twice`);
    }
    fields[key] = parseValue(raw.trimEnd(), where);
  });
  if (fields.subject === undefined) {
    throw new TemplateFileError(path, 'the <!-- … --> block has no "subject: …" line');
  }
  if (extension === '.txt') {
    if (fields.contentType !== undefined && fields.contentType !== 'text/plain') {
      throw new TemplateFileError(
        path,
        `a .txt file is text/plain; rename it to .html for contentType ${fields.contentType}`
      );
    }
    fields.contentType = 'text/plain';
  }
  return {
    subject: fields.subject,
    content: source.slice(header[0].length),
    ...(fields.contentType !== undefined && { contentType: fields.contentType }),
    ...(fields.sendFrom !== undefined && { sendFrom: fields.sendFrom }),
    ...(fields.replyTo !== undefined && { replyTo: fields.replyTo }),
  };
};

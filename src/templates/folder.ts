/**
 * The templates folder on disk: `<languageTag>/<TemplateType>.html|.txt` for Logto's custom email
 * templates, and `_connector/<usageType>.html|.txt` for the connector config's own templates.
 * Other files (a README, `.gitkeep`, notes) are left alone.
 */
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';

import type { TemplateType } from '@logto/connector-kit';

import {
  extensionFor,
  formatTemplateFile,
  isTemplateType,
  parseTemplateFile,
  TemplateFileError,
  templateTypes,
  type TemplateDetails,
} from './template-file.js';
import { checkedPath, removeInside, writeInside } from './write-inside.js';

/** The folder the connector config's templates are pulled into. */
export const connectorFolder = '_connector';

/**
 * What `pull` records about the Logto it read, beside the templates: the sign-in experience's
 * fallback language, which decides Logto's second choice of template (the studio shows it).
 */
export const logtoSettingsFile = 'logto.json';

export type LogtoSettings = { fallbackLanguage?: string };

export const formatLogtoSettings = (settings: LogtoSettings) => `${JSON.stringify(settings, null, 2)}\n`;

/** The recorded settings; none when the file is absent or not what pull writes. */
export const readLogtoSettings = async (folder: string): Promise<LogtoSettings> => {
  try {
    const settings: unknown = JSON.parse(await readFile(join(folder, logtoSettingsFile), 'utf8'));
    const fallbackLanguage = (settings as LogtoSettings | null)?.fallbackLanguage;
    return typeof fallbackLanguage === 'string' ? { fallbackLanguage } : {};
  } catch {
    return {};
  }
};

export type LocalTemplate = {
  languageTag: string;
  templateType: TemplateType;
  details: TemplateDetails;
  /** Relative to the folder, with "/" separators, for messages: `fr/SignIn.html`. */
  path: string;
};

export type ConnectorTemplateFile = {
  usageType: TemplateType;
  details: TemplateDetails;
  path: string;
};

/**
 * `path` says where, relative to the folder: the file, with `:line` when one line is at fault
 * (`en/SignIn.html:3`), as compilers print it, so an editor jumps to it.
 */
export type FolderProblem = { path: string; message: string };

export type TemplateFolder = {
  custom: LocalTemplate[];
  connector: ConnectorTemplateFile[];
  /** Files that could not be read as templates; push refuses to run while there are any. */
  problems: FolderProblem[];
};

/** BCP 47 as Logto's language tags use it: `en`, `fr`, `pt-BR`, `zh-Hant-TW`. */
const languageTagPattern = /^[A-Za-z]{2,3}(?:-[A-Za-z\d]{1,8})*$/;

/** Whether `value` names a language folder: also what keeps a remote tag from naming a path. */
export const isLanguageTag = (value: string) => languageTagPattern.test(value);

const templateExtensions = new Set(['.html', '.txt']);

const sortByPath = <T extends { path: string }>(items: T[]) => items.sort((a, b) => a.path.localeCompare(b.path));

/** The templates of one subfolder: one file per type, `.html` or `.txt`, never both. */
const readSubfolder = async (
  folder: string,
  name: string,
  allowedKeys: readonly string[] | undefined,
  problems: FolderProblem[]
): Promise<Array<{ type: TemplateType; details: TemplateDetails; path: string }>> => {
  const found: Array<{ type: TemplateType; details: TemplateDetails; path: string }> = [];
  const entries = await readdir(join(folder, name), { withFileTypes: true });
  for (const entry of entries.filter((entry) => entry.isFile() && templateExtensions.has(extname(entry.name)))) {
    const extension = extname(entry.name);
    const type = entry.name.slice(0, -extension.length);
    const path = `${name}/${entry.name}`;
    if (!isTemplateType(type)) {
      problems.push({ path, message: `"${type}" is not a template type; the types are ${templateTypes.join(', ')}` });
      continue;
    }
    if (found.some((template) => template.type === type)) {
      problems.push({ path, message: `${name}/${type}.html and ${name}/${type}.txt both exist; keep one` });
      continue;
    }
    try {
      const text = await readFile(join(folder, name, entry.name), 'utf8');
      found.push({ type, details: parseTemplateFile(text, path, extension, allowedKeys), path });
    } catch (error: unknown) {
      if (!(error instanceof TemplateFileError)) {
        throw error;
      }
      problems.push({ path: error.where, message: error.reason });
    }
  }
  return found;
};

/** Reads every template in the folder; unreadable files are listed as problems, not thrown. */
export const readTemplateFolder = async (folder: string): Promise<TemplateFolder> => {
  const problems: FolderProblem[] = [];
  const custom: LocalTemplate[] = [];
  const connector: ConnectorTemplateFile[] = [];
  const entries = await readdir(folder, { withFileTypes: true });
  for (const entry of entries.filter((entry) => entry.isDirectory())) {
    if (entry.name === connectorFolder) {
      // The connector's templates have no sender or reply-to of their own: those are the config's.
      const templates = await readSubfolder(folder, entry.name, ['subject', 'contentType'], problems);
      connector.push(...templates.map(({ type, details, path }) => ({ usageType: type, details, path })));
    } else if (isLanguageTag(entry.name)) {
      const templates = await readSubfolder(folder, entry.name, undefined, problems);
      custom.push(
        ...templates.map(({ type, details, path }) => ({ languageTag: entry.name, templateType: type, details, path }))
      );
    } else if (!/^[._]/.test(entry.name)) {
      problems.push({
        path: `${entry.name}/`,
        message: 'is not a language tag (such as en, fr or pt-BR): its files would not be pushed',
      });
    }
  }
  return { custom: sortByPath(custom), connector: sortByPath(connector), problems: sortByPath(problems) };
};

/**
 * Writes one template file under `subfolder` (a language tag or `_connector`) and removes its
 * sibling with the other extension, so a template that changed content type stays one file.
 * Returns the relative path written. A path outside the folder or through a link is refused
 * (UnsafePathError) before anything is removed or written.
 */
export const writeTemplateFile = async (
  folder: string,
  subfolder: string,
  type: string,
  details: TemplateDetails
): Promise<string> => {
  const extension = extensionFor(details.contentType);
  const other = extension === '.html' ? '.txt' : '.html';
  const path = `${subfolder}/${type}${extension}`;
  const sibling = `${subfolder}/${type}${other}`;
  // Both are checked before either is touched: a refused one leaves the other as it was.
  await checkedPath(folder, sibling);
  await writeInside(folder, path, formatTemplateFile(details));
  await removeInside(folder, sibling);
  return path;
};

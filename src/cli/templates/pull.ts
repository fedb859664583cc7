/**
 * `logto-ses templates pull`: Logto's custom email templates into the folder, one file per
 * language × type, and with `--connector` the connector config's templates into `_connector/`.
 */
import { mkdir, readFile } from 'node:fs/promises';

import { parseConfig } from '../../config/config.js';
import { configOption, parseFlags } from '../args.js';
import { exitCodes, UsageError } from '../command.js';
import { messageOf, print, printError } from '../output.js';
import { readConfig } from '../read-config.js';

import { keyOf } from '../../templates/diff.js';
import {
  connectorFolder,
  formatLogtoSettings,
  isLanguageTag,
  logtoSettingsFile,
  readTemplateFolder,
  writeTemplateFile,
} from '../../templates/folder.js';
import { checkedPath, UnsafePathError, writeInside } from '../../templates/write-inside.js';
import { connectionOf, connectionOptions, emailTemplatesApi, LogtoApiError } from './logto-client.js';
import { sortRemoteTemplates, type UncheckedTemplate } from './remote-answer.js';
import {
  extensionFor,
  formatTemplateFile,
  isTemplateType,
  type TemplateDetails,
} from '../../templates/template-file.js';

export const defaultFolder = 'email-templates';

const readIfExists = async (path: string) => readFile(path, 'utf8').catch(() => undefined);

/** A path pull will not write is said so and counted; any other error is thrown on. */
const refusal = (error: unknown) => {
  if (error instanceof UnsafePathError) {
    return { line: `  refused    ${error.path}: ${error.reason}; nothing was written for it`, written: false };
  }
  throw error;
};

/**
 * Writes one file unless it already holds exactly this; says which. A path through a link is
 * refused (and counted), never written.
 */
const writeOne = async (folder: string, subfolder: string, type: string, details: TemplateDetails) => {
  const path = `${subfolder}/${type}${extensionFor(details.contentType)}`;
  try {
    if ((await readIfExists(await checkedPath(folder, path))) === formatTemplateFile(details)) {
      return { line: `  unchanged  ${path}`, written: true };
    }
    await writeTemplateFile(folder, subfolder, type, details);
    return { line: `  wrote      ${path}`, written: true };
  } catch (error: unknown) {
    return refusal(error);
  }
};

/** Written for the studio: Logto's fallback language, when it is one a folder could be named. */
const writeSettings = async (folder: string, fallbackLanguage: string) => {
  if (!isLanguageTag(fallbackLanguage)) {
    return {
      line: `  skipped    ${logtoSettingsFile}: the sign-in experience's fallback language ${JSON.stringify(fallbackLanguage)} is not a language tag such as en, fr or pt-BR`,
      written: false,
    };
  }
  const settings = formatLogtoSettings({ fallbackLanguage });
  try {
    const unchanged = (await readIfExists(await checkedPath(folder, logtoSettingsFile))) === settings;
    if (!unchanged) {
      await writeInside(folder, logtoSettingsFile, settings);
    }
    return {
      line: `  ${unchanged ? 'unchanged' : 'wrote    '}  ${logtoSettingsFile} (the sign-in experience's fallback language: ${fallbackLanguage})`,
      written: true,
    };
  } catch (error: unknown) {
    return refusal(error);
  }
};

export const pull = async (args: string[]): Promise<number> => {
  const flags = parseFlags(args, {
    ...connectionOptions,
    ...configOption,
    dir: { type: 'string', default: defaultFolder },
    connector: { type: 'boolean', default: false },
  });
  if (flags.config !== undefined && !flags.connector) {
    throw new UsageError('--config is read only with --connector (the connector config holds its own templates).');
  }
  const connection = connectionOf(flags);
  const folder = flags.dir;
  const loaded = flags.connector ? await readConfig(flags.config) : undefined;

  let connectorTemplates: Array<{ usageType: string; details: TemplateDetails }> = [];
  if (loaded) {
    try {
      connectorTemplates = parseConfig(loaded.config).templates.map(({ usageType, subject, content, contentType }) => ({
        usageType,
        details: { subject, content, ...(contentType && { contentType }) },
      }));
    } catch (error: unknown) {
      printError(`Pull failed: the config in ${loaded.source}: ${messageOf(error)}`);
      return exitCodes.failure;
    }
  }

  let answer: UncheckedTemplate[];
  let fallbackLanguage: string;
  try {
    const api = emailTemplatesApi(connection);
    answer = await api.list();
    fallbackLanguage = await api.fallbackLanguage();
  } catch (error: unknown) {
    if (error instanceof LogtoApiError) {
      printError(`Pull failed: ${error.message}`);
      return exitCodes.failure;
    }
    throw error;
  }
  const { usable: remote, skipped } = sortRemoteTemplates(answer);
  let notWritten = skipped.length;
  const report = ({ line, written }: { line: string; written: boolean }) => {
    print(line);
    notWritten += written ? 0 : 1;
  };

  await mkdir(folder, { recursive: true });
  print(
    `Pulled ${remote.length} custom email template${remote.length === 1 ? '' : 's'} from ${connection.baseUrl} into ${folder}/`
  );
  for (const { id, reason } of skipped) {
    print(`  skipped    the template with ID ${id}: ${reason}; nothing was written for it`);
  }
  const sorted = [...remote].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
  for (const { languageTag, templateType, details } of sorted) {
    report(await writeOne(folder, languageTag, templateType, details));
  }

  if (fallbackLanguage) {
    report(await writeSettings(folder, fallbackLanguage));
  }

  const remoteKeys = new Set(remote.map(keyOf));
  const { custom } = await readTemplateFolder(folder);
  for (const template of custom.filter((template) => !remoteKeys.has(keyOf(template)))) {
    print(`  kept       ${template.path} (not in Logto: push creates it)`);
  }

  if (loaded) {
    print(`Connector templates from ${loaded.source} into ${folder}/${connectorFolder}/`);
    for (const { usageType, details } of connectorTemplates) {
      if (!isTemplateType(usageType)) {
        print(`  skipped    usage type "${usageType}": Logto sends no such type`);
        continue;
      }
      report(await writeOne(folder, connectorFolder, usageType, details));
    }
  }
  if (notWritten > 0) {
    printError(
      `Pull incomplete: ${notWritten} file${notWritten === 1 ? ' was' : 's were'} not written (see "skipped" and "refused" above); everything else was.`
    );
    return exitCodes.failure;
  }
  return exitCodes.success;
};

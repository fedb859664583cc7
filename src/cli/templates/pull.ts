/**
 * `logto-ses templates pull`: Logto's custom email templates into the folder, one file per
 * language × type, and with `--connector` the connector config's templates into `_connector/`.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { parseConfig } from '../../config/config.js';
import { configOption, parseFlags } from '../args.js';
import { exitCodes, UsageError } from '../command.js';
import { messageOf, print, printError } from '../output.js';
import { readConfig } from '../read-config.js';

import { keyOf } from '../../templates/diff.js';
import {
  connectorFolder,
  formatLogtoSettings,
  logtoSettingsFile,
  readTemplateFolder,
  writeTemplateFile,
} from '../../templates/folder.js';
import { connectionOf, connectionOptions, emailTemplatesApi, LogtoApiError } from './logto-client.js';
import {
  extensionFor,
  formatTemplateFile,
  isTemplateType,
  type TemplateDetails,
} from '../../templates/template-file.js';

export const defaultFolder = 'email-templates';

const readIfExists = async (path: string) => readFile(path, 'utf8').catch(() => undefined);

/** Writes one file unless it already holds exactly this; says which. */
const writeOne = async (folder: string, subfolder: string, type: string, details: TemplateDetails) => {
  const path = `${subfolder}/${type}${extensionFor(details.contentType)}`;
  if ((await readIfExists(join(folder, path))) === formatTemplateFile(details)) {
    return `  unchanged  ${path}`;
  }
  await writeTemplateFile(folder, subfolder, type, details);
  return `  wrote      ${path}`;
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

  let remote;
  let fallbackLanguage;
  try {
    const api = emailTemplatesApi(connection);
    remote = await api.list();
    fallbackLanguage = await api.fallbackLanguage();
  } catch (error: unknown) {
    if (error instanceof LogtoApiError) {
      printError(`Pull failed: ${error.message}`);
      return exitCodes.failure;
    }
    throw error;
  }

  await mkdir(folder, { recursive: true });
  print(
    `Pulled ${remote.length} custom email template${remote.length === 1 ? '' : 's'} from ${connection.baseUrl} into ${folder}/`
  );
  const sorted = [...remote].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
  for (const { languageTag, templateType, details } of sorted) {
    print(await writeOne(folder, languageTag, templateType, details));
  }

  if (fallbackLanguage) {
    const settings = formatLogtoSettings({ fallbackLanguage });
    const unchanged = (await readIfExists(join(folder, logtoSettingsFile))) === settings;
    if (!unchanged) {
      await writeFile(join(folder, logtoSettingsFile), settings);
    }
    print(
      `  ${unchanged ? 'unchanged' : 'wrote    '}  ${logtoSettingsFile} (the sign-in experience's fallback language: ${fallbackLanguage})`
    );
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
      print(await writeOne(folder, connectorFolder, usageType, details));
    }
  }
  return exitCodes.success;
};

/**
 * `logto-ses templates push`: checks every template in the folder with the code that sends, and
 * only when all pass, upserts Logto's custom email templates. `--dry-run` shows the change and
 * makes none; templates only Logto holds are deleted only with `--prune`.
 */
import { stat } from 'node:fs/promises';

import { parseConfig, type AwsSesConfig } from '../../config/config.js';
import { configOption, parseFlags } from '../args.js';
import { exitCodes, UsageError } from '../command.js';
import { messageOf, print, printError } from '../output.js';
import { readConfig } from '../read-config.js';

import { checkTemplate } from '../../templates/checks.js';
import { describeDetailsChange, keyOf, planPush, type TemplateChange } from '../../templates/diff.js';
import { readTemplateFolder, type TemplateFolder } from '../../templates/folder.js';
import { connectionOf, connectionOptions, emailTemplatesApi, LogtoApiError } from './logto-client.js';
import { defaultFolder } from './pull.js';
import { sortRemoteTemplates } from './remote-answer.js';
import { samplePayload } from '../../templates/sample-payloads.js';

/**
 * Without --config the addresses are checked against a neutral sender: a custom template's
 * sendFrom and replyTo must encode whatever the connector's own sender is.
 */
export const neutralConfig = (): AwsSesConfig =>
  parseConfig({ region: 'us-east-1', emailAddress: 'Logto <noreply@example.com>', templates: [] });

/**
 * The config the folder's checks run against: the one in `file` (--config), else the neutral one.
 * Undefined, once `failed` ("Push failed") and the reason are printed, when that config is invalid.
 */
export const configForChecks = async (file: string | undefined, failed: string): Promise<AwsSesConfig | undefined> => {
  if (file === undefined) {
    return neutralConfig();
  }
  const loaded = await readConfig(file);
  try {
    return parseConfig(loaded.config);
  } catch (error: unknown) {
    printError(`${failed}: the config in ${loaded.source}: ${messageOf(error)}`);
    return undefined;
  }
};

/** Every problem in the folder, one line each: unreadable files first, then the checks. */
export const folderProblems = (folder: TemplateFolder, config: AwsSesConfig): string[] => [
  ...folder.problems.map(({ path, message }) => `${path}: ${message}`),
  ...folder.custom.flatMap(({ languageTag, templateType, details, path }) =>
    checkTemplate(
      config,
      templateType,
      { kind: 'custom', details },
      samplePayload(templateType, languageTag)
    ).problems.map((problem) => `${path}: ${problem}`)
  ),
  ...folder.connector.flatMap(({ usageType, details, path }) =>
    checkTemplate(config, usageType, { kind: 'connector', details }).problems.map((problem) => `${path}: ${problem}`)
  ),
];

const changeLines = (change: TemplateChange): string[] => {
  if (change.kind === 'create') {
    const { content, ...fields } = change.local.details;
    return [
      `+ ${keyOf(change.local)} (new)`,
      ...describeDetailsChange({ subject: '', content }, { ...fields, content }),
      `    content: ${content.split('\n').length} lines`,
    ];
  }
  if (change.kind === 'update') {
    return [`~ ${keyOf(change.local)}`, ...describeDetailsChange(change.remote.details, change.local.details)];
  }
  return [`- ${keyOf(change.remote)} (only in Logto; deleted because of --prune)`];
};

export const readFolder = async (folder: string) => {
  const info = await stat(folder).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new UsageError(`No templates folder at ${folder}: run "logto-ses templates pull" first, or pass --dir.`);
  }
  return readTemplateFolder(folder);
};

export const push = async (args: string[]): Promise<number> => {
  const flags = parseFlags(args, {
    ...connectionOptions,
    ...configOption,
    dir: { type: 'string', default: defaultFolder },
    'dry-run': { type: 'boolean', default: false },
    prune: { type: 'boolean', default: false },
  });
  const connection = connectionOf(flags);
  const folder = await readFolder(flags.dir);

  const config = await configForChecks(flags.config, 'Push failed');
  if (!config) {
    return exitCodes.failure;
  }

  const problems = folderProblems(folder, config);
  const checked = folder.custom.length + folder.connector.length;
  if (problems.length > 0) {
    for (const problem of problems) {
      printError(`FAIL  ${problem}`);
    }
    printError(
      `Push failed: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${flags.dir}/; nothing was sent to Logto.`
    );
    return exitCodes.failure;
  }
  print(
    `Checked ${checked} template${checked === 1 ? '' : 's'} in ${flags.dir}/: each renders for its type with Logto's sample payload, no problems.`
  );
  if (folder.connector.length > 0) {
    print(
      `The connector's templates (${folder.connector.length} in _connector/) live in the connector config, not in Logto's email templates: they were checked, not pushed.`
    );
  }

  try {
    const api = emailTemplatesApi(connection);
    const { usable, skipped } = sortRemoteTemplates(await api.list());
    const plan = planPush(folder.custom, usable, flags.prune);
    const creates = plan.changes.filter(({ kind }) => kind === 'create').length;
    const updates = plan.changes.filter(({ kind }) => kind === 'update').length;
    const deletes = plan.changes.filter(({ kind }) => kind === 'delete').length;

    print(`${flags['dry-run'] ? 'Would change' : 'Changes'} in Logto at ${connection.baseUrl}:`);
    for (const change of plan.changes) {
      for (const line of changeLines(change)) {
        print(line);
      }
    }
    for (const { id, reason } of skipped) {
      print(`  the template with ID ${id} in Logto: ${reason}; no file can hold it, so it is left alone`);
    }
    if (!flags.prune) {
      for (const template of plan.remoteOnly) {
        print(`  ${keyOf(template)} is only in Logto: kept (--prune deletes it)`);
      }
    }
    const summary = `${creates} to create, ${updates} to update, ${deletes} to delete, ${plan.unchanged} unchanged`;
    if (flags['dry-run']) {
      print(`${summary}. Dry run: nothing was changed.`);
      return exitCodes.success;
    }

    const upserts = plan.changes.flatMap((change) => (change.kind === 'delete' ? [] : [change.local]));
    if (upserts.length > 0) {
      await api.upsert(upserts);
    }
    for (const change of plan.changes) {
      if (change.kind === 'delete') {
        await api.remove(change.remote.id);
      }
    }
    print(`Pushed: ${creates} created, ${updates} updated, ${deletes} deleted, ${plan.unchanged} unchanged.`);
    return exitCodes.success;
  } catch (error: unknown) {
    if (error instanceof LogtoApiError) {
      printError(`Push failed: ${error.message}`);
      return exitCodes.failure;
    }
    throw error;
  }
};

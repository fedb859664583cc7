import { checkFolder } from '../templates/check.js';
import { pull } from '../templates/pull.js';
import { connectionHelp } from '../templates/logto-client.js';
import { push } from '../templates/push.js';
import { UsageError, type Command } from '../command.js';

const help = `logto-ses templates: Logto's custom email templates as files you keep in git

Usage: logto-ses templates pull [--dir email-templates] [--connector [--config FILE]] [connection]
       logto-ses templates push [--dir email-templates] [--dry-run] [--prune] [--config FILE] [connection]
       logto-ses templates check [--dir email-templates] [--config FILE]

pull   Writes each of Logto's custom email templates to DIR/<language>/<Type>.html (.txt for
       text/plain), with subject, contentType, sendFrom and replyTo in a <!-- … --> block at the
       top, and the sign-in experience's fallback language to DIR/logto.json (the studio reads
       it). --connector also writes the connector config's templates (from --config FILE, or
       standard input) to DIR/_connector/<usageType>.html.
push   Checks every file first, with the code that sends: each template renders for its type with
       a realistic payload; no unknown placeholder, empty subject or malformed HTML; a text part;
       the HTML under Gmail's 102 KB clipping limit; sendFrom and replyTo encode (against the
       sender in --config FILE, when given). Only then upserts them (PUT /api/email-templates).
check  Push's checks alone, with no Logto and no network: a FAIL line per problem, exit code 1
       if there is any.
  --dir DIR         The templates folder (default email-templates)
  --dry-run         push: print what would change in Logto, line by line, and change nothing
  --prune           push: also delete the templates Logto holds that the folder does not

Connection, a machine-to-machine app with access to the Management API:
${connectionHelp}

Exit codes: 0 done, 1 a check failed or Logto refused, 2 a usage error. No secret is printed.`;

/**
 * Thin. The template code is imported statically, not with import(): a dynamic import would make
 * its chunks a new entry point for esbuild's splitting, so every module it shares with the
 * connector (config, metadata, the message path) would be split off into a chunk of its own, and
 * Logto's import of lib/index.js would load more files. Imported here, it stays in the CLI's own
 * file, and the chunks Logto loads are what they were without it.
 */
const run = async ([subcommand, ...args]: string[]): Promise<number> => {
  if (subcommand === 'pull') {
    return pull(args);
  }
  if (subcommand === 'push') {
    return push(args);
  }
  if (subcommand === 'check') {
    return checkFolder(args);
  }
  throw new UsageError(
    subcommand === undefined
      ? 'templates needs a subcommand: pull, push or check.'
      : `Unknown subcommand "${subcommand}": pull, push or check.`
  );
};

export const templates: Command = {
  name: 'templates',
  summary: "pull, push and check Logto's custom email templates (files per language × type)",
  help,
  run,
};

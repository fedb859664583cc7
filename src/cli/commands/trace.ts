import { parseArgs } from 'node:util';

import { parseConfig } from '../../config/config.js';
import { clientSettingsOf } from '../../transport/client-settings.js';

import { configOption } from '../args.js';
import { exitCodes, UsageError, type Command } from '../command.js';
import { print, printError, printLine } from '../output.js';
import { terminalLine } from '../../transport/terminal-text.js';
import { readConfig } from '../read-config.js';
import { timeFormat } from '../trace/local-time.js';
import { messageIdOf } from '../trace/message-id.js';
import { readInsights } from '../trace/read-insights.js';
import { traceDocument, traceLines } from '../trace/report.js';
import { unansweredDocument, unansweredLines } from '../trace/unanswered.js';

const help = `logto-ses trace: what happened to one email SES sent: sent, delivered, bounced, complained, opened

Usage: logto-ses trace MESSAGE_ID [--config FILE] [--utc] [--json]

  MESSAGE_ID     SES's MessageId, as send prints it (or the email's Message-ID header, <id@…amazonses.com>)
  --config FILE  The connector config (JSON, as Logto stores it); without it, read from standard input
  --utc          Times in UTC instead of the local time zone (TZ)
  --json         Print one JSON document instead of lines

Reads SES's GetMessageInsights (Virtual Deliverability Manager) in the config's region, with the
config's credentials and timeoutMs, and prints each recipient's events in local time, then one
line saying what happened and what to do. Needs VDM enabled for the account (charged per 1,000
emails, see SES pricing); without it, says how to enable it.

Exit code 1 when the email bounced or was rejected, or SES had nothing to show; 0 otherwise.`;

const flags = {
  ...configOption,
  utc: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
} as const;

/** One positional, the MessageId; every flag strict, as parseFlags is for the other commands. */
const parse = (args: string[]) => {
  try {
    return parseArgs({ args, options: flags, strict: true, allowPositionals: true });
  } catch (error: unknown) {
    // node:util's first sentence says what is wrong, as parseFlags reports it.
    const message = error instanceof Error ? error.message : String(error);
    const sentence = message.split(/(?<=\.)\s/)[0] ?? message;
    throw new UsageError(sentence.endsWith('.') ? sentence : `${sentence}.`);
  }
};

const run = async (args: string[]): Promise<number> => {
  const { values, positionals } = parse(args);
  if (positionals.length > 1) {
    throw new UsageError(`trace takes one MESSAGE_ID; got ${positionals.length} arguments.`);
  }
  const messageId = messageIdOf(positionals[0]);
  const time = timeFormat(values.utc ? 'UTC' : undefined);
  const { config: rawConfig } = await readConfig(values.config);
  const config = parseConfig(rawConfig);
  const settings = clientSettingsOf(config);

  const answer = await readInsights(settings, messageId);
  if (answer.result === 'found') {
    const document = traceDocument(answer.insights, time);
    if (values.json) {
      print(JSON.stringify(document, undefined, 2));
    } else {
      for (const line of traceLines(answer.insights, time)) {
        printLine(line);
      }
    }
    return document.failed ? exitCodes.failure : exitCodes.success;
  }
  const where = { messageId, region: settings.region, endpointId: settings.endpointId };
  if (values.json) {
    print(JSON.stringify(unansweredDocument(answer, where), undefined, 2));
  } else {
    // A line break in SES's words is written out, so it cannot forge a line of its own.
    printError(unansweredLines(answer, where).map(terminalLine).join('\n'));
  }
  return exitCodes.failure;
};

export const trace: Command = {
  name: 'trace',
  summary: "follow one sent email through SES's insights: delivered, bounced (and why), complained, opened",
  help,
  run,
};

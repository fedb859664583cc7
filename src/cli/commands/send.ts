import { TemplateType } from '@logto/connector-kit';

import {
  configOption,
  messageOptions,
  messageOptionsHelp,
  parseFlags,
  payloadOf,
  recipientOf,
  templateTypeOf,
} from '../args.js';
import { exitCodes, UsageError, type Command } from '../command.js';
import { messageOf, print, printError } from '../output.js';
import { readConfig } from '../read-config.js';
import { sendAsConsoleTest } from '../send-as-console.js';

const help = `logto-ses send: send one email through the connector, as the console's "Send" test does

Usage: logto-ses send --to ADDRESS [--config FILE] [--type Generic] [--code 000000] [--locale TAG] [--payload JSON]

  --to ADDRESS      The recipient (one bare address)
  --config FILE     The connector config (JSON, as Logto stores it); without it, read from standard input
${messageOptionsHelp('(default Generic)')}

Prints SES's MessageId, or the connector's error with its hint (exit code 1).`;

/** What this sends is exactly what the console's "Send" button sends with the same config. */
const run = async (args: string[]): Promise<number> => {
  const values = parseFlags(args, { ...configOption, ...messageOptions, to: { type: 'string' } });
  if (values.to === undefined) {
    throw new UsageError('--to is required: the address to send the test email to.');
  }
  recipientOf(values.to);
  const type = templateTypeOf(values.type, TemplateType.Generic);
  const payload = payloadOf(values);
  const { config } = await readConfig(values.config);

  try {
    const messageId = await sendAsConsoleTest({ to: values.to, type, payload }, config);
    print(`Sent a ${type} email to ${values.to}.`);
    print(`MessageId: ${String(messageId)}`);
    return exitCodes.success;
  } catch (error: unknown) {
    printError(`Send failed: ${messageOf(error)}`);
    return exitCodes.failure;
  }
};

export const send: Command = {
  name: 'send',
  summary: 'send one email through the connector, as the console\'s "Send" test does',
  help,
  run,
};

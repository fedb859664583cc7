import { writeFile } from 'node:fs/promises';

import { parseConfig } from '../../config/config.js';
import { composeMessageWithNotes, type ComposedEmail } from '../../message/compose.js';
import { deliveryDetailsOf } from '../../templates/delivery-details.js';
import {
  configOption,
  messageOptions,
  messageOptionsHelp,
  parseFlags,
  payloadOf,
  recipientOf,
  templateTypeOf,
} from '../args.js';
import { exitCodes, type Command } from '../command.js';
import { messageOf, print, printError, printLine } from '../output.js';
import { readConfig } from '../read-config.js';

const defaultRecipient = 'user@example.com';

const help = `logto-ses preview: render an email exactly as it would be sent, without sending

Usage: logto-ses preview --type TYPE [--config FILE] [--to ADDRESS] [--code 000000] [--locale TAG] [--payload JSON] [--out FILE.html]

  --config FILE     The connector config (JSON, as Logto stores it); without it, read from standard input
${messageOptionsHelp('(required)')}
  --to ADDRESS      The recipient shown (default ${defaultRecipient})
  --out FILE.html   Write the HTML part to this file instead of printing it

Prints the sender, recipient, reply-to, subject, the SES tenant, tracking, tags and extra headers,
and the HTML and text parts, as they would go to SES.
The templates are the config's: Logto's custom email templates live in Logto's database.`;

const labelWidth = 20;

/**
 * The lines SES would get, in the order a mail client shows them, then how SES sends it (tenant,
 * tracking, tags, the extra headers one per line); unset ones are left out. Every entry is read
 * from the composed input, so it is what SES would get.
 */
const headerLines = (composed: ComposedEmail, subject: string | undefined): string[] => {
  const { input } = composed;
  const { tenant, tracking, tags, headers, notes } = deliveryDetailsOf(composed);
  const entries: Array<[string, string | undefined]> = [
    ['From', input.FromEmailAddress],
    ['To', input.Destination?.ToAddresses?.join(', ')],
    ['Reply-To', input.ReplyToAddresses?.join(', ')],
    ['Subject', subject],
    ['Sender identity ARN', input.FromEmailAddressIdentityArn],
    ['Feedback to', input.FeedbackForwardingEmailAddress],
    ['Configuration set', input.ConfigurationSetName],
    ['Tenant', tenant],
    ['Tracking', tracking],
    ['Tags', tags.map(({ name, value }) => `${name}=${value}`).join(', ')],
  ];
  const lines = entries
    .filter((entry): entry is [string, string] => Boolean(entry[1]))
    .map(([name, value]) => `${`${name}:`.padEnd(labelWidth)}${value}`);
  const headerRows = headers.map(
    ({ name, value }, index) => `${(index === 0 ? 'Headers:' : '').padEnd(labelWidth)}${name}: ${value}`
  );
  // What the connector would log once, beside the mail it still sends.
  return [...lines, ...headerRows, ...notes.map((note) => `${'Note:'.padEnd(labelWidth)}${note}`)];
};

/** Builds the SendEmail input exactly as the connector's sendMessage does and prints it instead of sending it. */
const run = async (args: string[]): Promise<number> => {
  const values = parseFlags(args, {
    ...configOption,
    ...messageOptions,
    to: { type: 'string' },
    out: { type: 'string' },
  });
  const type = templateTypeOf(values.type);
  const payload = payloadOf(values);
  const to = values.to === undefined ? defaultRecipient : recipientOf(values.to);
  const { config: rawConfig } = await readConfig(values.config);

  let composed: ComposedEmail;
  try {
    const config = parseConfig(rawConfig);
    const message = { to, type, payload };
    composed = composeMessageWithNotes(config, message);
  } catch (error: unknown) {
    printError(`Preview failed: ${messageOf(error)}`);
    return exitCodes.failure;
  }

  const { Subject, Body } = composed.input.Content?.Simple ?? {};
  const html = Body?.Html?.Data;
  const text = Body?.Text?.Data;
  // One line each: a line break a value brought from the payload is written out, never obeyed.
  for (const line of headerLines(composed, Subject?.Data)) {
    printLine(line);
  }

  if (values.out !== undefined) {
    if (html === undefined) {
      printError(
        `Preview failed: the ${type} template is text/plain, so there is no HTML part to write to ${values.out}.`
      );
      return exitCodes.failure;
    }
    await writeFile(values.out, html);
    print(`\nHTML part: written to ${values.out} (${Buffer.byteLength(html)} bytes)`);
  } else {
    print(`\n--- HTML part ---\n${html ?? '(none: the template is text/plain)'}`);
  }
  print(`\n--- Text part ---\n${text ?? '(none: the HTML has no text to show)'}`);
  return exitCodes.success;
};

export const preview: Command = {
  name: 'preview',
  summary: 'render an email (subject, HTML, text) exactly as it would be sent, without sending',
  help,
  run,
};

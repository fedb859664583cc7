/**
 * `logto-ses`: send, check and preview with the connector's own code, and a local SES to develop
 * against. Exit codes: 0 success, 1 a failure (send, check, preview), 2 a usage error.
 */
import { destroyClients } from '../transport/client-cache.js';

import { exitCodes, UsageError, type Command } from './command.js';
import { check } from './commands/check.js';
import { dev } from './commands/dev.js';
import { preview } from './commands/preview.js';
import { send } from './commands/send.js';
import { studio } from './commands/studio.js';
import { templates } from './commands/templates.js';
import { trace } from './commands/trace.js';
import { hideSecret, messageOf, print, printError } from './output.js';

export const allCommands: readonly Command[] = [send, check, trace, preview, dev, templates, studio];

const toolHelp = (commands: readonly Command[]) => `logto-ses: the Amazon SES connector for Logto, from the command line

Usage: logto-ses COMMAND [flags]        logto-ses COMMAND --help for a command's flags

${commands.map(({ name, summary }) => `  ${name.padEnd(11)}${summary}`).join('\n')}

send, check and preview read the connector config (the JSON object Logto stores) from
--config FILE, or from standard input. No secret from it is ever printed.`;

const isHelp = (arg: string) => arg === '--help' || arg === '-h';

/** Runs one command line and resolves to its exit code; every line it prints is redacted. */
export const runCli = async ([name, ...args]: readonly string[], commands = allCommands): Promise<number> => {
  // Keys the default credential chain may use are as secret as the config's.
  hideSecret(process.env.AWS_SECRET_ACCESS_KEY);
  hideSecret(process.env.AWS_SESSION_TOKEN);
  if (name === undefined) {
    printError(toolHelp(commands));
    return exitCodes.usage;
  }
  if (isHelp(name)) {
    print(toolHelp(commands));
    return exitCodes.success;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    printError(`Unknown command "${name}".\n\n${toolHelp(commands)}`);
    return exitCodes.usage;
  }
  if (args.some(isHelp)) {
    print(command.help);
    return exitCodes.success;
  }

  try {
    return await command.run(args);
  } catch (error: unknown) {
    if (error instanceof UsageError) {
      printError(`${error.message}\nRun "logto-ses ${name} --help" for its flags.`);
      return exitCodes.usage;
    }
    printError(`logto-ses ${name} failed: ${messageOf(error)}`);
    return exitCodes.failure;
  } finally {
    // Keep-alive sockets would otherwise hold the process open after the answer is printed.
    destroyClients();
  }
};

/**
 * `logto-ses`: send, check, trace and preview with the connector's own code, and a local SES to develop
 * against. Exit codes: 0 success, 1 a failure (send, check, preview), 2 a usage error.
 */
import { nearestName } from '../config/nearest-name.js';
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
import { version } from './version.js';

export const allCommands: readonly Command[] = [send, check, trace, preview, dev, templates, studio];

const toolHelp = (commands: readonly Command[]) => `logto-ses: the Amazon SES connector for Logto, from the command line

Usage: logto-ses COMMAND [flags]        logto-ses help COMMAND (or COMMAND --help) for its flags
       logto-ses --version

${commands.map(({ name, summary }) => `  ${name.padEnd(11)}${summary}`).join('\n')}

send, check, trace and preview read the connector config (the JSON object Logto stores) from
--config FILE, or from standard input. No secret from it is ever printed.`;

const isHelp = (arg: string) => arg === '--help' || arg === '-h';

const unknownCommand = (name: string, commands: readonly Command[]) => {
  const meant = nearestName(
    name,
    commands.map((command) => command.name)
  );
  return `Unknown command "${name}".${meant ? ` Did you mean "${meant}"?` : ''}\n\n${toolHelp(commands)}`;
};

/** The tool's help, or one command's; asking about a command that does not exist is a usage error. */
const printHelp = (commands: readonly Command[], topic: string | undefined): number => {
  if (topic === undefined) {
    print(toolHelp(commands));
    return exitCodes.success;
  }
  const command = commands.find((candidate) => candidate.name === topic);
  if (!command) {
    printError(unknownCommand(topic, commands));
    return exitCodes.usage;
  }
  print(command.help);
  return exitCodes.success;
};

/** Runs one command line and resolves to its exit code; every line it prints is redacted. */
export const runCli = async ([name, ...args]: readonly string[], commands = allCommands): Promise<number> => {
  // Keys the default credential chain may use are as secret as the config's.
  hideSecret(process.env.AWS_SECRET_ACCESS_KEY);
  hideSecret(process.env.AWS_SESSION_TOKEN);
  if (name === undefined) {
    printError(toolHelp(commands));
    return exitCodes.usage;
  }
  if (name === '--version' || name === '-v') {
    print(version);
    return exitCodes.success;
  }
  // `logto-ses help COMMAND` is `logto-ses COMMAND --help`.
  if (isHelp(name) || name === 'help') {
    return printHelp(commands, args[0]);
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    printError(unknownCommand(name, commands));
    return exitCodes.usage;
  }
  if (args.some(isHelp)) {
    return printHelp(commands, name);
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

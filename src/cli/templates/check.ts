/**
 * `logto-ses templates check`: what push checks before it uploads, with no Logto and no network,
 * so a folder can be checked in CI or before there is a machine-to-machine app. The same functions
 * as push, so a folder that passes here passes push's checks.
 */
import { configOption, parseFlags } from '../args.js';
import { exitCodes } from '../command.js';
import { print } from '../output.js';

import { defaultFolder } from './pull.js';
import { configForChecks, folderProblems, readFolder } from './push.js';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

export const checkFolder = async (args: string[]): Promise<number> => {
  const flags = parseFlags(args, { ...configOption, dir: { type: 'string', default: defaultFolder } });
  const folder = await readFolder(flags.dir);

  const config = await configForChecks(flags.config, 'Check failed');
  if (!config) {
    return exitCodes.failure;
  }

  const problems = folderProblems(folder, config);
  const checked = folder.custom.length + folder.connector.length;
  for (const problem of problems) {
    print(`FAIL  ${problem}`);
  }
  print(
    problems.length > 0
      ? `${plural(problems.length, 'problem')} in ${flags.dir}/ (${plural(checked, 'template')} checked); push would send nothing.`
      : `Checked ${plural(checked, 'template')} in ${flags.dir}/: each renders for its type with Logto's sample payload, no problems.`
  );
  return problems.length > 0 ? exitCodes.failure : exitCodes.success;
};

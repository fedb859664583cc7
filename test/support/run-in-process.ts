/**
 * Runs `logto-ses` in the test's own process, as `runCli` (src/cli/main.ts) does for the binary,
 * so a test can stub what the child process could not reach; its output is captured where `print`
 * writes.
 */
import { runCli } from '../../src/cli/main.js';

import { capture, type Printed } from './capture-output.js';

export type InProcessRun = Printed & { code: number };

/** Runs `logto-ses ...args` and returns its exit code and what it printed. */
export const runInProcess = async (args: string[]): Promise<InProcessRun> => {
  let code = -1;
  const printed = await capture(async () => {
    code = await runCli(args);
  });
  return { code, ...printed };
};

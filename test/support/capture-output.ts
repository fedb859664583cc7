/** What a CLI command run in the test's own process prints, captured where `print` writes. */
import { outputStreams } from '../../src/cli/output.js';

export type Printed = { stdout: string; stderr: string };

/** What `action` prints on standard output and error. */
export const capture = async (action: () => unknown): Promise<Printed> => {
  const printed: Printed = { stdout: '', stderr: '' };
  const streams = { ...outputStreams };
  outputStreams.stdout = { write: (chunk: string | Uint8Array) => ((printed.stdout += String(chunk)), true) };
  outputStreams.stderr = { write: (chunk: string | Uint8Array) => ((printed.stderr += String(chunk)), true) };
  try {
    await action();
  } finally {
    Object.assign(outputStreams, streams);
  }
  return printed;
};

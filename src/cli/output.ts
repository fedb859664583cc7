import { metadata } from '../connector/metadata.js';
import { redactText } from '../transport/redact.js';
import { assumedRoleSecrets } from '../transport/sts-credentials.js';

import { terminalLine, terminalText } from '../transport/terminal-text.js';

/**
 * The config keys whose values must never be printed: the fields the connector's own console form
 * marks confidential (accessKeySecret, sessionToken). The type lets a connector have no form; this
 * one always has one.
 */
export const confidentialKeys: readonly string[] = metadata
  .formItems!.filter(({ isConfidential }) => isConfidential)
  .map(({ key }) => key);

const secrets = new Set<string>();

/**
 * Remembers a value that no output may show. The connector already redacts its errors; this is
 * the CLI's own guard for everything else it prints (a JSON error, a thrown bug, a config echo).
 * An empty string is kept too: `redactText` skips it, as it would redact between every character.
 */
export const hideSecret = (value: unknown) => {
  if (typeof value === 'string') {
    secrets.add(value);
  }
};

/**
 * The one way to the terminal, for every line, error and `--json` document the CLI prints: each
 * secret removed in every form an endpoint may echo it in (`redactText`: the config's, the
 * environment's, the M2M app's, and the credentials STS issued for a role), then the control
 * characters that reached the text from the network written out visibly (`terminalText`).
 * Redaction comes first, so a secret is found as it was sent, not as it is shown.
 */
export const printable = (text: string): string =>
  terminalText(redactText(text, [...secrets, ...assumedRoleSecrets()]));

/**
 * Where the CLI writes: the process's standard output and error. Tests that run a command in
 * their own process point them elsewhere, as the test runner reports on the same standard output.
 */
export const outputStreams: {
  stdout: Pick<NodeJS.WritableStream, 'write'>;
  stderr: Pick<NodeJS.WritableStream, 'write'>;
} = { stdout: process.stdout, stderr: process.stderr };

/** One line (or block) on standard output. */
export const print = (text = '') => {
  outputStreams.stdout.write(`${printable(text)}\n`);
};

/**
 * Exactly one line on standard output, for a line that quotes the network (a `check` finding): a
 * line break in what was quoted is written out too, so it cannot forge a line of its own.
 */
export const printLine = (text: string) => {
  outputStreams.stdout.write(`${terminalLine(printable(text))}\n`);
};

/** One line (or block) on standard error. */
export const printError = (text: string) => {
  outputStreams.stderr.write(`${printable(text)}\n`);
};

export { messageOf } from '../connector/error-text.js';

import { metadata } from '../connector/metadata.js';

/**
 * The config keys whose values must never be printed: the fields the connector's own console form
 * marks confidential (accessKeySecret, sessionToken).
 */
export const confidentialKeys: readonly string[] =
  metadata.formItems?.filter(({ isConfidential }) => isConfidential).map(({ key }) => key) ?? [];

const secrets = new Set<string>();

/**
 * Remembers a value that no output may show. The connector already redacts its errors; this is
 * the CLI's own guard for everything else it prints (a JSON error, a thrown bug, a config echo).
 */
export const hideSecret = (value: unknown) => {
  if (typeof value === 'string' && value !== '') {
    secrets.add(value);
  }
};

const redact = (text: string) => [...secrets].reduce((result, secret) => result.replaceAll(secret, '[redacted]'), text);

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
  outputStreams.stdout.write(`${redact(text)}\n`);
};

/** One line (or block) on standard error. */
export const printError = (text: string) => {
  outputStreams.stderr.write(`${redact(text)}\n`);
};

export { messageOf } from '../connector/error-text.js';

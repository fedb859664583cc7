import { readFile } from 'node:fs/promises';

import { UsageError } from './command.js';
import { confidentialKeys, hideSecret } from './output.js';

export type LoadedConfig = {
  /** Where it came from, for messages: the file path or "standard input". */
  source: string;
  /** The JSON object as Logto stores it; validating it is the connector's job. */
  config: unknown;
};

const readStdin = async (): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(Buffer.from(chunk as Buffer));
  }
  return Buffer.concat(chunks).toString('utf8');
};

const fileProblems: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'it is a directory',
};

const readConfigFile = async (path: string): Promise<string> => {
  try {
    return await readFile(path, 'utf8');
  } catch (error: unknown) {
    // Every error readFile rejects with carries a code (ENOENT, EACCES, ERR_FS_FILE_TOO_LARGE…).
    const code = String((error as { code?: unknown }).code);
    throw new UsageError(`Cannot read the config file ${path}: ${fileProblems[code] ?? code}.`);
  }
};

/** Hides a JSON string literal's value as the parsed config will hold it, as well as its escaped form. */
const hideJsonString = (escaped: string) => {
  hideSecret(escaped);
  try {
    hideSecret(JSON.parse(`"${escaped}"`));
  } catch {
    // Not a valid literal (a bad escape): JSON.parse will refuse the config, and the text as written is hidden.
  }
};

/**
 * Confidential values are hidden before the text is even parsed, so not even a JSON error about
 * the text can show them.
 */
const hideSecretsIn = (text: string) => {
  for (const key of confidentialKeys) {
    for (const [, value] of text.matchAll(new RegExp(`"${key}"\\s*:\\s*"((?:[^"\\\\]|\\\\.)*)"`, 'g'))) {
      // The group is not optional: every match has it.
      hideJsonString(value!);
    }
  }
};

const lineAndColumn = (text: string, position: number) => {
  const before = text.slice(0, position);
  const lineStart = before.lastIndexOf('\n') + 1;
  return `line ${before.split('\n').length}, column ${before.length - lineStart + 1}`;
};

/**
 * V8's JSON errors may quote the text around the problem ("Unexpected token 'x', …"abc"… is not
 * valid JSON"), which may be a secret; only the description and the position are kept. The
 * position ("in JSON at position 8", or "after JSON at position 8", newer versions adding "(line 1
 * column 9)") is given as a line and column, the same in every Node version.
 */
const describeJsonError = (error: unknown, text: string) =>
  (error instanceof Error ? error.message : String(error))
    .replace(/,\s.*\bis not valid JSON/s, '')
    .replace(
      /(?: in JSON)? at position (\d+).*/,
      (_, position: string) => ` at ${lineAndColumn(text, Number(position))}`
    );

/**
 * Reads the connector config from `--config path`, or from standard input when no path (or "-")
 * is given and input is piped. An unreadable file or bad JSON is a usage error: nothing is tried.
 */
export const readConfig = async (path: string | undefined): Promise<LoadedConfig> => {
  const fromStdin = path === undefined || path === '-';
  if (fromStdin && process.stdin.isTTY) {
    throw new UsageError('No config: pass --config FILE, or pipe the connector config (JSON) into standard input.');
  }
  const source = fromStdin ? 'standard input' : path;
  // A byte order mark, as some editors write, is not JSON.
  const text = (fromStdin ? await readStdin() : await readConfigFile(path)).replace(/^\uFEFF/, '');
  hideSecretsIn(text);
  if (text.trim() === '') {
    throw new UsageError(`The config in ${source} is empty: expected the connector config as a JSON object.`);
  }

  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (error: unknown) {
    throw new UsageError(`The config in ${source} is not valid JSON: ${describeJsonError(error, text)}.`);
  }
  // A string, number or array has none of these keys; only null cannot be asked for one.
  for (const key of confidentialKeys) {
    hideSecret((config as Partial<Record<string, unknown>> | null)?.[key]);
  }
  return { source, config };
};

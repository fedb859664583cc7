/**
 * Runs the built `logto-ses` (lib/cli/index.js) as a child process, as an operator runs it, and
 * the DNS its `check` runs read. `npm test` builds first; when iterating, `npm run build`.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

import type { DnsTable } from '../support/dns-server.js';

// The tests also send in-process; the SDK's Node-version warning is noise there too.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export const cliPath = fileURLToPath(new URL('../../lib/cli/index.js', import.meta.url));

/**
 * DNS for example.com, the sender domain of `configFor`: a DMARC policy, so that `check`'s DNS
 * findings pass where a test is about something else. `check` asks the local DNS server
 * (`--dns-server`), never the machine's.
 */
export const exampleDns: DnsTable = {
  '_dmarc.example.com': { TXT: ['v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com'] },
};

/**
 * The child sees none of this machine's AWS settings (keys, profiles, instance metadata), so the
 * default credential chain finds only what a test puts there.
 */
const childEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_'))),
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  AWS_CONFIG_FILE: '/nonexistent/aws/config',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws/credentials',
  AWS_EC2_METADATA_DISABLED: 'true',
  ...extra,
});

export type CliResult = { code: number | null; stdout: string; stderr: string };

export type RunOptions = {
  /** Written to standard input, which is then closed (closed empty when not given). */
  stdin?: string;
  env?: Record<string, string>;
};

/** Runs `logto-ses ...args` to its end; a run that hangs is killed after 15 s. */
export const runCli = async (args: string[], { stdin, env }: RunOptions = {}): Promise<CliResult> => {
  const child = spawn(process.execPath, [cliPath, ...args], { env: childEnv(env), timeout: 15_000 });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  child.stdin.end(stdin);
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout, stderr };
};

/** Runs with `config` as JSON on standard input, as `... | logto-ses check` does. */
export const runWithConfig = async (args: string[], config: unknown, env?: Record<string, string>) =>
  runCli(args, { stdin: JSON.stringify(config), ...(env && { env }) });

export type RunningCli = {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  /** Resolves once standard output matches `pattern`; rejects if the process ends first. */
  waitForOutput: (pattern: RegExp) => Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

/** Starts a long-running command (`dev`) and leaves it running. */
export const startCli = (args: string[], env?: Record<string, string>): RunningCli => {
  const child = spawn(process.execPath, [cliPath, ...args], { env: childEnv(env), timeout: 15_000 });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    child.emit('output');
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = once(child, 'close').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  const waitForOutput = async (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const look = () => {
        if (pattern.test(stdout)) {
          child.off('output', look);
          resolve();
        }
      };
      child.on('output', look);
      look();
      void exited.then(() => {
        reject(new Error(`logto-ses ended before printing ${String(pattern)}:\n${stdout}\n${stderr}`));
      });
    });
  return { child, stdout: () => stdout, stderr: () => stderr, waitForOutput, exited };
};

/** Stops a running command as Ctrl-C does (SIGINT) and resolves with how it ended. */
export const interrupt = async (running: RunningCli) => {
  running.child.kill('SIGINT');
  return running.exited;
};

/** The lines of `check`'s output that report `status` ("pass", "FAIL", "skip", "could not check"). */
export const linesWith = (output: string, status: string) =>
  output.split('\n').filter((line) => line.startsWith(`${status} `));

/**
 * `logto-ses studio --port N` with N taken: the built CLI prints what to do and exits with status 1
 * by itself, its file watcher, local SES and signal handlers released (anything left open would
 * keep the process running, and a handler left behind would swallow the first Ctrl-C).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { studio } from '../../src/cli/studio/run.js';
import { capture } from '../support/capture-output.js';
import { cliPath } from '../cli/cli.js';

/** Ample for a start-up and an exit on a loaded machine; a process still running then is the bug. */
const exitWithin = 15_000;

/** A templates folder, and a port some other server holds; `run` gets both, and both go after it. */
const withBusyPort = async (run: (folder: string, port: number) => Promise<void>) => {
  const folder = await mkdtemp(join(tmpdir(), 'logto-ses-studio-busy-'));
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  try {
    await mkdir(join(folder, 'en'));
    await writeFile(join(folder, 'en/SignIn.html'), '<!--\nsubject: Code {{code}}\n-->\n<p>{{code}}</p>\n');
    await run(folder, (taken.address() as AddressInfo).port);
  } finally {
    taken.close();
    await rm(folder, { recursive: true });
  }
};

const busyMessage = (port: number) =>
  `Port ${port} on 127.0.0.1 is in use: pass another with --port N (0 picks a free one).\n`;

test('a busy port: the message, then exit status 1 on its own', async () => {
  await withBusyPort(async (folder, port) => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_')));
    const child = spawn(process.execPath, [cliPath, 'studio', '--dir', folder, '--no-open', '--port', String(port)], {
      env,
      timeout: exitWithin,
      killSignal: 'SIGKILL',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
    assert.deepEqual(
      { code, signal, stdout, stderr },
      {
        code: 1,
        signal: null,
        stdout: '',
        stderr: busyMessage(port),
      }
    );
  });
});

test('a busy port gives Ctrl-C back: no SIGINT or SIGTERM handler is left behind', async () => {
  await withBusyPort(async (folder, port) => {
    const before = [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')];
    let code: number | undefined;
    const printed = await capture(async () => {
      code = await studio(['--dir', folder, '--no-open', '--port', String(port)]);
    });
    assert.deepEqual({ code, ...printed }, { code: 1, stdout: '', stderr: busyMessage(port) });
    assert.deepEqual([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')], before);
  });
});

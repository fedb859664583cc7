/**
 * What `logto-ses` prints for `--version`, for help (the tool's and a command's) and for a command
 * that does not exist, run in this process: the exact text, on which stream, and the exit code.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';

import { exitCodes } from '../../src/cli/command.js';
import { check } from '../../src/cli/commands/check.js';
import { runInProcess } from '../support/run-in-process.js';

const toolHelp = async () => {
  const help = await runInProcess(['--help']);
  assert.equal(help.code, exitCodes.success);
  assert.match(help.stdout, /^logto-ses: the Amazon SES connector for Logto, from the command line\n\nUsage: /);
  return help.stdout;
};

describe('--version', () => {
  for (const flag of ['--version', '-v']) {
    test(`${flag} prints package.json's version alone, exit code 0`, async () => {
      const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
        version: string;
      };
      assert.deepEqual(await runInProcess([flag]), { code: exitCodes.success, stdout: `${version}\n`, stderr: '' });
    });
  }
});

describe('help', () => {
  test('help alone is the tool help', async () => {
    assert.deepEqual(await runInProcess(['help']), { code: exitCodes.success, stdout: await toolHelp(), stderr: '' });
  });

  for (const asked of [
    ['help', 'check'],
    ['--help', 'check'],
    ['-h', 'check'],
    ['check', '--help'],
  ]) {
    test(`logto-ses ${asked.join(' ')} prints that command's help, not another's, exit code 0`, async () => {
      assert.deepEqual(await runInProcess(asked), { code: exitCodes.success, stdout: `${check.help}\n`, stderr: '' });
      assert.match(check.help, /^Usage: logto-ses check \[--config FILE\]/m);
    });
  }

  test('help of a command that does not exist: a usage error, with the nearest name and the tool help', async () => {
    const help = await toolHelp();
    assert.deepEqual(await runInProcess(['help', 'mail']), {
      code: exitCodes.usage,
      stdout: '',
      stderr: `Unknown command "mail".\n\n${help}`,
    });
    assert.deepEqual(await runInProcess(['--help', 'chekc']), {
      code: exitCodes.usage,
      stdout: '',
      stderr: `Unknown command "chekc". Did you mean "check"?\n\n${help}`,
    });
  });
});

describe('an unknown command', () => {
  test('is a usage error that names it, then the tool help, on standard error', async () => {
    assert.deepEqual(await runInProcess(['mail', '--to', 'a@example.com']), {
      code: exitCodes.usage,
      stdout: '',
      stderr: `Unknown command "mail".\n\n${await toolHelp()}`,
    });
  });

  test('one edit from a command: the command it most likely meant', async () => {
    const help = await toolHelp();
    for (const [typed, meant] of [
      ['sned', 'send'],
      ['preveiw', 'preview'],
      ['templats', 'templates'],
    ]) {
      assert.deepEqual(await runInProcess([typed!]), {
        code: exitCodes.usage,
        stdout: '',
        stderr: `Unknown command "${typed}". Did you mean "${meant}"?\n\n${help}`,
      });
    }
  });
});

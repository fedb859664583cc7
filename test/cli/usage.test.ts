/**
 * `logto-ses` help, usage errors (exit code 2) and reading the config.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { configFor } from '../support/fixtures.js';
import { runCli } from './cli.js';

const commands = ['send', 'check', 'preview', 'dev'];

describe('help', { concurrency: true }, () => {
  test('--help lists every command, exit code 0', async () => {
    const result = await runCli(['--help']);
    assert.equal(result.code, 0);
    for (const command of commands) {
      assert.match(result.stdout, new RegExp(`^  ${command} +\\S`, 'm'));
    }
  });

  for (const command of commands) {
    test(`${command} --help shows its usage, exit code 0, without doing anything`, async () => {
      const result = await runCli([command, '--help']);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, new RegExp(`^Usage: logto-ses ${command}\\b`, 'm'));
      assert.equal(result.stderr, '');
    });
  }

  test("--version prints package.json's version, exit code 0", async () => {
    const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    const result = await runCli(['--version']);
    assert.deepEqual(result, { code: 0, stdout: `${version}\n`, stderr: '' });
  });

  for (const command of [...commands, 'templates', 'studio']) {
    test(`help ${command} prints what ${command} --help prints, exit code 0`, async () => {
      const [viaHelp, viaFlag] = await Promise.all([runCli(['help', command]), runCli([command, '--help'])]);
      assert.equal(viaHelp.code, 0, viaHelp.stderr);
      assert.match(viaHelp.stdout, new RegExp(`^Usage: logto-ses ${command}\\b`, 'm'));
      assert.deepEqual(viaHelp, viaFlag);
    });
  }

  test('--help after a command and its flags, or after a subcommand: that usage, nothing done', async () => {
    const send = await runCli(['send', '--to', 'a@example.com', '--help']);
    assert.equal(send.code, 0);
    assert.match(send.stdout, /^Usage: logto-ses send --to ADDRESS/m);
    const templates = await runCli(['templates', 'check', '--help']);
    assert.equal(templates.code, 0);
    assert.match(templates.stdout, /^ {7}logto-ses templates check \[--dir email-templates\] \[--config FILE\]$/m);
  });

  test('help alone is the tool help; help of an unknown command is a usage error', async () => {
    const help = await runCli(['help']);
    assert.equal(help.code, 0);
    assert.equal(help.stdout, (await runCli(['--help'])).stdout);
    assert.match(
      help.stdout,
      /^Usage: logto-ses COMMAND \[flags\] +logto-ses help COMMAND \(or COMMAND --help\) for its flags$/m
    );
    const unknown = await runCli(['help', 'mail']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^Unknown command "mail"\.$/m);
    assert.equal(unknown.stdout, '');
  });

  test('no command: the help on standard error, exit code 2', async () => {
    const result = await runCli([]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^Usage: logto-ses COMMAND/m);
  });
});

describe('usage errors: exit code 2, nothing sent', { concurrency: true }, () => {
  const config = JSON.stringify(configFor('http://127.0.0.1:9'));
  const cases: Array<{ args: string[]; stdin?: string; message: RegExp }> = [
    { args: ['mail'], message: /^Unknown command "mail"\.$/m },
    { args: ['sned', '--to', 'a@example.com'], message: /^Unknown command "sned"\. Did you mean "send"\?$/m },
    {
      args: ['send', '--to', 'a@example.com', '--bcc', 'b@example.com'],
      stdin: config,
      message: /^Unknown option '--bcc'\.$/m,
    },
    {
      args: ['check', '--dns-sever', '127.0.0.1'],
      stdin: config,
      message: /^Unknown option '--dns-sever'\. Did you mean '--dns-server'\?$/m,
    },
    { args: ['send'], stdin: config, message: /^--to is required/m },
    {
      args: ['send', '--to', 'a@example.com', '--type', 'signin'],
      stdin: config,
      message: /^--type must be one of SignIn, Register, .*; got "signin"\.$/m,
    },
    {
      args: ['send', '--to', 'a@example.com', '--payload', '{code: 1}'],
      stdin: config,
      message: /^--payload must be a JSON object/m,
    },
    {
      args: ['preview', '--type', 'SignIn', '--payload', '[1]'],
      stdin: config,
      message: /^--payload must be a JSON object, not an array/m,
    },
    { args: ['check', 'extra'], stdin: config, message: /^Unexpected argument 'extra'\.$/m },
    {
      args: ['check', '--config', '/nonexistent/logto-ses.json'],
      message: /^Cannot read the config file \/nonexistent\/logto-ses\.json: no such file\.$/m,
    },
    { args: ['check'], stdin: '', message: /^The config in standard input is empty/m },
    {
      args: ['check'],
      stdin: '{\n  "region": "us-east-1",\n  "templates": []\n  "endpoint": 1\n}',
      message:
        /^The config in standard input is not valid JSON: Expected ',' or '}' after property value at line 4, column 3\.$/m,
    },
    { args: ['dev', '--port', '70000'], message: /^--port must be a port number from 0 to 65535/m },
  ];
  // A bad --to is a usage error in every command that takes one, worded alike.
  for (const [command, ...rest] of [['send'], ['check', '--offline'], ['preview', '--type', 'SignIn']]) {
    cases.push(
      {
        args: [command!, ...rest, '--to', 'Name <a@example.com>'],
        stdin: config,
        message:
          /^--to "Name <a@example\.com>" must be a bare address without a display name: give one bare address, such as user@example\.com\.$/m,
      },
      {
        args: [command!, ...rest, '--to', 'nobody'],
        stdin: config,
        message:
          /^--to "nobody" is not an email address \(expected name@domain\): give one bare address, such as user@example\.com\.$/m,
      }
    );
  }
  for (const { args, stdin, message } of cases) {
    test(`logto-ses ${args.join(' ')}`, async () => {
      const result = await runCli(args, { ...(stdin !== undefined && { stdin }) });
      assert.equal(result.code, 2, result.stdout + result.stderr);
      assert.match(result.stderr, message);
      assert.equal(result.stdout, '');
    });
  }
});

describe('config file', () => {
  let folder: string;
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'logto-ses-usage-'));
  });
  after(async () => {
    await rm(folder, { recursive: true });
  });

  test('--config FILE, --config - and piped standard input read the same config', async () => {
    const path = join(folder, 'config.json');
    const config = JSON.stringify(configFor(undefined));
    await writeFile(path, config);
    const fromFile = await runCli(['check', '--offline', '--config', path]);
    const fromDash = await runCli(['check', '--offline', '--config', '-'], { stdin: config });
    const fromStdin = await runCli(['check', '--offline'], { stdin: config });
    assert.equal(fromFile.code, 0, fromFile.stdout);
    assert.match(
      fromFile.stdout,
      /^Checking the config from .*config\.json \(region us-east-1, the region's SES endpoint\)$/m
    );
    assert.match(fromStdin.stdout, /^Checking the config from standard input \(region us-east-1/m);
    assert.equal(fromFile.stdout.replace(path, 'standard input'), fromStdin.stdout);
    assert.equal(fromDash.stdout, fromStdin.stdout);
  });
});

/**
 * The exit code of each way a command line can end, run in this process (0, 1 and 2), and that a
 * command leaves no SES client behind.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { exitCodes, UsageError, type Command } from '../../src/cli/command.js';
import { runCli } from '../../src/cli/main.js';
import { hideSecret } from '../../src/cli/output.js';
import { cachedClientCount } from '../../src/transport/client-cache.js';
import type { ClientSettings } from '../../src/transport/client-settings.js';
import { sendEmail } from '../../src/transport/send-email.js';
import { capture } from '../support/capture-output.js';
import { within } from '../support/clock.js';
import { keyId, secret } from '../support/fixtures.js';
import { startScriptedSes } from '../support/scripted-ses.js';

describe('exit codes', () => {
  const command = (run: Command['run']): Command => ({ name: 'try', summary: 'a command', help: 'try: help', run });

  const cases: Array<{ name: string; argv: string[]; run?: Command['run']; code: number; printed: RegExp }> = [
    {
      name: 'no command: the help, on standard error',
      argv: [],
      code: exitCodes.usage,
      printed: /^stderr: logto-ses:/,
    },
    {
      name: '--help',
      argv: ['--help'],
      code: exitCodes.success,
      printed: /^stdout: logto-ses:.*\n {2}try {8}a command/s,
    },
    { name: 'an unknown command', argv: ['nope'], code: exitCodes.usage, printed: /^stderr: Unknown command "nope"\./ },
    { name: "a command's --help", argv: ['try', '-h'], code: exitCodes.success, printed: /^stdout: try: help\n$/ },
    {
      name: 'a command that succeeds',
      argv: ['try'],
      run: async () => exitCodes.success,
      code: exitCodes.success,
      printed: /^$/,
    },
    {
      name: 'a command that fails',
      argv: ['try'],
      run: async () => exitCodes.failure,
      code: exitCodes.failure,
      printed: /^$/,
    },
    {
      name: 'a usage error',
      argv: ['try', '--bad'],
      run: async () => {
        throw new UsageError('Unknown flag --bad.');
      },
      code: exitCodes.usage,
      printed: /^stderr: Unknown flag --bad\.\nRun "logto-ses try --help" for its flags\.\n$/,
    },
    {
      name: 'anything else thrown, with a secret in it',
      argv: ['try'],
      run: async () => {
        hideSecret('thrown-secret-1');
        throw new Error('boom near thrown-secret-1');
      },
      code: exitCodes.failure,
      printed: /^stderr: logto-ses try failed: boom near \[redacted\]\n$/,
    },
  ];

  for (const { name, argv, run, code, printed } of cases) {
    test(name, async () => {
      let exitCode: number | undefined;
      const { stdout, stderr } = await capture(async () => {
        exitCode = await runCli(argv, [command(run ?? (async () => assert.fail('not run')))]);
      });
      assert.equal(exitCode, code);
      assert.match(stdout ? `stdout: ${stdout}` : stderr ? `stderr: ${stderr}` : '', printed);
    });
  }

  test("the tool's help lists every command, one a line, in order", async () => {
    let exitCode: number | undefined;
    const { stdout } = await capture(async () => {
      exitCode = await runCli(['--help']);
    });
    assert.equal(exitCode, exitCodes.success);
    assert.deepEqual(
      stdout
        .split('\n')
        .filter((line) => /^ {2}\w/.test(line))
        .map((line) => line.trim().split(/\s+/, 1)[0]),
      ['send', 'check', 'trace', 'preview', 'dev', 'templates', 'studio']
    );
  });

  test('a command leaves no SES client (and no keep-alive socket) behind', async () => {
    const ses = await startScriptedSes();
    try {
      const sending: Command = {
        name: 'sends',
        summary: '',
        help: '',
        run: async () => {
          const settings: ClientSettings = { region: 'us-east-1', endpoint: ses.url, timeoutMs: 5000, maxAttempts: 1 };
          settings.credentials = { accessKeyId: keyId, secretAccessKey: secret };
          await sendEmail(settings, {
            Destination: { ToAddresses: ['a@example.com'] },
            Content: { Simple: { Subject: { Data: 's' }, Body: { Text: { Data: 't' } } } },
          });
          assert.equal(cachedClientCount(), 1);
          return exitCodes.success;
        },
      };
      await capture(async () => runCli(['sends'], [sending]));
      assert.equal(cachedClientCount(), 0);
      await within(ses.allClosed(), 'the socket closing');
    } finally {
      await ses.close();
    }
  });

  test('the exit codes are 0, 1 and 2', () => {
    assert.deepEqual(exitCodes, { success: 0, failure: 1, usage: 2 });
  });
});

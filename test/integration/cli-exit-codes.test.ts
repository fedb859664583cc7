/**
 * The CLI's own guards, run in this process: the redaction of everything it prints (whatever the
 * connector already redacted), and the exit code of each way a command line can end.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { exitCodes, UsageError, type Command } from '../../src/cli/command.js';
import { runCli } from '../../src/cli/main.js';
import { confidentialKeys, hideSecret, print, printError } from '../../src/cli/output.js';
import { readConfig } from '../../src/cli/read-config.js';
import { cachedClientCount } from '../../src/transport/client-cache.js';
import type { ClientSettings } from '../../src/transport/client-settings.js';
import { sendEmail } from '../../src/transport/send-email.js';
import { markStsFailures } from '../../src/transport/sts-credentials.js';
import { capture } from '../support/capture-output.js';
import { within } from '../support/clock.js';
import { startScriptedSes } from '../support/scripted-ses.js';

let folder: string;
before(async () => {
  folder = await mkdtemp(join(tmpdir(), 'logto-ses-cli-'));
});
after(async () => {
  await rm(folder, { recursive: true, force: true });
});

const configFile = async (name: string, text: string) => {
  const path = join(folder, name);
  await writeFile(path, text);
  return path;
};

describe("the CLI's own secret guard", () => {
  test('hides the fields the console form marks confidential', () => {
    assert.deepEqual(confidentialKeys, ['accessKeySecret', 'sessionToken']);
  });

  test('whatever is printed after a config is read shows neither its secret nor its session token', async () => {
    const path = await configFile(
      'config.json',
      JSON.stringify({ accessKeyId: 'AKIAREAD1', accessKeySecret: 'read-secret-1', sessionToken: 'read-token-1' })
    );
    await readConfig(path);
    const printed = await capture(() => {
      print('out: read-secret-1 and read-token-1');
      printError('err: read-secret-1 / read-token-1');
    });
    assert.deepEqual(printed, { stdout: 'out: [redacted] and [redacted]\n', stderr: 'err: [redacted] / [redacted]\n' });
  });

  test('hides a secret as JSON escapes it and as it reads, before the text is parsed', async () => {
    const path = await configFile('escaped.json', '{"accessKeySecret": "esc\\/aped\\u0041-secret", oops}');
    await assert.rejects(readConfig(path), UsageError);
    const printed = await capture(() => print('esc\\/aped\\u0041-secret esc/apedA-secret'));
    assert.equal(printed.stdout, '[redacted] [redacted]\n');
  });

  test('hides a secret in each form an endpoint may echo it in, on standard output and error alike', async () => {
    const m2m = 'm2m-app-secret-0123456789abcdef';
    hideSecret(m2m);
    const forms = [
      `client_secret=${encodeURIComponent(m2m)}`,
      Buffer.from(`app-id:${m2m}`).toString('base64'),
      Buffer.from(m2m).toString('base64url'),
    ];
    const printed = await capture(() => {
      print(forms.join(' '));
      printError(JSON.stringify({ echoed: forms }));
    });
    assert.doesNotMatch(printed.stdout + printed.stderr, /m2m-app|bTJtLWFwc|hcHAtc2VjcmV0LTAx/);
    assert.match(printed.stdout, /^client_secret=\[redacted\] \S*\[redacted\]\S* \[redacted\]\n$/);
  });

  test('hides the keys STS issued for a role, which no config or environment holds', async () => {
    const issued = {
      accessKeyId: 'ASIAISSUED',
      secretAccessKey: 'sts-issued-secret-0123456789',
      sessionToken: 'sts-issued-token-0123456789',
    };
    await markStsFailures(async () => issued, 'us-east-1')();
    const printed = await capture(() => print(`${issued.secretAccessKey} ${encodeURIComponent(issued.sessionToken)}`));
    assert.equal(printed.stdout, '[redacted] [redacted]\n');
  });

  test('print() without text writes an empty line', async () => {
    assert.equal((await capture(() => print())).stdout, '\n');
  });

  test('ignores an empty secret, which would otherwise redact between every character', async () => {
    hideSecret('');
    hideSecret(undefined);
    hideSecret(42);
    const printed = await capture(() => print('plain text 42'));
    assert.equal(printed.stdout, 'plain text 42\n');
  });

  test("hides the default chain's keys from the environment", async () => {
    process.env.AWS_SECRET_ACCESS_KEY = 'env-secret-1';
    process.env.AWS_SESSION_TOKEN = 'env-token-1';
    try {
      const leaky: Command = {
        name: 'leaky',
        summary: '',
        help: '',
        run: async () => {
          print(`${process.env.AWS_SECRET_ACCESS_KEY} ${process.env.AWS_SESSION_TOKEN}`);
          return exitCodes.success;
        },
      };
      const printed = await capture(async () => runCli(['leaky'], [leaky]));
      assert.equal(printed.stdout, '[redacted] [redacted]\n');
    } finally {
      delete process.env.AWS_SECRET_ACCESS_KEY;
      delete process.env.AWS_SESSION_TOKEN;
    }
  });
});

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
          settings.credentials = { accessKeyId: 'AKIACLI1', secretAccessKey: 'cli-secret' };
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

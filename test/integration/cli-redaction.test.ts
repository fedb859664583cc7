/**
 * The CLI's own secret guard, run in this process: everything it prints is redacted, whatever the
 * connector already redacted (the config's fields, the environment's keys, what STS issued, every
 * form an endpoint may echo a secret in).
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { exitCodes, UsageError, type Command } from '../../src/cli/command.js';
import { runCli } from '../../src/cli/main.js';
import { confidentialKeys, hideSecret, print, printError, printLine } from '../../src/cli/output.js';
import { readConfig } from '../../src/cli/read-config.js';
import { markStsFailures } from '../../src/transport/sts-credentials.js';
import { capture } from '../support/capture-output.js';

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

  test('printLine writes a line break in what it quotes out, after redacting, so it cannot forge a line', async () => {
    hideSecret('line-secret-0123456789');
    const printed = await capture(() => {
      printLine('found: "a\r\nline-secret-0123456789\nb"\u001b[2J');
      printLine('plain');
    });
    assert.deepEqual(printed, { stdout: 'found: "a\\u000d\\u000a[redacted]\\u000ab"\\u001b[2J\nplain\n', stderr: '' });
  });

  test("writes to the process's own standard output and error when no test points it elsewhere", (t) => {
    const written: string[] = [];
    const stdout = t.mock.method(process.stdout, 'write', (chunk: unknown) => {
      written.push(`stdout: ${String(chunk)}`);
      return true;
    });
    const stderr = t.mock.method(process.stderr, 'write', (chunk: unknown) => {
      written.push(`stderr: ${String(chunk)}`);
      return true;
    });
    try {
      print('a line');
      printLine('one line');
      printError('an error');
    } finally {
      stdout.mock.restore();
      stderr.mock.restore();
    }
    assert.deepEqual(written, ['stdout: a line\n', 'stdout: one line\n', 'stderr: an error\n']);
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

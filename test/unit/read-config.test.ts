/** Reading the connector config for `send`, `check` and `preview`: every way it can go, in-process. */
import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test, type TestContext } from 'node:test';

import { UsageError } from '../../src/cli/command.js';
import { print } from '../../src/cli/output.js';
import { readConfig } from '../../src/cli/read-config.js';
import { capture } from '../support/capture-output.js';

let folder: string;
before(async () => {
  folder = await mkdtemp(join(tmpdir(), 'logto-ses-read-config-'));
});
after(async () => {
  await rm(folder, { recursive: true, force: true });
});

const fileWith = async (name: string, text: string) => {
  const path = join(folder, name);
  await writeFile(path, text);
  return path;
};

/** Standard input as piped text, or as a terminal (isTTY) when `text` is undefined. */
const stdinFrom = (t: TestContext, text: string | undefined) => {
  const stdin = Object.assign(Readable.from(text === undefined ? [] : [Buffer.from(text)]), {
    isTTY: text === undefined,
  });
  t.mock.getter(process, 'stdin', () => stdin as unknown as typeof process.stdin);
};

/**
 * Runs `action` as the user "nobody" when the test runs as root, which may read any file: a file
 * with mode 0 is then as unreadable as it is to anyone else.
 */
const asAnotherUser = async <T>(action: () => Promise<T>): Promise<T> => {
  if (process.geteuid?.() !== 0) {
    return action();
  }
  process.seteuid!('nobody');
  try {
    return await action();
  } finally {
    process.seteuid!(0);
  }
};

const usageErrorOf = async (reading: Promise<unknown>): Promise<string> => {
  try {
    await reading;
  } catch (error: unknown) {
    assert.ok(error instanceof UsageError, `not a UsageError: ${String(error)}`);
    assert.equal(error.name, 'UsageError');
    return error.message;
  }
  assert.fail('the config was read');
};

describe('readConfig', () => {
  test('a file: its JSON object, and the path as the source', async () => {
    const path = await fileWith('ok.json', '{"region": "eu-west-1", "templates": []}');
    assert.deepEqual(await readConfig(path), { source: path, config: { region: 'eu-west-1', templates: [] } });
  });

  test('a byte order mark, as some editors write, is not an error', async () => {
    const path = await fileWith('bom.json', '\uFEFF{"region": "eu-west-1"}');
    assert.deepEqual((await readConfig(path)).config, { region: 'eu-west-1' });
  });

  test('only a leading byte order mark is dropped: one inside a value stays in it', async () => {
    const path = await fileWith('inner-bom.json', '{"fromName": "a\uFEFFb"}');
    assert.deepEqual((await readConfig(path)).config, { fromName: 'a\uFEFFb' });
  });

  test('JSON that is not an object is returned as it is, for the connector to refuse', async () => {
    for (const [name, text, value] of [
      ['null.json', 'null', null],
      ['string.json', '"us-east-1"', 'us-east-1'],
      ['array.json', '[1]', [1]],
    ] as const) {
      assert.deepEqual((await readConfig(await fileWith(name, text))).config, value, name);
    }
  });

  test('standard input, with no path or "-", when it is piped', async (t) => {
    stdinFrom(t, '{"region": "us-east-1"}');
    assert.deepEqual(await readConfig(undefined), { source: 'standard input', config: { region: 'us-east-1' } });
    stdinFrom(t, '{"region": "ap-south-1"}');
    assert.deepEqual(await readConfig('-'), { source: 'standard input', config: { region: 'ap-south-1' } });
  });

  test('a terminal on standard input: a usage error saying how to pass the config', async (t) => {
    stdinFrom(t, undefined);
    assert.equal(
      await usageErrorOf(readConfig(undefined)),
      'No config: pass --config FILE, or pipe the connector config (JSON) into standard input.'
    );
  });

  test('a file that cannot be read: a usage error naming the file and why', async () => {
    const missing = join(folder, 'missing.json');
    assert.equal(await usageErrorOf(readConfig(missing)), `Cannot read the config file ${missing}: no such file.`);
    const directory = join(folder, 'a-directory');
    await mkdir(directory);
    assert.equal(
      await usageErrorOf(readConfig(directory)),
      `Cannot read the config file ${directory}: it is a directory.`
    );
    const locked = await fileWith('locked.json', '{}');
    await chmod(locked, 0o000);
    assert.equal(
      await usageErrorOf(asAnotherUser(() => readConfig(locked))),
      `Cannot read the config file ${locked}: permission denied.`
    );
    const underFile = join(await fileWith('plain.json', '{}'), 'config.json');
    assert.equal(await usageErrorOf(readConfig(underFile)), `Cannot read the config file ${underFile}: ENOTDIR.`);
  });

  test('an empty config: a usage error saying what was expected', async () => {
    const path = await fileWith('empty.json', ' \n\t');
    assert.equal(
      await usageErrorOf(readConfig(path)),
      `The config in ${path} is empty: expected the connector config as a JSON object.`
    );
  });

  test('bad JSON: the problem and its line and column, without the text around it', async () => {
    const cases = [
      ['two-lines.json', '{\n  oops}', "Expected property name or '}' at line 2, column 3"],
      ['trailing-comma.json', '{"a": 1,}', 'Expected double-quoted property name at line 1, column 9'],
      ['cut-short.json', '{"a":', 'Unexpected end of JSON input'],
      ['unquoted.json', '{"region": eu-west-1}', "Unexpected token 'e'"],
      [
        'missing-comma.json',
        '{\n  "region": "us-east-1",\n  "templates": []\n  "endpoint": 1\n}',
        "Expected ',' or '}' after property value at line 4, column 3",
      ],
      ['past-ten.json', '{"region": "us-east-1",}', 'Expected double-quoted property name at line 1, column 24'],
      ['after-the-object.json', '{}\n\n   {}', 'Unexpected non-whitespace character after JSON at line 3, column 4'],
      ['crlf.json', '{\r\n  "a": 1\r\n  }}', 'Unexpected non-whitespace character after JSON at line 3, column 4'],
      // The text V8 quotes, dropped before the position is looked for, may itself name one.
      ['quoting.json', '[x, "at position 3"]', "Unexpected token 'x'"],
    ] as const;
    for (const [name, text, problem] of cases) {
      const path = await fileWith(name, text);
      assert.equal(await usageErrorOf(readConfig(path)), `The config in ${path} is not valid JSON: ${problem}.`);
    }
  });

  test('a secret with an escape JSON does not know: bad JSON, and the secret hidden as it is written', async () => {
    const path = await fileWith('bad-escape.json', '{"accessKeySecret": "bad\\x-escape-secret-1"}');
    assert.equal(
      await usageErrorOf(readConfig(path)),
      `The config in ${path} is not valid JSON: Bad escaped character at line 1, column 26.`
    );
    assert.equal((await capture(() => print('bad\\x-escape-secret-1'))).stdout, '[redacted]\n');
  });

  test('a secret is hidden from later output even when its key is written with a JSON escape', async () => {
    await readConfig(await fileWith('escaped-key.json', '{"access\\u004BeySecret": "escaped-key-secret-1"}'));
    assert.equal((await capture(() => print('escaped-key-secret-1'))).stdout, '[redacted]\n');
  });
});

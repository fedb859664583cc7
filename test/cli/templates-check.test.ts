/**
 * `logto-ses templates check`: push's checks of a templates folder with no Logto at all. No
 * LOGTO_* variable and no connection flag is given, so a command that wanted Logto would stop
 * with "No Logto to talk to".
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { configFor } from '../support/fixtures.js';
import { runCli } from '../cli/cli.js';

describe('templates check', () => {
  let work: string;
  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'logto-ses-templates-check-'));
  });
  after(async () => {
    await rm(work, { recursive: true });
  });

  /** A folder holding `files` (relative path → text). */
  const folderWith = async (name: string, files: Record<string, string>) => {
    const folder = join(work, name);
    for (const [path, text] of Object.entries(files)) {
      await mkdir(join(folder, path, '..'), { recursive: true });
      await writeFile(join(folder, path), text);
    }
    return folder;
  };

  const signIn = '<!--\nsubject: Your code\n-->\n<p>Your code is {{code}}.</p>\n';
  const connectorGeneric = '<!--\nsubject: Code {{code}}\n-->\n<p>{{code}}</p>\n';

  test('a folder without problems: exit code 0, without any Logto', async () => {
    const folder = await folderWith('good', { 'en/SignIn.html': signIn, '_connector/Generic.html': connectorGeneric });
    const result = await runCli(['templates', 'check', '--dir', folder]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(
      result.stdout,
      `Checked 2 templates in ${folder}/: each renders for its type with Logto's sample payload, no problems.\n`
    );
    assert.equal(result.stderr, '');
  });

  test('each problem push would refuse, one FAIL line each, and exit code 1', async () => {
    const folder = await folderWith('problems', {
      'en/SignIn.html': signIn,
      'fr/Register.html': '<!--\nsubject: " "\n-->\n<p>Bonjour {{cdoe}}</p>\n',
    });
    const result = await runCli(['templates', 'check', '--dir', folder]);
    assert.equal(result.code, 1);
    assert.equal(
      result.stdout,
      [
        'FAIL  fr/Register.html: the subject is empty',
        "FAIL  fr/Register.html: unknown placeholder {{cdoe}}: Logto's payload for Register has code, locale, uiLocales, application, organization",
        `2 problems in ${folder}/ (2 templates checked); push would send nothing.`,
        '',
      ].join('\n')
    );
  });

  test("with --config, the addresses are checked against the config's sender", async () => {
    const folder = await folderWith('sender', {
      'en/SignIn.html': '<!--\nsubject: Code\nsendFrom: Acme\n-->\n<p>{{code}}</p>\n',
    });
    const configFile = join(work, 'no-sender.json');
    await writeFile(configFile, JSON.stringify(configFor(undefined, { emailAddress: undefined })));
    const withConfig = await runCli(['templates', 'check', '--dir', folder, '--config', configFile]);
    assert.equal(withConfig.code, 1, withConfig.stdout);
    assert.match(
      withConfig.stdout,
      /^FAIL {2}en\/SignIn\.html: emailAddress is required: the custom template sets only a sender name, so the connector needs an SES-verified sender address\. \(invalid_config\)$/m
    );
    const without = await runCli(['templates', 'check', '--dir', folder]);
    assert.equal(without.code, 0, without.stdout);
  });

  test('an invalid config: exit code 1, naming the field', async () => {
    const folder = await folderWith('bad-config', { 'en/SignIn.html': signIn });
    const configFile = join(work, 'bad.json');
    await writeFile(configFile, JSON.stringify(configFor(undefined, { region: 'Frankfurt' })));
    const result = await runCli(['templates', 'check', '--dir', folder, '--config', configFile]);
    assert.equal(result.code, 1);
    assert.equal(
      result.stderr,
      `Check failed: the config in ${configFile}: Invalid AWS SES connector config: region must be an AWS region code such as us-east-1. (invalid_config)\n`
    );
  });

  test('no folder: a usage error, exit code 2', async () => {
    const missing = join(work, 'missing');
    const result = await runCli(['templates', 'check', '--dir', missing]);
    assert.equal(result.code, 2);
    assert.equal(
      result.stderr,
      `No templates folder at ${missing}: run "logto-ses templates pull" first, or pass --dir.\nRun "logto-ses templates --help" for its flags.\n`
    );
  });
});

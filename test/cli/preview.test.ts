/**
 * `logto-ses preview`: what it prints is what the connector would hand to SES.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { TemplateType } from '@logto/connector-kit';

import { parseConfig } from '../../src/config/config.js';
import { composeSendEmailInput } from '../../src/message/compose.js';
import { chooseTemplate } from '../../src/message/template.js';

import { configFor, runCli, runWithConfig } from './cli.js';

const config = configFor(undefined, {
  emailAddress: 'Équipe Logto <noreply@bücher.example>',
  replyTo: 'Support <support@example.com>',
  configurationSetName: 'logto',
  templates: [
    {
      usageType: 'SignIn',
      subject: 'Sign in with {{code}}',
      content: '<p>Hello {{user}}, your code is <b>{{code}}</b> ({{locale}}).</p>',
    },
    { usageType: 'Generic', subject: 'Plain {{code}}', content: 'Code: {{code}}', contentType: 'text/plain' },
  ],
});

/** The part of preview's output between its heading and the next one (or the end). */
const section = (stdout: string, heading: string) => {
  const start = stdout.indexOf(`--- ${heading} ---\n`);
  assert.notEqual(start, -1, `no "${heading}" section in:\n${stdout}`);
  const body = stdout.slice(start + heading.length + 9);
  const end = body.indexOf('\n\n--- ');
  return (end === -1 ? body : body.slice(0, end)).replace(/\n$/, '');
};

describe('preview', { concurrency: true }, () => {
  let folder: string;
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'logto-ses-preview-'));
  });
  after(async () => {
    await rm(folder, { recursive: true });
  });

  test('prints the headers, HTML and text exactly as the connector composes them', async () => {
    const result = await runWithConfig(
      ['preview', '--type', 'SignIn', '--code', '123456', '--locale', 'de', '--payload', '{"user":"<Ada>"}'],
      config
    );
    assert.equal(result.code, 0, result.stderr);

    const input = composeSendEmailInput(parseConfig(config), chooseTemplate(TemplateType.SignIn, config.templates), {
      to: 'user@example.com',
      type: TemplateType.SignIn,
      payload: { code: '123456', locale: 'de', user: '<Ada>' },
    });
    const { Subject, Body } = input.Content!.Simple!;
    assert.match(result.stdout, /^From: +=\?UTF-8\?Q\?=C3=89quipe_Logto\?= <noreply@xn--bcher-kva\.example>$/m);
    assert.match(result.stdout, /^To: +user@example\.com$/m);
    assert.match(result.stdout, /^Reply-To: +Support <support@example\.com>$/m);
    assert.match(result.stdout, /^Subject: +Sign in with 123456$/m);
    assert.match(result.stdout, /^Configuration set: +logto$/m);
    assert.match(result.stdout, /^Tags: +logto-usage-type=SignIn$/m);
    assert.equal(Subject?.Data, 'Sign in with 123456');
    assert.equal(section(result.stdout, 'HTML part'), Body?.Html?.Data);
    assert.equal(section(result.stdout, 'Text part'), Body?.Text?.Data);
    assert.match(section(result.stdout, 'HTML part'), /Hello &lt;Ada&gt;, your code is <b>123456<\/b> \(de\)/);
  });

  test('--out writes the HTML part to a file instead of printing it', async () => {
    const out = join(folder, 'sign-in.html');
    const result = await runWithConfig(['preview', '--type', 'SignIn', '--out', out], config);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(await readFile(out, 'utf8'), '<p>Hello {{user}}, your code is <b>000000</b> ({{locale}}).</p>');
    assert.match(
      result.stdout,
      new RegExp(`^HTML part: written to ${out.replaceAll(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\(\\d+ bytes\\)$`, 'm')
    );
    assert.doesNotMatch(result.stdout, /--- HTML part ---/);
  });

  test('a text/plain template has no HTML to write: exit code 1, no file', async () => {
    const out = join(folder, 'generic.html');
    const result = await runWithConfig(['preview', '--type', 'Generic', '--out', out], config);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /the Generic template is text\/plain, so there is no HTML part to write/);
    await assert.rejects(stat(out), { code: 'ENOENT' });
  });

  test('a type without its own template previews the Generic one, as the connector sends it', async () => {
    const result = await runWithConfig(['preview', '--type', 'Register'], config);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^Subject: +Plain 000000$/m);
    assert.match(result.stdout, /^Tags: +logto-usage-type=Register$/m);
    assert.equal(section(result.stdout, 'Text part'), 'Code: 000000');
  });

  test("no template at all: the connector's template_not_found, exit code 1", async () => {
    const result = await runWithConfig(['preview', '--type', 'Register'], { ...config, templates: [] });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^Preview failed: No template for usage type "Register".*\(template_not_found\)$/m);
  });

  test('--type is required', async () => {
    const result = await runCli(['preview'], { stdin: JSON.stringify(config) });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^--type is required/m);
  });
});

/**
 * `logto-ses preview`: what it prints is what the connector would hand to SES.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { configFor } from '../support/fixtures.js';
import { runCli, runWithConfig } from './cli.js';

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
    assert.equal(
      result.stdout,
      [
        'From:               =?UTF-8?Q?=C3=89quipe_Logto?= <noreply@xn--bcher-kva.example>',
        'To:                 user@example.com',
        'Reply-To:           Support <support@example.com>',
        'Subject:            Sign in with 123456',
        'Configuration set:  logto',
        'Tags:               logto-usage-type=SignIn',
        '',
        '--- HTML part ---',
        '<p>Hello &lt;Ada&gt;, your code is <b>123456</b> (de).</p>',
        '',
        '--- Text part ---',
        'Hello <Ada>, your code is 123456 (de).',
        '',
      ].join('\n')
    );
    assert.equal(result.stderr, '');
  });

  test('--out writes the HTML part to a file instead of printing it', async () => {
    const out = join(folder, 'sign-in.html');
    const result = await runWithConfig(['preview', '--type', 'SignIn', '--out', out], config);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(await readFile(out, 'utf8'), '<p>Hello {{user}}, your code is <b>000000</b> ({{locale}}).</p>');
    assert.equal(
      result.stdout,
      [
        'From:               =?UTF-8?Q?=C3=89quipe_Logto?= <noreply@xn--bcher-kva.example>',
        'To:                 user@example.com',
        'Reply-To:           Support <support@example.com>',
        'Subject:            Sign in with 000000',
        'Configuration set:  logto',
        'Tags:               logto-usage-type=SignIn',
        '',
        `HTML part: written to ${out} (63 bytes)`,
        '',
        '--- Text part ---',
        'Hello {{user}}, your code is 000000 ({{locale}}).',
        '',
      ].join('\n')
    );
  });

  test('a text/plain template has no HTML to write: exit code 1, no file', async () => {
    const out = join(folder, 'generic.html');
    const result = await runWithConfig(['preview', '--type', 'Generic', '--out', out], config);
    assert.equal(result.code, 1);
    assert.equal(
      result.stderr,
      `Preview failed: the Generic template is text/plain, so there is no HTML part to write to ${out}.\n`
    );
    await assert.rejects(stat(out), { code: 'ENOENT' });
  });

  test('a type without its own template previews the Generic one, as the connector sends it', async () => {
    const result = await runWithConfig(['preview', '--type', 'Register'], config);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(
      result.stdout,
      [
        'From:               =?UTF-8?Q?=C3=89quipe_Logto?= <noreply@xn--bcher-kva.example>',
        'To:                 user@example.com',
        'Reply-To:           Support <support@example.com>',
        'Subject:            Plain 000000',
        'Configuration set:  logto',
        'Tags:               logto-usage-type=Register',
        '',
        '--- HTML part ---',
        '(none: the template is text/plain)',
        '',
        '--- Text part ---',
        'Code: 000000',
        '',
      ].join('\n')
    );
  });

  test("no template at all: the connector's template_not_found, exit code 1", async () => {
    const result = await runWithConfig(['preview', '--type', 'Register'], { ...config, templates: [] });
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.equal(
      result.stderr,
      'Preview failed: No template for usage type "Register" and no "Generic" template to fall back to: add one to the connector\'s templates. (template_not_found)\n'
    );
  });

  test('--type is required', async () => {
    const result = await runCli(['preview'], { stdin: JSON.stringify(config) });
    assert.equal(result.code, 2);
    assert.equal(
      result.stderr,
      '--type is required: one of SignIn, Register, ForgotPassword, OrganizationInvitation, Generic, UserPermissionValidation, BindNewIdentifier, MfaVerification, BindMfa.\nRun "logto-ses preview --help" for its flags.\n'
    );
  });
});

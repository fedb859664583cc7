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

/** A tenant per organization (with a default), tracking off, and two headers filled from the payload. */
const sendingConfig = configFor(undefined, {
  configurationSetName: 'logto',
  tenantName: '{{organization.id}}',
  tenants: { org_abc: 'acme' },
  defaultTenantName: 'shared',
  tracking: 'off',
  customHeaders: [
    { name: 'X-Organization', value: '{{organization.name}}' },
    { name: 'X-Entity-Ref-ID', value: '{{organization.id}}-{{code}}' },
  ],
  templates: [{ usageType: 'Generic', subject: 'Code {{code}}', content: 'Code: {{code}}', contentType: 'text/plain' }],
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
        'Tracking:           not overridden: configuration set logto decides',
        'Tags:               logto-usage-type=SignIn, logto-locale=de',
        'Headers:            Auto-Submitted: auto-generated',
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

  test('shows the tenant, tracking, tags and headers the message gets, each value from the SendEmail input', async () => {
    const result = await runWithConfig(
      [
        'preview',
        '--type',
        'OrganizationInvitation',
        '--locale',
        'fr',
        '--payload',
        '{"organization":{"id":"org_abc","name":"Acme"},"application":{"id":"app_1"},"inviter":{"id":"u_1"}}',
      ],
      sendingConfig
    );
    assert.equal(result.code, 0, result.stderr);
    assert.equal(
      result.stdout,
      [
        'From:               Logto <noreply@example.com>',
        'To:                 user@example.com',
        'Subject:            Code 000000',
        'Configuration set:  logto',
        'Tenant:             acme',
        'Tracking:           open DISABLED, click DISABLED (overrides the configuration set)',
        'Tags:               logto-usage-type=OrganizationInvitation, logto-locale=fr, logto-application=app_1, logto-organization=org_abc',
        'Headers:            Auto-Submitted: auto-generated',
        '                    X-Organization: Acme',
        '                    X-Entity-Ref-ID: org_abc-000000',
        '',
        '--- HTML part ---',
        '(none: the template is text/plain)',
        '',
        '--- Text part ---',
        'Code: 000000',
        '',
      ].join('\n')
    );
    assert.equal(result.stderr, '');
  });

  test('an organization the table lacks goes under the default tenant; without one in the payload, too', async () => {
    for (const payload of ['{"organization":{"id":"org_other"}}', '{}']) {
      const result = await runWithConfig(['preview', '--type', 'SignIn', '--payload', payload], sendingConfig);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^Tenant: {13}shared$/m, payload);
    }
  });

  test('a payload value SES refuses as a tenant name: no Tenant line, and the note the connector would log once', async () => {
    const { tenants: _tenants, defaultTenantName: _default, ...withoutTable } = sendingConfig;
    const result = await runWithConfig(
      ['preview', '--type', 'SignIn', '--payload', '{"organization":{"id":"org abc!"}}'],
      withoutTable
    );
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.split('\n');
    assert.equal(lines.filter((line) => line.startsWith('Tenant:')).length, 0);
    assert.equal(
      lines.find((line) => line.startsWith('Note:')),
      'Note:               tenantName: payload.organization.id held a value that is not an SES tenant name: 1 to 64 letters, digits, "-" or "_", so the mail was sent without a tenant. Map such values to tenant names in tenants.'
    );
  });

  test('a header value filled from the payload with control characters and bidi controls stays one line, nothing raw', async () => {
    const name = 'Acme \u001b[2J\r\nX-Fake: 1 \u202eevil';
    const result = await runWithConfig(
      ['preview', '--type', 'SignIn', '--payload', JSON.stringify({ organization: { id: 'org_abc', name } })],
      sendingConfig
    );
    assert.equal(result.code, 0, result.stderr);
    for (const raw of ['\u001b', '\r', '\u202e']) {
      assert.ok(!result.stdout.includes(raw), `U+${raw.charCodeAt(0).toString(16)} reached the terminal`);
    }
    assert.deepEqual(
      result.stdout.split('\n').filter((line) => /^(Headers:| {20}\S)/.test(line)),
      [
        'Headers:            Auto-Submitted: auto-generated',
        '                    X-Organization: =?UTF-8?Q?Acme_=5B2J_X-Fake=3A_1_=E2=80=AEevil?=',
        '                    X-Entity-Ref-ID: org_abc-000000',
      ]
    );
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
        'Tracking:           not overridden: configuration set logto decides',
        'Tags:               logto-usage-type=SignIn',
        'Headers:            Auto-Submitted: auto-generated',
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
        'Tracking:           not overridden: configuration set logto decides',
        'Tags:               logto-usage-type=Register',
        'Headers:            Auto-Submitted: auto-generated',
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

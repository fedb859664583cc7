/**
 * `logto-ses templates pull|push`, the built CLI as a child process, against the local Management
 * API (test/support/management-api.ts) through Logto's own client.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';

import { createManagementApi } from '@logto/api/management';

import { configFor, secret } from '../support/fixtures.js';
import { runCli } from './cli.js';
import { managementApiIndicator, startManagementApi, type ManagementApi } from '../support/management-api.js';

const appId = 'm2m-templates-app';
const noAccessAppId = 'm2m-no-role';

const seed = [
  {
    languageTag: 'en',
    templateType: 'SignIn',
    details: {
      subject: 'Your {{application.displayName}} sign-in code',
      content: '<html>\n<body>\n<p>Hi {{user.name}},</p>\n<p>Your code is <b>{{code}}</b>.</p>\n</body>\n</html>\n',
      contentType: 'text/html',
      sendFrom: 'Acme Sign-in <signin@acme.example>',
      replyTo: 'Acme Support <support@acme.example>',
    },
  },
  {
    languageTag: 'fr',
    templateType: 'SignIn',
    details: {
      subject: 'Votre code de connexion',
      content: '<p>Bonjour,</p>\n<p>Votre code : <b>{{code}}</b></p>\n<p>Il expire dans 10 minutes.</p>\n',
    },
  },
  {
    languageTag: 'fr',
    templateType: 'Generic',
    details: { subject: 'Votre code', content: 'Votre code : {{code}}\n', contentType: 'text/plain' },
  },
  {
    languageTag: 'de',
    templateType: 'OrganizationInvitation',
    details: {
      subject: 'Einladung zu {{organization.name}}',
      content: '<p>{{inviter.name}} lädt Sie ein: <a href="{{link}}">Einladung annehmen</a></p>',
      sendFrom: '{{organization.name}}',
    },
  },
];

/** Every file under `folder`, by relative path, with its bytes as text. */
const snapshot = async (folder: string): Promise<Record<string, string>> => {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile());
  return Object.fromEntries(
    await Promise.all(
      files.map(async (entry) => {
        const path = join(entry.parentPath, entry.name);
        return [relative(folder, path), await readFile(path, 'utf8')] as const;
      })
    )
  );
};

describe('templates pull and push', () => {
  let api: ManagementApi;
  let work: string;
  const env = (overrides: Record<string, string> = {}) => ({
    LOGTO_ENDPOINT: api.url,
    LOGTO_M2M_APP_ID: appId,
    LOGTO_M2M_APP_SECRET: secret,
    ...overrides,
  });
  const templates = (folder: string, args: string[], extraEnv?: Record<string, string>) =>
    runCli(['templates', ...args, '--dir', folder], { env: env(extraEnv) });

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'logto-ses-templates-'));
  });
  beforeEach(async () => {
    await api?.stop();
    api = await startManagementApi({
      apps: [
        { id: appId, secret: secret, managementApiAccess: true },
        { id: noAccessAppId, secret: secret, managementApiAccess: false },
      ],
      templates: seed,
      fallbackLanguage: 'fr',
    });
  });
  after(async () => {
    await api.stop();
    await rm(work, { recursive: true });
  });

  test('pull → edit → push --dry-run shows exactly that change → push → pull gives identical files', async () => {
    const folder = join(work, 'round-trip');
    const pulled = await templates(folder, ['pull']);
    assert.equal(pulled.code, 0, pulled.stderr);
    assert.match(pulled.stdout, /^Pulled 4 custom email templates from http:\/\/127\.0\.0\.1:\d+ into /m);
    assert.deepEqual(Object.keys(await snapshot(folder)).sort(), [
      'de/OrganizationInvitation.html',
      'en/SignIn.html',
      'fr/Generic.txt',
      'fr/SignIn.html',
      'logto.json',
    ]);
    assert.equal(await readFile(join(folder, 'logto.json'), 'utf8'), '{\n  "fallbackLanguage": "fr"\n}\n');
    assert.match(pulled.stdout, /^ {2}wrote {6}logto\.json \(the sign-in experience's fallback language: fr\)$/m);
    assert.equal(
      await readFile(join(folder, 'en/SignIn.html'), 'utf8'),
      `<!--
subject: Your {{application.displayName}} sign-in code
contentType: text/html
sendFrom: Acme Sign-in <signin@acme.example>
replyTo: Acme Support <support@acme.example>
-->
${seed[0]!.details.content}`
    );
    assert.equal(
      await readFile(join(folder, 'fr/Generic.txt'), 'utf8'),
      '<!--\nsubject: Votre code\n-->\nVotre code : {{code}}\n'
    );

    const file = join(folder, 'fr/SignIn.html');
    const original = await readFile(file, 'utf8');
    await writeFile(file, original.replace('Il expire dans 10 minutes.', 'Il expire dans 5 minutes.'));

    const dryRun = await templates(folder, ['push', '--dry-run']);
    assert.equal(dryRun.code, 0, dryRun.stderr);
    const changeLines = dryRun.stdout.split('\n').filter((line) => /^[+~-] |^ {6}[+-] /.test(line));
    assert.deepEqual(changeLines, [
      '~ fr/SignIn',
      '      - <p>Il expire dans 10 minutes.</p>',
      '      + <p>Il expire dans 5 minutes.</p>',
    ]);
    assert.match(
      dryRun.stdout,
      /^0 to create, 1 to update, 0 to delete, 3 unchanged\. Dry run: nothing was changed\.$/m
    );
    assert.ok(!api.requests.includes('PUT /api/email-templates'), 'a dry run must not write');

    const pushed = await templates(folder, ['push']);
    assert.equal(pushed.code, 0, pushed.stderr);
    assert.match(pushed.stdout, /^Pushed: 0 created, 1 updated, 0 deleted, 3 unchanged\.$/m);
    const stored = [...api.templates.values()].find(
      ({ languageTag, templateType }) => languageTag === 'fr' && templateType === 'SignIn'
    );
    assert.match(stored!.details.content, /Il expire dans 5 minutes\./);

    const again = join(work, 'round-trip-again');
    const repulled = await templates(again, ['pull']);
    assert.equal(repulled.code, 0, repulled.stderr);
    assert.deepEqual(await snapshot(again), await snapshot(folder));

    for (const result of [pulled, dryRun, pushed, repulled]) {
      assert.ok(!`${result.stdout}${result.stderr}`.includes(secret), 'the app secret was printed');
    }
  });

  test('a new file is created; a template only Logto holds is kept, and deleted with --prune', async () => {
    const folder = join(work, 'prune');
    assert.equal((await templates(folder, ['pull'])).code, 0);
    await rm(join(folder, 'de'), { recursive: true });
    await writeFile(join(folder, 'fr/Register.html'), '<!--\nsubject: Bienvenue\n-->\n<p>Code : {{code}}</p>\n');

    const kept = await templates(folder, ['push']);
    assert.equal(kept.code, 0, kept.stderr);
    assert.match(kept.stdout, /^\+ fr\/Register \(new\)$/m);
    assert.match(kept.stdout, /de\/OrganizationInvitation is only in Logto: kept \(--prune deletes it\)/);
    assert.equal(api.templates.size, 5);

    const pruned = await templates(folder, ['push', '--prune']);
    assert.equal(pruned.code, 0, pruned.stderr);
    assert.match(pruned.stdout, /^- de\/OrganizationInvitation \(only in Logto; deleted because of --prune\)$/m);
    assert.match(pruned.stdout, /^Pushed: 0 created, 0 updated, 1 deleted, 4 unchanged\.$/m);
    assert.deepEqual([...api.templates.values()].map(({ languageTag }) => languageTag).sort(), [
      'en',
      'fr',
      'fr',
      'fr',
    ]);
  });

  test('push checks every file first and sends nothing while one has a problem', async () => {
    const folder = join(work, 'problems');
    assert.equal((await templates(folder, ['pull'])).code, 0);
    await writeFile(
      join(folder, 'fr/Register.html'),
      '<!--\nsubject: " "\n-->\n<div><p>Bonjour {{user.nmae}}, code {{cdoe}}</p>\n<table><tr><td>x</td></table>\n'
    );
    await writeFile(
      join(folder, 'fr/OrganizationInvitation.html'),
      '<!--\nsubject: Invitation\n-->\n<p>Code {{code}}</p>'
    );
    await writeFile(join(folder, 'fr/MfaVerification.html'), `<!--\nsubject: Code\n-->\n<p>${'x'.repeat(110_000)}</p>`);
    await writeFile(
      join(folder, 'fr/BindMfa.html'),
      '<!--\nsubject: Code\n-->\n<img src="https://acme.example/code.png">'
    );
    await writeFile(
      join(folder, 'fr/ForgotPassword.html'),
      '<!--\nsubject: Code\nreplyTo: Support <not an address>\n-->\n<p>{{code}}</p>'
    );
    await writeFile(join(folder, 'fr/Signin.html'), '<!--\nsubject: typo in the type\n-->\n<p>{{code}}</p>');
    await writeFile(join(folder, 'fr/BindNewIdentifier.html'), '<p>no header</p>');

    api.requests.length = 0;
    const result = await templates(folder, ['push']);
    assert.equal(result.code, 1);
    const failures = result.stderr.split('\n').filter((line) => line.startsWith('FAIL  '));
    const expected = [
      /^FAIL {2}fr\/BindNewIdentifier\.html: the file must start with a <!-- … --> block/,
      /^FAIL {2}fr\/Signin\.html: "Signin" is not a template type/,
      /^FAIL {2}fr\/BindMfa\.html: no text alternative/,
      /^FAIL {2}fr\/ForgotPassword\.html: The custom template's replyTo .*is not an email address/,
      /^FAIL {2}fr\/MfaVerification\.html: the HTML is 107\.\d KB: Gmail clips messages over 102 KB/,
      /^FAIL {2}fr\/OrganizationInvitation\.html: unknown placeholder \{\{code\}\}: Logto's payload for OrganizationInvitation has link, locale, uiLocales, application, organization, inviter$/,
      /^FAIL {2}fr\/Register\.html: the subject is empty$/,
      /^FAIL {2}fr\/Register\.html: unknown placeholders \{\{user\.nmae\}\}, \{\{cdoe\}\}/,
      /^FAIL {2}fr\/Register\.html: malformed HTML, body line 1: <div> is never closed$/,
    ];
    for (const pattern of expected) {
      assert.ok(
        failures.some((line) => pattern.test(line)),
        `no line matches ${String(pattern)} in:\n${failures.join('\n')}`
      );
    }
    assert.equal(failures.length, expected.length, failures.join('\n'));
    assert.match(result.stderr, /^Push failed: 9 problems in .*; nothing was sent to Logto\.$/m);
    assert.deepEqual(api.requests, [], 'push talked to Logto despite problems');
  });

  test('wrong credentials: exit code 1, the token endpoint named, the secret never shown', async () => {
    const folder = join(work, 'wrong-secret');
    const result = await templates(folder, ['pull'], { LOGTO_M2M_APP_SECRET: 'not-the-secret-xyz' });
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /^Pull failed: Logto refused the machine-to-machine app's credentials at http:\/\/127\.0\.0\.1:\d+\/oidc\/token \(HTTP 401\): check LOGTO_M2M_APP_ID and LOGTO_M2M_APP_SECRET/m
    );
    assert.ok(!`${result.stdout}${result.stderr}`.includes('not-the-secret-xyz'));
  });

  test('an app without a Management API role: exit code 1 with the set-up step', async () => {
    const pulled = await templates(join(work, 'no-role'), ['pull'], { LOGTO_M2M_APP_ID: noAccessAppId });
    assert.equal(pulled.code, 1);
    assert.match(
      pulled.stderr,
      /^Pull failed: Reading the email templates \(GET \/api\/email-templates\): the machine-to-machine app may not use the Management API \(HTTP 403\)\. In the Logto console: Applications → the machine-to-machine app → Roles/m
    );
    assert.ok(!`${pulled.stdout}${pulled.stderr}`.includes(secret));
  });

  test('--connector pulls the connector config templates into _connector/', async () => {
    const folder = join(work, 'connector');
    const configFile = join(work, 'connector-config.json');
    await writeFile(
      configFile,
      JSON.stringify(
        configFor(undefined, {
          templates: [
            { usageType: 'Generic', subject: 'Code {{code}}', content: '<p>{{code}}</p>' },
            { usageType: 'SignIn', subject: 'Sign in', content: 'Code {{code}}', contentType: 'text/plain' },
          ],
        })
      )
    );
    const result = await templates(folder, ['pull', '--connector', '--config', configFile]);
    assert.equal(result.code, 0, result.stderr);
    const files = await snapshot(folder);
    assert.equal(files['_connector/Generic.html'], '<!--\nsubject: Code {{code}}\n-->\n<p>{{code}}</p>');
    assert.equal(files['_connector/SignIn.txt'], '<!--\nsubject: Sign in\n-->\nCode {{code}}');
    assert.ok(!`${result.stdout}${result.stderr}`.includes(secret));

    // push checks the connector's templates too, and says it does not upload them.
    const pushed = await templates(folder, ['push', '--dry-run']);
    assert.equal(pushed.code, 0, pushed.stderr);
    assert.match(pushed.stdout, /The connector's templates \(2 in _connector\/\) .* checked, not pushed\./);
  });

  test('usage errors: no Logto to talk to, no app, an unknown subcommand (exit code 2)', async () => {
    const noEndpoint = await runCli(['templates', 'pull'], {
      env: { LOGTO_M2M_APP_ID: appId, LOGTO_M2M_APP_SECRET: secret },
    });
    assert.equal(noEndpoint.code, 2);
    assert.match(noEndpoint.stderr, /^No Logto to talk to: pass --endpoint URL/m);
    const noApp = await runCli(['templates', 'pull', '--endpoint', api.url]);
    assert.equal(noApp.code, 2);
    assert.match(noApp.stderr, /^No machine-to-machine app: set LOGTO_M2M_APP_ID and LOGTO_M2M_APP_SECRET/m);
    const unknown = await runCli(['templates', 'sync']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^Unknown subcommand "sync": pull, push or check\./m);
    const help = await runCli(['templates', 'push', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--dry-run/);
  });

  test('the local Management API refuses what Logto refuses: bad bodies (400, 422), unknown ids (404)', async () => {
    const { apiClient } = createManagementApi('default', {
      clientId: appId,
      clientSecret: secret,
      baseUrl: api.url,
      apiIndicator: managementApiIndicator,
    });
    const badType = await apiClient.PUT('/api/email-templates', {
      body: {
        templates: [{ languageTag: 'en', templateType: 'Nope' as 'SignIn', details: { subject: 's', content: 'c' } }],
      },
    });
    assert.equal(badType.response.status, 400);
    const empty = await apiClient.PUT('/api/email-templates', { body: { templates: [] } });
    assert.equal(empty.response.status, 400);
    const template = { languageTag: 'en', templateType: 'Register' as const, details: { subject: 's', content: 'c' } };
    const twice = await apiClient.PUT('/api/email-templates', { body: { templates: [template, template] } });
    assert.equal(twice.response.status, 422);

    const [first] = [...api.templates.values()];
    const badPatch = await apiClient.PATCH('/api/email-templates/{id}/details', {
      params: { path: { id: first!.id } },
      body: { contentType: 'text/markdown' },
    });
    assert.equal(badPatch.response.status, 400);
    const patched = await apiClient.PATCH('/api/email-templates/{id}/details', {
      params: { path: { id: first!.id } },
      body: { subject: 'Patched' },
    });
    assert.equal(patched.response.status, 200);
    assert.equal(patched.data?.details.subject, 'Patched');
    assert.equal(patched.data?.details.content, first!.details.content);

    const missing = await apiClient.DELETE('/api/email-templates/{id}', { params: { path: { id: 'nope' } } });
    assert.equal(missing.response.status, 404);
    const deleted = await apiClient.DELETE('/api/email-templates/{id}', { params: { path: { id: first!.id } } });
    assert.equal(deleted.response.status, 204);
    assert.equal(api.templates.has(first!.id), false);

    const noToken = await fetch(`${api.url}/api/email-templates`);
    assert.equal(noToken.status, 401);
  });
});

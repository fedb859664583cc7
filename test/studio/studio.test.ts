/**
 * `logto-ses studio` in a real browser: the built CLI as a child process, the Chromium that npm
 * installs (test/support/browser.ts) driven by playwright-core, "Send" read back from the embedded
 * local SES's store. Screenshots at desktop and phone width go to docs/screenshots/, which the
 * README shows. How the page is laid out at 1280 and 375 px is page-layout.test.ts.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import type { Browser } from 'playwright-core';

import { startLocalSes } from '../../src/dev/local-ses.js';
import { launchBrowser } from '../support/browser.js';
import { configFor, secret } from '../support/fixtures.js';

import {
  eventually,
  files,
  frameText,
  openStudio,
  rawRequest,
  screenshot,
  scrollToTop,
  startStudio,
  stopStudio,
  stored,
  templateFolder,
  type RunningStudio,
} from './running-studio.js';

describe('studio', { concurrency: false }, () => {
  let folder: string;
  let studio: RunningStudio;
  let browser: Browser;

  before(async () => {
    folder = await templateFolder();
    studio = await startStudio(folder);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    if (studio) {
      await stopStudio(studio);
    }
    await rm(dirname(folder), { recursive: true });
  });

  test('lists every template, shows the rendered email in sandboxed frames, updates live, sends', async (t) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await openStudio(page, studio.url);

    // Every template in the folder, the connector's included.
    const keys = await page
      .locator('article.card')
      .evaluateAll((cards: Array<{ getAttribute: (name: string) => string | null }>) =>
        cards.map((card) => card.getAttribute('data-key'))
      );
    assert.deepEqual(keys.sort(), [
      '_connector/Generic',
      'en/OrganizationInvitation',
      'en/Register',
      'en/SignIn',
      'fr/Generic',
      'fr/SignIn',
    ]);

    // Which template Logto chooses: fr has no Register, so the fallback language's; no
    // ForgotPassword anywhere, so the connector's Generic.
    const cell = (key: string) => page.locator(`td[data-cell="${key}"]`);
    assert.equal(await cell('fr/SignIn').locator('a').innerText(), 'fr/SignIn');
    assert.equal(await cell('fr/Register').locator('a').innerText(), 'en/Register');
    assert.match(await cell('fr/Register').innerText(), /fallback language/);
    assert.equal(await cell('fr/ForgotPassword').locator('a').innerText(), '_connector/Generic');
    assert.equal(await cell('en/Generic').locator('a').innerText(), '_connector/Generic');
    assert.equal(await cell('fr/Generic').locator('a').innerText(), 'fr/Generic');
    assert.match(
      (await cell('fr/ForgotPassword').getAttribute('title')) ?? '',
      /✗ fr\/ForgotPassword: .*\n✗ en\/ForgotPassword: .*\n✗ en\/Generic: .*\n✗ _connector\/ForgotPassword: .*\n→ _connector\/Generic/
    );

    // The rendered email, as the connector composes it, in sandboxed frames at both widths.
    const card = page.locator('article[data-key="fr/SignIn"]');
    assert.match(await frameText(page, 'fr/SignIn').innerText(), /Bonjour Ada Lovelace,[\s\S]*123456/);
    assert.match(await frameText(page, 'fr/SignIn', 'phone').innerText(), /123456/);
    for (const frame of await card.locator('iframe').all()) {
      // Same origin only so that the page can read the email's height; never scripts (the frame's
      // document inherits the page's policy as well: page-layout.test.ts runs a template's script).
      assert.equal(await frame.getAttribute('sandbox'), 'allow-same-origin');
    }
    assert.equal(
      await card.locator('iframe.phone').evaluate((frame: { clientWidth: number }) => frame.clientWidth),
      375
    );
    assert.equal(await card.locator('dd[data-header="Subject"]').innerText(), 'Votre code de connexion 123456');
    // The sender as SES gets it (RFC 2047) and as a mail client shows it.
    assert.equal(await card.locator('dd[data-header="From"] .shown').innerText(), 'Équipe Acme <noreply@acme.example>');
    assert.match(
      await card.locator('dd[data-header="From"] .sent-as').innerText(),
      /sent as =\?UTF-8\?Q\?=C3=89quipe_Acme\?= <noreply@acme\.example>$/
    );
    assert.equal(await card.locator('dd[data-header="Reply-To"]').innerText(), 'Support Acme <support@acme.example>');
    assert.match(
      (await card.locator('pre.text').textContent()) ?? '',
      /Voici votre code pour vous connecter à Acme :\s+123456/
    );
    assert.match(await card.locator('.ok').innerText(), /No problems/);
    assert.match(await page.locator('article[data-key="fr/Generic"] pre.text').innerText(), /^Votre code : 123456$/m);

    // A template with a problem shows it as push prints it: a FAIL, and push sends nothing.
    const fails = await page.locator('article[data-key="en/Register"] .fails').innerText();
    assert.match(fails, /^templates push fails: it sends nothing to Logto while a FAIL remains\.$/m);
    assert.match(fails, /^FAIL unknown placeholder \{\{user\.nmae\}\}: Logto's payload for Register has code, locale/m);
    assert.equal(await cell('en/Register').locator('.badge').innerText(), '1 FAIL');

    // The frames in view have rendered (they load lazily), so the screenshot is the same every run.
    for (const kind of ['desktop', 'phone'] as const) {
      await eventually(
        async () => frameText(page, 'en/OrganizationInvitation', kind).innerText(),
        /Grace Hopper/,
        kind
      );
    }
    await screenshot(t, page, 'studio-desktop.png');
    await scrollToTop(card);
    await screenshot(t, page, 'studio-desktop-preview.png');

    // Editing the file updates the preview without a reload of the page.
    await page.evaluate(() => Object.assign(globalThis, { notReloaded: true }));
    await writeFile(join(folder, 'fr/SignIn.html'), files['fr/SignIn.html']!.replace('Bonjour', 'Rebonjour'));
    await eventually(async () => frameText(page, 'fr/SignIn').innerText(), /Rebonjour Ada Lovelace/, 'live reload');
    assert.equal(await page.evaluate(() => (globalThis as { notReloaded?: boolean }).notReloaded), true);

    // The sample payload is editable per type: every SignIn preview re-renders with it.
    await page.locator('details.payload:has(textarea[data-type="SignIn"]) summary').click();
    const textarea = page.locator('textarea[data-type="SignIn"]');
    const payload = JSON.parse(await textarea.inputValue()) as Record<string, unknown>;
    await textarea.fill(JSON.stringify({ ...payload, code: '987654' }, null, 2));
    await page.locator('button[data-save-payload="SignIn"]').click();
    await eventually(async () => frameText(page, 'fr/SignIn').innerText(), /987654/, 'payload edit');
    assert.match(await frameText(page, 'en/SignIn').innerText(), /987654/);

    // "Send" delivers through the connector to the local SES.
    const before = (await stored(studio.sesUrl)).length;
    await card.locator('input[name="to"]').fill('ada@example.com');
    await card.locator('button[type="submit"]').click();
    await eventually(async () => card.locator('output').innerText(), /^Sent: MessageId \S+/, 'send');
    const messageId = /MessageId (\S+)/.exec(await card.locator('output').innerText())?.[1];
    const emails = await stored(studio.sesUrl);
    assert.equal(emails.length, before + 1);
    const sent = emails.find((email) => email.messageId === messageId);
    assert.ok(sent, `MessageId ${String(messageId)} is not in the local SES`);
    assert.deepEqual(sent.destination.to, ['ada@example.com']);
    assert.equal(sent.subject, 'Votre code de connexion 987654');
    assert.match(sent.body.html ?? '', /Rebonjour Ada Lovelace/);
    assert.match(sent.body.text ?? '', /987654/);
    assert.deepEqual(sent.replyTo, ['Support Acme <support@acme.example>']);

    assert.deepEqual(errors, []);
    await page.close();
  });

  test('at phone width the page still shows the grid and each preview', async (t) => {
    const page = await browser.newPage({ viewport: { width: 375, height: 812 }, isMobile: true, deviceScaleFactor: 2 });
    await openStudio(page, studio.url);
    assert.equal(await page.locator('article.card').count(), 6);
    await screenshot(t, page, 'studio-phone.png');
    await scrollToTop(page.locator('article[data-key="fr/SignIn"]'));
    // The frames scrolled into view load lazily: both have rendered before the screenshot.
    for (const kind of ['desktop', 'phone'] as const) {
      await eventually(async () => frameText(page, 'fr/SignIn', kind).innerText(), /Ada Lovelace/, kind);
    }
    await screenshot(t, page, 'studio-phone-preview.png');
    await page.close();
  });

  test('refuses another Host (DNS rebinding) and a change without the token header (CSRF)', async () => {
    const url = new URL(studio.url);
    const token = url.searchParams.get('token')!;
    const base = `${url.origin}`;

    const rebound = await rawRequest(studio.url, { headers: { host: `evil.example:${url.port}` } });
    assert.equal(rebound.status, 403);
    assert.doesNotMatch(rebound.body, /Email template studio/);
    const reboundSend = await rawRequest(`${base}/send`, {
      method: 'POST',
      headers: { host: 'evil.example', 'x-studio-token': token, 'content-type': 'application/json' },
      body: JSON.stringify({ key: 'fr/SignIn', to: 'ada@example.com' }),
    });
    assert.equal(reboundSend.status, 403);

    assert.equal((await fetch(`${base}/`)).status, 403, 'the page without its token');
    assert.equal((await fetch(`${base}/?token=wrong`)).status, 403);
    assert.equal((await fetch(`${base}/fragment`)).status, 403);
    assert.equal((await fetch(`${base}/events`)).status, 403);

    const count = (await stored(studio.sesUrl)).length;
    const body = JSON.stringify({ key: 'fr/SignIn', to: 'ada@example.com' });
    const noToken = await fetch(`${base}/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    assert.equal(noToken.status, 403);
    const tokenInAddress = await fetch(`${base}/send?token=${token}`, { method: 'POST', body });
    assert.equal(tokenInAddress.status, 403, 'a form could put the token in the address; only the header counts');
    const formPost = await fetch(`${base}/send?token=${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'key=fr/SignIn&to=ada@example.com',
    });
    assert.equal(formPost.status, 403);
    const payloadChange = await fetch(`${base}/payloads/SignIn`, { method: 'PUT', body: '{"code":"000000"}' });
    assert.equal(payloadChange.status, 403);
    assert.equal((await stored(studio.sesUrl)).length, count, 'a refused request must not send');

    const allowed = await fetch(`${base}/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-studio-token': token },
      body,
    });
    assert.equal(allowed.status, 200);
    assert.equal((await stored(studio.sesUrl)).length, count + 1);

    const page = await fetch(studio.url);
    const policy = page.headers.get('content-security-policy') ?? '';
    assert.match(policy, /script-src 'nonce-[^']+'/);
    assert.match(policy, /frame-ancestors 'none'/);
    assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
  });
});

describe('studio --config', () => {
  test("Send goes through the operator's config, to the address typed, with the headers its card shows; its secret is never printed; pull's fallback language", async () => {
    const folder = await mkdtemp(join(tmpdir(), 'logto-ses-studio-config-'));
    const ses = await startLocalSes();
    let studio: RunningStudio | undefined;
    try {
      await mkdir(join(folder, 'de'));
      await writeFile(join(folder, 'de/SignIn.html'), '<!--\nsubject: Ihr Code {{code}}\n-->\n<p>Code: {{code}}</p>\n');
      const configFile = join(folder, 'operator.json');
      await writeFile(
        configFile,
        JSON.stringify({
          ...configFor(ses.url),
          emailAddress: 'Acme <noreply@acme.example>',
          replyTo: 'help@acme.example',
          customHeaders: [{ name: 'X-Organization', value: '{{organization.name}}' }],
        })
      );
      // The fallback language pull recorded from Logto's sign-in experience.
      await writeFile(join(folder, 'logto.json'), '{\n  "fallbackLanguage": "de"\n}\n');
      studio = await startStudio(folder, ['--config', configFile]);
      assert.match(studio.output(), /^Email template studio for .* \(fallback language de\)$/m);
      assert.match(
        studio.output(),
        /"Send" delivers through SES with the config in .*operator\.json, to the address you type\./
      );

      const page = await (await fetch(studio.url)).text();
      assert.match(page, /Send with .*operator\.json \(SES us-east-1\)/);
      assert.match(page, /Ihr Code 123456/);
      // The card's headers are those the mail gets (below, as the local SES received them).
      assert.match(
        page,
        /<code>Auto-Submitted: auto-generated<\/code>[\s\S]*?<code>X-Organization: Acme Corporation<\/code>/
      );
      assert.ok(!page.includes(secret), 'the page shows the config secret');

      const token = new URL(studio.url).searchParams.get('token')!;
      const response = await fetch(new URL('/send', studio.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-studio-token': token },
        body: JSON.stringify({ key: 'de/SignIn', to: 'kunde@example.com' }),
      });
      assert.equal(response.status, 200, await response.clone().text());
      const { messageId } = (await response.json()) as { messageId: string };
      const sent = (await ses.emails()).filter((email) => email.messageId === messageId);
      assert.deepEqual(
        sent.map(({ at: _at, ...email }) => email),
        [
          {
            messageId,
            from: 'Acme <noreply@acme.example>',
            replyTo: ['help@acme.example'],
            destination: { to: ['kunde@example.com'], cc: [], bcc: [] },
            subject: 'Ihr Code 123456',
            body: { html: '<p>Code: 123456</p>\n', text: 'Code: 123456' },
            headers: [
              { name: 'Auto-Submitted', value: 'auto-generated' },
              { name: 'X-Organization', value: 'Acme Corporation' },
            ],
            attachments: [],
            // What the local SES drops, kept by its front door.
            sent: {
              EmailTags: [
                { Name: 'logto-usage-type', Value: 'SignIn' },
                { Name: 'logto-locale', Value: 'de' },
                { Name: 'logto-application', Value: 'k1mxcd2p9aw8v3qe' },
                { Name: 'logto-organization', Value: 'o7t4rzg2bk1m' },
              ],
            },
          },
        ]
      );

      await stopStudio(studio);
      assert.ok(!studio.output().includes(secret), 'the config secret was printed');
      studio = undefined;
    } finally {
      studio?.child.kill('SIGINT');
      await ses.stop();
      await rm(folder, { recursive: true });
    }
  });
});

/**
 * An operator's install has no aws-ses-v2-local (an optional peer dependency): a resolve hook makes
 * it missing for the child, as it is there.
 */
const hideLocalSes = `import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(\`export async function resolve(specifier, context, next) {
  if (specifier === 'aws-ses-v2-local') {
    const error = new Error("Cannot find package 'aws-ses-v2-local' imported from " + context.parentURL);
    error.code = 'ERR_MODULE_NOT_FOUND';
    throw error;
  }
  return next(specifier, context);
}\`));
`;

describe('studio without aws-ses-v2-local', () => {
  test('previews still work; Send answers 503 with how to install the local SES or use --config', async () => {
    const root = await mkdtemp(join(tmpdir(), 'logto-ses-studio-no-ses-'));
    const folder = join(root, 'email-templates');
    await mkdir(join(folder, 'en'), { recursive: true });
    await writeFile(join(folder, 'en/SignIn.html'), '<!--\nsubject: Code {{code}}\n-->\n<p>Code {{code}}</p>\n');
    const hook = join(root, 'hide-local-ses.mjs');
    await writeFile(hook, hideLocalSes);
    const studio = await startStudio(folder, [], ['--import', hook]);
    try {
      assert.match(
        studio.output(),
        /^Send needs a local SES: install aws-ses-v2-local .*or restart the studio with --config FILE/m
      );
      const page = await (await fetch(studio.url)).text();
      assert.match(page, /Code 123456/);
      assert.match(page, /Send \(unavailable\)/);
      const token = new URL(studio.url).searchParams.get('token')!;
      const response = await fetch(new URL('/send', studio.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-studio-token': token },
        body: JSON.stringify({ key: 'en/SignIn', to: 'ada@example.com' }),
      });
      assert.equal(response.status, 503);
      assert.match(((await response.json()) as { error: string }).error, /^Send needs a local SES/);
    } finally {
      await stopStudio(studio);
      await rm(root, { recursive: true });
    }
  });
});

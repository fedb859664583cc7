/**
 * `logto-ses studio` in a real browser: the built CLI as a child process, the Chromium that npm
 * installs (test/support/browser.ts) driven by playwright-core, "Send" read back from the embedded local SES's store. Screenshots at
 * desktop and phone width go to docs/screenshots/, which the README shows.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test, type TestContext } from 'node:test';

import type { Browser, Locator, Page } from 'playwright-core';

import { startLocalSes, type StoredEmail } from '../../src/dev/local-ses.js';
import { launchBrowser } from '../support/browser.js';
import { cliPath, configFor, sentinelSecret } from '../cli/cli.js';

const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

const files: Record<string, string> = {
  'fr/SignIn.html': `<!--
subject: Votre code de connexion {{code}}
sendFrom: Équipe {{application.displayName}} <noreply@acme.example>
replyTo: Support Acme <support@acme.example>
-->
<html>
<body style="margin:0;background:#f2f4f8;font-family:Helvetica,Arial,sans-serif">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" style="max-width:560px;background:#ffffff;border-radius:8px" cellpadding="0" cellspacing="0">
<tr><td style="padding:28px 32px">
<h1 style="font-size:22px;margin:0 0 12px;color:#1d2330">Bonjour {{user.name}},</h1>
<p style="font-size:15px;color:#3b4252">Voici votre code pour vous connecter à {{application.displayName}} :</p>
<p style="font-size:30px;font-weight:bold;letter-spacing:6px;color:#5d34f2;margin:18px 0">{{code}}</p>
<p style="font-size:13px;color:#6b7280">Il expire dans 10 minutes. Si vous n'avez rien demandé, ignorez ce message.</p>
</td></tr></table>
</td></tr></table>
</body>
</html>
`,
  'en/SignIn.html': `<!--
subject: Your {{application.displayName}} sign-in code
-->
<p>Hi {{user.name}}, your code is <b>{{code}}</b>.</p>
`,
  'en/Register.html': `<!--
subject: Welcome to {{application.displayName}}
-->
<p>Hi {{user.nmae}}, finish signing up with <b>{{code}}</b>.</p>
`,
  'fr/Generic.txt': `<!--
subject: Votre code
-->
Votre code : {{code}}
`,
  'en/OrganizationInvitation.html': `<!--
subject: {{inviter.name}} invited you to {{organization.name}}
-->
<p>{{inviter.name}} invited you to join {{organization.name}}.</p>
<p><a href="{{link}}">Accept the invitation</a></p>
`,
  '_connector/Generic.html': `<!--
subject: Your verification code
-->
<p>Your verification code is <b>{{code}}</b>.</p>
`,
};

type RunningStudio = { child: ChildProcessWithoutNullStreams; url: string; sesUrl: string; output: () => string };

/**
 * Starts the built `logto-ses studio` in the folder's parent, with `--dir` relative as an operator
 * types it (so the page, and the screenshots, show the same name every run); resolves once it
 * printed its address.
 */
const startStudio = async (
  folder: string,
  extraArgs: string[] = [],
  nodeArgs: string[] = []
): Promise<RunningStudio> => {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_')));
  const args = [...nodeArgs, cliPath, 'studio', '--dir', basename(folder), '--no-open', ...extraArgs];
  const child = spawn(process.execPath, args, {
    cwd: dirname(folder),
    env: { ...env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', AWS_EC2_METADATA_DISABLED: 'true' },
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const deadline = Date.now() + 20_000;
  while (!/Serving until Ctrl-C/.test(output)) {
    assert.ok(Date.now() < deadline && child.exitCode === null, `studio did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const url = /^Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m.exec(output)?.[1];
  const sesUrl = /local SES at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] ?? '';
  assert.ok(url, output);
  return { child, url, sesUrl, output: () => output };
};

/** Ctrl-C: the studio stops cleanly, exit code 0. */
const stopStudio = async (studio: RunningStudio) => {
  studio.child.kill('SIGINT');
  const [code] = (await once(studio.child, 'close')) as [number | null];
  assert.equal(code, 0, studio.output());
  assert.match(studio.output(), /^Studio stopped\.$/m);
};

const stored = async (sesUrl: string) =>
  ((await (await fetch(`${sesUrl}/store`)).json()) as { emails: StoredEmail[] }).emails;

/** A raw request, so the Host header can be anything (fetch does not let a caller set it). */
const rawRequest = async (
  url: string,
  { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {}
) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const outgoing = request(url, { method, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });

/**
 * Saves where the README links; a read-only checkout keeps the test green and says so. The image is
 * the first that two screenshots in a row give byte for byte (Playwright's own rule for a stable
 * page), so a frame still painting never lands in the file: with the browser and fonts that npm
 * installs, every run writes the same bytes, and a changed PNG in `git status` is a changed page.
 */
const screenshot = async (t: TestContext, page: Page, name: string, fullPage = false) => {
  const deadline = Date.now() + 10_000;
  let image = await page.screenshot({ fullPage });
  for (;;) {
    const next = await page.screenshot({ fullPage });
    if (next.equals(image)) {
      break;
    }
    assert.ok(Date.now() < deadline, `${name}: the page never gave the same screenshot twice in a row`);
    image = next;
  }
  let folder = screenshots;
  try {
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, '.probe'), '');
    await rm(join(folder, '.probe'));
  } catch {
    folder = await mkdtemp(join(tmpdir(), 'studio-screenshots-'));
    t.diagnostic(`docs/screenshots is not writable; screenshots saved in ${folder}`);
  }
  await writeFile(join(folder, name), image);
};

/** Opens the page and waits until its live-reload stream is connected, so screenshots show one state. */
const openStudio = async (page: Page, url: string) => {
  await page.goto(url);
  await eventually(async () => page.locator('#live').innerText(), /^live$/, 'the event stream');
};

/** Scrolls so the element's top is the viewport's: a card's headers, then its previews. */
const scrollToTop = async (locator: Locator) =>
  locator.evaluate((element: { scrollIntoView: (options: { block: string }) => void }) => {
    element.scrollIntoView({ block: 'start' });
  });

const frameText = (page: Page, key: string, kind: 'desktop' | 'phone' = 'desktop') =>
  page.frameLocator(`article[data-key="${key}"] iframe.${kind}`).locator('body');

/** Polls until `read` gives text matching `pattern` (live reload has no event a test can await). */
const eventually = async (read: () => Promise<string>, pattern: RegExp, what: string) => {
  const deadline = Date.now() + 10_000;
  let last = '';
  while (Date.now() < deadline) {
    last = await read().catch(() => '');
    if (pattern.test(last)) {
      return last;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`${what}: ${String(pattern)} never matched; last:\n${last}`);
};

describe('studio', { concurrency: false }, () => {
  let folder: string;
  let studio: RunningStudio;
  let browser: Browser;

  before(async () => {
    folder = join(await mkdtemp(join(tmpdir(), 'logto-ses-studio-')), 'email-templates');
    for (const [path, text] of Object.entries(files)) {
      await mkdir(join(folder, path, '..'), { recursive: true });
      await writeFile(join(folder, path), text);
    }
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
      assert.equal(await frame.getAttribute('sandbox'), '', 'the preview frame must not allow scripts');
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

    // A template with a warning shows what push would say.
    assert.match(
      await page.locator('article[data-key="en/Register"] .warnings').innerText(),
      /unknown placeholder \{\{user\.nmae\}\}: Logto's payload for Register has code, locale/
    );
    assert.match(await cell('en/Register').locator('.badge').innerText(), /1 warning/);

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
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, deviceScaleFactor: 2 });
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
  test("Send goes through the operator's config, to the address typed; its secret is never printed; pull's fallback language", async () => {
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
      assert.ok(!page.includes(sentinelSecret), 'the page shows the config secret');

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
            attachments: [],
          },
        ]
      );

      await stopStudio(studio);
      assert.ok(!studio.output().includes(sentinelSecret), 'the config secret was printed');
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

/**
 * Running the built `logto-ses studio` for the browser tests: a folder of templates, the CLI as a
 * child process, the page opened in Chromium, and screenshots: those the README shows in
 * docs/screenshots/, the rest in .build/screenshots/ (git-ignored), to look at after a run.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';

import type { Locator, Page } from 'playwright-core';

import type { StoredEmail } from '../../src/dev/local-ses.js';
import { cliPath } from '../cli/cli.js';

/** Where the README's screenshots are written. */
export const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
/** Where the other screenshots are written: git ignores it. */
export const testScreenshots = fileURLToPath(new URL('../../.build/screenshots/', import.meta.url));

export const files: Record<string, string> = {
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

export type RunningStudio = {
  child: ChildProcessWithoutNullStreams;
  url: string;
  sesUrl: string;
  output: () => string;
};

/**
 * Starts the built `logto-ses studio` in the folder's parent, with `--dir` relative as an operator
 * types it (so the page, and the screenshots, show the same name every run); resolves once it
 * printed its address.
 */
export const startStudio = async (
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
export const stopStudio = async (studio: RunningStudio) => {
  studio.child.kill('SIGINT');
  const [code] = (await once(studio.child, 'close')) as [number | null];
  assert.equal(code, 0, studio.output());
  assert.match(studio.output(), /^Studio stopped\.$/m);
};

export const stored = async (sesUrl: string) =>
  ((await (await fetch(`${sesUrl}/store`)).json()) as { emails: StoredEmail[] }).emails;

/** A raw request, so the Host header can be anything (fetch does not let a caller set it). */
export const rawRequest = async (
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
export const screenshot = async (
  t: TestContext,
  page: Page,
  name: string,
  { fullPage = false, into = screenshots }: { fullPage?: boolean; into?: string } = {}
) => {
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
  let folder = into;
  try {
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, '.probe'), '');
    await rm(join(folder, '.probe'));
  } catch {
    folder = await mkdtemp(join(tmpdir(), 'studio-screenshots-'));
    t.diagnostic(`${into} is not writable; screenshots saved in ${folder}`);
  }
  await writeFile(join(folder, name), image);
};

/** Opens the page and waits until its live-reload stream is connected, so screenshots show one state. */
export const openStudio = async (page: Page, url: string) => {
  await page.goto(url);
  await eventually(async () => page.locator('#live').innerText(), /^live$/, 'the event stream');
};

/** Scrolls so the element's top is the viewport's: a card's headers, then its previews. */
export const scrollToTop = async (locator: Locator) =>
  locator.evaluate((element: { scrollIntoView: (options: { block: string }) => void }) => {
    element.scrollIntoView({ block: 'start' });
  });

export const frameText = (page: Page, key: string, kind: 'desktop' | 'phone' = 'desktop') =>
  page.frameLocator(`article[data-key="${key}"] iframe.${kind}`).locator('body');

/** Polls until `read` gives text matching `pattern` (live reload has no event a test can await). */
export const eventually = async (read: () => Promise<string>, pattern: RegExp, what: string) => {
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

/** Writes `files` into a new folder named email-templates, as an operator has it. */
export const templateFolder = async (contents: Record<string, string> = files) => {
  const folder = join(await mkdtemp(join(tmpdir(), 'logto-ses-studio-')), 'email-templates');
  for (const [path, text] of Object.entries(contents)) {
    await mkdir(join(folder, path, '..'), { recursive: true });
    await writeFile(join(folder, path), text);
  }
  return folder;
};

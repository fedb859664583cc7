/**
 * The local SES viewer as a developer sees it, in Chromium: its stylesheet and its script load
 * under its Content-Security-Policy (the page is styled, and reloads itself when a mail arrives),
 * a mail's own script and event handlers never run, and each mail shows the tenant, tags, tracking
 * and configuration set it was sent with. Its screenshots go to .build/screenshots/dev-viewer.png
 * and dev-viewer-sent.png (git-ignored), to look at after a run. Needs `npm run build`
 * (the page's files are lib/dev/).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import type { Browser } from 'playwright-core';

import { startLocalSes, type LocalSes } from '../../src/dev/local-ses.js';
import { launchBrowser } from '../support/browser.js';
import type { PageElement, PageWindow } from '../studio/page-window.js';
import { screenshot, testScreenshots } from '../studio/running-studio.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** If its handlers ran, they would mark the viewer page itself. */
const scriptedHtml = `<p>Your code is <b>123456</b>.</p>
<script>parent.document.body.dataset.ran = 'script';</script>
<img src="data:," alt="" width="0" height="0" onerror="parent.document.body.dataset.ran = 'onerror'">`;

let ses: LocalSes;
let browser: Browser;
before(async () => {
  ses = await startLocalSes({ port: 0 });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await ses?.stop();
});

/** What the connector sends beside the content with a tenant and tracking off. */
const signInMembers = {
  TenantName: 'acme',
  ConfigurationSetName: 'sign-in-mail',
  ConfigurationOverrides: { Tracking: { OpenTrackingEnabled: 'DISABLED', ClickTrackingEnabled: 'DISABLED' } },
  EmailTags: [
    { Name: 'logto-usage-type', Value: 'SignIn' },
    { Name: 'logto-locale', Value: 'de' },
    { Name: 'logto-organization', Value: 'org_acme' },
  ],
} as const;

const send = async (subject: string, members: Partial<typeof signInMembers> = {}) => {
  const client = new SESv2Client({
    region: 'us-east-1',
    endpoint: ses.url,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local-ses-dummy-secret' },
  });
  try {
    const { MessageId } = await client.send(
      new SendEmailCommand({
        FromEmailAddress: 'Acme <noreply@acme.example>',
        Destination: { ToAddresses: ['ada@example.com'] },
        Content: {
          Simple: {
            Subject: { Data: subject },
            Body: { Html: { Data: scriptedHtml }, Text: { Data: 'Your code is 123456.' } },
            Headers: [{ Name: 'Auto-Submitted', Value: 'auto-generated' }],
          },
        },
        ...members,
        EmailTags: members.EmailTags && [...members.EmailTags],
      })
    );
    return MessageId;
  } finally {
    client.destroy();
  }
};

describe('the local SES viewer in a browser', () => {
  test('styled by its stylesheet, reloaded by its script when a mail arrives; no mail script runs', async (t) => {
    await send('Your sign-in code');
    const before = (await ses.emails()).length;
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    await page.goto(`${ses.url}/`);
    const heading = page.locator('h1');
    assert.equal(await heading.innerText(), `Received mail (${before})`);
    // viewer.css: the page's column and each mail's card.
    assert.equal(
      await page.evaluate(() => {
        const { document, getComputedStyle } = globalThis as unknown as {
          document: { body: PageElement };
          getComputedStyle: (element: PageElement) => { maxWidth: string };
        };
        return getComputedStyle(document.body).maxWidth;
      }),
      '900px'
    );
    const newest = () => page.locator('article.mail iframe').first().contentFrame();
    assert.equal(await newest().locator('p').innerText(), 'Your code is 123456.');

    await send('Your second code');
    // viewer.js polls /store and reloads: the heading counts the new mail.
    await page.locator('h1', { hasText: `Received mail (${before + 1})` }).waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('article.mail h2').first().innerText(), 'Your second code');
    await newest().locator('p').waitFor();
    assert.equal(await page.evaluate(() => (globalThis as unknown as PageWindow).document.body.dataset.ran), undefined);
    await screenshot(t, page, 'dev-viewer.png', { into: testScreenshots });
    await page.close();
  });

  test('each mail shows the tenant, configuration set, tracking, tags and headers it was sent with', async (t) => {
    const messageId = await send('Dein Anmeldecode', signInMembers);
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    await page.goto(`${ses.url}/`);
    const article = page.locator(`article.mail[data-message-id="${messageId}"]`);
    const shown = async (name: string) => article.locator(`dt:text-is("${name}") + dd`).innerText();
    assert.equal(await shown('Tenant'), 'acme');
    assert.equal(await shown('Configuration set'), 'sign-in-mail');
    assert.equal(await shown('Tracking'), 'override: opens DISABLED, clicks DISABLED');
    assert.deepEqual(await article.locator('dt:text-is("Tags") + dd li').allInnerTexts(), [
      'logto-usage-type = SignIn',
      'logto-locale = de',
      'logto-organization = org_acme',
    ]);
    assert.deepEqual(await article.locator('dt:text-is("Headers") + dd li').allInnerTexts(), [
      'Auto-Submitted: auto-generated',
    ]);
    // One line per tag, in the value column: the list is styled as pairs, not bullets.
    assert.equal(
      await article
        .locator('ul.pairs')
        .first()
        .evaluate((list) => {
          const { getComputedStyle } = globalThis as unknown as {
            getComputedStyle: (element: unknown) => { listStyleType: string };
          };
          return getComputedStyle(list).listStyleType;
        }),
      'none'
    );
    await screenshot(t, page, 'dev-viewer-sent.png', { into: testScreenshots });
    await page.close();
  });
});

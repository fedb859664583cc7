/**
 * The local SES viewer as a developer sees it, in Chromium: its stylesheet and its script load
 * under its Content-Security-Policy (the page is styled, and reloads itself when a mail arrives),
 * and a mail's own script and event handlers never run. Its screenshot goes to
 * .build/screenshots/dev-viewer.png (git-ignored), to look at after a run. Needs `npm run build`
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

const send = async (subject: string) => {
  const client = new SESv2Client({
    region: 'us-east-1',
    endpoint: ses.url,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local-ses-dummy-secret' },
  });
  try {
    await client.send(
      new SendEmailCommand({
        FromEmailAddress: 'Acme <noreply@acme.example>',
        Destination: { ToAddresses: ['ada@example.com'] },
        Content: {
          Simple: {
            Subject: { Data: subject },
            Body: { Html: { Data: scriptedHtml }, Text: { Data: 'Your code is 123456.' } },
          },
        },
      })
    );
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
});

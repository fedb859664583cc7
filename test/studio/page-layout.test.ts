/**
 * The studio page as a person sees it, at a 1280 px window and a 375 px phone: the grid's last
 * type can be read without scrolling sideways, each preview frame is as tall as its email (no
 * blank below, nothing cut off), a cell's steps show on a tap and from the keyboard, each card
 * shows how SES sends it (tenant, tracking, headers, tags) inside its bounds, and a template's
 * own script never runs. Its screenshots of both widths go to .build/screenshots/ (studio.test.ts writes the
 * README's, at the same widths).
 */
import assert from 'node:assert/strict';
import { rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import type { Browser, Page } from 'playwright-core';

import { launchBrowser } from '../support/browser.js';
import { configFor } from '../support/fixtures.js';

import type { PageElement, PageWindow } from './page-window.js';

import {
  files,
  openStudio,
  screenshot,
  scrollToTop,
  startStudio,
  stopStudio,
  templateFolder,
  testScreenshots,
  type RunningStudio,
} from './running-studio.js';

/** How much taller than its email a frame may be: its borders and a rounding. */
const frameSlack = 8;

/**
 * A config that gives each message a tenant (the organization's, from the table), tracking off
 * and headers filled from the payload, so each card's "How SES sends it" has all it can show.
 */
const deliveryConfig = configFor(undefined, {
  configurationSetName: 'logto',
  tenantName: '{{organization.id}}',
  tenants: { o7t4rzg2bk1m: 'acme' },
  tracking: 'off',
  customHeaders: [
    { name: 'X-Organization', value: '{{organization.name}}' },
    // Longer than a phone's line: it wraps inside the card.
    { name: 'X-Entity-Ref-ID', value: '{{application.id}}.{{organization.id}}.{{user.id}}' },
  ],
});

/** What fr/SignIn's card shows under "How SES sends it", with the sample payload. */
const frSignInDelivery = {
  tenant: 'acme',
  tracking: 'open DISABLED, click DISABLED (overrides the configuration set)',
  headers: [
    'Auto-Submitted: auto-generated',
    'X-Organization: Acme Corporation',
    'X-Entity-Ref-ID: k1mxcd2p9aw8v3qe.o7t4rzg2bk1m.u3pnwq8x2c7d',
  ],
  tags: [
    'logto-usage-type=SignIn',
    'logto-locale=fr',
    'logto-application=k1mxcd2p9aw8v3qe',
    'logto-organization=o7t4rzg2bk1m',
  ],
};

/**
 * The card's section as shown (each list's items), and how far any of it reaches past the card's
 * right edge. No named function inside: tsx would wrap it in a helper the page does not have.
 */
const deliveryOf = async (page: Page, key: string) => {
  const { shown, overflow } = await page.locator(`article[data-key="${key}"]`).evaluate((card: PageElement) => {
    const edge = card.getBoundingClientRect().right;
    const section = card.querySelector('.delivery')!;
    return {
      shown: ['tenant', 'tracking', 'headers', 'tags'].map((name) => {
        const value = card.querySelector(`dd[data-delivery="${name}"]`)!;
        const items = [...value.querySelectorAll('li')].map((item) => item.innerText);
        return items.length > 0 ? items : value.innerText;
      }),
      overflow: Math.max(
        0,
        ...[...section.querySelectorAll('*')].map((element) => element.getBoundingClientRect().right - edge)
      ),
    };
  });
  const [tenant, tracking, headers, tags] = shown;
  return { shown: { tenant, tracking, headers, tags }, overflow };
};

/** A template whose script would mark the page and rewrite its own text, if it ran. */
const scripted = `<!--
subject: Ihr Code {{code}}
-->
<p>Ihr Code: <b>{{code}}</b></p>
<script>document.body.textContent = 'the template script ran'; parent.document.body.dataset.ran = 'yes';</script>
<img src="data:," alt="" width="0" height="0" onerror="parent.document.body.dataset.ran = 'onerror'">
`;

/** Where each grid row's last type ends, against the window and the grid's own scroll box. */
const lastColumn = async (page: Page) =>
  page.evaluate(() => {
    const { document, innerWidth, getComputedStyle } = globalThis as unknown as PageWindow;
    const box = document.querySelector('.scroll')!;
    return {
      viewport: innerWidth,
      pageOverflow: document.documentElement.scrollWidth - innerWidth,
      gridOverflow: box.scrollWidth - box.clientWidth,
      cells: [...document.querySelectorAll('.grid tbody tr')].map((row) => {
        const cell = row.querySelector('td:last-child')!;
        const { left, right } = cell.getBoundingClientRect();
        const label = getComputedStyle(cell, '::before').content;
        return { cell: cell.getAttribute('data-cell'), left, right, label };
      }),
    };
  });

/** Each frame's height against its email's: the lowest bottom of anything in it, with the body's margin. */
const frameFits = async (page: Page) => {
  // The page's script sets each frame's height once its email has loaded.
  await page.waitForFunction(() =>
    [...(globalThis as unknown as PageWindow).document.querySelectorAll('iframe')].every(
      (frame) => frame.style.height !== ''
    )
  );
  const fits = [];
  for (const frame of await page.locator('iframe').all()) {
    const height = await frame.evaluate((element: PageElement) => element.clientHeight);
    const content = await frame
      .contentFrame()
      .locator('body')
      .evaluate((body: PageElement) => {
        const { getComputedStyle, scrollY } = globalThis as unknown as PageWindow;
        const bottoms = [...body.querySelectorAll('*')].map((element) => element.getBoundingClientRect().bottom);
        return Math.ceil(Math.max(0, ...bottoms) + parseFloat(getComputedStyle(body).marginBottom) + scrollY);
      });
    fits.push({ title: await frame.getAttribute('title'), height, content });
  }
  return fits;
};

const assertFramesFit = (fits: Awaited<ReturnType<typeof frameFits>>) => {
  assert.ok(fits.length >= 8, `only ${fits.length} frames`);
  for (const { title, height, content } of fits) {
    assert.ok(height <= content + frameSlack, `${title}: ${height} px tall for ${content} px of email`);
    assert.ok(height >= content - 1, `${title}: ${height} px cuts off ${content} px of email`);
  }
};

/** The steps shown for fr/ForgotPassword, whether a tap or the keyboard asked for them. */
const forgotPasswordSteps = [
  'fr/ForgotPassword:',
  "✗ fr/ForgotPassword: Logto's custom template in the user's language",
  "✗ en/ForgotPassword: Logto's custom template in the sign-in experience's fallback language",
  "✗ en/Generic: Logto's custom Generic template in the fallback language",
  "✗ _connector/ForgotPassword: the connector config's template for the type",
  "→ _connector/Generic: the connector config's Generic template",
].join('\n');

describe('the studio page at 1280 and 375 px', { concurrency: false }, () => {
  let folder: string;
  let studio: RunningStudio;
  let browser: Browser;

  before(async () => {
    folder = await templateFolder({ ...files, 'de/SignIn.html': scripted });
    const configFile = join(dirname(folder), 'delivery.json');
    await writeFile(configFile, JSON.stringify(deliveryConfig));
    studio = await startStudio(folder, ['--config', configFile]);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    if (studio) {
      await stopStudio(studio);
    }
    await rm(dirname(folder), { recursive: true });
  });

  test('at 1280 px the whole grid fits the window, and each frame is as tall as its email', async (t) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await openStudio(page, studio.url);
    const grid = await lastColumn(page);
    assert.equal(grid.gridOverflow, 0, 'the grid scrolls sideways at 1280 px');
    assert.equal(grid.pageOverflow, 0, 'the page scrolls sideways at 1280 px');
    assert.deepEqual(
      grid.cells.map(({ cell }) => cell),
      ['de/BindMfa', 'en/BindMfa', 'fr/BindMfa']
    );
    for (const { cell, left, right } of grid.cells) {
      assert.ok(left >= 0 && right <= grid.viewport, `${cell} spans ${left}–${right} px of ${grid.viewport}`);
    }
    assertFramesFit(await frameFits(page));
    await screenshot(t, page, 'studio-grid-1280.png', { into: testScreenshots });
    await page.close();
  });

  test('at 375 px each row wraps into its types, all on screen; the frames still fit; a tap shows the steps', async (t) => {
    const page = await browser.newPage({
      viewport: { width: 375, height: 812 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    await openStudio(page, studio.url);
    const grid = await lastColumn(page);
    assert.equal(grid.pageOverflow, 0, 'the page scrolls sideways at 375 px');
    for (const { cell, left, right, label } of grid.cells) {
      assert.ok(left >= 0 && right <= grid.viewport, `${cell} spans ${left}–${right} px of ${grid.viewport}`);
      // A wrapped cell says which type it is, as the header row did.
      assert.equal(label, '"BindMfa"', `${cell}`);
    }
    assertFramesFit(await frameFits(page));

    assert.match(await page.locator('.grid-section .hint').innerText(), /Tap or hover a cell for each step\.$/);
    assert.equal(await page.locator('#steps').isVisible(), false);
    // The cell's reason, not its link (which goes to the template's card).
    await page.locator('td[data-cell="fr/ForgotPassword"] .why').tap();
    assert.equal(await page.locator('#steps').innerText(), forgotPasswordSteps);
    await screenshot(t, page, 'studio-steps-375.png', { into: testScreenshots });
    await page.close();
  });

  test('the keyboard reaches every cell with Tab, and Enter or Space shows its steps', async (t) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await openStudio(page, studio.url);
    const cells = await page
      .locator('td[data-cell]')
      .evaluateAll((all: PageElement[]) => all.map((cell) => cell.getAttribute('data-cell')));
    // de, en and fr, each with its 9 usage types.
    assert.equal(cells.length, 27);
    /** The cell whose reason has the keyboard's focus, if any. */
    const focusedCell = async () =>
      page.evaluate(() => {
        type Focused = { matches(selector: string): boolean; closest(selector: string): PageElement | null };
        const focused = (globalThis as unknown as { document: { activeElement: Focused | null } }).document
          .activeElement;
        return focused?.matches('td[data-cell] .why') ? focused.closest('td')?.getAttribute('data-cell') : undefined;
      });
    const steps = page.locator('#steps');
    assert.equal(await steps.isVisible(), false);
    const reached: string[] = [];
    for (let presses = 0; presses < 200 && reached.at(-1) !== cells.at(-1); presses += 1) {
      await page.keyboard.press('Tab');
      const cell = await focusedCell();
      if (!cell) {
        continue;
      }
      reached.push(cell);
      if (cell === 'en/Register') {
        await page.keyboard.press('Space');
        assert.match(await steps.innerText(), /^en\/Register:\n→ en\/Register: /);
      }
      if (cell === 'fr/ForgotPassword') {
        assert.equal(
          await page
            .getByRole('button', {
              name: 'no custom template: the connector config’s (show the steps for fr/ForgotPassword)',
              exact: true,
            })
            .count(),
          1
        );
        await page.keyboard.press('Enter');
        assert.equal(await steps.innerText(), forgotPasswordSteps);
        await screenshot(t, page, 'studio-keyboard-1280.png', { into: testScreenshots });
      }
    }
    assert.deepEqual(reached, cells);
    await page.close();
  });

  test('at 1280 and 375 px each card shows how SES sends it: tenant, tracking, headers, tags, all inside the card', async (t) => {
    for (const [width, height, name] of [
      [1280, 900, 'studio-delivery-1280.png'],
      [375, 812, 'studio-delivery-375.png'],
    ] as const) {
      const page = await browser.newPage({
        viewport: { width, height },
        isMobile: width < 600,
        deviceScaleFactor: width < 600 ? 2 : 1,
      });
      await openStudio(page, studio.url);
      const { shown, overflow } = await deliveryOf(page, 'fr/SignIn');
      assert.deepEqual(shown, frSignInDelivery, `${width} px`);
      assert.equal(overflow, 0, `the section reaches past the card at ${width} px`);
      // A Register mail goes to someone not signed up yet: the same organization, the same tenant.
      assert.equal((await deliveryOf(page, 'en/Register')).shown.tenant, 'acme');
      await scrollToTop(page.locator('article[data-key="fr/SignIn"]'));
      await screenshot(t, page, name, { into: testScreenshots });
      await page.close();
    }
  });

  test("a template's script and event handlers never run in its preview", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await openStudio(page, studio.url);
    await frameFits(page);
    const frame = page.frameLocator('article[data-key="de/SignIn"] iframe.desktop');
    assert.equal(await frame.locator('body').innerText(), 'Ihr Code: 123456');
    assert.equal(await page.evaluate(() => (globalThis as unknown as PageWindow).document.body.dataset.ran), undefined);
    await page.close();
  });

  test('a frame re-rendered by live reload is sized to its new email', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await openStudio(page, studio.url);
    const before = await frameFits(page);
    const paragraphs = Array.from({ length: 12 }, (_, index) => `<p>Zeile ${index + 1}</p>`).join('\n');
    await writeFile(join(folder, 'de/SignIn.html'), scripted.replace('<p>Ihr Code', `${paragraphs}\n<p>Ihr Code`));
    await page.frameLocator('article[data-key="de/SignIn"] iframe.desktop').getByText('Zeile 12').waitFor();
    const after = await frameFits(page);
    assertFramesFit(after);
    const heightOf = (fits: typeof before) => fits.find(({ title }) => title === 'de/SignIn at desktop width')!.height;
    assert.ok(heightOf(after) > heightOf(before) + 200, `${heightOf(before)} px, then ${heightOf(after)} px`);
    await page.close();
  });
});

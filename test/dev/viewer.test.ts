/**
 * The local SES viewer's markup: every field of a received mail is text, escaped where the page
 * writes it (a hostile subject, sender, address, message id, text part or HTML part never becomes
 * markup of the page), and so is what it was sent with (tenant, configuration set, tracking, tags,
 * headers), its control characters written out; the page's only script and its stylesheet are
 * files of its own, the script let in by the nonce; the newest mail comes first.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { StoredEmail } from '../../src/dev/local-ses.js';
import { renderViewer } from '../../src/dev/viewer.js';

const hostile = '"><script>alert(1)</script>';
const escaped = '&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;';

const email = (overrides: Partial<StoredEmail>): StoredEmail => ({
  messageId: 'local-1',
  from: 'noreply@example.com',
  replyTo: [],
  destination: { to: ['tester@example.com'], cc: [], bcc: [] },
  subject: 'Your code',
  body: { text: 'Code 123456' },
  at: 1_764_633_600,
  ...overrides,
});

const nonce = 'bm9uY2Utb2YtdGhlLXRlc3Q=';

/**
 * The page without the layout whitespace between its tags (a mail's own text is escaped, so it
 * holds no `>` or `<` for this to touch).
 */
const render = (emails: StoredEmail[]) => renderViewer(emails, nonce).replace(/>\s+</g, '><');

describe('the local SES viewer page', () => {
  test('a hostile mail is text in every place the page writes it', () => {
    const page = render([
      email({
        messageId: `m${hostile}`,
        from: `Evil ${hostile} <evil@example.com>`,
        replyTo: [`r${hostile}@example.com`],
        destination: { to: [`t${hostile}@example.com`], cc: [`c${hostile}`], bcc: [`b${hostile}`] },
        subject: `S${hostile}`,
        body: { html: `<p onclick='x'>H</p>${hostile}`, text: `T${hostile}</pre>` },
      }),
    ]);
    // The page's own script tag is the only one.
    assert.equal(page.split('<script').length - 1, 1, page);
    assert.ok(!page.includes('alert(1)</script>'), page);
    assert.ok(page.includes(`<article class="mail" data-message-id="m${escaped}">`), page);
    assert.ok(page.includes(`<h2>S${escaped}</h2>`), page);
    for (const [name, value] of [
      ['From', `Evil ${escaped} &lt;evil@example.com&gt;`],
      ['To', `t${escaped}@example.com`],
      ['Cc', `c${escaped}`],
      ['Bcc', `b${escaped}`],
      ['Reply-To', `r${escaped}@example.com`],
      ['MessageId', `m${escaped}`],
    ]) {
      assert.ok(page.includes(`<dt>${name}</dt><dd>${value}</dd>`), `${name} in ${page}`);
    }
    const frameHtml = `&lt;p onclick=&#39;x&#39;&gt;H&lt;/p&gt;${escaped}`;
    assert.ok(
      page.includes(
        `<iframe sandbox="" referrerpolicy="no-referrer" title="HTML part of S${escaped}" srcdoc="${frameHtml}"></iframe>`
      ),
      page
    );
    assert.ok(page.includes(`<pre>T${escaped}&lt;/pre&gt;</pre>`), page);
    assert.ok(page.includes(`<summary>HTML source</summary><pre>${frameHtml}</pre>`), page);
  });

  test('what a mail was sent with: tenant, configuration set, tracking, tags and headers, each as text', () => {
    const page = render([
      email({
        messageId: 'sent',
        headers: [
          { name: 'Auto-Submitted', value: 'auto-generated' },
          { name: `X-${hostile}`, value: `v${hostile}\r\nBcc: all@example.com` },
        ],
        sent: {
          TenantName: `acme${hostile}\u001b[2J`,
          ConfigurationSetName: 'sign-in\u202email',
          ConfigurationOverrides: { Tracking: { OpenTrackingEnabled: 'DISABLED', ClickTrackingEnabled: 'DISABLED' } },
          EmailTags: [
            { Name: 'logto-usage-type', Value: 'SignIn' },
            { Name: `n${hostile}`, Value: `v${hostile}\u0085` },
          ],
          FromEmailAddressIdentityArn: 'arn:aws:ses:us-east-1:123456789012:identity/example.com',
        },
      }),
      email({ messageId: 'untracked', sent: { EmailTags: [{ Name: 'logto-usage-type', Value: 'SignIn' }] } }),
      email({ messageId: 'bare' }),
    ]);
    assert.equal(page.split('<script').length - 1, 1, page);
    const sent = /<article class="mail" data-message-id="sent">[\s\S]*?<\/article>/.exec(page)?.[0] ?? '';
    for (const [name, value] of [
      ['Tenant', `acme${escaped}\\u001b[2J`],
      ['Configuration set', 'sign-in\\u202email'],
      ['Tracking', 'override: opens DISABLED, clicks DISABLED'],
      ['Identity ARN', 'arn:aws:ses:us-east-1:123456789012:identity/example.com'],
    ]) {
      assert.ok(sent.includes(`<dt>${name}</dt><dd>${value}</dd>`), `${name} in ${sent}`);
    }
    assert.ok(
      sent.includes(
        `<dt>Tags</dt><dd><ul class="pairs"><li><span class="key">logto-usage-type</span> = SignIn</li><li><span class="key">n${escaped}</span> = v${escaped}\\u0085</li></ul></dd>`
      ),
      sent
    );
    assert.ok(
      sent.includes(
        `<dt>Headers</dt><dd><ul class="pairs"><li><span class="key">Auto-Submitted</span>: auto-generated</li><li><span class="key">X-${escaped}</span>: v${escaped}\\u000d\\u000aBcc: all@example.com</li></ul></dd>`
      ),
      sent
    );
    for (const control of ['\u001b', '\u202e', '\u0085', '\r']) {
      assert.ok(!page.includes(control), `no raw ${JSON.stringify(control)} in the page`);
    }

    const untracked = /<article class="mail" data-message-id="untracked">[\s\S]*?<\/article>/.exec(page)?.[0] ?? '';
    assert.ok(untracked.includes('<dt>Tracking</dt><dd>no override: as the configuration set says</dd>'), untracked);
    assert.ok(!untracked.includes('<dt>Tenant</dt>'), untracked);
    // A mail the front door kept nothing for says nothing of tracking.
    const bare = /<article class="mail" data-message-id="bare">[\s\S]*?<\/article>/.exec(page)?.[0] ?? '';
    assert.ok(!bare.includes('<dt>Tracking</dt>') && !bare.includes('<dt>Tags</dt>'), bare);
  });

  test('its stylesheet and script are files, the script let in by the nonce; no CSS or script in the page', () => {
    const page = render([email({})]);
    assert.ok(page.includes('<link rel="stylesheet" href="/viewer.css" />'), page);
    assert.ok(page.includes(`<script type="module" nonce="${nonce}" src="/viewer.js"></script>`), page);
    assert.ok(!page.includes('<style'), page);
    assert.ok(!/ style=/.test(page), page);
  });

  test('newest first, the count the script compares /store with, and a text-only mail open', () => {
    const page = render([
      email({ messageId: 'older', subject: '' }),
      email({ messageId: 'newer', body: { html: '<p>Hi</p>', text: 'Hi' } }),
    ]);
    assert.ok(page.includes('<body data-shown="2">'), page);
    assert.ok(page.includes('<h1>Received mail (2)</h1>'), page);
    assert.ok(page.indexOf('data-message-id="newer"') < page.indexOf('data-message-id="older"'), page);
    const older = /<article class="mail" data-message-id="older">[\s\S]*?<\/article>/.exec(page)?.[0] ?? '';
    assert.ok(older.includes('<h2>(no subject)</h2>'), older);
    assert.ok(older.includes('<details open><summary>Text part</summary><pre>Code 123456</pre></details>'), older);
    assert.ok(!older.includes('<iframe'), older);
    const newer = /<article class="mail" data-message-id="newer">[\s\S]*?<\/article>/.exec(page)?.[0] ?? '';
    assert.ok(newer.includes('<details><summary>Text part</summary><pre>Hi</pre></details>'), newer);
    assert.ok(newer.includes('<dt>At</dt><dd>2025-12-02T00:00:00.000Z</dd>'), newer);
  });
});

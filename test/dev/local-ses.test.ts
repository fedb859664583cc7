/**
 * The local SES of `dev` and the studio (a real aws-ses-v2-local in this process) behind its front
 * door: a request with another Host (DNS rebinding) is refused on /store and on the viewer, and a
 * request another site sends is refused; the AWS SDK still sends, and the viewer shows each email's
 * HTML in a sandboxed frame that no site may frame. The viewer's script and stylesheet are served
 * from lib/dev/: needs `npm run build`.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';

import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';

import { startLocalSes, type LocalSes } from '../../src/dev/local-ses.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let ses: LocalSes;
let port: string;
before(async () => {
  ses = await startLocalSes({ port: 0 });
  port = new URL(ses.url).port;
});
after(async () => {
  await ses.stop();
});

/** A raw request, so the Host and Origin headers can be anything (fetch does not let a caller set Host). */
const rawRequest = async (
  path: string,
  { method = 'GET', headers = {} }: { method?: string; headers?: Record<string, string> } = {}
) =>
  new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const outgoing = request(`${ses.url}${path}`, { method, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text, headers: response.headers }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });

const hostileHtml = '<p>Code <b>123456</b></p><img src="x" onerror="fetch(\'/store\')">';

const sendWithSdk = async () => {
  const client = new SESv2Client({
    region: 'us-east-1',
    endpoint: ses.url,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local-ses-dummy-secret' },
  });
  try {
    const { MessageId } = await client.send(
      new SendEmailCommand({
        FromEmailAddress: 'noreply@example.com',
        Destination: { ToAddresses: ['tester@example.com'] },
        Content: {
          Simple: {
            Subject: { Data: 'Front door check' },
            Body: { Html: { Data: hostileHtml }, Text: { Data: 'Code 123456' } },
          },
        },
      })
    );
    return MessageId;
  } finally {
    client.destroy();
  }
};

const htmlDecode = (text: string) =>
  text
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');

describe('the local SES front door', () => {
  test('the SDK sends through it, and /store answers at 127.0.0.1 and localhost', async () => {
    const messageId = await sendWithSdk();
    assert.ok(messageId);
    assert.ok((await ses.emails()).some((email) => email.messageId === messageId));
    const local = await rawRequest('/store', { headers: { host: `localhost:${port}` } });
    assert.equal(local.status, 200);
    assert.ok(local.body.includes(messageId));
  });

  for (const path of ['/store', '/', '/viewer.js', '/viewer.css', '/get-emlContent?messageId=x', '/v2/email/account']) {
    test(`another Host is refused on ${path} (DNS rebinding)`, async () => {
      for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.1:${Number(port) + 1}`]) {
        const refused = await rawRequest(path, { headers: { host } });
        assert.equal(refused.status, 403, host);
        assert.equal(refused.body, `Refused: this local SES answers only at 127.0.0.1:${port} or localhost:${port}.`);
      }
    });
  }

  test('a request another site sends is refused, and changes nothing', async () => {
    await sendWithSdk();
    const before = (await ses.emails()).length;
    const cleared = await rawRequest('/clear-store', {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
    });
    assert.equal(cleared.status, 403);
    assert.equal(
      cleared.body,
      'Refused: this local SES answers no request another site sends (Origin "https://evil.example").'
    );
    assert.equal((await ses.emails()).length, before);
    const own = await rawRequest('/store', { headers: { origin: ses.url } });
    assert.equal(own.status, 200);
  });

  test("the viewer shows each email's HTML only in a sandboxed frame, and no site may frame it", async () => {
    const messageId = await sendWithSdk();
    const viewer = await rawRequest('/');
    assert.equal(viewer.status, 200);
    const policy = String(viewer.headers['content-security-policy']);
    assert.match(policy, /script-src 'nonce-[^']+'/);
    assert.match(policy, /frame-ancestors 'none'/);
    assert.equal(viewer.headers['x-frame-options'], 'DENY');
    assert.equal(viewer.headers['referrer-policy'], 'no-referrer');

    const article = new RegExp(`<article class="mail" data-message-id="${messageId}">([\\s\\S]*?)</article>`).exec(
      viewer.body
    )?.[1];
    assert.ok(article, viewer.body);
    const frame = /<iframe ([^>]*)><\/iframe>/.exec(article)?.[1] ?? '';
    assert.match(frame, /^sandbox="" /);
    assert.equal(htmlDecode(/srcdoc="([^"]*)"/.exec(frame)?.[1] ?? ''), hostileHtml);
    assert.ok(!viewer.body.includes('<img src="x"'), 'the email HTML must not be in the page itself');
    assert.match(article, /<dt>Subject<\/dt>|<h2>Front door check<\/h2>/);
    // Its one script is the built file, let in by the nonce of this answer's policy.
    const nonce = /script-src 'nonce-([^']+)'/.exec(policy)?.[1];
    assert.ok(viewer.body.includes(`<script type="module" nonce="${nonce}" src="/viewer.js"></script>`), viewer.body);
  });

  test("the viewer's script and stylesheet are served as files, with their types and the same headers", async () => {
    for (const [path, type, sample] of [
      ['/viewer.js', 'text/javascript; charset=utf-8', 'location.reload()'],
      ['/viewer.css', 'text/css; charset=utf-8', 'max-width:900px'],
    ] as const) {
      const asset = await rawRequest(path, { headers: { host: `localhost:${port}` } });
      assert.equal(asset.status, 200, path);
      assert.equal(asset.headers['content-type'], type, path);
      assert.equal(asset.headers['x-content-type-options'], 'nosniff', path);
      assert.match(String(asset.headers['content-security-policy']), /frame-ancestors 'none'/, path);
      assert.ok(asset.body.includes(sample), `${path}: ${asset.body}`);
    }
    const crossSite = await rawRequest('/viewer.js', { headers: { origin: 'https://evil.example' } });
    assert.equal(crossSite.status, 403);
    // Only those two paths: a name every object has is not an asset, but a path aws-ses-v2-local
    // answers as it answers any unknown one.
    const unknown = await rawRequest('/no-such-asset.js');
    for (const path of ['/__proto__', '/constructor']) {
      const answer = await rawRequest(path);
      assert.deepEqual([answer.status, answer.body], [unknown.status, unknown.body], path);
    }
    assert.match(unknown.body, /Missing Authentication Token/);
  });
});

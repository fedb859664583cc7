/**
 * The studio's server answers every request, whatever is posted to it: odd JSON is a 400 that
 * names what is wrong, a body too large a 413, a payload the page cannot show is refused and the
 * page keeps answering, and a page that fails to render is a 500 page that says what failed,
 * without the config's secret. HTTP only, in this process, on 127.0.0.1; no browser.
 */
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { parseConfig } from '../../src/config/config.js';
import { defaultTemplates } from '../../src/connector/default-templates.js';
import { tokenHeader } from '../../src/studio/guard.js';
import { bodyLimit } from '../../src/studio/request-body.js';
import { answerHtml } from '../../src/studio/responses.js';
import { startStudio, type Studio } from '../../src/studio/server.js';
import { keyId, secret } from '../support/fixtures.js';

/** Every answer within this, or the test fails naming the request: a hang is the bug. */
const answerWithin = 5000;

let folder: string;
let studio: Studio;
let token: string;

before(async () => {
  folder = await mkdtemp(join(tmpdir(), 'studio-hostile-'));
  await mkdir(join(folder, 'en'));
  await writeFile(join(folder, 'en', 'SignIn.html'), '<!--\nsubject: Your code {{code}}\n-->\n<p>{{code}}</p>\n');
  studio = await startStudio({
    folder,
    port: 0,
    fallbackLanguage: 'en',
    config: parseConfig({
      accessKeyId: keyId,
      accessKeySecret: secret,
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9',
      emailAddress: 'Logto <noreply@example.com>',
      templates: defaultTemplates,
    }),
    connector: { source: 'test', templates: [] },
    sendLabel: 'Send',
  });
  token = new URL(studio.url).searchParams.get('token')!;
});
after(async () => {
  await studio.stop();
  await rm(folder, { recursive: true, force: true });
});

const at = (path: string) => `http://127.0.0.1:${studio.port}${path}`;

const page = async (path = '/') => fetch(at(`${path}?token=${token}`), { signal: AbortSignal.timeout(answerWithin) });

const change = async (method: string, path: string, body: string) =>
  fetch(at(path), {
    method,
    headers: { 'content-type': 'application/json', [tokenHeader]: token },
    body,
    signal: AbortSignal.timeout(answerWithin),
  });

const errorOf = async (response: Response) => ((await response.json()) as { error: string }).error;

/** `depth` arrays inside each other, under the payload's `code`. */
const nested = (depth: number) => `{"code":${'['.repeat(depth)}${']'.repeat(depth)}}`;

describe('the studio answers every request', () => {
  test('a payload the page cannot show is refused with 400, and the page keeps answering', async () => {
    const refused = await change('PUT', '/payloads/SignIn', nested(50_000));
    assert.equal(refused.status, 400);
    assert.equal(
      await errorOf(refused),
      `code nests objects or arrays more than 16 levels deep (Logto's payloads nest 3); send {"code":"123456"}`
    );
    for (const path of ['/', '/fragment', '/']) {
      const response = await page(path);
      assert.equal(response.status, 200, path);
      assert.match(await response.text(), /en\/SignIn/);
    }
  });

  test('a payload as deep as allowed is kept and shown; one level more is refused', async () => {
    const kept = await change('PUT', '/payloads/SignIn', nested(15));
    assert.deepEqual([kept.status, await kept.json()], [200, { ok: true }]);
    const response = await page();
    assert.equal(response.status, 200);
    const shown = /<textarea data-type="SignIn"[^>]*>([^<]*)<\/textarea\s*>/.exec(await response.text())?.[1] ?? '';
    assert.deepEqual(JSON.parse(shown.replaceAll('&quot;', '"')), JSON.parse(nested(15)));
    assert.equal((await change('PUT', '/payloads/SignIn', nested(16))).status, 400);
  });

  const sendCases: Array<[string, string, string]> = [
    ['null', 'null', 'the body must be an object, not null'],
    ['an array', '[]', 'the body must be an object, not array'],
    ['a string', '"en/SignIn"', 'the body must be an object, not string'],
    ['no fields', '{}', 'key is missing; to is missing'],
    ['a number as key', '{"key":5,"to":"a@example.com"}', 'key must be a string, not number'],
    ['an object as key', '{"key":{"toString":1},"to":"a@example.com"}', 'key must be a string, not object'],
    ['an object as recipient', '{"key":"en/SignIn","to":{}}', 'to must be a string, not object'],
    ['not JSON', '{key: 1}', 'the body is not JSON'],
  ];
  for (const [name, body, message] of sendCases) {
    test(`POST /send with ${name}: 400 naming what is wrong`, async () => {
      const response = await change('POST', '/send', body);
      assert.equal(response.status, 400);
      assert.equal(await errorOf(response), `${message}; send {"key":"fr/SignIn","to":"you@example.com"}`);
    });
  }

  test('PUT /payloads with null or an array: 400 naming what is wrong', async () => {
    for (const [body, received] of [
      ['null', 'null'],
      ['[1]', 'array'],
    ]) {
      const response = await change('PUT', '/payloads/SignIn', body!);
      assert.equal(response.status, 400);
      assert.equal(await errorOf(response), `the body must be an object, not ${received}; send {"code":"123456"}`);
    }
  });

  test('a body over the limit: 413, and the studio still answers', async () => {
    const body = JSON.stringify({ key: 'en/SignIn', to: 'a@example.com', padding: 'x'.repeat(bodyLimit) });
    const response = await change('POST', '/send', body);
    assert.equal(response.status, 413);
    assert.equal(await errorOf(response), 'the body is larger than 256 KB');
    assert.equal((await page()).status, 200);
  });

  test('a body over the limit sent without Content-Length (chunked): 413', async () => {
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const outgoing = request(
        at('/payloads/SignIn'),
        { method: 'PUT', headers: { [tokenHeader]: token, 'transfer-encoding': 'chunked' } },
        (response) => {
          let text = '';
          response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
        }
      );
      outgoing.on('error', reject);
      outgoing.write(`{"code":"${'1'.repeat(bodyLimit)}`);
      outgoing.end('"}');
    });
    assert.deepEqual(answer, { status: 413, body: JSON.stringify({ error: 'the body is larger than 256 KB' }) });
  });

  test('a request target that is no path: 400, not a hang', async () => {
    const socket = connect({ host: '127.0.0.1', port: studio.port });
    socket.setEncoding('utf8');
    socket.write(`GET http://x:99999/ HTTP/1.1\r\nHost: 127.0.0.1:${studio.port}\r\nConnection: close\r\n\r\n`);
    let text = '';
    for await (const chunk of socket) {
      text += chunk as string;
    }
    assert.match(text, /^HTTP\/1\.1 400 /);
    assert.match(text, /\r\nRefused: the request target is not a path\.\r\n/);
  });
});

describe('what a browser asks for beside the page', () => {
  test('the favicon, asked for without the token: 204 and no body, never a 403', async () => {
    const response = await fetch(at('/favicon.ico'), { signal: AbortSignal.timeout(answerWithin) });
    assert.deepEqual([response.status, await response.text()], [204, '']);
  });

  test("the page's script and stylesheet: with the token, as JavaScript and CSS; without it, refused", async () => {
    const served: Array<[string, string]> = [
      ['/studio.js', 'text/javascript; charset=utf-8'],
      ['/studio.css', 'text/css; charset=utf-8'],
    ];
    for (const [path, type] of served) {
      const asset = await page(path);
      assert.equal(asset.status, 200, path);
      assert.equal(asset.headers.get('content-type'), type);
      assert.ok((await asset.text()).length > 100, `${path} is empty`);
      const refused = await fetch(at(path), { signal: AbortSignal.timeout(answerWithin) });
      assert.equal(refused.status, 403, path);
    }
  });

  test('the page loads them from its own origin, the script by the nonce its policy names', async () => {
    const response = await page();
    const nonce = /script-src 'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '')?.[1];
    assert.ok(nonce);
    const text = await response.text();
    assert.ok(text.includes(`<script type="module" nonce="${nonce}" src="/studio.js?token=${token}"></script>`));
    assert.ok(text.includes(`<link rel="stylesheet" href="/studio.css?token=${token}" />`));
    assert.doesNotMatch(text, /<script[^>]*>[^<]/, 'an inline script');
    assert.doesNotMatch(text, /<style/, 'an inline stylesheet');
  });
});

describe('a page that fails to render', () => {
  let server: Server;
  let renders: Array<() => string>;
  before(async () => {
    renders = [];
    server = createServer((_request, response) => {
      answerHtml(response, { what: 'the page', render: renders.shift()!, headers: {}, secrets: [secret] });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  after(async () => {
    server.close();
  });

  test('is a 500 page that says what failed, without the secret; the next request is answered', async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    renders.push(
      () => {
        throw new RangeError(`Maximum call stack size exceeded <near ${secret}>`);
      },
      () => '<p>fine</p>'
    );
    const failed = await fetch(url, { signal: AbortSignal.timeout(answerWithin) });
    assert.equal(failed.status, 500);
    assert.equal(failed.headers.get('content-type'), 'text/html; charset=utf-8');
    const text = await failed.text();
    assert.match(text, /<h1>The studio could not render the page<\/h1>/);
    assert.match(text, /<p class="error">RangeError: Maximum call stack size exceeded &lt;near \[redacted\]&gt;<\/p>/);
    assert.ok(!text.includes(secret));
    assert.ok(!text.includes(encodeURIComponent(secret)));
    const next = await fetch(url, { signal: AbortSignal.timeout(answerWithin) });
    assert.deepEqual([next.status, await next.text()], [200, '<p>fine</p>']);
  });
});

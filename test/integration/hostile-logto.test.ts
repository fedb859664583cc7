/**
 * `templates pull` and `push` against a Logto that is hostile or broken: names that are paths,
 * answers of the wrong shape, a redirect of the token request to another origin, a trickle, an
 * answer too large, echoes of the secret. Each is a local Management API (or a bare server) on
 * 127.0.0.1; the commands run in this process, their output captured where the CLI prints.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, mock, test } from 'node:test';

import { connectionOf } from '../../src/cli/templates/logto-client.js';
import { startManagementApi, type Intercept, type ManagementApi } from '../support/management-api.js';
import { startSilentServer } from '../support/silent-server.js';
import { m2mSecret } from '../support/fixtures.js';
import { runInProcess } from '../support/run-in-process.js';

const appId = 'm2m-hostile';
/** Its "/" and "+" change when the token request's form body encodes it. */
const formEncodedSecret = 'Hostile%2FSecret%2BNever-Printed-0123456789';

const goodTemplate = {
  languageTag: 'en',
  templateType: 'SignIn',
  details: { subject: 'Your code', content: '<p>{{code}}</p>' },
};

let work: string;
let api: ManagementApi | undefined;
before(async () => {
  work = await mkdtemp(join(tmpdir(), 'logto-ses-hostile-'));
});
afterEach(async () => {
  await api?.stop();
  api = undefined;
});
after(async () => {
  await rm(work, { recursive: true, force: true });
});

const startLogto = async (
  options: { templates?: Array<typeof goodTemplate>; intercept?: Intercept; fallbackLanguage?: string } = {}
) => {
  api = await startManagementApi({
    apps: [{ id: appId, secret: m2mSecret, managementApiAccess: true }],
    templates: options.templates ?? [goodTemplate],
    ...(options.fallbackLanguage !== undefined && { fallbackLanguage: options.fallbackLanguage }),
    ...(options.intercept && { intercept: options.intercept }),
  });
  return api;
};

/** Runs `logto-ses templates <args>` here, with the app's credentials, and what it printed. */
const templates = async (args: string[]) => {
  const run = await runInProcess(['templates', ...args, '--app-id', appId, '--app-secret', m2mSecret]);
  assert.ok(!`${run.stdout}${run.stderr}`.includes(m2mSecret), 'the secret was printed');
  assert.ok(!`${run.stdout}${run.stderr}`.includes(formEncodedSecret), 'the encoded secret was printed');
  return run;
};

/** Every file below `folder`, relative, sorted. */
const filesIn = async (folder: string) =>
  (await readdir(folder, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(folder.length + 1))
    .sort();

const exists = async (path: string) =>
  stat(path).then(
    () => true,
    () => false
  );

/** A server that records every request it gets and answers 200: the other origin of a redirect. */
const startRecorder = async () => {
  const seen: Array<{ method: string; url: string; body: string }> = [];
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      seen.push({ method: request.method ?? '', url: request.url ?? '', body });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    stop: async () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

/** Answers 200 and then one space every 50 ms, for as long as the client reads. */
const trickle = (response: ServerResponse) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.write('[');
  const timer = setInterval(() => response.write(' '), 50);
  response.on('close', () => clearInterval(timer));
  return true;
};

const isList = (request: IncomingMessage, url: URL) =>
  request.method === 'GET' && url.pathname === '/api/email-templates';

describe('pull writes only inside its folder, only what Logto could hold', () => {
  test('a language tag or a type that is a path is skipped by name: nothing written or deleted outside', async () => {
    const folder = join(work, 'names', 'a', 'templates');
    const outside = join(work, 'names', 'x');
    await mkdir(outside, { recursive: true });
    await writeFile(join(outside, 'SignIn.txt'), 'precious');
    const logto = await startLogto({
      templates: [
        goodTemplate,
        { languageTag: '../../x', templateType: 'SignIn', details: { subject: 'S', content: 'through the tag' } },
        { languageTag: 'en', templateType: '../../../y', details: { subject: 'S', content: 'through the type' } },
      ],
    });
    const idOf = (languageTag: string) =>
      [...logto.templates.values()].find((template) => template.languageTag === languageTag)!.id;
    const pathTypeId = [...logto.templates.values()].find(({ templateType }) => templateType === '../../../y')!.id;

    const result = await templates(['pull', '--dir', folder, '--endpoint', logto.url]);
    assert.equal(result.code, 1);
    const lines = result.stdout.split('\n');
    assert.ok(
      lines.includes(
        `  skipped    the template with ID ${idOf('../../x')}: languageTag "../../x" is not a language tag such as en, fr or pt-BR; nothing was written for it`
      ),
      result.stdout
    );
    assert.ok(
      lines.includes(
        `  skipped    the template with ID ${pathTypeId}: templateType "../../../y" is not a type Logto sends; nothing was written for it`
      ),
      result.stdout
    );
    assert.ok(lines.includes('  wrote      en/SignIn.html'), result.stdout);
    assert.equal(
      result.stderr,
      'Pull incomplete: 2 files were not written (see "skipped" and "refused" above); everything else was.\n'
    );
    assert.deepEqual(await filesIn(join(work, 'names')), [
      'a/templates/en/SignIn.html',
      'a/templates/logto.json',
      'x/SignIn.txt',
    ]);
    assert.equal(await readFile(join(outside, 'SignIn.txt'), 'utf8'), 'precious');
  });

  test('push leaves a template it could not hold as a file alone, even with --prune', async () => {
    const folder = join(work, 'push-names');
    await mkdir(join(folder, 'en'), { recursive: true });
    await writeFile(join(folder, 'en/SignIn.html'), '<!--\nsubject: Your code\n-->\n<p>{{code}}</p>');
    const logto = await startLogto({
      templates: [
        goodTemplate,
        { languageTag: '../../x', templateType: 'SignIn', details: { subject: 'S', content: 'c' } },
      ],
    });
    const [odd] = [...logto.templates.values()].filter(({ languageTag }) => languageTag === '../../x');
    const result = await templates(['push', '--dir', folder, '--endpoint', logto.url, '--prune']);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(
      result.stdout
        .split('\n')
        .includes(
          `  the template with ID ${odd!.id} in Logto: languageTag "../../x" is not a language tag such as en, fr or pt-BR; no file can hold it, so it is left alone`
        ),
      result.stdout
    );
    assert.match(result.stdout, /^Pushed: 0 created, 0 updated, 0 deleted, 1 unchanged\.$/m);
    assert.ok(logto.templates.has(odd!.id));
  });

  test('a fallback language that is no language tag is not recorded in logto.json', async () => {
    const folder = join(work, 'fallback');
    const logto = await startLogto({ fallbackLanguage: '../../evil\u001b]0;title\u0007' });
    const result = await templates(['pull', '--dir', folder, '--endpoint', logto.url]);
    assert.equal(result.code, 1);
    assert.ok(
      result.stdout
        .split('\n')
        .includes(
          `  skipped    logto.json: the sign-in experience's fallback language "../../evil\\u001b]0;title\\u0007" is not a language tag such as en, fr or pt-BR`
        ),
      result.stdout
    );
    assert.deepEqual(await filesIn(folder), ['en/SignIn.html']);
  });

  test('an answer that is not a list, or holds null, is named as such and nothing is written', async () => {
    const answers: Array<[unknown, string]> = [
      [{ templates: [] }, "Logto's answer must be a list of email templates"],
      [[{ id: 'abc', ...goodTemplate }, null], "Logto's answer at [1]: Expected object, received null"],
      [[{ id: 'abc', languageTag: 'en', templateType: 'SignIn' }], "Logto's answer at [0].details: Required"],
    ];
    for (const [index, [answer, said]] of answers.entries()) {
      const folder = join(work, 'shape', String(index));
      const logto = await startLogto({
        intercept: (request, response, url) => {
          if (!isList(request, url)) {
            return false;
          }
          response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
          return true;
        },
      });
      const result = await templates(['pull', '--dir', folder, '--endpoint', logto.url]);
      assert.equal(result.code, 1);
      assert.equal(
        result.stderr,
        `Pull failed: Reading the email templates (GET /api/email-templates): ${said}; this is not what Logto's Management API answers.\n`
      );
      assert.equal(await exists(folder), false, 'pull created the folder');
      await logto.stop();
      api = undefined;
    }
  });
});

describe('the secret goes to the endpoint given, and nowhere else', () => {
  test('a token request answered with 307 to another origin is not followed; the answer is named', async () => {
    const other = await startRecorder();
    try {
      const logto = await startLogto({
        intercept: (_request, response, url) => {
          if (url.pathname !== '/oidc/token') {
            return false;
          }
          response.writeHead(307, { location: `${other.url}/oidc/token?from=logto` }).end();
          return true;
        },
      });
      const result = await templates(['pull', '--dir', join(work, 'redirect'), '--endpoint', logto.url]);
      assert.equal(result.code, 1);
      assert.equal(
        result.stderr,
        `Pull failed: Getting an access token (POST ${logto.url}/oidc/token): Logto answered HTTP 307, a redirect to ${other.url}. logto-ses follows no redirect from Logto, so nothing (no secret, no token) was sent there; if Logto has moved, pass its new address as --endpoint.\n`
      );
      assert.deepEqual(other.seen, [], 'the redirect was followed');
    } finally {
      await other.stop();
    }
  });

  test('an API request answered with a redirect is not followed either (push)', async () => {
    const other = await startRecorder();
    try {
      const folder = join(work, 'push-redirect');
      await mkdir(join(folder, 'en'), { recursive: true });
      await writeFile(join(folder, 'en/SignIn.html'), '<!--\nsubject: Code\n-->\n<p>{{code}}</p>\n');
      const logto = await startLogto({
        intercept: (request, response, url) => {
          if (!isList(request, url)) {
            return false;
          }
          response.writeHead(302, { location: `${other.url}/api/email-templates` }).end();
          return true;
        },
      });
      const result = await templates(['push', '--dir', folder, '--endpoint', logto.url]);
      assert.equal(result.code, 1);
      assert.match(
        result.stderr,
        /^Push failed: Reading the email templates \(GET \/api\/email-templates\): Logto answered HTTP 302, a redirect to http:\/\/127\.0\.0\.1:\d+\. logto-ses follows no redirect/m
      );
      assert.deepEqual(other.seen, []);
    } finally {
      await other.stop();
    }
  });

  test('--tenant is a tenant ID: letters and digits, nothing that changes the host', async () => {
    for (const tenant of ['127.0.0.1:9/x?', 'Abc', 'a.b', '']) {
      const result = await templates(['pull', '--dir', join(work, 'tenant'), '--tenant', tenant]);
      assert.equal(result.code, 2, tenant);
      assert.equal(
        result.stderr,
        `--tenant must be a Logto Cloud tenant ID, lowercase letters and digits only (such as abc123); got ${JSON.stringify(tenant)}.\nRun "logto-ses templates --help" for its flags.\n`
      );
    }
    assert.equal(
      connectionOf({ tenant: 'abc123', 'app-id': appId, 'app-secret': m2mSecret }).baseUrl,
      'https://abc123.logto.app'
    );
  });

  test('an M2M secret too short to keep out of messages is refused before anything is sent', async () => {
    const { code, ...printed } = await runInProcess([
      'templates',
      'pull',
      '--dir',
      join(work, 'short'),
      '--tenant',
      'abc123',
      '--app-id',
      appId,
      '--app-secret',
      'Zq9-sh0rt-s3cr',
    ]);
    assert.equal(code, 2);
    assert.equal(
      printed.stderr,
      '--app-secret must be at least 16 characters long (the secrets AWS and Logto issue are longer: was it pasted whole?); a shorter one could not be kept out of messages and logs.\nRun "logto-ses templates --help" for its flags.\n'
    );
    assert.throws(() => connectionOf({ tenant: 'abc123', 'app-id': appId, 'app-secret': 'x'.repeat(15) }), {
      message: /^--app-secret must be at least 16 characters long/,
    });
  });

  test('plain http is refused off the loopback; https anywhere and http on the loopback are accepted', async () => {
    for (const endpoint of ['http://auth.example.com', 'http://10.0.0.1:3001', 'http://127.0.0.1.example.com']) {
      const result = await templates(['pull', '--dir', join(work, 'http'), '--endpoint', endpoint]);
      assert.equal(result.code, 2, endpoint);
      assert.match(
        result.stderr,
        /^--endpoint may use http only for a loopback address \(127\.0\.0\.1, ::1, localhost\), since the app secret would cross the network in clear; use https:\/\//
      );
    }
    const ftp = await templates(['pull', '--endpoint', 'ftp://auth.example.com']);
    assert.equal(ftp.code, 2);
    assert.match(ftp.stderr, /^--endpoint must be an https URL such as https:\/\/auth\.example\.com; got a ftp: URL\./);
    for (const endpoint of [
      'https://auth.example.com/',
      'http://localhost:3001',
      'http://[::1]:3001',
      'http://127.0.0.2',
    ]) {
      assert.equal(
        connectionOf({ endpoint, 'app-id': appId, 'app-secret': m2mSecret }).baseUrl,
        new URL(endpoint).origin
      );
    }
  });
});

describe('every request to Logto has a deadline and a size limit', () => {
  test('a Logto that trickles its template list is given up on after --timeout-ms', { timeout: 10_000 }, async () => {
    const logto = await startLogto({
      intercept: (request, response, url) => isList(request, url) && trickle(response),
    });
    const result = await templates([
      'pull',
      '--dir',
      join(work, 'trickle'),
      '--endpoint',
      logto.url,
      '--timeout-ms',
      '400',
    ]);
    assert.equal(result.code, 1);
    assert.equal(
      result.stderr,
      `Pull failed: Reading the email templates (GET /api/email-templates): Logto at ${logto.url} did not answer in full within 400 ms (--timeout-ms); nothing more was read.\n`
    );
  });

  test('push too: its list request trickles, and it stops before changing anything', { timeout: 10_000 }, async () => {
    const folder = join(work, 'push-trickle');
    await mkdir(join(folder, 'en'), { recursive: true });
    await writeFile(join(folder, 'en/SignIn.html'), '<!--\nsubject: Code\n-->\n<p>{{code}}</p>\n');
    const logto = await startLogto({
      intercept: (request, response, url) => isList(request, url) && trickle(response),
    });
    const result = await templates(['push', '--dir', folder, '--endpoint', logto.url, '--timeout-ms', '300']);
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /^Push failed: Reading the email templates \(GET \/api\/email-templates\): Logto at http:\/\/127\.0\.0\.1:\d+ did not answer in full within 300 ms \(--timeout-ms\)/m
    );
    assert.ok(!logto.requests.includes('PUT /api/email-templates'));
  });

  test(
    'a token endpoint that accepts the connection and never answers is given up on',
    { timeout: 10_000 },
    async () => {
      const silent = await startSilentServer();
      try {
        const result = await templates([
          'pull',
          '--dir',
          join(work, 'silent'),
          '--endpoint',
          silent.url,
          '--timeout-ms',
          '300',
        ]);
        assert.equal(result.code, 1);
        assert.equal(
          result.stderr,
          `Pull failed: Getting an access token (POST ${silent.url}/oidc/token): Logto at ${silent.url} did not answer in full within 300 ms (--timeout-ms); nothing more was read.\n`
        );
        await silent.allEnded();
      } finally {
        await silent.close();
      }
    }
  );

  test('a Logto that refuses the connection is named, with why', async () => {
    const logto = await startLogto();
    const { url } = logto;
    await logto.stop();
    api = undefined;
    const result = await templates(['pull', '--dir', join(work, 'refused'), '--endpoint', url]);
    assert.equal(result.code, 1);
    assert.equal(
      result.stderr,
      `Pull failed: Getting an access token (POST ${url}/oidc/token): cannot reach Logto at ${url} (ECONNREFUSED): fetch failed.\n`
    );
  });

  test('the deadline is 30 s unless --timeout-ms says otherwise, and must be a number of ms', async () => {
    assert.equal(
      connectionOf({ endpoint: 'https://auth.example.com', 'app-id': appId, 'app-secret': m2mSecret }).timeoutMs,
      30_000
    );
    for (const value of ['0', 'abc', '1.5', '-3']) {
      const result = await templates(['pull', '--endpoint', 'https://auth.example.com', `--timeout-ms=${value}`]);
      assert.equal(result.code, 2, value);
      assert.match(
        result.stderr,
        new RegExp(
          `^--timeout-ms must be a whole number of milliseconds from 1 to 3600000; got "${value.replace('.', '\\.')}"\\.`
        )
      );
    }
  });

  test('a template list larger than 10 MB is refused while it is read', async () => {
    const logto = await startLogto({
      intercept: (request, response, url) => {
        if (!isList(request, url)) {
          return false;
        }
        // Valid JSON (an empty list padded with spaces), sent without a length, so only counting stops it.
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('[');
        response.on('error', () => undefined);
        const megabyte = ' '.repeat(1024 * 1024);
        for (let sent = 0; sent < 11; sent += 1) {
          response.write(megabyte);
        }
        response.end(']');
        return true;
      },
    });
    const result = await templates(['pull', '--dir', join(work, 'large'), '--endpoint', logto.url]);
    assert.equal(result.code, 1);
    assert.equal(
      result.stderr,
      "Pull failed: Reading the email templates (GET /api/email-templates): Logto's answer is larger than 10 MB; it was not read further.\n"
    );
  });

  test('a token answer larger than 64 KB is refused', async () => {
    const logto = await startLogto({
      intercept: (_request, response, url) => {
        if (url.pathname !== '/oidc/token') {
          return false;
        }
        const body = JSON.stringify({ access_token: 'x'.repeat(70_000), expires_in: 3600 });
        response
          .writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
          .end(body);
        return true;
      },
    });
    const result = await templates(['pull', '--dir', join(work, 'large-token'), '--endpoint', logto.url]);
    assert.equal(result.code, 1);
    assert.equal(
      result.stderr,
      `Pull failed: Getting an access token (POST ${logto.url}/oidc/token): Logto's answer is larger than 64 KB; it was not read further.\n`
    );
  });
});

describe("Logto's echoes of the secret are never printed", () => {
  test("Logto's error message with the secret as the token request encoded it is redacted", async () => {
    const logto = await startLogto({
      intercept: (request, response, url) => {
        if (!isList(request, url)) {
          return false;
        }
        response
          .writeHead(400, { 'content-type': 'application/json' })
          .end(
            JSON.stringify({ code: 'echo', message: `bad body client_secret=${formEncodedSecret}&raw=${m2mSecret}` })
          );
        return true;
      },
    });
    const result = await templates(['pull', '--dir', join(work, 'echo'), '--endpoint', logto.url]);
    assert.equal(result.code, 1);
    assert.equal(
      result.stderr,
      'Pull failed: Reading the email templates (GET /api/email-templates): Logto answered HTTP 400. Logto says: bad body client_secret=[redacted]&raw=[redacted]\n'
    );
  });

  test('a scope echoing the secret is neither printed nor handed to console.warn', async () => {
    const logto = await startLogto({
      intercept: (_request, response, url) => {
        if (url.pathname !== '/oidc/token') {
          return false;
        }
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ access_token: 'unknown-token', expires_in: 3600, scope: `echo ${m2mSecret}` }));
        return true;
      },
    });
    const warn = mock.method(console, 'warn', () => undefined);
    try {
      const result = await templates(['pull', '--dir', join(work, 'scope'), '--endpoint', logto.url]);
      assert.equal(result.code, 1);
      assert.match(
        result.stderr,
        /^Pull failed: Reading the email templates \(GET \/api\/email-templates\): Logto refused the access token \(HTTP 401\)\./
      );
      assert.equal(warn.mock.callCount(), 0, String(warn.mock.calls[0]?.arguments));
    } finally {
      warn.mock.restore();
    }
  });
});

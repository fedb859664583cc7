/**
 * `logto-ses dev`: a real aws-ses-v2-local in the child process, used by the other commands, then
 * stopped with Ctrl-C (SIGINT).
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { createServer, connect, type AddressInfo } from 'node:net';
import { describe, test } from 'node:test';

import type { StoredEmail } from '../../src/dev/local-ses.js';

import { startDnsServer } from '../support/dns-server.js';

import { exampleDns, interrupt, runCli, runWithConfig, startCli, type RunningCli } from './cli.js';

const ready = /^Serving until Ctrl-C\.$/m;

const urlOf = (dev: RunningCli) => {
  const url = /listening at (http:\/\/127\.0\.0\.1:\d+)$/m.exec(dev.stdout())?.[1];
  assert.ok(url, `no URL in:\n${dev.stdout()}`);
  return url;
};

/** The config dev printed: the JSON block after its heading. */
const configOf = (dev: RunningCli): Record<string, unknown> => {
  const json = /^\{$[\s\S]*?^\}$/m.exec(dev.stdout())?.[0];
  assert.ok(json, `no config in:\n${dev.stdout()}`);
  return JSON.parse(json) as Record<string, unknown>;
};

const storedEmails = async (url: string) => {
  const response = await fetch(`${url}/store`);
  return ((await response.json()) as { emails: StoredEmail[] }).emails;
};

const isListening = async (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      resolve(false);
    });
  });

/** A GET with the Host a DNS-rebinding page would send (fetch does not let a caller set Host). */
const getWithHost = async (url: string, host: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    request(url, { headers: { host } }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });

describe('dev', { concurrency: true }, () => {
  test('serves a local SES, sends the sample, works with send and check, and stops on Ctrl-C', async () => {
    const dev = startCli(['dev', '--port', '0']);
    try {
      await dev.waitForOutput(ready);
      const url = urlOf(dev);
      const sampleId =
        /^Sent a sample Generic email to tester@example\.com through the connector: MessageId (\S+)$/m.exec(
          dev.stdout()
        )?.[1];
      assert.match(
        dev.stdout(),
        new RegExp(`^Received mail: ${url}/ \\(web page\\) and ${url}/store \\(JSON\\)$`, 'm')
      );
      const page = await fetch(`${url}/`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<html/i);
      const sample = (await storedEmails(url)).find(({ messageId }) => messageId === sampleId);
      assert.equal(sample?.subject, 'Your verification code');
      assert.deepEqual(sample.destination.to, ['tester@example.com']);

      const config = configOf(dev);
      assert.equal(config.endpoint, url);
      const sent = await runWithConfig(['send', '--to', 'me@example.com'], config);
      assert.equal(sent.code, 0, sent.stderr);
      const messageId = /^MessageId: (\S+)$/m.exec(sent.stdout)?.[1];
      assert.ok((await storedEmails(url)).some((email) => email.messageId === messageId));

      // aws-ses-v2-local answers GetAccount (with the account dev gives it) and lacks GetEmailIdentity.
      const dns = await startDnsServer({ records: exampleDns });
      const checked = await runWithConfig(['check', '--dns-server', dns.address], config).finally(async () =>
        dns.close()
      );
      assert.equal(checked.code, 0, checked.stdout);
      assert.match(checked.stdout, /^pass +production access: yes/m);
      assert.match(
        checked.stdout,
        /^could not check +sender identity: the endpoint does not support GetEmailIdentity$/m
      );

      const { code, signal } = await interrupt(dev);
      assert.deepEqual({ code, signal }, { code: 0, signal: null }, dev.stderr());
      assert.match(dev.stdout(), /^Local SES stopped\.$/m);
      assert.equal(await isListening(Number(new URL(url).port)), false);
    } finally {
      dev.child.kill('SIGKILL');
    }
  });

  test('refuses another Host on /store and on the viewer; the viewer frames the sample in a sandbox', async () => {
    const dev = startCli(['dev', '--port', '0']);
    try {
      await dev.waitForOutput(ready);
      const url = urlOf(dev);
      const { port } = new URL(url);
      for (const path of ['/store', '/']) {
        for (const host of [`evil.example:${port}`, 'evil.example']) {
          assert.deepEqual(await getWithHost(`${url}${path}`, host), {
            status: 403,
            body: `Refused: this local SES answers only at 127.0.0.1:${port} or localhost:${port}.`,
          });
        }
      }
      const viewer = await fetch(`${url}/`);
      assert.equal(viewer.status, 200);
      assert.equal(viewer.headers.get('x-frame-options'), 'DENY');
      assert.match(viewer.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
      assert.match(await viewer.text(), /<iframe sandbox="" [^>]*srcdoc="[^"]*Your verification code is/);
      dev.child.kill('SIGTERM');
      assert.deepEqual(await dev.exited, { code: 0, signal: null });
    } finally {
      dev.child.kill('SIGKILL');
    }
  });

  test('--no-sample sends nothing; SIGTERM stops it as well', async () => {
    const dev = startCli(['dev', '--port', '0', '--no-sample']);
    try {
      await dev.waitForOutput(ready);
      assert.deepEqual(await storedEmails(urlOf(dev)), []);
      dev.child.kill('SIGTERM');
      assert.deepEqual(await dev.exited, { code: 0, signal: null });
    } finally {
      dev.child.kill('SIGKILL');
    }
  });

  test('a port in use: a clear message and exit code 1', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => {
      blocker.listen(0, '127.0.0.1', resolve);
    });
    const { port } = blocker.address() as AddressInfo;
    try {
      const result = await runCli(['dev', '--port', String(port)]);
      assert.equal(result.code, 1);
      assert.match(
        result.stderr,
        new RegExp(`^Port ${port} on 127\\.0\\.0\\.1 is in use: pass another with --port N`, 'm')
      );
    } finally {
      blocker.close();
    }
  });
});

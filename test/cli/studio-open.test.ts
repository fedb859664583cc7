/**
 * The studio opens the browser as Jupyter does: the opener's command line names a private file,
 * never the tokened address (a command line shows in `ps` to every user), and the file, readable
 * by its owner only, redirects to the address with the token. Once through the function with an
 * injected opener, once through the built CLI with a stand-in `xdg-open` on PATH.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';

import { openerCommand, openThroughFile } from '../../src/cli/studio/open-browser.js';

import { interrupt, startCli } from './cli.js';

const token = 'tok_Secret-Studio-Token_0123456789abcdef';
const url = `http://127.0.0.1:4321/?token=${token}`;

/** The address the page's `<meta http-equiv="refresh">` sends the browser to. */
const redirectOf = (page: string) =>
  /<meta http-equiv="refresh" content="0;url=([^"]+)" \/>/.exec(page)?.[1]?.replaceAll('&amp;', '&');

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

describe('opening the studio in a browser', () => {
  test('the opener gets a 0600 file that redirects to the tokened address, and no token', async () => {
    const calls: Array<[string, readonly string[]]> = [];
    const opened = await openThroughFile(url, (command, args) => calls.push([command, args]));
    try {
      assert.equal(calls.length, 1);
      const [command, args] = calls[0]!;
      assert.deepEqual([command, args], openerCommand(pathToFileURL(opened.file).href));
      assert.ok(![command, ...args].join(' ').includes(token), 'the token must not be on the command line');
      assert.equal(await modeOf(opened.file), 0o600);
      assert.equal(await modeOf(dirname(opened.file)), 0o700);
      const page = await readFile(opened.file, 'utf8');
      assert.equal(redirectOf(page), url);
      assert.ok(page.includes(`<a href="${url}">`));
    } finally {
      await opened.remove();
    }
    await assert.rejects(stat(dirname(opened.file)), { code: 'ENOENT' });
  });

  test('the address is escaped in both places the page writes it', async () => {
    const hostile = 'http://127.0.0.1:4321/?token=a"><script>alert(1)</script>&b=\'';
    const opened = await openThroughFile(hostile, () => undefined);
    try {
      const page = await readFile(opened.file, 'utf8');
      const escaped = 'http://127.0.0.1:4321/?token=a&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;b=&#39;';
      assert.ok(page.includes(`<meta http-equiv="refresh" content="0;url=${escaped}" />`), page);
      assert.ok(page.includes(`<a href="${escaped}">open it here</a>`), page);
      assert.ok(!page.includes('<script'), page);
    } finally {
      await opened.remove();
    }
  });

  test('each platform’s opener is handed the file address as given', () => {
    assert.deepEqual(openerCommand('file:///tmp/x/open.html', 'linux'), ['xdg-open', ['file:///tmp/x/open.html']]);
    assert.deepEqual(openerCommand('file:///tmp/x/open.html', 'darwin'), ['open', ['file:///tmp/x/open.html']]);
    assert.deepEqual(openerCommand('file:///tmp/x/open.html', 'win32'), [
      'cmd',
      ['/c', 'start', '', 'file:///tmp/x/open.html'],
    ]);
  });
});

describe('logto-ses studio opening the browser', () => {
  let folder: string;
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'studio-open-'));
    await mkdir(join(folder, 'templates', 'en'), { recursive: true });
    await writeFile(
      join(folder, 'templates', 'en', 'SignIn.html'),
      '<!--\nsubject: Code {{code}}\n-->\n<p>{{code}}</p>\n'
    );
  });
  after(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  test('runs the desktop opener with a file that redirects to the printed address; the token is on no command line', async () => {
    // The stand-in opener reports its arguments to this server, and what it read of the file.
    const reports = createServer();
    await new Promise<void>((resolve) => reports.listen(0, '127.0.0.1', resolve));
    const reported = once(reports, 'request') as Promise<[IncomingMessage, { end: () => void }]>;
    const bin = join(folder, 'bin');
    await mkdir(bin);
    const fake = `#!${process.execPath}
const args = process.argv.slice(2);
fetch(process.env.OPENER_REPORT, { method: 'POST', body: JSON.stringify(args) }).catch(() => process.exit(1));
`;
    for (const name of ['xdg-open', 'open']) {
      await writeFile(join(bin, name), fake);
      await chmod(join(bin, name), 0o755);
    }
    const studio = startCli(['studio', '--dir', join(folder, 'templates')], {
      PATH: `${bin}:${process.env.PATH ?? ''}`,
      OPENER_REPORT: `http://127.0.0.1:${(reports.address() as AddressInfo).port}/`,
    });
    try {
      const [request, response] = await reported;
      let body = '';
      for await (const chunk of request) {
        body += String(chunk);
      }
      response.end();
      const args = JSON.parse(body) as string[];
      await studio.waitForOutput(/^Open: \S+$/m);
      const printed = /^Open: (\S+)$/m.exec(studio.stdout())![1]!;
      const printedToken = new URL(printed).searchParams.get('token')!;
      assert.equal(args.length, 1);
      assert.ok(!args[0]!.includes(printedToken), `the opener was given ${args[0]}`);
      const file = fileURLToPath(args[0]!);
      assert.equal(await modeOf(file), 0o600);
      assert.equal(redirectOf(await readFile(file, 'utf8')), printed);

      assert.deepEqual(await interrupt(studio), { code: 0, signal: null });
      await assert.rejects(stat(file), { code: 'ENOENT' }, 'the page is deleted when the studio stops');
    } finally {
      studio.child.kill('SIGKILL');
      reports.close();
    }
  });
});

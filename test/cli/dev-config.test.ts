/**
 * `logto-ses dev`'s config, used as a new user uses it: saved with --write-config, then checked
 * as it is. A local SES has no domain, so `check` asks no DNS about the placeholder sender's.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { localSesDnsSkip } from '../../src/cli/check/local-ses.js';

import { interrupt, runCli, startCli, type RunningCli } from './cli.js';

const ready = /^Serving until Ctrl-C\.$/m;

/** The config dev printed: the JSON block after its heading. */
const printedConfig = (dev: RunningCli): Record<string, unknown> => {
  const json = /^\{$[\s\S]*?^\}$/m.exec(dev.stdout())?.[0];
  assert.ok(json, `no config in:\n${dev.stdout()}`);
  return JSON.parse(json) as Record<string, unknown>;
};

const runDev = async (args: string[], during: (dev: RunningCli) => Promise<void>) => {
  const dev = startCli(['dev', '--port', '0', '--no-sample', ...args]);
  try {
    await dev.waitForOutput(ready);
    await during(dev);
    assert.deepEqual(await interrupt(dev), { code: 0, signal: null }, dev.stderr());
  } finally {
    dev.child.kill('SIGKILL');
  }
};

describe('the DNS checks and a local SES', () => {
  const server = { host: '127.0.0.1', port: 53 };
  test('skipped for a loopback endpoint, unless a DNS server is named', () => {
    for (const endpoint of ['http://127.0.0.1:8005', 'http://localhost:8005', 'http://[::1]:8005']) {
      assert.deepEqual(
        localSesDnsSkip({ endpoint }, undefined)?.findings.map(({ id, status }) => ({ id, status })),
        [{ id: 'domain-authentication', status: 'skip' }]
      );
      assert.equal(localSesDnsSkip({ endpoint }, server), undefined);
    }
  });

  test('made for any other endpoint', () => {
    for (const endpoint of [
      'https://email.us-east-1.amazonaws.com',
      'https://vpce-1.email.us-east-1.vpce.amazonaws.com',
    ]) {
      assert.equal(localSesDnsSkip({ endpoint }, undefined), undefined);
    }
  });
});

describe('dev --write-config and check', () => {
  let folder: string;
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'logto-ses-dev-config-'));
  });
  after(async () => {
    await rm(folder, { recursive: true });
  });

  test('saves the printed config (mode 0600), and check passes on it with the DNS checks skipped', async () => {
    const path = join(folder, 'local-ses.json');
    await runDev(['--write-config', path], async (dev) => {
      assert.match(dev.stdout(), new RegExp(`^Saved to ${path.replaceAll('.', '\\.')}\\.$`, 'm'));
      assert.deepEqual(JSON.parse(await readFile(path, 'utf8')), printedConfig(dev));
      assert.equal((await stat(path)).mode & 0o777, 0o600);

      // No --dns-server: were the DNS checks made, they would ask the machine's DNS about example.com.
      const checked = await runCli(['check', '--config', path]);
      assert.equal(checked.code, 0, checked.stdout + checked.stderr);
      const endpoint = String(printedConfig(dev).endpoint);
      assert.match(
        checked.stdout,
        new RegExp(
          `^skip {13}domain authentication: not checked, as SES at ${endpoint.replaceAll('.', '\\.')} is a local one \\(a loopback address\\): it sends no mail out, so the sender domain's DKIM, DMARC and MAIL FROM records do not matter to it \\(--dns-server checks them anyway\\)$`,
          'm'
        )
      );
      assert.doesNotMatch(checked.stdout, /DMARC:|DKIM records:|MAIL FROM:/);
    });
  });

  test('replaces a config dev wrote before: each run may have another port', async () => {
    const path = join(folder, 'again.json');
    const earlier = { accessKeyId: 'local', accessKeySecret: 'local-ses-dummy-secret', endpoint: 'http://127.0.0.1:9' };
    await writeFile(path, JSON.stringify(earlier));
    await runDev(['--write-config', path], async (dev) => {
      assert.deepEqual(JSON.parse(await readFile(path, 'utf8')), printedConfig(dev));
    });
  });

  test('refuses to overwrite any other file, before starting anything: exit code 2', async () => {
    const path = join(folder, 'prod.json');
    const prod = '{"accessKeyId":"AKIA","accessKeySecret":"real","region":"us-east-1","templates":[]}';
    await writeFile(path, prod);
    const result = await runCli(['dev', '--port', '0', '--write-config', path]);
    assert.equal(result.code, 2);
    assert.equal(
      result.stderr,
      `--write-config ${path}: the file exists and is not a config logto-ses dev wrote, so it is not overwritten. Remove it, or name another file.\nRun "logto-ses dev --help" for its flags.\n`
    );
    assert.equal(result.stdout, '');
    assert.equal(await readFile(path, 'utf8'), prod);
  });
});

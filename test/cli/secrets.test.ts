/**
 * No command prints a secret: every command runs, failures included, with a sentinel secret in
 * the config (or the environment), and no piece of it may reach standard output or error.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { configFor, keyId, secret } from '../support/fixtures.js';
import { startDnsServer, type LocalDnsServer } from '../support/dns-server.js';
import { startSesStub, type SesStub } from '../support/ses-stub.js';

import { exampleDns, interrupt, runCli, runWithConfig, startCli, type CliResult } from './cli.js';

/** Any 10 characters of the sentinel in a row count as showing it. */
const assertNoSentinel = ({ stdout, stderr }: Pick<CliResult, 'stdout' | 'stderr'>) => {
  for (let start = 0; start + 10 <= secret.length; start += 1) {
    const piece = secret.slice(start, start + 10);
    assert.ok(!stdout.includes(piece), `stdout shows "${piece}" of the secret:\n${stdout}`);
    assert.ok(!stderr.includes(piece), `stderr shows "${piece}" of the secret:\n${stderr}`);
  }
};

/** Not the sample token: it holds the sentinel, so `assertNoSentinel` catches a printed token too. */
const sessionToken = `${secret}-as-session-token`;

describe('no secret in any output', { concurrency: true }, () => {
  let accepting: SesStub;
  let rejecting: SesStub;
  let dns: LocalDnsServer;
  before(async () => {
    dns = await startDnsServer({ records: exampleDns });
    accepting = await startSesStub({ identities: {}, configurationSets: [] });
    // Knows the key id with another secret: SignatureDoesNotMatch for every call.
    rejecting = await startSesStub({ credentials: { [keyId]: { secretAccessKey: 'another-secret' } } });
  });
  after(async () => {
    await accepting.close();
    await rejecting.close();
    await dns.close();
  });
  /** `check` with its DNS queries going to the local server. */
  const check = () => ['check', '--dns-server', dns.address];

  const cases: Array<{ name: string; run: () => Promise<CliResult>; code: number }> = [
    {
      name: 'send, accepted',
      run: async () => runWithConfig(['send', '--to', 'a@example.com'], configFor(accepting.url)),
      code: 0,
    },
    {
      name: 'send, keys refused',
      run: async () => runWithConfig(['send', '--to', 'a@example.com'], configFor(rejecting.url, { sessionToken })),
      code: 1,
    },
    {
      name: 'send, invalid config',
      run: async () =>
        runWithConfig(['send', '--to', 'a@example.com'], configFor(accepting.url, { region: 'nowhere', sessionToken })),
      code: 1,
    },
    {
      name: 'check, with failures from SES',
      run: async () =>
        runWithConfig(
          [...check(), '--to', 'a@example.com'],
          configFor(accepting.url, { configurationSetName: 'missing' })
        ),
      code: 1,
    },
    {
      name: 'check, keys refused',
      run: async () => runWithConfig(check(), configFor(rejecting.url, { sessionToken })),
      code: 1,
    },
    {
      name: 'check --json, keys refused',
      run: async () => runWithConfig([...check(), '--json'], configFor(rejecting.url, { sessionToken })),
      code: 1,
    },
    {
      name: 'check, keys from the environment refused',
      run: async () => {
        const { accessKeyId: _id, accessKeySecret: _secret, ...config } = configFor(rejecting.url);
        return runWithConfig(check(), config, { AWS_ACCESS_KEY_ID: keyId, AWS_SECRET_ACCESS_KEY: secret });
      },
      code: 1,
    },
    {
      name: 'check, invalid config',
      run: async () => runWithConfig(check(), { ...configFor(accepting.url), templates: 'none' }),
      code: 1,
    },
    {
      name: 'preview',
      run: async () => runWithConfig(['preview', '--type', 'SignIn'], configFor(undefined, { sessionToken })),
      code: 0,
    },
    {
      name: 'preview, invalid config',
      run: async () => runWithConfig(['preview', '--type', 'SignIn'], configFor(undefined, { endpoint: 'ftp://x' })),
      code: 1,
    },
    {
      name: 'bad JSON next to the secret',
      run: async () => runCli(['check'], { stdin: `{"accessKeySecret": "${secret}" "region": "us-east-1"}` }),
      code: 2,
    },
    {
      name: 'bad JSON: the secret unquoted, where the JSON error quotes the text',
      run: async () => runCli(['send', '--to', 'a@example.com'], { stdin: `{"accessKeySecret": ${secret}}` }),
      code: 2,
    },
  ];

  for (const { name, run, code } of cases) {
    test(name, async () => {
      const result = await run();
      assert.equal(result.code, code, result.stdout + result.stderr);
      assertNoSentinel(result);
    });
  }

  test('dev, with a secret in the environment', async () => {
    const dev = startCli(['dev', '--port', '0'], { AWS_ACCESS_KEY_ID: keyId, AWS_SECRET_ACCESS_KEY: secret });
    try {
      await dev.waitForOutput(/^Serving until Ctrl-C\.$/m);
      assert.deepEqual(await interrupt(dev), { code: 0, signal: null }, dev.stdout() + dev.stderr());
      assertNoSentinel({ stdout: dev.stdout(), stderr: dev.stderr() });
    } finally {
      dev.child.kill('SIGKILL');
    }
  });
});

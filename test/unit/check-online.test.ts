/** `check`'s calls to SES, run in this process where a test must choose how names resolve. */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import { checkOnline } from '../../src/cli/check/online.js';
import { parseConfig } from '../../src/config/config.js';
import { destroyClients } from '../../src/transport/client-cache.js';
import { clientSettingsOf } from '../../src/transport/client-settings.js';
import { configFor } from '../support/fixtures.js';
import { nxdomainResolver } from '../support/resolver.js';

after(() => {
  destroyClients();
});

test('a region whose SES host does not resolve: one failure saying to check the region, the rest skipped', async () => {
  const config = parseConfig(configFor(undefined, { region: 'xx-nowhere-1', maxAttempts: 3 }));
  const resolver = nxdomainResolver();
  const findings = await checkOnline(
    config,
    { codeTtlSeconds: 600 },
    { ...clientSettingsOf(config), lookup: resolver.lookup }
  );
  assert.deepEqual(findings, [
    {
      id: 'account',
      subject: 'account',
      status: 'fail',
      text: 'Calling SES GetAccount failed: getaddrinfo ENOTFOUND email.xx-nowhere-1.amazonaws.com. The SES host for region "xx-nowhere-1" does not resolve: check region. (invalid_config)',
    },
    ...[
      ['sender-identity', 'sender identity'],
      ['configuration-set', 'configuration set'],
      ['suppression.recipient', 'suppression list'],
      ['domain-authentication', 'domain authentication'],
      ['delivery-window', 'delivery window'],
      ['vdm', 'VDM'],
    ].map(([id, subject]) => ({
      id,
      subject,
      status: 'skip',
      text: 'not checked, as SES did not answer the call above',
    })),
  ]);
  assert.deepEqual(resolver.asked, ['email.xx-nowhere-1.amazonaws.com'], 'asked once: a DNS failure is not retried');
});

/**
 * `logto-ses check --offline` reads the tenant, tracking and custom-header fields with the
 * connector's own config rules: what SES would refuse on every send is a failure naming the entry,
 * before anything is sent.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { configFor } from '../support/fixtures.js';

import { linesWith, runWithConfig } from './cli.js';

const prefix = 'FAIL             config: Invalid AWS SES connector config: ';
const fix = ' (invalid_config) Fix: correct each field named.';

describe('check --offline and the fields each message carries', { concurrency: true }, () => {
  test('valid tenant, tracking and header fields pass', async () => {
    const result = await runWithConfig(
      ['check', '--offline'],
      configFor(undefined, {
        tenantName: '{{organization.id}}',
        tenants: { org_acme: 'acme' },
        defaultTenantName: 'shared',
        tracking: 'off',
        customHeaders: [{ name: 'X-Entity-Ref-ID', value: '{{organization.id}}' }],
      })
    );
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^pass +config: valid$/m);
  });

  test('a refused header name, a value with a line break and an operator-written tenant name SES refuses, each named', async () => {
    const result = await runWithConfig(
      ['check', '--offline'],
      configFor(undefined, {
        tenantName: '{{organization.id}}',
        tenants: { org_acme: 'acme corp' },
        customHeaders: [
          { name: 'Return-Path', value: 'x@example.com' },
          { name: 'X-A', value: 'a\r\nBcc: b@example.com' },
        ],
      })
    );
    assert.equal(result.code, 1);
    assert.deepEqual(linesWith(result.stdout, 'FAIL'), [
      `${prefix}tenants entry "org_acme" must be an SES tenant name: 1 to 64 letters, digits, "-" or "_", not "acme corp"; customHeaders[0].name "Return-Path" cannot be a custom header: the connector or SES sets Return-Path itself; customHeaders[1].value must not contain a line break or other control character.${fix}`,
    ]);
  });

  test('more custom headers than SES takes', async () => {
    const result = await runWithConfig(
      ['check', '--offline'],
      configFor(undefined, {
        customHeaders: Array.from({ length: 15 }, (_, index) => ({ name: `X-H${index}`, value: 'v' })),
      })
    );
    assert.equal(result.code, 1);
    assert.deepEqual(linesWith(result.stdout, 'FAIL'), [
      `${prefix}customHeaders must hold at most 14 headers: SES takes 15 per message, and the connector adds Auto-Submitted.${fix}`,
    ]);
  });
});

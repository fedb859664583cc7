/**
 * The built `logto-ses` with a template nested too deeply for the text converter: `check` and
 * `send` name the template instead of crashing with a raw RangeError.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { configFor, genericTemplate, keyId, secret } from '../support/fixtures.js';
import { startSesStub, type SesStub } from '../support/ses-stub.js';

import { linesWith, runWithConfig } from './cli.js';

const deeplyNested = `${'<div>'.repeat(3000)}{{code}}${'</div>'.repeat(3000)}`;

describe('a template nested too deeply', () => {
  let stub: SesStub;
  before(async () => {
    stub = await startSesStub({ credentials: { [keyId]: { secretAccessKey: secret } } });
  });
  after(async () => {
    await stub.close();
  });

  const config = () =>
    configFor(stub.url, {
      templates: [genericTemplate, { usageType: 'SignIn', subject: 'Code', content: deeplyNested }],
    });

  test('check names the template that cannot be converted, and the others still render', async () => {
    const result = await runWithConfig(['check', '--offline'], config());
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.doesNotMatch(result.stdout + result.stderr, /RangeError|Maximum call stack size exceeded\.?$/m);
    assert.deepEqual(
      linesWith(result.stdout, 'FAIL').filter((line) => line.includes('templates:')),
      [
        'FAIL             templates: templates[1] (usageType "SignIn") cannot be converted to plain text: its HTML is nested too deeply (Maximum call stack size exceeded). Nest fewer elements (tables, divs) inside each other. (invalid_config)',
      ]
    );
    assert.match(result.stdout, /^pass +templates: .*Generic/m);
  });

  test('send names the template, and nothing reaches SES', async () => {
    const result = await runWithConfig(['send', '--to', 'you@example.com', '--type', 'SignIn'], config());
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(
      result.stderr,
      /^Send failed: templates\[1\] \(usageType "SignIn"\) cannot be converted to plain text: .* \(invalid_config\)$/m
    );
    assert.equal(stub.counts.sendEmail, 0);
  });
});

/**
 * The code a sending limit gets in each connector-kit a Logto release ships: `usage_limit_exceeded`
 * only where the kit defines it (5.1.1), else `rate_limit_exceeded`, which Logto answers with 429
 * too. Each kit's own enum is loaded from logto-releases/ (see logto-folder.ts).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';

import { limitCodeIn } from '../../src/transport/limits.js';

import { installLogtoReleases, kitDirectory } from './logto-folder.js';

const codesOf = async (version: string): Promise<Record<string, string>> => {
  const directory = await kitDirectory(version);
  assert.ok(directory, `connector-kit ${version} is installed in logto-releases/`);
  const kit = (await import(pathToFileURL(path.join(directory, 'lib', 'index.js')).href)) as {
    ConnectorErrorCodes: Record<string, string>;
  };
  return kit.ConnectorErrorCodes;
};

describe('the limit codes in each kit', () => {
  before(async () => {
    await installLogtoReleases();
  });

  it('uses usage_limit_exceeded for the daily quota with kit 5.1.1, which has it', async () => {
    const codes = await codesOf('5.1.1');
    assert.equal(limitCodeIn(codes, 'quota'), 'usage_limit_exceeded');
    assert.equal(limitCodeIn(codes, 'rate'), 'rate_limit_exceeded');
  });

  for (const version of ['4.7.0', '5.0.0', '5.0.1', '5.1.0']) {
    it(`falls back to rate_limit_exceeded for the daily quota with kit ${version}, which lacks it`, async () => {
      const codes = await codesOf(version);
      assert.equal(Object.values(codes).includes('usage_limit_exceeded'), false, 'the kit really lacks the code');
      assert.equal(limitCodeIn(codes, 'quota'), 'rate_limit_exceeded');
      assert.equal(limitCodeIn(codes, 'rate'), 'rate_limit_exceeded');
    });
  }
});

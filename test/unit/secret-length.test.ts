import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import { parseConfig } from '../../src/config/config.js';
import { minimumSecretLength, secretLengthProblem } from '../../src/config/secret-length.js';
import { failureDataOf } from '../../src/transport/failure-data.js';
import { configFor } from '../support/fixtures.js';

const rule =
  'must be at least 16 characters long (the secrets AWS and Logto issue are longer: was it pasted whole?); a shorter one could not be kept out of messages and logs';

const config = (extra: Record<string, unknown> = {}) => configFor(undefined, { templates: [], ...extra });

const configMessage = (value: unknown): string => {
  try {
    parseConfig(value);
  } catch (error: unknown) {
    assert.ok(error instanceof ConnectorError);
    assert.equal(error.code, ConnectorErrorCodes.InvalidConfig);
    return failureDataOf(error).message ?? '';
  }
  assert.fail('the config was accepted');
};

describe('the shortest secret that can be redacted', () => {
  it('is 16 characters, shorter than any secret AWS or Logto issues', () => {
    assert.equal(minimumSecretLength, 16);
  });

  for (const field of ['accessKeySecret', 'sessionToken']) {
    it(`refuses a shorter ${field} as a config error naming the field, without its value`, () => {
      const message = configMessage(config({ [field]: 'fifteen-chars-x' }));
      assert.equal(message, `Invalid AWS SES connector config: ${field} ${rule}.`);
    });

    it(`accepts ${field} of 16 characters, and counts it as sent, without surrounding spaces`, () => {
      assert.doesNotThrow(() => parseConfig(config({ [field]: 'sixteen-chars-xx' })));
      assert.match(
        configMessage(config({ [field]: '  fifteen-chars-x  ' })),
        new RegExp(`${field} must be at least 16`)
      );
    });
  }

  it('still treats an empty or absent secret as not set, as the console form sends it', () => {
    assert.doesNotThrow(() => parseConfig(config({ accessKeyId: '', accessKeySecret: '', sessionToken: '' })));
    assert.doesNotThrow(() => parseConfig(config({ accessKeyId: undefined, accessKeySecret: undefined })));
    assert.doesNotThrow(() => parseConfig(config({ sessionToken: null })));
  });

  it('reports a blank secret as empty, not also as too short', () => {
    const message = configMessage(config({ accessKeySecret: '   ' }));
    assert.match(message, /accessKeySecret must not be empty/);
    assert.doesNotMatch(message, /at least 16/);
  });

  it("words the rule for another tool's secret (the M2M app's) by its field", () => {
    assert.equal(secretLengthProblem('--app-secret', 'short'), `--app-secret ${rule}`);
    assert.equal(secretLengthProblem('--app-secret', 'a'.repeat(32)), undefined);
    assert.equal(secretLengthProblem('--app-secret', ''), undefined, 'empty is the caller\'s "not set"');
    assert.equal(secretLengthProblem('--app-secret', '   '), undefined, 'blank too');
    assert.equal(
      secretLengthProblem('--app-secret', ` ${'a'.repeat(15)} `),
      `--app-secret ${rule}`,
      'the spaces around it do not count'
    );
  });
});

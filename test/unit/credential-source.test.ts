import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { ClientSettings } from '../../src/transport/client-settings.js';
import { credentialSourceNames, credentialSourceOf } from '../../src/transport/credential-source.js';
import { keyId, secret, sessionToken, temporaryKeyId } from '../support/fixtures.js';

const settings = (credentials?: ClientSettings['credentials']): ClientSettings => ({
  region: 'us-east-1',
  credentials,
  timeoutMs: 10_000,
  maxAttempts: 3,
});

describe('credentialSourceOf', () => {
  it('tells the config keys, the config keys with a session token and the default chain apart', () => {
    assert.equal(credentialSourceOf(settings({ accessKeyId: keyId, secretAccessKey: secret })), 'config');
    assert.equal(
      credentialSourceOf(settings({ accessKeyId: temporaryKeyId, secretAccessKey: secret, sessionToken })),
      'config with session token'
    );
    assert.equal(credentialSourceOf(settings()), 'default chain');
  });

  it('names where the keys of a config come from, in the words check prints', () => {
    const wordsFor = (credentials?: ClientSettings['credentials']) =>
      credentialSourceNames[credentialSourceOf(settings(credentials))];
    assert.equal(wordsFor({ accessKeyId: keyId, secretAccessKey: secret }), 'the access key in the config');
    assert.equal(
      wordsFor({ accessKeyId: temporaryKeyId, secretAccessKey: secret, sessionToken }),
      'the access key in the config, with its session token'
    );
    assert.equal(
      wordsFor(),
      'the AWS default credential chain (environment, shared files, IRSA, ECS task or EC2 instance role)'
    );
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { secretsIn } from '../../src/connector/secrets-in.js';

test("a config's secrets as written and trimmed, the environment's too; none from what is not an object", (t) => {
  const saved = { secret: process.env.AWS_SECRET_ACCESS_KEY, token: process.env.AWS_SESSION_TOKEN };
  t.after(() => {
    for (const [name, value] of [
      ['AWS_SECRET_ACCESS_KEY', saved.secret],
      ['AWS_SESSION_TOKEN', saved.token],
    ] as const) {
      if (value === undefined) {
        delete process.env[name];
      } else {
        process.env[name] = value;
      }
    }
  });
  process.env.AWS_SECRET_ACCESS_KEY = ' env-secret ';
  process.env.AWS_SESSION_TOKEN = '   ';
  assert.deepEqual(secretsIn({ accessKeySecret: 'key-secret', sessionToken: 'token\n', accessKeyId: 'AKIA' }), [
    'key-secret',
    'key-secret',
    'token\n',
    'token',
    ' env-secret ',
    'env-secret',
  ]);
  for (const config of [undefined, null, 'accessKeySecret', 7]) {
    assert.deepEqual(secretsIn(config), [' env-secret ', 'env-secret'], String(config));
  }
});

/** `logto-ses dev --port` takes a port in decimal digits only, as a person types it. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { runCli } from './cli.js';

describe('--port', () => {
  for (const port of ['0x1F90', '8e3', '0b1', '80.5']) {
    test(`refuses ${port}: decimal digits only`, async () => {
      const result = await runCli(['dev', '--port', port]);
      assert.equal(result.code, 2, result.stdout + result.stderr);
      assert.match(result.stderr, /^--port must be a port number from 0 to 65535 \(0 picks a free one\); got "/m);
      assert.equal(result.stdout, '');
    });
  }
});

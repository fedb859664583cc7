import assert from 'node:assert/strict';
import { test } from 'node:test';

import type * as ReportOnce from '../../src/connector/report-once.js';

/**
 * The module's memory of causes is per process, and other tests fill it too when the fast loop
 * runs every file in one process: this test imports a copy of its own (another URL, another
 * module instance).
 */
const ownCopy: string = '../../src/connector/report-once.js?own-copy';
const { reportOnce } = (await import(ownCopy)) as typeof ReportOnce;

test('a cause is written once; past 100 remembered causes, a new one is written every time', (t) => {
  const warn = t.mock.method(console, 'warn', () => undefined);
  reportOnce('cause 0', 'line 0');
  reportOnce('cause 0', 'line 0 again');
  assert.deepEqual(
    warn.mock.calls.map(({ arguments: args }) => args),
    [['line 0']]
  );
  for (let index = 1; index < 100; index += 1) {
    reportOnce(`cause ${index}`, `line ${index}`);
  }
  assert.equal(warn.mock.callCount(), 100);
  reportOnce('cause 100', 'line 100');
  reportOnce('cause 100', 'line 100 again');
  reportOnce('cause 99', 'line 99 again');
  assert.deepEqual(
    warn.mock.calls.slice(100).map(({ arguments: args }) => args),
    [['line 100'], ['line 100 again']]
  );
});

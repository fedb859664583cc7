import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { loadOnce } from '../../src/connector/load-once.js';

describe('loadOnce', () => {
  it('loads once for any number of calls, concurrent or later', async () => {
    let loads = 0;
    const load = loadOnce(async () => {
      loads += 1;
      return { module: loads };
    });
    const [first, second] = await Promise.all([load(), load()]);
    const third = await load();
    assert.equal(loads, 1);
    assert.equal(first, second);
    assert.equal(first, third);
  });

  it('forgets a failed load, so the next call tries again and then keeps the success', async () => {
    const outcomes = [new Error('EMFILE: too many open files'), 'loaded'];
    let loads = 0;
    const load = loadOnce(async () => {
      const outcome = outcomes[loads];
      loads += 1;
      if (outcome instanceof Error) {
        throw outcome;
      }
      return outcome;
    });
    await assert.rejects(load(), /EMFILE/);
    assert.equal(await load(), 'loaded');
    assert.equal(await load(), 'loaded');
    assert.equal(loads, 2);
  });
});

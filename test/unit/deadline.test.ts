/**
 * The deadline every SES call runs under: it settles the call at `timeoutMs` with its own error,
 * then aborts the signal the SDK was given, calling whatever handler the SDK set on it (the
 * request in flight, or the retry's back-off); a call that settles first clears it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { withDeadline, type DeadlineSignal } from '../../src/transport/deadline.js';
import { nextTurn, watch, withMockedTimeouts } from '../support/clock.js';

/** A call that never settles by itself, and hands out the signal it was given. */
const hanging = () => {
  let given: DeadlineSignal | undefined;
  const run = async (signal: DeadlineSignal) => {
    given = signal;
    return new Promise<never>(() => undefined);
  };
  return { run, signal: () => given! };
};

describe('withDeadline', () => {
  it('settles a hung call at timeoutMs with the deadline error, not before', async (t) => {
    await withMockedTimeouts(t, async (tick) => {
      const call = hanging();
      const outcome = withDeadline(500, () => new Error('SES did not answer within 500 ms'), call.run);
      const watched = watch(outcome);
      tick(499);
      await nextTurn();
      assert.equal(watched.settled(), false, 'settled before timeoutMs');
      assert.equal(call.signal().aborted, false);
      tick(1);
      await assert.rejects(outcome, { message: 'SES did not answer within 500 ms' });
    });
  });

  it('aborts the signal after rejecting: the handler the SDK set runs once, with the reason', async (t) => {
    await withMockedTimeouts(t, async (tick) => {
      const call = hanging();
      const outcome = withDeadline(200, () => new Error('deadline'), call.run);
      const calls: unknown[] = [];
      const signal = call.signal();
      // What the SDK's HTTP handler does with a signal that has no addEventListener.
      signal.onabort = () => calls.push(signal.reason);
      tick(200);
      await assert.rejects(outcome, { message: 'deadline' });
      assert.equal(signal.aborted, true);
      assert.equal(calls.length, 1);
      assert.equal((calls[0] as Error).message, 'deadline');
      assert.equal(signal.onabort, null, 'a handler set for one request is not called again');
    });
  });

  it('a call that settles first keeps its answer or its error, and its timer is cleared', async (t) => {
    await withMockedTimeouts(t, async (tick) => {
      let signal: DeadlineSignal | undefined;
      const answered = await withDeadline(
        1000,
        () => new Error('deadline'),
        async (given) => {
          signal = given;
          return 'MessageId-1';
        }
      );
      assert.equal(answered, 'MessageId-1');
      await assert.rejects(
        withDeadline(
          1000,
          () => new Error('deadline'),
          async () => Promise.reject(new Error('MessageRejected'))
        ),
        { message: 'MessageRejected' }
      );
      let handled = false;
      signal!.onabort = () => (handled = true);
      tick(1000);
      await nextTurn();
      assert.equal(signal!.aborted, false, 'no deadline fires after the call settled');
      assert.equal(handled, false);
    });
  });

  it('a call that throws before it returns a promise settles with that error', async () => {
    await assert.rejects(
      withDeadline(
        1000,
        () => new Error('deadline'),
        () => {
          throw new Error('bad input');
        }
      ),
      { message: 'bad input' }
    );
  });
});

import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';

/**
 * Waiting on real I/O while the clock is mocked: node:test's mock timers stop time, so a test
 * moves it with `tick`, and in between lets sockets and promises run with these.
 */

/** One turn of the event loop: I/O callbacks and every promise they settle. */
export const nextTurn = async () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Waits, turn by turn, until `condition` holds: a request reaching a server, say. Fails after
 * `turns` turns instead of hanging, as a timer cannot bound it while time stands still.
 */
export const until = async (condition: () => boolean, what: string, turns = 50_000): Promise<void> => {
  for (let turn = 0; turn < turns; turn += 1) {
    if (condition()) {
      return;
    }
    await nextTurn();
  }
  throw new Error(`${what}: not after ${turns} turns of the event loop`);
};

/** Watches `promise` without waiting for it: `settled()` says whether it has, so far. */
export const watch = (promise: Promise<unknown>): { settled: () => boolean } => {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true)
  );
  return { settled: () => settled };
};

/**
 * Runs `action` with setTimeout mocked (time moves only by `tick`) and restores the real timers
 * however it ends, so a failing assertion cannot leave later hooks waiting on a stopped clock.
 */
export const withMockedTimeouts = async <T>(
  t: TestContext,
  action: (tick: (milliseconds: number) => void) => Promise<T>
): Promise<T> => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  try {
    return await action((milliseconds) => t.mock.timers.tick(milliseconds));
  } finally {
    t.mock.timers.reset();
  }
};

/**
 * Fails instead of hanging when `promise` does not settle in `ms` of real time: a guard that
 * fires only when the behaviour under test is broken, never a wait the test relies on.
 */
export const within = async <T>(promise: Promise<T>, what: string, ms = 5000): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
};

/**
 * Starts `start` on a mocked clock, waits for `arrived` (its request at the server), and checks
 * that it is still pending 1 ms before `timeoutMs` and settled at `timeoutMs`. Returns the settled
 * promise, for the caller to read its outcome.
 */
export const settlesAtDeadline = async <T>(
  t: TestContext,
  timeoutMs: number,
  start: () => Promise<T>,
  arrived: () => boolean
): Promise<{ outcome: Promise<T> }> =>
  withMockedTimeouts(t, async (tick) => {
    const outcome = start();
    const watched = watch(outcome);
    await until(arrived, 'the request reaching the server');
    tick(timeoutMs - 1);
    await nextTurn();
    assert.equal(watched.settled(), false, `settled before timeoutMs (${timeoutMs} ms)`);
    tick(1);
    await until(watched.settled, `settling at timeoutMs (${timeoutMs} ms)`, 1000);
    return { outcome };
  });

/**
 * The deadline of one SES call, made as cheap as the SDK allows, since every mail pays it.
 *
 * The signal is the SDK's older signal shape (`aborted`, `reason`, `onabort`), which its HTTP
 * handler and retry loop accept beside a DOM AbortSignal. With a DOM signal, each call paid for an
 * AbortController and an EventTarget listener added and removed around the retry token, the request
 * and its `close`; with this one, whatever waits at the moment (the request in flight, or the
 * retry's back-off) sets `onabort`, and the deadline calls it.
 *
 * The timer is one setTimeout per call. Node keeps every timer of the same duration in one list
 * behind a single libuv timer, so calls with the same `timeoutMs` already share one timer: adding
 * and clearing ours is two list operations (about 0.5 µs together), and unlike a wheel of our own it
 * needs no clock read per call and fires exactly at `timeoutMs`, also under node:test's mock timers.
 */

/** What the SDK's handler and retry loop read from a signal. */
export type DeadlineSignal = {
  readonly aborted: boolean;
  readonly reason: unknown;
  // The SDK's own type for it: a handler it sets, called with no arguments it relies on.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  onabort: ((...args: unknown[]) => unknown) | Function | null;
};

class Signal implements DeadlineSignal {
  aborted = false;
  reason: unknown = undefined;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  onabort: ((...args: unknown[]) => unknown) | Function | null = null;

  abort(reason: unknown) {
    this.aborted = true;
    this.reason = reason;
    const handler = this.onabort;
    this.onabort = null;
    if (typeof handler === 'function') {
      // Stryker disable next-line ObjectLiteral,StringLiteral: the SDK's handler (node-http-handler's onabort) reads no event
      (handler as (event: unknown) => unknown).call(this, { type: 'abort', target: this });
    }
  }
}

/**
 * Runs `run` and settles within `timeoutMs`: when it passes, the promise rejects with
 * `onDeadline()`'s error at once (before the SDK hears of it, so the caller gets the deadline's
 * error, not the SDK's AbortError), and then the signal is aborted, which ends the request in
 * flight or the back-off.
 */
export const withDeadline = <T>(
  timeoutMs: number,
  onDeadline: () => Error,
  run: (signal: DeadlineSignal) => Promise<T>
): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const signal = new Signal();
    const timer = setTimeout(() => {
      const error = onDeadline();
      reject(error);
      signal.abort(error);
    }, timeoutMs);
    const settle = (value: T) => {
      clearTimeout(timer);
      resolve(value);
    };
    const fail = (error: unknown) => {
      clearTimeout(timer);
      // The call's own error, passed on as it is: callSes makes a ConnectorError of it.
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      reject(error);
    };
    try {
      run(signal).then(settle, fail);
    } catch (error: unknown) {
      fail(error);
    }
  });

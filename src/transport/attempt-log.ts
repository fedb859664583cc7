import type { FinalizeRequestMiddleware, MiddlewareStack } from '@smithy/types';

/** What one SES call went through before its deadline passed, for the deadline's message. */
export type AttemptLog = {
  /** The error of each failed attempt, in order. */
  failures: unknown[];
  /** Whether an attempt started: credentials (the role's, from STS) are resolved before the first. */
  reachedSes: boolean;
};

export const newAttemptLog = (): AttemptLog => ({ failures: [], reachedSes: false });

/** A command whose middleware can be extended for this one call. */
// Commands differ in input and output types; the middleware reads neither.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Observable = { middlewareStack: MiddlewareStack<any, any> };

/** Applied to a command before it is sent: files its attempts in the call's log. */
export type Observe = <Command extends Observable>(command: Command) => Command;

/**
 * Files each attempt of this command in `log`. The middleware sits inside the SDK's retry loop
 * (finalizeRequest, after retries and signing), so it sees every attempt, and on the command, not
 * the shared client, so concurrent sends keep their own logs. (An AsyncLocalStorage would do the
 * same from the shared retry strategy, but it turns on promise hooks for all of Logto's process.)
 */
export const observeAttempts =
  (log: AttemptLog): Observe =>
  (command) => {
    const fileAttempt: FinalizeRequestMiddleware<object, object> = (next) => async (args) => {
      log.reachedSes = true;
      try {
        return await next(args);
      } catch (error: unknown) {
        log.failures.push(error);
        throw error;
      }
    };
    command.middlewareStack.add(fileAttempt, { step: 'finalizeRequest', priority: 'low', name: 'attemptLog' });
    return command;
  };

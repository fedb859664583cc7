import type { FinalizeRequestMiddleware, MiddlewareStack } from '@smithy/types';

/**
 * What one SES call went through: for the deadline's message, and for the send's span, metrics
 * and log line (how many attempts, which host, SES's request id).
 */
export type AttemptLog = {
  /** The error of each failed attempt, in order. */
  failures: unknown[];
  /** Whether an attempt started: credentials (the role's, from STS) are resolved before the first. */
  reachedSes: boolean;
  /** How many attempts started, the one cut short by the deadline included. */
  attempts: number;
  /** The host (and port, when the URL names one) the last attempt went to, as the SDK resolved it. */
  serverAddress?: string;
  serverPort?: number;
  /** SES's request id of the answer that ended the call, when it succeeded (a failure carries its own). */
  requestId?: string;
};

export const newAttemptLog = (): AttemptLog => ({ failures: [], reachedSes: false, attempts: 0 });

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
      log.attempts += 1;
      const { hostname, port } = args.request as { hostname?: unknown; port?: unknown };
      // Stryker disable next-line ConditionalExpression: the SDK's HttpRequest has a string hostname, and a number or no port
      log.serverAddress = typeof hostname === 'string' ? hostname : undefined;
      // Stryker disable next-line ConditionalExpression: the SDK's HttpRequest has a string hostname, and a number or no port
      log.serverPort = typeof port === 'number' ? port : undefined;
      try {
        return await next(args);
      } catch (error: unknown) {
        log.failures.push(error);
        throw error;
      }
    };
    // Stryker disable next-line StringLiteral: nothing looks the middleware up by name, and the default priority, like 'low', runs it inside the retry loop
    command.middlewareStack.add(fileAttempt, { step: 'finalizeRequest', priority: 'low', name: 'attemptLog' });
    return command;
  };

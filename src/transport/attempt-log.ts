import { AsyncLocalStorage } from 'node:async_hooks';

/** What one SES call went through before its deadline passed, for the deadline's message. */
export type AttemptLog = {
  /** The error of each failed attempt, in order; the SDK's retry strategy records them. */
  failures: unknown[];
  /** Set while the role's credentials are being fetched from STS, with STS's endpoint. */
  assumingRole?: { stsEndpoint: string };
};

/**
 * The SDK's retry strategy and credential provider belong to a client that many sends share, so
 * what they see is filed under the send whose async context they run in. Without it, a deadline
 * that passes while SES throttles (or while STS hangs) could only say "SES did not answer".
 */
const storage = new AsyncLocalStorage<AttemptLog>();

/** Runs one SES call with a fresh log, which `log` returns to the caller as it fills. */
export const withAttemptLog = <T>(log: AttemptLog, run: () => Promise<T>): Promise<T> => storage.run(log, run);

/** The log of the call running in this async context, if any. */
export const currentAttemptLog = (): AttemptLog | undefined => storage.getStore();

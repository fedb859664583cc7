/**
 * Causes already written to Logto's log. A lookup that fails on every sign-in (a database down)
 * would otherwise write one line per email; a cause is said once per process.
 */
const reported = new Set<string>();
/** Past this many distinct causes, the set stops growing: a log line is cheaper than memory. */
const maxRemembered = 100;

/** Writes `line` to the console (Logto keeps it in its logs) unless `cause` was already written. */
export const reportOnce = (cause: string, line: string): void => {
  if (reported.has(cause)) {
    return;
  }
  if (reported.size < maxRemembered) {
    reported.add(cause);
  }
  console.warn(line);
};

/**
 * The two connector packages under test, resolved once by the parent process (which runs from
 * bench/) and handed to every child, so that all of them load the very same files.
 */

/** This package's build, as Logto loads it: lib/index.js (npm run bench builds it first). */
export const connectorEntry = new URL('../lib/index.js', import.meta.url).href;

/** `@logto/connector-aws-ses` 1.5.4, the devDependency. */
export const officialEntry = import.meta.resolve('@logto/connector-aws-ses');

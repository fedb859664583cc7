import { callSes, type SesCall } from '../../transport/call-ses.js';
import type { ClientSettings } from '../../transport/client-settings.js';
import { failureDataOf } from '../../transport/failure-data.js';
import { messageOf } from '../output.js';

/** How one read-only SES call went, sorted by what `check` does about it. */
export type Probe<Output> =
  | { outcome: 'ok'; output: Output }
  /** SES's NotFoundException: the identity or configuration set does not exist. */
  | { outcome: 'not found'; message: string }
  /** The endpoint has no such API (a local SES, a proxy): a plain 404 without an SES error. */
  | { outcome: 'unsupported' }
  /** The credentials may not call it; sending needs only ses:SendEmail, so this is no failure. */
  | { outcome: 'denied' }
  /** Anything else: credentials, network, region, deadline; the connector's message says which. */
  | { outcome: 'failed'; message: string };

/** Makes one call on the connector's shared, deadline-bounded client and sorts the outcome. */
export const probe = async <Output>(
  settings: ClientSettings,
  operation: string,
  call: SesCall<Output>
): Promise<Probe<Output>> => {
  try {
    return { outcome: 'ok', output: await callSes(settings, operation, call) };
  } catch (error: unknown) {
    const { sesError, httpStatusCode } = failureDataOf(error);
    if (sesError === 'AccessDeniedException') {
      return { outcome: 'denied' };
    }
    if (sesError === 'NotFoundException') {
      return { outcome: 'not found', message: messageOf(error) };
    }
    // A 404 that is not SES's NotFoundException: the route itself is missing.
    if (httpStatusCode === 404) {
      return { outcome: 'unsupported' };
    }
    return { outcome: 'failed', message: messageOf(error) };
  }
};

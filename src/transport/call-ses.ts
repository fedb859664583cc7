import type { SESv2Client } from '@aws-sdk/client-sesv2';

import { newAttemptLog, observeAttempts, type AttemptLog, type Observe } from './attempt-log.js';
import { withClient } from './client-cache.js';
import { secretsOf, type ClientSettings } from './client-settings.js';
import { credentialSourceOf } from './credential-source.js';
import { withDeadline, type DeadlineSignal } from './deadline.js';
import { DeadlineExceeded, toConnectorError } from './errors.js';
import { assumedRoleSecrets } from './sts-credentials.js';

/**
 * One SES call made with the shared client; the signal is the call's deadline, and `observe`
 * (applied to the command before it is sent) files its attempts for the deadline's message.
 */
export type SesCall<Output> = (client: SESv2Client, abortSignal: DeadlineSignal, observe: Observe) => Promise<Output>;

/**
 * Runs one SES call (`operation` names it in errors) on the shared client for these settings and
 * settles within `settings.timeoutMs`, retries and credential fetching included: when the deadline
 * passes, the request in flight is aborted and the caller gets an error at once, whatever the SDK
 * is doing. Every failure leaves as a ConnectorError with its secrets redacted. A caller that
 * reports on the call (the connector's span, metrics and log line) passes its own `log` to read
 * the attempts afterwards.
 */
export const callSes = async <Output>(
  settings: ClientSettings,
  operation: string,
  call: SesCall<Output>,
  log: AttemptLog = newAttemptLog()
): Promise<Output> => {
  try {
    return await withClient(settings, async (client) =>
      withDeadline(
        settings.timeoutMs,
        () => new DeadlineExceeded(settings.timeoutMs, log),
        (abortSignal) => call(client, abortSignal, observeAttempts(log))
      )
    );
  } catch (error: unknown) {
    throw toConnectorError(error, {
      operation,
      region: settings.region,
      endpoint: settings.endpoint,
      endpointId: settings.endpointId,
      credentialSource: credentialSourceOf(settings),
      roleArn: settings.assumeRole?.roleArn,
      timeoutMs: settings.timeoutMs,
      // Every key STS issued this process, as the CLI's output redacts them: more than this call's role's, never fewer.
      secrets: [...secretsOf(settings), ...assumedRoleSecrets()],
    });
  }
};

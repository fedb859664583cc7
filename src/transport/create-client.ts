import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

import { SESv2Client } from '@aws-sdk/client-sesv2';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { NodeHttpHandler } from '@smithy/node-http-handler';

import { boundedStreamCollector } from './bounded-answer.js';
import type { ClientSettings } from './client-settings.js';
import { SesRetryStrategy } from './retry.js';
import { markStsFailures } from './sts-credentials.js';

/** How long a connect may take: SES answers a TCP+TLS handshake in well under a second. */
const connectionTimeoutMs = 3000;
/**
 * Idle keep-alive sockets are closed after this long, before a load balancer's idle timeout
 * (SES's is longer) can close them under a request that has just been written.
 */
const idleSocketTimeoutMs = 30_000;
/** Open sockets per client; also the most messages in flight to SES at once from one process. */
const maxSockets = 50;
/** Every answer body, from SES and from STS, is read through it: at most 1 MB. */
const answerCollector = boundedStreamCollector();
/** Shown in CloudTrail for the assumed role, so an operator can tell who assumed it. */
const defaultRoleSessionName = 'logto-connector-aws-ses';

const createRequestHandler = ({ timeoutMs, lookup }: ClientSettings) => {
  const agentOptions = { keepAlive: true, maxSockets, timeout: idleSocketTimeoutMs, ...(lookup && { lookup }) };
  return new NodeHttpHandler({
    connectionTimeout: Math.min(connectionTimeoutMs, timeoutMs),
    // One attempt may use the whole deadline; the deadline (deadline.ts) ends the call anyway and
    // aborts the SES request in flight. Not a double time-out: the role's AssumeRole request runs
    // on this handler too, where no abort signal reaches it, and this is what closes it when STS
    // hangs (about 0.3 µs per request: Node files it in the list of timers of that duration).
    requestTimeout: timeoutMs,
    // Without it, smithy 4.x only logs a warning when requestTimeout passes.
    throwOnRequestTimeout: true,
    httpAgent: new HttpAgent(agentOptions),
    httpsAgent: new HttpsAgent(agentOptions),
  });
};

/**
 * Static keys when the config has them, else the SDK's default chain. A role is assumed on top of
 * either; the SDK caches the resulting credentials per client and refreshes them five minutes
 * before they expire, so STS is called once per hour, not once per message.
 */
const credentialsFor = ({ region, credentials, assumeRole, maxAttempts }: ClientSettings) =>
  assumeRole
    ? markStsFailures(
        fromTemporaryCredentials({
          ...(credentials && { masterCredentials: credentials }),
          params: {
            RoleArn: assumeRole.roleArn,
            ExternalId: assumeRole.externalId,
            RoleSessionName: assumeRole.roleSessionName ?? defaultRoleSessionName,
          },
          clientConfig: { region, maxAttempts, streamCollector: answerCollector },
        }),
        region
      )
    : credentials;

/** One SES client: its credentials, keep-alive connections, time-outs and retry policy. */
export const createClient = (settings: ClientSettings) =>
  new SESv2Client({
    region: settings.region,
    ...(settings.endpoint && { endpoint: settings.endpoint }),
    // A global endpoint is signed for every region ("*", from the SDK's endpoint rules); pinned
    // so AWS_SIGV4A_SIGNING_REGION_SET or a profile's region set cannot narrow it.
    ...(settings.endpointId && { sigv4aSigningRegionSet: ['*'] }),
    credentials: credentialsFor(settings),
    retryStrategy: new SesRetryStrategy(settings.maxAttempts),
    requestHandler: createRequestHandler(settings),
    streamCollector: answerCollector,
  });

import { isAwsRegionName } from '../config/aws-region-name.js';
import type { FailureContext } from './failure-context.js';

/**
 * The words that differ between the two AWS services a call can fail at: SES, which every call is
 * for, and STS, when assuming roleArn failed before SES was reached. Each entry says how the
 * service is named, which setting points at it and what to check; the messages (errors.ts,
 * failure-hints.ts, deadline-failure.ts) are composed from the entry of the service that failed,
 * so an answer from STS never reads as SES's, and a new difference is a new field, not a branch.
 */
export type ServiceWords = {
  /** How messages name it: "SES TooManyRequestsException", "not an STS answer". */
  name: 'SES' | 'STS';
  /** The start of a message for a failure without an answer. */
  failed: string;
  /** What was asked of it: the SES operation, or AssumeRole for the role. */
  call: string;
  /** Who answered with a body that is not the service's answer. */
  answeredBy: string;
  /** Whether a 2xx answer that could not be read may still mean the message was taken. */
  mayHaveSent: boolean;
  /** Whether the call went through the SES global endpoint, when the config names one (global-endpoint-hints.ts). */
  viaGlobalEndpoint: boolean;
  /** Who answered with a redirect or a 404 instead of the service's API. */
  wrongEndpoint: string;
  /** The setting that points there, and what it must be. */
  endpointSetting: string;
  /** What throttling by this service means, and what to do. */
  throttled: string;
  /** Its host does not resolve. */
  unresolved: string;
  /** Nothing accepted the connection. */
  refused: string;
  /** It did not answer within the call's deadline. */
  silent: (timeoutMs: number) => string;
  /** Where it was, said after a message (`said`, when given) that does not name it already; empty for SES, whose place the config names. */
  whereItWas: (said?: string) => string;
};

/**
 * A host that does not resolve. For the region's own SES host, a region spelled as AWS names
 * them is most likely right, so what failed is the network or DNS of Logto's host (no DNS
 * server, no route out, a VPC without internet access); any other region is most likely a typo.
 */
const sesUnresolved = (region: string, endpoint: string | undefined) =>
  endpoint
    ? `The SES endpoint host in ${endpoint} does not resolve: check endpoint.`
    : isAwsRegionName(region)
      ? `The SES host for region "${region}" does not resolve, though ${region} is an AWS region: the network or DNS did not answer. Check that Logto's host can resolve and reach amazonaws.com (its DNS servers, a firewall or proxy; a VPC without internet access needs an SES VPC endpoint, set as endpoint).`
      : `The SES host for region "${region}" does not resolve: check region.`;

/** SES, where the config's region or endpoint sends the call. */
export const sesWords = ({ operation = 'SendEmail', region, endpoint }: FailureContext): ServiceWords => ({
  name: 'SES',
  failed: operation === 'SendEmail' ? 'Sending through SES failed' : `Calling SES ${operation} failed`,
  call: operation,
  answeredBy: 'SES',
  mayHaveSent: true,
  viaGlobalEndpoint: true,
  wrongEndpoint: endpoint ? `The endpoint ${endpoint}` : `SES in ${region}`,
  endpointSetting: `check endpoint: it must be the SES API's base URL, such as https://email.${region}.amazonaws.com, without a path`,
  throttled: `SES is throttling this account in ${region}: more emails per second than its maximum send rate. A retry in a moment goes through; if it keeps happening, request a higher sending rate in the SES console.`,
  unresolved: sesUnresolved(region, endpoint),
  refused: `Nothing accepted the connection${endpoint ? ` at ${endpoint}` : ''}: check endpoint.`,
  silent: (timeoutMs) =>
    `SES did not answer within ${timeoutMs} ms (timeoutMs, retries included), so the request was aborted. Check that ${
      endpoint ?? `SES in ${region}`
    } is reachable from Logto, or raise timeoutMs.`,
  // Stryker disable next-line ArrowFunction: its callers drop an empty part (filter(Boolean)), undefined as well as ''
  whereItWas: () => '',
});

/** STS at `endpoint` (AWS_ENDPOINT_URL_STS, or the region's), where Logto assumes roleArn. */
export const stsWords = ({ region, roleArn = 'the role' }: FailureContext, endpoint: string): ServiceWords => {
  const reachable = `check that STS at ${endpoint} is reachable from Logto (AWS_ENDPOINT_URL_STS, a firewall, an STS VPC endpoint).`;
  return {
    name: 'STS',
    failed: `Assuming ${roleArn} through STS failed`,
    call: `AssumeRole for ${roleArn}`,
    answeredBy: `STS at ${endpoint}`,
    // No credentials came back, so nothing was sent.
    mayHaveSent: false,
    // STS is regional whatever endpointId says: its host failing is not the global endpoint's.
    viaGlobalEndpoint: false,
    wrongEndpoint: `STS at ${endpoint}`,
    endpointSetting: `check AWS_ENDPOINT_URL_STS: it must be the STS API's base URL, such as https://sts.${region}.amazonaws.com`,
    throttled: 'STS is throttling AssumeRole calls for this account; they succeed again in a moment.',
    unresolved: `The STS host in ${endpoint} does not resolve: check AWS_ENDPOINT_URL_STS, or region.`,
    refused: `Nothing accepted the connection to STS, where Logto assumes ${roleArn}: ${reachable}`,
    silent: (timeoutMs) =>
      `STS did not answer within ${timeoutMs} ms (timeoutMs) while Logto was assuming ${roleArn}, so the send was aborted before it reached SES: ${reachable}`,
    whereItWas: (said) => (said?.includes(endpoint) ? '' : `(STS endpoint: ${endpoint}.)`),
  };
};

/** The words of the service that failed: STS when the context says assuming the role failed, else SES. */
export const failingService = (context: FailureContext): ServiceWords =>
  context.sts ? stsWords(context, context.sts.endpoint) : sesWords(context);

/**
 * What to check when a send through an SES global endpoint fails. SES sends each message from
 * either of the endpoint's two regions, so a regional hint ("verify the identity in us-east-1")
 * is half the truth: whatever the mail needs (identity, DKIM, MAIL FROM, configuration set,
 * production access) must be in place in both regions, and the endpoint itself must be READY.
 */
type GlobalEndpointContext = {
  /** Only SendEmail goes through the global endpoint; the CLI's other calls are regional. */
  operation?: string;
  endpointId?: string;
  /** The config's endpoint URL, which replaces the global endpoint's host. */
  endpoint?: string;
};

const both = (endpointId: string) => `both regions of the global endpoint ${endpointId} (endpointId)`;

const checkCommand = 'logto-ses check names the region that lacks it';

type Hint = (endpointId: string, message: string, context: GlobalEndpointContext) => string | undefined;

/** By name: a Map, since the name comes from the answer, and `constructor` must find no hint. */
const hints = new Map<string, Hint>([
  [
    'NotFoundException',
    (endpointId) =>
      `Something the config names does not exist for the global endpoint ${endpointId}: check that endpointId is the ID (not the name) of a global endpoint of this account whose status is READY, and that configurationSetName and the identity ARNs exist in ${both(endpointId)}; ${checkCommand}.`,
  ],
  [
    'MessageRejected',
    (endpointId, message) =>
      /not verified/i.test(message)
        ? `SES sends from either region of the global endpoint ${endpointId}, so the sender identity must be verified (with DKIM) and the account out of the SES sandbox in each of them; SES named the region that refused above. ${checkCommand}.`
        : undefined,
  ],
  [
    'MailFromDomainNotVerifiedException',
    (endpointId) => `Verify the custom MAIL FROM domain of the sender identity in ${both(endpointId)}.`,
  ],
  [
    'AccountSuspendedException',
    (endpointId) =>
      `Sending is disabled for this account or configuration set in one of ${both(endpointId)}; see the SES console's account dashboard in each.`,
  ],
  [
    'SendingPausedException',
    (endpointId) =>
      `Sending is disabled for this account or configuration set in one of ${both(endpointId)}; see the SES console's account dashboard in each.`,
  ],
  [
    'ENOTFOUND',
    (endpointId, _message, { endpoint }) =>
      endpoint
        ? undefined
        : `The host of the global endpoint ${endpointId} does not resolve: check endpointId, which must be the ID (such as abcd1234.ef5g) of an SES global endpoint, not its name.`,
  ],
]);

/**
 * The hint for a failure (an SES exception's name, or a socket error's code) of a send through a
 * global endpoint; undefined when there is no global endpoint or the regional hint is right.
 */
export const globalEndpointHint = (
  failure: string | undefined,
  message: string,
  context: GlobalEndpointContext
): string | undefined =>
  context.endpointId && failure && (context.operation ?? 'SendEmail') === 'SendEmail'
    ? hints.get(failure)?.(context.endpointId, message, context)
    : undefined;

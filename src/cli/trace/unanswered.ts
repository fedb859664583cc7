/**
 * What `trace` says when SES has no timeline to give: VDM is off (SES keeps message insights only
 * with Virtual Deliverability Manager), the MessageId is unknown in this region, or SES refused
 * the request. Each says what to do next; SES's own words are quoted, as sent.
 */

export type Unanswered =
  /** SES keeps no insights: VDM is not enabled for the account in this region. */
  | { result: 'vdm-not-enabled'; sesMessage?: string }
  /** VDM is on (or its state unknown), and SES has no message with this id. */
  | { result: 'unknown-message'; sesMessage: string }
  /** SES refused the request for another reason (BadRequestException). */
  | { result: 'refused'; sesMessage: string }
  /** No answer: credentials, network, deadline, an endpoint without the API; the connector's message. */
  | { result: 'failed'; message: string };

export type Where = { messageId: string; region: string; endpointId?: string };

const quoted = (sesMessage: string | undefined) => (sesMessage ? ` (SES: "${sesMessage}")` : '');

const suggestCheck =
  'Meanwhile, logto-ses check --to ADDRESS says whether the address is on the suppression list and whether the sender is set up for codes to arrive.';

/** The lines for each case, joined by the caller. */
export const unansweredLines = (answer: Unanswered, { messageId, region, endpointId }: Where): string[] => {
  switch (answer.result) {
    case 'vdm-not-enabled': {
      return [
        `SES has no insights for message ${messageId}: Virtual Deliverability Manager (VDM) is not enabled for the account in ${region}${quoted(answer.sesMessage)}.`,
        `Enable it with: aws sesv2 put-account-vdm-attributes --region ${region} --vdm-attributes VdmEnabled=ENABLED`,
        '  or in the SES console: Virtual Deliverability Manager, then enable it on its Settings page.',
        '  Opens and clicks also need engagement tracking: --vdm-attributes VdmEnabled=ENABLED,DashboardAttributes={EngagementMetrics=ENABLED}',
        'VDM is charged per 1,000 emails sent (see SES pricing: https://aws.amazon.com/ses/pricing/), and shows only emails sent after it was enabled.',
        suggestCheck,
      ];
    }
    case 'unknown-message': {
      return [
        `SES has no message ${messageId} in ${region}${quoted(answer.sesMessage)}.`,
        'Check the id: send prints it as "MessageId: …". SES shows a message only in the region that sent it, only if VDM was on when it was sent, and only for a limited time.',
        ...(endpointId
          ? [
              `With the global endpoint ${endpointId}, the message may have gone out from the endpoint's other region: trace it with a config whose region is that one.`,
            ]
          : []),
        suggestCheck,
      ];
    }
    case 'refused': {
      return [`SES refused to show message ${messageId} in ${region}${quoted(answer.sesMessage)}.`, suggestCheck];
    }
    case 'failed': {
      return [`Reading message ${messageId} from SES failed: ${answer.message}`];
    }
  }
};

/** `trace --json` when SES gave no timeline. */
export const unansweredDocument = (answer: Unanswered, where: Where) => ({
  result: answer.result,
  messageId: where.messageId,
  region: where.region,
  text: unansweredLines(answer, where).join('\n'),
  ...('sesMessage' in answer && answer.sesMessage !== undefined && { sesMessage: answer.sesMessage }),
});

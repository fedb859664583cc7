/**
 * What a recipient's timeline means, in one line: the event that decides the email's fate (a
 * reject or a bounce outweighs an earlier send; a complaint follows a delivery), what the
 * receiving server said, and what the operator can do about it.
 */
import type { BounceDetails, RecipientTimeline, TraceEvent } from './insights.js';
import { durationText, type TimeFormat } from './local-time.js';

export type OutcomeStatus =
  'rejected' | 'rendering failed' | 'bounced' | 'complained' | 'delivered' | 'delayed' | 'sent' | 'no events';

export type Outcome = { status: OutcomeStatus; text: string };

/** The outcomes where the email did not reach the inbox: `trace` then exits 1. */
export const failedOutcomes: ReadonlySet<OutcomeStatus> = new Set(['rejected', 'rendering failed', 'bounced']);

/** `PERMANENT` → `Permanent`; SES writes bounce types in capitals and sub-types in words. */
const titleCase = (word: string) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();

/** `OnAccountSuppressionList`, `ON_ACCOUNT_SUPPRESSION_LIST` and `onaccountsuppressionlist` alike. */
const key = (word: string | undefined) => (word ?? '').replaceAll(/[^a-z]/gi, '').toLowerCase();

const permanentAdvice: Record<string, string> = {
  suppressed:
    "the address is on SES's global suppression list after earlier hard bounces, so SES did not try: ask the user for another address",
  onaccountsuppressionlist:
    "the address is on the account's suppression list, so SES did not try: logto-ses check --to ADDRESS says since when and why; remove it from the list once the address works",
};
const doesNotExist = 'the address does not exist; Logto will keep failing for it: remove it or ask the user to fix it';

const transientAdvice: Record<string, string> = {
  mailboxfull: 'the mailbox is full: the user must make room, then ask for a new code',
  messagetoolarge: 'the message is too large for the receiving server: make the template smaller',
  contentrejected:
    "the receiving server refused its content: check the template's wording and links, and run logto-ses check for DKIM and DMARC",
  attachmentrejected: 'the receiving server refused its content: check the template',
};
const refusedForNow =
  'the receiving server refused it for now and SES stopped retrying: the user can ask for a new code later';

/** `Permanent, General`, as the bounce's own line and the outcome both name it. */
export const bounceKind = ({ type, subType }: BounceDetails) =>
  `${type ? titleCase(type) : 'Unknown type'}, ${subType ?? 'no sub-type'}`;

const bounceAdvice = ({ type, subType }: BounceDetails) => {
  switch (key(type)) {
    case 'permanent': {
      return permanentAdvice[key(subType)] ?? doesNotExist;
    }
    case 'transient': {
      return transientAdvice[key(subType)] ?? refusedForNow;
    }
    default: {
      return 'SES could not tell from the bounce why the receiving server refused it';
    }
  }
};

/** `user@gmail.com` → `gmail.com`; the whole destination when it has no `@`. */
const domainOf = (destination: string | undefined) =>
  destination ? destination.slice(destination.lastIndexOf('@') + 1) : 'the recipient';

const count = (events: readonly TraceEvent[], type: string) => events.filter((event) => event.type === type).length;

const times = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const outcomeOf = ({ destination, events }: RecipientTimeline, { format }: TimeFormat): Outcome => {
  const last = (type: string) => events.findLast((event) => event.type === type);
  const at = (event: TraceEvent | undefined) => (event?.time ? format(event.time) : 'an unknown time');
  const sent = last('SEND');
  const afterSending = (event: TraceEvent) =>
    sent?.time && event.time ? `, ${durationText(event.time.getTime() - sent.time.getTime())} after SES sent it` : '';
  const domain = domainOf(destination);

  const rejected = last('REJECT');
  if (rejected) {
    return {
      status: 'rejected',
      text: `Rejected by SES at ${at(rejected)}: SES found a virus in it and did not send it; check the template's content.`,
    };
  }
  const renderingFailure = last('RENDERING_FAILURE');
  if (renderingFailure) {
    return {
      status: 'rendering failed',
      text: `SES could not render its template at ${at(renderingFailure)}, so nothing was sent: check the SES template's placeholders.`,
    };
  }
  const bounce = last('BOUNCE');
  if (bounce) {
    const details = bounce.bounce ?? {};
    const diagnostic = details.diagnosticCode?.trim() || 'the receiving server gave no diagnostic';
    return {
      status: 'bounced',
      text: `Bounced (${bounceKind(details)}) at ${at(bounce)}: ${diagnostic} — ${bounceAdvice(details)}.`,
    };
  }
  const delivery = last('DELIVERY');
  const complaint = last('COMPLAINT');
  if (complaint) {
    const feedback = complaint.complaint?.feedbackType;
    return {
      status: 'complained',
      text: `${delivery ? `Delivered to ${domain} at ${at(delivery)}, then m` : 'M'}arked as spam by the recipient at ${at(complaint)}${
        feedback ? ` (feedback type ${feedback})` : ''
      }: SES counts complaints against the account's reputation; make sure the email reads as the code the user asked for.`,
    };
  }
  if (delivery) {
    const opens = count(events, 'OPEN');
    const clicks = count(events, 'CLICK');
    const engagement =
      opens + clicks > 0
        ? `; opened ${times(opens, 'time', 'times')}, ${times(clicks, 'click', 'clicks')}`
        : '; if the user did not see it, it is in their spam or another folder';
    return {
      status: 'delivered',
      text: `Delivered to ${domain} at ${at(delivery)}${afterSending(delivery)}${engagement}.`,
    };
  }
  const delay = last('DELIVERY_DELAY');
  if (delay) {
    return {
      status: 'delayed',
      text: `Delayed: ${domain} has not accepted it yet (last delay at ${at(delay)}); SES keeps retrying, and the code may expire before it arrives.`,
    };
  }
  if (sent) {
    return {
      status: 'sent',
      text: `No delivery event yet: SES sent it at ${at(sent)} and ${domain} has not answered; events can take minutes to show, so run trace again.`,
    };
  }
  return {
    status: 'no events',
    text: `No events yet for ${destination ?? 'this recipient'}: run trace again in a few minutes.`,
  };
};

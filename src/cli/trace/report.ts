/**
 * `trace`'s two forms of the same answer: the timeline as lines for a terminal, and one JSON
 * document (its shape is documented with the command and held by a schema in the tests). Both
 * are pure functions of the insights and the time format, so they are tested without a network.
 */
import type { MessageInsights, RecipientTimeline, TraceEvent } from './insights.js';
import type { TimeFormat } from './local-time.js';
import { bounceKind, failedOutcomes, outcomeOf, type Outcome } from './outcome.js';

const eventWords: Record<string, string> = {
  SEND: 'sent: SES accepted it and handed it on',
  DELIVERY: 'delivered: the receiving server accepted it',
  DELIVERY_DELAY: 'delivery delayed: the receiving server has not accepted it yet',
  BOUNCE: 'bounced',
  OPEN: 'opened',
  CLICK: 'link clicked',
  COMPLAINT: 'complaint: the recipient marked it as spam',
  REJECT: 'rejected by SES: it contained a virus',
  RENDERING_FAILURE: "rendering failure: SES could not render the message's template",
  SUBSCRIPTION: 'subscription: the recipient changed their subscription preferences',
};

/** What an event says beyond its type: a bounce's kind and diagnostic, a complaint's feedback. */
const detailsOf = ({ bounce, complaint }: TraceEvent): string[] => [
  ...(bounce ? [`(${bounceKind(bounce)})`] : []),
  ...(bounce?.diagnosticCode ? [`diagnostic: ${bounce.diagnosticCode}`] : []),
  ...(complaint?.feedbackType ? [`feedback type ${complaint.feedbackType}`] : []),
  ...(complaint?.subType ? [`sub-type ${complaint.subType}`] : []),
];

const eventLine = (event: TraceEvent, { format }: TimeFormat) => {
  const when = event.time ? format(event.time) : '(no time)'.padEnd(25);
  const words = eventWords[event.type] ?? event.type.toLowerCase();
  const [kind, ...more] = detailsOf(event);
  const said = event.bounce ? [`${words} ${kind}`, ...more] : [words, ...detailsOf(event)];
  return `  ${when}  ${said.join('; ')}`;
};

const recipientHeading = ({ destination, isp }: RecipientTimeline) =>
  `To ${destination ?? '(recipient not shown)'}${isp ? ` (ISP: ${isp})` : ''}`;

/**
 * The lines `trace` prints: the message, then each recipient's events, then one line per
 * recipient saying what happened. Each entry is one line; the caller prints it as exactly one.
 */
export const traceLines = (insights: MessageInsights, time: TimeFormat): string[] => {
  const { messageId, from, subject, tags, recipients } = insights;
  const lines = [`Message ${messageId} (times in ${time.timeZone})`];
  if (from !== undefined) {
    lines.push(`From:    ${from}`);
  }
  if (subject !== undefined) {
    lines.push(`Subject: ${subject}`);
  }
  if (tags.length > 0) {
    lines.push(`Tags:    ${tags.map(({ name, value }) => `${name}=${value}`).join(', ')}`);
  }
  for (const recipient of recipients) {
    lines.push('', recipientHeading(recipient));
    lines.push(
      ...(recipient.events.length > 0 ? recipient.events.map((event) => eventLine(event, time)) : ['  (no events)'])
    );
  }
  lines.push('');
  lines.push(
    ...(recipients.length > 0
      ? recipients.map((recipient) => outcomeOf(recipient, time).text)
      : ['SES has no recipients for this message yet: run trace again in a few minutes.'])
  );
  return lines;
};

export type TraceDocument = ReturnType<typeof traceDocument>;

const eventDocument = (event: TraceEvent, { format }: TimeFormat) => ({
  type: event.type,
  time: event.time?.toISOString() ?? null,
  localTime: event.time ? format(event.time) : null,
  ...(event.bounce && {
    bounce: {
      type: event.bounce.type ?? null,
      subType: event.bounce.subType ?? null,
      diagnosticCode: event.bounce.diagnosticCode ?? null,
    },
  }),
  ...(event.complaint && {
    complaint: { subType: event.complaint.subType ?? null, feedbackType: event.complaint.feedbackType ?? null },
  }),
});

/** `trace --json` for a message SES has insights for. */
export const traceDocument = (insights: MessageInsights, time: TimeFormat) => {
  const recipients = insights.recipients.map((recipient) => {
    const outcome: Outcome = outcomeOf(recipient, time);
    return {
      destination: recipient.destination ?? null,
      isp: recipient.isp ?? null,
      events: recipient.events.map((event) => eventDocument(event, time)),
      outcome,
    };
  });
  return {
    result: 'found' as const,
    messageId: insights.messageId,
    timeZone: time.timeZone,
    from: insights.from ?? null,
    subject: insights.subject ?? null,
    tags: insights.tags,
    recipients,
    /** True when an email was rejected, not rendered or bounced: `trace` then exits 1. */
    failed: recipients.some(({ outcome }) => failedOutcomes.has(outcome.status)),
  };
};

/**
 * SES's GetMessageInsights answer as `trace` reads it: one timeline per recipient, in time order.
 * Every string in it came from SES, or through SES from the receiving server (a bounce's
 * diagnostic, the ISP's name): it is kept as sent here and made harmless where it is printed.
 */
import type { GetMessageInsightsCommandOutput, InsightsEvent } from '@aws-sdk/client-sesv2';

export type BounceDetails = { type?: string; subType?: string; diagnosticCode?: string };
export type ComplaintDetails = { subType?: string; feedbackType?: string };

export type TraceEvent = {
  /** SEND, DELIVERY, BOUNCE, COMPLAINT, DELIVERY_DELAY, OPEN, CLICK, REJECT, RENDERING_FAILURE, SUBSCRIPTION. */
  type: string;
  time?: Date;
  bounce?: BounceDetails;
  complaint?: ComplaintDetails;
};

export type RecipientTimeline = { destination?: string; isp?: string; events: TraceEvent[] };

export type MessageInsights = {
  messageId: string;
  from?: string;
  subject?: string;
  tags: Array<{ name: string; value: string }>;
  recipients: RecipientTimeline[];
};

const isTime = (value: unknown): value is Date => value instanceof Date && !Number.isNaN(value.getTime());

const eventOf = ({ Type, Timestamp, Details }: InsightsEvent): TraceEvent => {
  const bounce = Details?.Bounce;
  const complaint = Details?.Complaint;
  return {
    type: Type ?? 'UNKNOWN',
    ...(isTime(Timestamp) && { time: Timestamp }),
    ...(bounce && {
      bounce: { type: bounce.BounceType, subType: bounce.BounceSubType, diagnosticCode: bounce.DiagnosticCode },
    }),
    ...(complaint && {
      complaint: { subType: complaint.ComplaintSubType, feedbackType: complaint.ComplaintFeedbackType },
    }),
  };
};

/** Earliest first; an event without a time goes last, in SES's order. */
const byTime = (left: TraceEvent, right: TraceEvent) =>
  (left.time?.getTime() ?? Number.POSITIVE_INFINITY) - (right.time?.getTime() ?? Number.POSITIVE_INFINITY) || 0;

export const insightsOf = (messageId: string, output: GetMessageInsightsCommandOutput): MessageInsights => ({
  messageId: output.MessageId ?? messageId,
  ...(output.FromEmailAddress !== undefined && { from: output.FromEmailAddress }),
  ...(output.Subject !== undefined && { subject: output.Subject }),
  tags: (output.EmailTags ?? []).map(({ Name, Value }) => ({ name: Name ?? '', value: Value ?? '' })),
  recipients: (output.Insights ?? []).map(({ Destination, Isp, Events }) => ({
    ...(Destination !== undefined && { destination: Destination }),
    ...(Isp !== undefined && { isp: Isp }),
    events: (Events ?? []).map(eventOf).sort(byTime),
  })),
});

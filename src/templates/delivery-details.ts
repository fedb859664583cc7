/**
 * What a message gets besides its addresses and content: the SES tenant it is sent under, its
 * open and click tracking, its extra headers and its message tags. `preview` prints these and the
 * studio's cards show them, both read from the SendEmail input the connector composed (never
 * worked out again from the config), so what they show is what SES would get.
 */
import type { SendEmailCommandInput } from '@aws-sdk/client-sesv2';

import type { ComposedEmail } from '../message/compose.js';

export type NamedValue = { name: string; value: string };

export type DeliveryDetails = {
  /** The `TenantName` sent; absent when the message goes without a tenant. */
  tenant?: string;
  /** The tracking the message gets, in words: the override sent, or who decides without one. */
  tracking: string;
  /** `Content.Simple.Headers`, in the order sent. */
  headers: NamedValue[];
  /** `EmailTags`, in the order sent. */
  tags: NamedValue[];
  /** What composing noted and the connector would log once (a payload value no tenant is named after). */
  notes: string[];
};

const trackingOf = ({ ConfigurationOverrides, ConfigurationSetName }: SendEmailCommandInput): string => {
  const tracking = ConfigurationOverrides?.Tracking;
  if (tracking) {
    const open = tracking.OpenTrackingEnabled ?? 'unchanged';
    const click = tracking.ClickTrackingEnabled ?? 'unchanged';
    return `open ${open}, click ${click} (overrides the configuration set)`;
  }
  // Without a set named, SES applies the sending identity's default configuration set, if it has one.
  return ConfigurationSetName
    ? `not overridden: configuration set ${ConfigurationSetName} decides`
    : "not overridden: the identity's default configuration set decides, if any";
};

const pairs = (list: ReadonlyArray<{ Name?: string | undefined; Value?: string | undefined }> | undefined) =>
  (list ?? []).map(({ Name, Value }) => ({ name: Name ?? '', value: Value ?? '' }));

/** The details of a composed email: its input, and the notes composing returned beside it. */
export const deliveryDetailsOf = ({ input, notes }: ComposedEmail): DeliveryDetails => ({
  ...(input.TenantName && { tenant: input.TenantName }),
  tracking: trackingOf(input),
  headers: pairs(input.Content?.Simple?.Headers),
  tags: pairs(input.EmailTags),
  notes,
});

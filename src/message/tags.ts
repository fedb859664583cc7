import type { MessageTag } from '@aws-sdk/client-sesv2';
import type { SendMessagePayload } from '@logto/connector-kit';

import { payloadValueAt } from './template.js';

/** The SES message tag that lets operators tell usage types apart in CloudWatch and event destinations. */
export const usageTypeTagName = 'logto-usage-type';

/** Tags from the payload: bounces and deliveries split per language, per app and per organization. */
export const payloadTagPaths = {
  'logto-locale': 'locale',
  'logto-application': 'application.id',
  'logto-organization': 'organization.id',
} as const;

/** SES tag values allow only ASCII letters, digits, "_", "-", "." and "@", up to 256 characters. */
export const toTagValue = (value: string) => value.replaceAll(/[^\w.@-]/g, '_').slice(0, 256) || 'unknown';

/**
 * A tag only says where a message belongs, so reading one never refuses the mail: a value that is
 * not a string or number, or a getter that throws, leaves its tag out.
 */
const tagSource = (payload: SendMessagePayload, path: string): string | undefined => {
  try {
    const value = payloadValueAt(payload, path);
    return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
  } catch {
    // A getter that threw: the tag is left out, as below.
  }
  return undefined;
};

/** `logto-usage-type` on every message; the payload's tags when it has their values. */
export const messageTags = (type: string, payload: SendMessagePayload): MessageTag[] => [
  { Name: usageTypeTagName, Value: toTagValue(type) },
  ...Object.entries(payloadTagPaths).flatMap(([Name, path]) => {
    const value = tagSource(payload, path);
    return value ? [{ Name, Value: toTagValue(value) }] : [];
  }),
];

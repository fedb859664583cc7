/**
 * What `trace` accepts as a MessageId: SES's id as `send` prints it and SendEmail returns it
 * (`0100018c…-…-000000`: hex groups joined by hyphens), or as it appears in the delivered email's
 * Message-ID header (`<id@email.amazonses.com>`), which is what a user can forward. Anything else
 * is a typo or a pasted line of something else, and is refused before any call to SES.
 */
import { UsageError } from '../command.js';

const plausible = /^[0-9a-f]+(?:-[0-9a-f]+){2,}$/i;
/** SES's ids are 60 characters; the bounds leave room for other shapes without taking any text. */
const length = { min: 20, max: 100 };
/** `<id@email.amazonses.com>` or `<id@eu-west-1.amazonses.com>`. */
const messageIdHeader = /^<?([^<>@\s]+)@(?:[a-z0-9-]+\.)*amazonses\.com>?$/i;

export const messageIdOf = (value: string | undefined): string => {
  if (value === undefined) {
    throw new UsageError('MESSAGE_ID is required: the MessageId that send printed or SES returned to Logto.');
  }
  const trimmed = value.trim();
  const id = messageIdHeader.exec(trimmed)?.[1] ?? trimmed;
  if (id.length < length.min || id.length > length.max || !plausible.test(id)) {
    const shown = trimmed.length > 80 ? `${trimmed.slice(0, 80)}…` : trimmed;
    throw new UsageError(
      `MESSAGE_ID must be an SES MessageId, hex groups joined by hyphens such as 0100018c3f1b2a3d-7e9f0c1a-2b3c-4d5e-8f90-123456789abc-000000; got "${shown}".`
    );
  }
  return id.toLowerCase();
};

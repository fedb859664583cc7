/**
 * Custom headers, under SES's rules for `Content.Simple.Headers` (SESv2 API reference, Message and
 * MessageHeader): at most 15 headers, a name of 1 to 126 printable ASCII characters without ":",
 * a value of printable ASCII up to 870 characters. What SES would refuse on every send is refused
 * when the config is read, naming the entry.
 */
import { z } from 'zod';

import { jsonText } from './tenant-rules.js';

/** SES's limit on headers per message. */
export const maxMessageHeaders = 15;
/** The connector's own header, on every email (RFC 3834: no out-of-office reply to `noreply@`). */
export const autoSubmittedHeader = { Name: 'Auto-Submitted', Value: 'auto-generated' } as const;
export const maxCustomHeaders = maxMessageHeaders - 1;
export const maxHeaderNameLength = 126;
export const maxHeaderValueLength = 870;

/**
 * Headers the connector or SES writes from other fields (From from emailAddress, Reply-To from
 * replyTo, …) or overwrites (Date, Message-ID): a second copy would contradict the first, or SES
 * refuses the mail because these may appear only once.
 */
export const refusedHeaderNames = [
  'From',
  'To',
  'Subject',
  'Reply-To',
  'Content-Type',
  'MIME-Version',
  'Date',
  'Message-ID',
  'Return-Path',
  autoSubmittedHeader.Name,
] as const;

const refusedByName = new Map(refusedHeaderNames.map((name) => [name.toLowerCase(), name]));

/** C0 controls (CR, LF, TAB, NUL, …), DEL and C1 controls: none belongs in a header line. */
// eslint-disable-next-line no-control-regex
export const controlCharacter = /[\u0000-\u001F\u007F-\u009F]/;

const headerName = z
  .string()
  .trim()
  .superRefine((name, context) => {
    if (!/^[!-9;-~]+$/.test(name) || name.length > maxHeaderNameLength) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        message: `must be 1 to ${maxHeaderNameLength} printable ASCII characters without ":" or spaces, such as X-Entity-Ref-ID`,
      });
      return;
    }
    const refused = refusedByName.get(name.toLowerCase());
    if (refused) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        message: `"${name}" cannot be a custom header: the connector or SES sets ${refused} itself`,
      });
    }
  });

/** The value as written, placeholders unfilled; what they are filled with is made safe when the mail is composed. */
const headerValue = z
  .string()
  .min(1, 'must not be empty')
  .max(maxHeaderValueLength, `must be at most ${maxHeaderValueLength} characters (SES's limit for a header value)`)
  .refine((value) => !controlCharacter.test(value), 'must not contain a line break or other control character');

/**
 * Logto's console saves a Json field left blank as `{}` (its connector form turns an empty or
 * unparsable Json field into an empty object): that means no headers, not a malformed list.
 */
const blankAsNone = (value: unknown) =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0 ? [] : value;

export const customHeaders = jsonText(
  z.preprocess(
    blankAsNone,
    z
      .array(z.object({ name: headerName, value: headerValue }))
      .max(
        maxCustomHeaders,
        `must hold at most ${maxCustomHeaders} headers: SES takes ${maxMessageHeaders} per message, and the connector adds ${autoSubmittedHeader.Name}`
      )
      .superRefine((headers, context) => {
        const seen = new Map<string, number>();
        for (const [index, { name }] of headers.entries()) {
          const first = seen.get(name.toLowerCase());
          if (first === undefined) {
            seen.set(name.toLowerCase(), index);
            continue;
          }
          context.addIssue({
            code: z.ZodIssueCode.custom,
            path: [index, 'name'],
            message: `repeats customHeaders[${first}].name "${name}": a header may appear only once`,
          });
        }
      })
  )
);

export type CustomHeader = { name: string; value: string };

import type { MessageHeader } from '@aws-sdk/client-sesv2';
import type { SendMessagePayload } from '@logto/connector-kit';
import { encodeWord } from 'nodemailer/lib/mime-funcs';

import { autoSubmittedHeader, maxHeaderValueLength, type CustomHeader } from '../config/header-rules.js';
import { nonAscii } from '../config/address.js';
import { fillPlaceholders, oneLine } from './template.js';

/** RFC 2047 words for a value SES would refuse as non-ASCII; 52 keeps each word under 75 characters. */
// Stryker disable next-line StringLiteral: encodeWord takes Q when no encoding is named
const encoded = (value: string) => (nonAscii.test(value) ? encodeWord(value, 'Q', 52) : value);

/** The value cut (by characters, never inside an encoded word) until SES's limit holds. */
const withinLimit = (value: string): string => {
  // Stryker disable next-line MethodExpression: bounds the work on a huge payload value; the loop below reaches the same cut without it
  let characters = [...value].slice(0, maxHeaderValueLength);
  let header = encoded(characters.join(''));
  while (header.length > maxHeaderValueLength) {
    characters = characters.slice(
      0,
      Math.max(0, characters.length - Math.ceil((header.length - maxHeaderValueLength) / 9))
    );
    header = encoded(characters.join('').trimEnd());
  }
  return header;
};

/**
 * `Auto-Submitted: auto-generated` first, on every email, then the operator's headers filled.
 *
 * What the operator wrote was checked when the config was read. What a payload fills in (a user's
 * or an organization's name) is made to fit instead of refusing the mail, as for the subject and a
 * template's reply-to: line breaks and tabs become a space, other control characters go, non-ASCII
 * text is RFC 2047-encoded, and a value past SES's 870 characters is cut. A header left empty by
 * its placeholders is left out, since SES refuses an empty value.
 */
export const messageHeaders = (
  customHeaders: readonly CustomHeader[] | undefined,
  payload: SendMessagePayload
): MessageHeader[] => [
  { ...autoSubmittedHeader },
  ...(customHeaders ?? []).flatMap(({ name, value }) => {
    const filled = oneLine(fillPlaceholders(value, payload));
    return filled ? [{ Name: name, Value: withinLimit(filled) }] : [];
  }),
];

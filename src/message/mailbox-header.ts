import { stripHeaderControlChars } from '@logto/connector-kit';
import libmime from 'libmime';

import { nonAscii, type Mailbox } from './address.js';

const encodedWords = /^=\?[^?\s]+\?[bq]\?[^?\s]*\?=(?:\s+=\?[^?\s]+\?[bq]\?[^?\s]*\?=)*$/i;

/**
 * Decodes a display name written as RFC 2047 encoded words. Right for a name an operator wrote
 * (the official connector needed names pre-encoded); wrong for one built from payload values,
 * where decoding could turn `=?…?=` into a forged `Name <address>`.
 */
export const decodeOperatorName = (mailbox: Mailbox): Mailbox => {
  if (!mailbox.name || !encodedWords.test(mailbox.name)) {
    return mailbox;
  }
  const name = stripHeaderControlChars(libmime.decodeWords(mailbox.name)).trim();
  return name ? { ...mailbox, name } : { address: mailbox.address };
};

/** RFC 5322 atoms and spaces: a display name made only of these needs no quoting. */
const plainPhrase = /^[\w!#$%&'*+/=?^`{|}~ -]+$/;

const formatDisplayName = (name: string): string => {
  // A name holding "=?" is encoded too, so a mail client shows it as written instead of decoding
  // words that came, say, from an organization name.
  if (nonAscii.test(name) || name.includes('=?')) {
    // 52 keeps every encoded word under RFC 2047's 75-character limit, as nodemailer does.
    return libmime.encodeWord(name, 'Q', 52);
  }
  if (plainPhrase.test(name)) {
    return name;
  }
  return `"${name.replaceAll(/(["\\])/g, '\\$1')}"`;
};

/** Renders a mailbox for an SES address field: 7-bit ASCII, names quoted or RFC 2047-encoded. */
export const formatMailbox = ({ name, address }: Mailbox): string => {
  const displayName = name?.trim();
  return displayName ? `${formatDisplayName(displayName)} <${address}>` : address;
};

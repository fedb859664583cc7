// UTF-8 only, on purpose: libmime (the obvious choice) bundles 1.3 MB of iconv-lite and
// encoding-japanese tables for charsets this connector never writes. nodemailer's encoder and
// postal-mime's decoder (TextDecoder, which knows every charset an operator might paste) do not.
import { encodeWord } from 'nodemailer/lib/mime-funcs';
import { decodeWords } from 'postal-mime';

import { nonAscii, type Mailbox } from '../config/address.js';
import { stripHeaderControlChars } from './send-from.js';

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
  const name = stripHeaderControlChars(decodeWords(mailbox.name)).trim();
  return name ? { ...mailbox, name } : { address: mailbox.address };
};

/** RFC 5322 atoms and spaces: a display name made only of these needs no quoting. */
const plainPhrase = /^[\w!#$%&'*+/=?^`{|}~ -]+$/;

const formatDisplayName = (name: string): string => {
  // A name holding "=?" is encoded too, so a mail client shows it as written instead of decoding
  // words that came, say, from an organization name.
  if (nonAscii.test(name) || name.includes('=?')) {
    // 52 keeps every encoded word under RFC 2047's 75-character limit, as nodemailer does.
    // Stryker disable next-line StringLiteral: encodeWord takes Q when no encoding is named
    return encodeWord(name, 'Q', 52);
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

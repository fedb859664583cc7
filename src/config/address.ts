import { domainToASCII } from 'node:url';

/** One mailbox: an optional display name and an address already in the ASCII form SES accepts. */
export type Mailbox = {
  name?: string;
  address: string;
};

/** Thrown for an address that cannot be sent; the message completes "<field> …". */
export class AddressError extends Error {
  override name = 'AddressError';
}

/**
 * The HTML standard's "valid e-mail address" (what `<input type=email>` accepts), applied after the
 * domain is punycoded. It is stricter than RFC 5321 (no quoted local parts) on purpose: SES rejects
 * most of what it leaves out, and a clear error here beats a MessageRejected from SES.
 */
const validAsciiAddress =
  /^[\w.!#$%&'*+/=?^`{|}~-]+@[a-z\d](?:[a-z\d-]{0,61}[a-z\d])?(?:\.[a-z\d](?:[a-z\d-]{0,61}[a-z\d])?)*$/i;

// eslint-disable-next-line no-control-regex
const controlCharacter = /[\u0000-\u001F\u007F]/;
// eslint-disable-next-line no-control-regex
export const nonAscii = /[^\u0000-\u007F]/;

const rejectControlCharacters = (value: string) => {
  if (/[\r\n]/.test(value)) {
    throw new AddressError('contains a line break');
  }
  if (controlCharacter.test(value)) {
    throw new AddressError('contains a control character');
  }
};

/** RFC 5321's limits, in octets: a local part, a domain, and a whole address (a path less its brackets). */
export const maxLocalPartOctets = 64;
export const maxDomainOctets = 255;
export const maxAddressOctets = 254;

/** An address as an error shows it: a long one cut in the middle, so an error stays one line. */
const preview = (address: string) => (address.length > 80 ? `${address.slice(0, 40)}…${address.slice(-20)}` : address);

/**
 * Refuses what SMTP cannot carry. Checked before the address pattern, so a huge value costs no
 * regular-expression work, and on the ASCII (punycoded) form, whose characters are its octets.
 */
const checkAddressLengths = (address: string, local: string, asciiDomain: string) => {
  const limits: Array<[string, number, number]> = [
    ['its local part (before the @) has', local.length, maxLocalPartOctets],
    ['its domain has', asciiDomain.length, maxDomainOctets],
    ['it has', local.length + 1 + asciiDomain.length, maxAddressOctets],
  ];
  for (const [what, length, limit] of limits) {
    if (length > limit) {
      throw new AddressError(
        `"${preview(address)}" is too long: ${what} ${length} octets, and RFC 5321 allows at most ${limit}`
      );
    }
  }
};

/**
 * SES accepts only 7-bit ASCII addresses: a non-ASCII domain is converted to punycode (IDNA, as
 * browsers do), a non-ASCII local part cannot be expressed and is refused.
 */
export const toAsciiAddress = (address: string): string => {
  rejectControlCharacters(address);
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) {
    throw new AddressError(`"${address}" is not an email address (expected name@domain)`);
  }
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (nonAscii.test(local)) {
    throw new AddressError(`"${address}" has non-ASCII characters before the @, which SES cannot send to or from`);
  }
  const asciiDomain = nonAscii.test(domain) ? domainToASCII(domain) : domain;
  checkAddressLengths(address, local, asciiDomain);
  const ascii = `${local}@${asciiDomain}`;
  if (!asciiDomain || !validAsciiAddress.test(ascii)) {
    throw new AddressError(`"${address}" is not a valid email address`);
  }
  return ascii;
};

/** A quoted display name's text: quotes off, backslash escapes resolved. */
export const unquote = (name: string) =>
  name.startsWith('"') && name.endsWith('"') && name.length >= 2 ? name.slice(1, -1).replaceAll(/\\(.)/g, '$1') : name;

/**
 * `Logto noreply@logto.io` is the natural way to write a name and an address, and the one form
 * that looks right but is not: say which form is meant rather than only that it is wrong.
 */
const missingBrackets = (value: string): string | undefined => {
  const words = value.split(/\s+/);
  // Stryker disable next-line StringLiteral: split always returns at least one word
  const address = words.pop() ?? '';
  const name = words.join(' ');
  if (!name || !/^[^@]+@[^@]+$/.test(address) || /[@,;"]/.test(name)) {
    return undefined;
  }
  return `"${value}" has a name but no angle brackets around the address: write it as ${name} <${address}>`;
};

/**
 * Parses the sender forms the Logto docs give (`Logto<noreply@logto.io>`, `<noreply@logto.io>`, a
 * bare address) and RFC 5322's quoted display names. Exactly one mailbox is allowed.
 */
export const parseMailbox = (input: string): Mailbox => {
  rejectControlCharacters(input);
  const value = input.trim();
  if (!value) {
    throw new AddressError('is empty');
  }

  if (value.endsWith('>')) {
    const open = value.lastIndexOf('<');
    if (open === -1) {
      throw new AddressError(`"${value}" has a ">" without a matching "<"`);
    }
    const rawName = value.slice(0, open).trim();
    if (!rawName.startsWith('"') && /[<>@]/.test(rawName)) {
      throw new AddressError(`"${value}" looks like several addresses; give exactly one`);
    }
    const address = toAsciiAddress(value.slice(open + 1, -1).trim());
    const name = unquote(rawName).trim();
    return name ? { name, address } : { address };
  }

  if (/[<>]/.test(value)) {
    throw new AddressError(`"${value}" is not of the form Name <address> or address`);
  }
  if (/[\s,;]/.test(value)) {
    throw new AddressError(missingBrackets(value) ?? `"${value}" must be exactly one email address`);
  }
  return { address: toAsciiAddress(value) };
};

/** A recipient is one bare address: Logto hands over what the user typed, so nothing else is trusted. */
export const parseRecipient = (input: string): string => {
  rejectControlCharacters(input);
  if (/[<>]/.test(input)) {
    throw new AddressError(`"${input.trim()}" must be a bare address without a display name`);
  }
  // A recipient has no name, so no Name <address> form to suggest either.
  if (/[\s,;]/.test(input.trim())) {
    throw new AddressError(`"${input.trim()}" must be exactly one email address`);
  }
  return parseMailbox(input).address;
};

/**
 * The forms a secret may take when an endpoint or an encoder echoes it, so that the tests that
 * look for a leaked secret look for the same forms.
 */

export const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
export const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** Every percent-encoded byte in lowercase hex, as some encoders write it. */
export const lowercaseHex = (encoded: string) => encoded.replace(/%[\dA-F]{2}/g, (byte) => byte.toLowerCase());

/** Every byte percent-encoded, as the strictest encoders do. */
export const everyByteEncoded = (text: string) =>
  [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');

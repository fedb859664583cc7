/**
 * Logto's rules for a custom template's `sendFrom` (connector-kit's `parseSendFrom`), owned here
 * because connector-kit only has them since 5.1.0: owning these few lines lets the connector load
 * in every Logto release since 1.35 (connector-kit 4.7). The behaviour is the kit's, so a
 * template renders the same sender here as with Logto's own connectors.
 */

/** Without ASCII control characters, which must not appear in a header field (RFC 5322). */
export const stripHeaderControlChars = (value: string): string =>
  [...value]
    .filter((character) => {
      const code = character.codePointAt(0)!;
      return code > 31 && code !== 127;
    })
    .join('');

/** A display name that cannot inject a header (CR/LF) or break out of `Name <address>` (angle brackets). */
export const sanitizeMailboxDisplayName = (name: string): string =>
  stripHeaderControlChars(name).replaceAll(/[<>]/g, '').trim();

const sanitizeMailboxAddress = sanitizeMailboxDisplayName;

/** `Name <address>`, split at the last `<…>` at the end; string scanning, no backtracking regex. */
export const splitNameAndAddress = (value: string): { name?: string; email: string } | undefined => {
  if (!value.endsWith('>')) {
    return undefined;
  }
  const close = value.length - 1;
  const lastCloseBefore = value.lastIndexOf('>', close - 1);
  const open = value.indexOf('<', lastCloseBefore + 1);
  if (open === -1) {
    return undefined;
  }
  const email = value.slice(open + 1, close).trim();
  if (!email) {
    return undefined;
  }
  const name = value.slice(0, open).trim();
  return { name: name || undefined, email };
};

/**
 * Reads a rendered `sendFrom`: `Name <address>`, a bare address, or a display name alone (which
 * keeps the configured address). An empty `sendFrom` keeps the configured name and address.
 */
export const parseSendFrom = (
  sendFrom: string,
  fallbackEmail: string,
  fallbackName?: string
): { email: string; name?: string } => {
  const value = stripHeaderControlChars(sendFrom).trim();
  const mailbox = splitNameAndAddress(value);
  if (mailbox) {
    const name = mailbox.name && sanitizeMailboxDisplayName(mailbox.name);
    return { email: sanitizeMailboxAddress(mailbox.email), name: name || undefined };
  }
  if (value.includes('@') && !value.includes(' ')) {
    return { email: sanitizeMailboxAddress(value) };
  }
  const name = sanitizeMailboxDisplayName(value || (fallbackName ?? ''));
  return { email: sanitizeMailboxAddress(fallbackEmail), name: name || undefined };
};

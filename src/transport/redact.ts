const placeholder = '[redacted]';

/**
 * A secret may come back in the form it was sent in: verbatim in a header, percent-encoded in a
 * URL or a query string. Each form is removed.
 */
const formsOf = (secret: string) => [...new Set([secret, encodeURIComponent(secret)])];

/** `text` with every secret replaced; an empty secret is ignored. */
export const redactText = (text: string, secrets: readonly string[]): string =>
  secrets
    .filter(Boolean)
    .flatMap(formsOf)
    .reduce((result, secret) => result.replaceAll(secret, placeholder), text);

/**
 * A copy of `value` with every string in it redacted, keys included, however deep: an SES
 * answer's fields (a request id echoed from a header, say) end up anywhere in an error's data.
 * Only plain data (the connector's own error data) is expected: no cycles, no class instances.
 */
export const redactDeep = (value: unknown, secrets: readonly string[]): unknown => {
  if (typeof value === 'string') {
    return redactText(value, secrets);
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  if (Array.isArray(value)) {
    return value.map((item: unknown) => redactDeep(item, secrets));
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [redactText(key, secrets), redactDeep(item, secrets)])
  );
};

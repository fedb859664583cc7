import { minimumSecretLength } from '../config/secret-length.js';

const placeholder = '[redacted]';

const escapeRegExp = (text: string) => text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');

/** A byte as `%XX`, either case of each hex digit: encoders differ (`%2F`, `%2f`). */
const percentEncoded = (byte: number) =>
  `%${byte
    .toString(16)
    .padStart(2, '0')
    .replace(/[a-f]/g, (digit) => `[${digit}${digit.toUpperCase()}]`)}`;

/**
 * One character as it may appear: itself, or its UTF-8 bytes percent-encoded, and a space also as
 * `+` (form encoding). A raw `%` counts only where no hex pair follows, so the alternatives never
 * overlap and a match never backtracks: the text is hostile, and must not make redaction slow.
 */
const characterPattern = (character: string) => {
  const alternatives = [
    character === '%' ? '%(?![\\da-fA-F]{2})' : escapeRegExp(character),
    [...Buffer.from(character, 'utf8')].map(percentEncoded).join(''),
    ...(character === ' ' ? ['\\+'] : []),
  ];
  return `(?:${alternatives.join('|')})`;
};

/**
 * `form` verbatim, percent-encoded in part or in whole, in either case. A form with a `%` of its
 * own is also matched exactly, as the raw `%` before a hex pair is not (see `characterPattern`).
 */
const formPattern = (form: string) => {
  const encoded = [...form].map(characterPattern).join('');
  return form.includes('%') ? `${escapeRegExp(form)}|${encoded}` : encoded;
};

/**
 * The strings that give a secret away. Verbatim and as a JSON string literal holds it (`--json`
 * output), and each of these again percent-encoded by `formPattern`, so every encoder's choice
 * (`encodeURIComponent`, RFC 3986, form encoding with `+`, `%2f` or `%2F`) is covered.
 *
 * Base64 and base64url, of the secret alone (with and without padding), and of the secret inside
 * a longer encoded value (a token, a header blob). There the characters depend on where the secret
 * starts: base64 encodes 3 bytes as 4 characters, so the secret's bytes fall into the groups in one
 * of 3 alignments, and the characters at its two ends mix its bits with its neighbours'. What is
 * found is the stable middle of each alignment: the base64 of the secret from byte 0, 1 or 2 on,
 * in whole groups of 3 bytes. At most 2 bytes at either end stay visible (inside characters shared
 * with the neighbours), which gives nothing useful of a secret of `minimumSecretLength` or more.
 * A shorter secret gets no middles: a few base64 characters would match unrelated text.
 */
const formsOf = (secret: string): string[] => {
  const bytes = Buffer.from(secret, 'utf8');
  const encodings = (['base64', 'base64url'] as const).flatMap((alphabet) => {
    const whole = bytes.toString(alphabet);
    const middles =
      bytes.length < minimumSecretLength
        ? []
        : [0, 1, 2].map((offset) =>
            bytes.subarray(offset, offset + Math.floor((bytes.length - offset) / 3) * 3).toString(alphabet)
          );
    return [whole, whole.replace(/=+$/, ''), ...middles];
  });
  return [secret, JSON.stringify(secret).slice(1, -1), ...encodings];
};

/** Compiled patterns by their secrets: a failing send redacts every string of its error. */
const patterns = new Map<string, RegExp | undefined>();
const maxPatterns = 64;

const patternFor = (secrets: readonly string[]): RegExp | undefined => {
  const key = secrets.join('\0');
  if (patterns.has(key)) {
    return patterns.get(key);
  }
  const forms = [...new Set(secrets.flatMap((secret) => [secret, secret.trim()]).filter(Boolean))]
    .flatMap(formsOf)
    .filter(Boolean);
  // Longest first: where a whole form matches, its own middle must not leave the ends behind.
  const sources = [...new Set(forms)].sort((a, b) => b.length - a.length).map(formPattern);
  const pattern = sources.length > 0 ? new RegExp(sources.join('|'), 'g') : undefined;
  if (patterns.size >= maxPatterns) {
    patterns.clear();
  }
  patterns.set(key, pattern);
  return pattern;
};

/**
 * `text` with every secret replaced, in each form it may come back in: an endpoint may echo a
 * header verbatim, put it into a URL or a query string, or base64 it into a token of its own (see
 * `formsOf`). A secret is also found with its surrounding spaces trimmed, as it is sent. An empty
 * secret is ignored. Deliberate rewriting (a secret reversed, split, or encoded twice) is not
 * undone: the endpoint that does it had the secret anyway; this keeps it off screens and out of
 * logs when an endpoint echoes what it was sent.
 */
export const redactText = (text: string, secrets: readonly string[]): string => {
  const pattern = patternFor(secrets);
  return pattern ? text.replace(pattern, placeholder) : text;
};

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

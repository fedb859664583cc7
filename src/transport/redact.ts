import { minimumSecretLength } from '../config/secret-length.js';

const placeholder = '[redacted]';

/**
 * The strings that give a secret away, each also found percent-encoded (see `decodedView`).
 * Verbatim, and as a JSON string literal holds it (`--json` output).
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
  const bytes = Buffer.from(secret);
  const offsets = bytes.length < minimumSecretLength ? [] : [0, 1, 2];
  const encodings = (['base64', 'base64url'] as const).flatMap((alphabet) => {
    const whole = bytes.toString(alphabet);
    const middles = offsets.map((offset) =>
      bytes.subarray(offset, offset + Math.floor((bytes.length - offset) / 3) * 3).toString(alphabet)
    );
    // Base64 has "=" only as its closing padding.
    return [whole, whole.replaceAll('=', ''), ...middles];
  });
  return [secret, JSON.stringify(secret).slice(1, -1), ...encodings];
};

type Form = { text: string; bytes: Buffer };

/** The forms of each set of secrets: a failing send redacts every string of its error with one set. */
const formCache = new Map<string, Form[]>();
const maxCached = 64;

const remember = (key: string, forms: Form[]): Form[] => {
  // Stryker disable ConditionalExpression,EqualityOperator,BlockStatement,CallExpression: the cache only saves time, and its bound only caps its memory: a miss computes the same forms
  if (formCache.size >= maxCached) {
    formCache.clear();
  }
  formCache.set(key, forms);
  // Stryker restore all
  return forms;
};

/** Every form of every secret; an empty one (or one of spaces only) has none. */
const formsOfAll = (secrets: readonly string[]): Form[] =>
  [
    ...new Set(
      secrets
        .flatMap((secret) => [secret, secret.trim()])
        .filter(Boolean)
        .flatMap(formsOf)
    ),
  ].map((text) => ({ text, bytes: Buffer.from(text) }));

const formsFor = (secrets: readonly string[]): Form[] => {
  const key = secrets.join('\0');
  return formCache.get(key) ?? remember(key, formsOfAll(secrets));
};

/** Where a form was found: `text.slice(start, end)`. */
type Span = { start: number; end: number };

const isHexDigit = (code: number) => (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x66);

/**
 * `text` as UTF-8 bytes with every `%XX` (either case of hex) decoded to its byte, and each `+`
 * as a space when `plusIsSpace` (form encoding): whichever characters an encoder chose to encode
 * (`encodeURIComponent`, RFC 3986, every byte), the secret's own bytes come out. Each byte
 * remembers the span of `text` it came from, so a match is replaced where it stands.
 */
const decodedView = (text: string, plusIsSpace: boolean) => {
  // One UTF-16 unit gives at most 3 UTF-8 bytes (a surrogate pair, 2 units, gives 4).
  const bytes = Buffer.alloc(text.length * 3);
  const from = new Uint32Array(bytes.length);
  const to = new Uint32Array(bytes.length);
  let length = 0;
  const push = (byte: number, start: number, end: number) => {
    bytes[length] = byte;
    from[length] = start;
    to[length] = end;
    length += 1;
  };
  // Stryker disable next-line EqualityOperator: a turn at the end (`<=`) reads no character and pushes nothing
  for (let index = 0; index < text.length;) {
    const code = text.charCodeAt(index);
    if (code === 0x25 && isHexDigit(text.charCodeAt(index + 1)) && isHexDigit(text.charCodeAt(index + 2))) {
      push(Number.parseInt(text.slice(index + 1, index + 3), 16), index, index + 3);
      index += 3;
    } else if (code < 0x80) {
      push(code === 0x2b && plusIsSpace ? 0x20 : code, index, index + 1);
      index += 1;
    } else {
      const width = (text.codePointAt(index) ?? 0) > 0xffff ? 2 : 1;
      for (const byte of Buffer.from(text.slice(index, index + width))) {
        push(byte, index, index + width);
      }
      index += width;
    }
  }
  return { bytes: bytes.subarray(0, length), from, to };
};

/** Every place a form occurs in `text`, verbatim or percent-encoded; overlapping ones included. */
const spansOf = (text: string, forms: readonly Form[]): Span[] => {
  const spans: Span[] = [];
  for (const { text: form } of forms) {
    for (let start = text.indexOf(form); start !== -1; start = text.indexOf(form, start + 1)) {
      spans.push({ start, end: start + form.length });
    }
  }
  // A view only where it can find what the search above cannot: with no "%" the first is the text
  // itself, and the second (a "+" read as a space) differs from it only for a form holding a space.
  const views = [
    // Stryker disable next-line StringLiteral,ArrayDeclaration: the first view of a text with no "%" (`''`, or `[]` made non-empty) finds what the search above found
    ...(text.includes('%') ? [false] : []),
    // Stryker disable next-line StringLiteral,LogicalOperator,ConditionalExpression,ArrayDeclaration: the second view where it is skipped (`''`, `||`, `true`, `[]` made non-empty) finds what the search above found
    ...(text.includes('+') && forms.some(({ text: form }) => form.includes(' ')) ? [true] : []),
  ].map((plusIsSpace) => decodedView(text, plusIsSpace));
  for (const { bytes, from, to } of views) {
    for (const form of forms) {
      for (let index = bytes.indexOf(form.bytes); index !== -1; index = bytes.indexOf(form.bytes, index + 1)) {
        spans.push({ start: from[index]!, end: to[index + form.bytes.length - 1]! });
      }
    }
  }
  return spans;
};

/** The spans joined where they overlap, in order: a whole form and its middle are one secret. */
const merged = (spans: Span[]): Span[] =>
  spans
    .sort((a, b) => a.start - b.start)
    .reduce<Span[]>((result, span) => {
      const last = result.at(-1);
      if (last && span.start < last.end) {
        last.end = Math.max(last.end, span.end);
      } else {
        result.push({ ...span });
      }
      return result;
    }, []);

/**
 * `text` with every secret replaced, in each form it may come back in: an endpoint may echo a
 * header verbatim, put it into a URL or a query string percent-encoded in either case or form
 * encoded (see `decodedView`), or base64 it into a token of its own (see `formsOf`). A secret is
 * also found with its surrounding spaces trimmed, as it is sent. An empty secret is ignored.
 * Searching decoded copies of the text, not a pattern of every form, keeps the cost linear in the
 * text and free of a large pattern to compile for each secret. Deliberate rewriting (a secret
 * reversed, split, or encoded twice) is not undone: the endpoint that does it had the secret
 * anyway; this keeps it off screens and out of logs when an endpoint echoes what it was sent.
 */
export const redactText = (text: string, secrets: readonly string[]): string => {
  const forms = formsFor(secrets);
  let result = '';
  let shown = 0;
  for (const { start, end } of merged(spansOf(text, forms))) {
    result += `${text.slice(shown, start)}${placeholder}`;
    shown = end;
  }
  return result + text.slice(shown);
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

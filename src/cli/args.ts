import { parseArgs, type ParseArgsConfig } from 'node:util';

import { TemplateType, type SendMessagePayload } from '@logto/connector-kit';

import { AddressError, parseRecipient } from '../config/address.js';
import { nearestName } from '../config/nearest-name.js';

import { UsageError } from './command.js';

type Options = NonNullable<ParseArgsConfig['options']>;
type Flags<T extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: false }>
>['values'];

/** node:util's first sentence says what is wrong; any more explains `--` escaping at length. */
const firstSentence = (error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  const sentence = message.split(/(?<=\.)\s/)[0] ?? message;
  return sentence.endsWith('.') ? sentence : `${sentence}.`;
};

/** `; did you mean "--dns-server"?` for a misspelled flag of `options`, or nothing. */
const nearestFlag = (error: unknown, options: Options) => {
  const written = /^Unknown option '(--[^']+)'/.exec(error instanceof Error ? error.message : '')?.[1];
  const meant =
    written &&
    nearestName(
      written,
      Object.keys(options).map((name) => `--${name}`)
    );
  return meant ? ` Did you mean '${meant}'?` : '';
};

/** Strict flag parsing: an unknown flag or a stray argument is a usage error, never ignored. */
export const parseFlags = <T extends Options>(args: string[], options: T): Flags<T> => {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error: unknown) {
    throw new UsageError(`${firstSentence(error)}${nearestFlag(error, options)}`);
  }
};

/** `--config`, shared by every command that reads a connector config. */
export const configOption = { config: { type: 'string' } } as const;

/** The flags that shape one message, shared by `send` and `preview`. */
export const messageOptions = {
  type: { type: 'string' },
  code: { type: 'string' },
  locale: { type: 'string' },
  payload: { type: 'string' },
} as const;

/** Their help lines; `typeNote` says whether --type has a default. */
export const messageOptionsHelp = (
  typeNote: string
) => `  --type TYPE       The usage type ${typeNote}: ${Object.values(TemplateType).join(', ')}
  --code CODE       payload.code, the {{code}} placeholder (default 000000, as the console's test)
  --locale TAG      payload.locale, the {{locale}} placeholder (e.g. fr-FR)
  --payload JSON    More payload, a JSON object: '{"link":"https://…","organization":{"name":"Acme"}}'`;

/**
 * Logto sends only its own template types; a typo here would silently fall back to the Generic
 * template, so an unknown type is refused instead.
 */
export const templateTypeOf = (value: string | undefined, fallback?: TemplateType): TemplateType => {
  const types: string[] = Object.values(TemplateType);
  if (value === undefined && fallback) {
    return fallback;
  }
  if (value === undefined) {
    throw new UsageError(`--type is required: one of ${types.join(', ')}.`);
  }
  if (!types.includes(value)) {
    throw new UsageError(`--type must be one of ${types.join(', ')}; got "${value}".`);
  }
  return value as TemplateType;
};

/**
 * The payload Logto would pass: the console's test code unless told otherwise, then `--payload`,
 * then the explicit `--code` and `--locale`, which win.
 */
export const payloadOf = ({
  code,
  locale,
  payload,
}: {
  code?: string;
  locale?: string;
  payload?: string;
}): SendMessagePayload => {
  let extra: unknown = {};
  if (payload !== undefined) {
    try {
      extra = JSON.parse(payload);
    } catch {
      throw new UsageError('--payload must be a JSON object, such as \'{"link":"https://example.com"}\'.');
    }
  }
  if (extra === null || typeof extra !== 'object' || Array.isArray(extra)) {
    throw new UsageError('--payload must be a JSON object, not an array or a single value.');
  }
  return {
    code: '000000',
    ...extra,
    ...(code !== undefined && { code }),
    ...(locale !== undefined && { locale }),
  };
};

/** Decimal digits only: `Number()` alone would also take "0x1F90" or "8e3". */
export const portOf = (value: string | undefined, flag: string): number => {
  const port = Number(value);
  if (value === undefined || !/^\d+$/.test(value.trim()) || port > 65_535) {
    throw new UsageError(`${flag} must be a port number from 0 to 65535 (0 picks a free one); got "${value ?? ''}".`);
  }
  return port;
};

/**
 * `--to`: one bare address, refused as the connector would refuse it, but before anything is read
 * or sent, so a mistyped recipient is a usage error (exit code 2) in every command. Returns the
 * ASCII form SES gets.
 */
export const recipientOf = (value: string): string => {
  try {
    return parseRecipient(value.trim());
  } catch (error: unknown) {
    if (error instanceof AddressError) {
      throw new UsageError(`--to ${error.message}: give one bare address, such as user@example.com.`);
    }
    throw error;
  }
};

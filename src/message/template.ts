import {
  ConnectorError,
  ConnectorErrorCodes,
  TemplateType,
  emailTemplateDetailsGuard,
  type EmailTemplateDetails,
  type SendMessagePayload,
} from '@logto/connector-kit';
import escapeHtml from 'escape-html';

import type { ContentType, Template } from '../config/config.js';

import { htmlTemplateToText } from './html-to-text.js';
import { stripHeaderControlChars } from './send-from.js';

/** What one email is made from, whichever source it came from. */
export type ChosenTemplate = {
  subject: string;
  content: string;
  contentType: ContentType;
  /** Only Logto's custom (i18n) templates carry these. */
  sendFrom?: string;
  replyTo?: string;
  /** Which template this is, for an error about it: `templates[2] (usageType "SignIn")`, say. */
  source?: string;
};

/**
 * Logto's custom template for this type and locale wins; then the config template for the usage
 * type; then the config's Generic one, so a config with only Generic serves every type.
 */
export const chooseTemplate = (
  type: string,
  templates: readonly Template[],
  customTemplate?: unknown
): ChosenTemplate => {
  // Most deployments have no custom templates; parsing `undefined` would build a ZodError per mail.
  const custom = customTemplate ? emailTemplateDetailsGuard.safeParse(customTemplate) : undefined;
  if (custom?.success) {
    return { ...toChosen(custom.data), source: `Logto's custom email template for ${type}` };
  }

  const byType = templates.findIndex(({ usageType }) => usageType === type);
  const index = byType === -1 ? templates.findIndex(({ usageType }) => usageType === TemplateType.Generic) : byType;
  const template = templates[index];
  if (!template) {
    throw new ConnectorError(
      ConnectorErrorCodes.TemplateNotFound,
      `No template for usage type "${type}" and no "Generic" template to fall back to: add one to the connector's templates.`
    );
  }
  return { ...toChosen(template), source: `templates[${index}] (usageType "${template.usageType}")` };
};

const toChosen = ({ subject, content, contentType, sendFrom, replyTo }: EmailTemplateDetails): ChosenTemplate => ({
  subject,
  content,
  contentType: contentType ?? 'text/html',
  ...(sendFrom && { sendFrom }),
  ...(replyTo && { replyTo }),
});

/**
 * connector-kit's own stringification, so a template renders here as it does in Logto. A value
 * that has no text form (an object without a prototype) is the caller's mistake, said as such.
 */
const textOf = (value: unknown, path: string): string => {
  try {
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    return String(value ?? '');
  } catch {
    throw new ConnectorError(
      ConnectorErrorCodes.InvalidRequestParameters,
      `Invalid message to send: payload.${path} has no text form (an object without a prototype, or one whose toString throws), so {{${path}}} cannot be filled.`
    );
  }
};

/**
 * The converter walks the HTML recursively, so a template nested a few thousand levels deep
 * overflows the call stack. That is the template's fault, said with its name, not a RangeError.
 */
const plainTextOf = (template: ChosenTemplate): string => {
  try {
    return htmlTemplateToText(template.content);
  } catch (error: unknown) {
    // Stryker disable next-line ConditionalExpression,BlockStatement: the converter throws only a RangeError (the call stack); the rethrow guards a future bug
    if (!(error instanceof RangeError)) {
      throw error;
    }
    throw new ConnectorError(
      ConnectorErrorCodes.InvalidConfig,
      `${template.source ?? 'The template'} cannot be converted to plain text: its HTML is nested too deeply (${error.message}). Nest fewer elements (tables, divs) inside each other.`
    );
  }
};

/** Logto's placeholder syntax (connector-kit's `replaceSendMessageHandlebars`). */
const placeholder = /{{\s*([\w.]+)\s*}}/g;

/** The placeholder paths a template uses, read with the same syntax that fills them (for `push` and `studio` checks). */
export const placeholdersIn = (template: string): string[] =>
  [...template.matchAll(placeholder)].map(([, path]) => path!);

const lookUp = (payload: SendMessagePayload, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        value !== null && typeof value === 'object' && Object.hasOwn(value, key)
          ? (value as Record<string, unknown>)[key]
          : undefined,
      payload
    );

/** A placeholder whose root key is not in the payload: it stays as written. */
const absent = Symbol('absent');

/**
 * A payload is anyone's object: a getter (or a proxy) may throw anything, even a value that has no
 * text form, which no error handler could then print. Whatever it throws is said as the path's.
 */
const valueAt = (payload: SendMessagePayload, path: string): unknown => {
  try {
    // Stryker disable next-line StringLiteral: split returns at least one part, so the default is never taken
    const [root = ''] = path.split('.');
    return Object.hasOwn(payload, root) ? lookUp(payload, path) : absent;
  } catch {
    throw new ConnectorError(
      ConnectorErrorCodes.InvalidRequestParameters,
      `Invalid message to send: payload.${path} could not be read (reading it threw), so {{${path}}} cannot be filled.`
    );
  }
};

/** What `{{path}}` reads: undefined when its root key is not in the payload (the placeholder would stay as written). */
export const payloadValueAt = (payload: SendMessagePayload, path: string): unknown => {
  const value = valueAt(payload, path);
  return value === absent ? undefined : value;
};

/** The text `{{path}}` is filled with, or undefined when it would stay as written. */
export const placeholderText = (payload: SendMessagePayload, path: string): string | undefined => {
  const value = valueAt(payload, path);
  return value === absent ? undefined : textOf(value, path);
};

/**
 * Fills `{{path}}` placeholders with connector-kit's semantics: a placeholder whose root key is not
 * in the payload stays as written, a missing nested key renders empty. Unlike connector-kit, only
 * the payload's own properties count, so `{{constructor}}` cannot print a function's source.
 */
export const fillPlaceholders = (
  template: string,
  payload: SendMessagePayload,
  encode: (value: string) => string = (value) => value
): string =>
  template.replaceAll(placeholder, (whole, path: string) => {
    const value = valueAt(payload, path);
    return value === absent ? whole : encode(textOf(value, path));
  });

export type RenderedEmail = {
  subject: string;
  /** Absent for a `text/plain` template. */
  html?: string;
  text: string;
};

/**
 * A subject is one header line: a value with line breaks must not split it, and no control
 * character (NUL, ESC, DEL, …) may reach the header, as for `sendFrom`. Line breaks and tabs
 * become a space, so the words they separated stay apart.
 */
export const oneLine = (value: string) =>
  stripHeaderControlChars(
    value
      // Stryker disable next-line Regex: with the \s* around it, one line break per match joins a run of them just the same
      .replaceAll(/\s*[\r\n]+\s*/g, ' ')
      .replaceAll(/[\t\v\f]/g, ' ')
  ).trim();

/**
 * Values are HTML-escaped only where they land in HTML. The text part is converted from the
 * template (placeholders survive the conversion) and filled afterwards, so a value is never
 * mangled by the converter and the conversion is done once per template, not once per email.
 */
export const renderTemplate = (template: ChosenTemplate, payload: SendMessagePayload): RenderedEmail => {
  const subject = oneLine(fillPlaceholders(template.subject, payload));
  if (template.contentType === 'text/plain') {
    return { subject, text: fillPlaceholders(template.content, payload) };
  }
  return {
    subject,
    html: fillPlaceholders(template.content, payload, escapeHtml),
    text: fillPlaceholders(plainTextOf(template), payload),
  };
};

/**
 * What `push` checks before it uploads, and what the studio shows beside each preview: the same
 * function, and under it the connector's own rendering (`chooseTemplate`, `composeEmail`),
 * so a template that passes here is the email Logto sends.
 */
import { emailTemplateDetailsGuard, type SendMessagePayload } from '@logto/connector-kit';

import { templateGuard, type AwsSesConfig } from '../config/config.js';
import { composeEmail } from '../message/compose.js';
import { chooseTemplate, fillPlaceholders, placeholdersIn } from '../message/template.js';
import { messageOf } from '../connector/error-text.js';

import { deliveryDetailsOf, type DeliveryDetails } from './delivery-details.js';
import { htmlStructureProblems } from './html-structure.js';
import { samplePayload } from './sample-payloads.js';
import type { TemplateDetails } from './template-file.js';

/** Gmail clips a message whose HTML is larger than this, hiding the rest behind "View entire message". */
export const gmailClipBytes = 102 * 1024;

/** The recipient shown in previews; the checks never send. */
export const previewRecipient = 'user@example.com';

export type RenderedEmail = {
  from?: string;
  replyTo?: string;
  subject?: string;
  html?: string;
  text?: string;
  /** Tenant, tracking, headers and tags, as the composed input carries them. */
  delivery?: DeliveryDetails;
};

export type CheckedTemplate = {
  /** What the connector would hand to SES; absent when it could not be composed. */
  email: RenderedEmail;
  /** One sentence each; `push` uploads nothing while any template has one. */
  problems: string[];
};

/**
 * The template as the connector receives it: Logto's custom template (its details), or one of the
 * connector config's templates (`usageType`), chosen by the connector's own rules.
 */
export type TemplateSource = { kind: 'custom' | 'connector'; details: TemplateDetails };

/**
 * A placeholder is known when Logto's payload for the type can fill it: its sample payload
 * renders it as something. A typo (`{{cdoe}}`) is left as written in the mail; a wrong nested
 * key (`{{user.nmae}}`) renders as nothing.
 */
const unknownPlaceholders = (texts: readonly string[], type: string): string[] => {
  const payload = samplePayload(type);
  const paths = [...new Set(texts.flatMap((text) => placeholdersIn(text)))];
  return paths.filter((path) => {
    const filled = fillPlaceholders(`{{${path}}}`, payload);
    return filled === '' || filled === `{{${path}}}`;
  });
};

const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The guard the connector would apply: Logto's for custom templates, the config's for its own. */
const isAccepted = (type: string, { kind, details }: TemplateSource) =>
  kind === 'custom'
    ? emailTemplateDetailsGuard.safeParse(details).success
    : templateGuard.safeParse({ usageType: type, ...details }).success;

/** Everything wrong with one template for one usage type, and the email it gives with `payload`. */
export const checkTemplate = (
  config: AwsSesConfig,
  type: string,
  source: TemplateSource,
  payload: SendMessagePayload = samplePayload(type)
): CheckedTemplate => {
  const { details } = source;
  const problems: string[] = [];

  if (!isAccepted(type, source)) {
    return {
      email: {},
      problems: [
        `contentType "${details.contentType ?? ''}" is neither text/html nor text/plain: ${source.kind === 'custom' ? 'the connector would ignore this template and send its own' : 'the connector would refuse its config'}`,
      ],
    };
  }
  if (details.subject.trim() === '') {
    problems.push('the subject is empty');
  }
  const unknown = unknownPlaceholders(
    [details.subject, details.content, details.sendFrom ?? '', details.replyTo ?? ''],
    type
  );
  if (unknown.length > 0) {
    const keys = Object.keys(samplePayload(type)).join(', ');
    problems.push(
      `unknown placeholder${unknown.length > 1 ? 's' : ''} ${unknown.map((path) => `{{${path}}}`).join(', ')}: Logto's payload for ${type} has ${keys}`
    );
  }
  const isHtml = (details.contentType ?? 'text/html') === 'text/html';
  if (isHtml) {
    problems.push(...htmlStructureProblems(details.content).map((problem) => `malformed HTML, ${problem}`));
  }

  const chosen =
    source.kind === 'custom'
      ? chooseTemplate(type, [], details)
      : chooseTemplate(type, [templateGuard.parse({ usageType: type, ...details })]);
  let email: RenderedEmail;
  try {
    const composed = composeEmail(config, chosen, { to: previewRecipient, type, payload });
    const { input } = composed;
    const body = input.Content?.Simple?.Body;
    email = {
      from: input.FromEmailAddress,
      replyTo: input.ReplyToAddresses?.join(', '),
      subject: input.Content?.Simple?.Subject?.Data,
      html: body?.Html?.Data,
      text: body?.Text?.Data,
      delivery: deliveryDetailsOf(composed),
    };
  } catch (error: unknown) {
    return { email: {}, problems: [...problems, messageOf(error)] };
  }

  if (isHtml && !email.text?.trim()) {
    problems.push(
      'no text alternative: the HTML has no text (only images?), so text-only clients show nothing and spam filters score it down'
    );
  }
  const htmlBytes = Buffer.byteLength(email.html ?? '');
  if (htmlBytes > gmailClipBytes) {
    problems.push(`the HTML is ${kilobytes(htmlBytes)}: Gmail clips messages over 102 KB behind "View entire message"`);
  }
  return { email, problems };
};

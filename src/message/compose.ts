import type { SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { ConnectorError, ConnectorErrorCodes, type SendMessagePayload } from '@logto/connector-kit';

import type { AwsSesConfig } from '../config/config.js';

import {
  AddressError,
  parseMailbox,
  parseRecipient,
  toAsciiAddress,
  unquote,
  type Mailbox,
} from '../config/address.js';
import { decodeOperatorName, formatMailbox } from './mailbox-header.js';
import type { OutgoingMessage } from './outgoing.js';
import {
  parseSendFrom,
  sanitizeMailboxDisplayName,
  splitNameAndAddress,
  stripHeaderControlChars,
} from './send-from.js';
import { messageHeaders } from './headers.js';
import { messageTags } from './tags.js';
import { chooseTemplate, fillPlaceholders, renderTemplate, type ChosenTemplate } from './template.js';
import { resolveTenant } from './tenant.js';
import { trackingOverrides } from './tracking.js';

export { usageTypeTagName } from './tags.js';

/** Names in the config may be pre-encoded, as the official connector required. */
const parseOperatorMailbox = (value: string) => decodeOperatorName(parseMailbox(value));

const charset = 'UTF-8';

/** Runs an address step, turning its AddressError into a ConnectorError that names the field. */
const addressOf = <T>(field: string, code: ConnectorErrorCodes, parse: () => T): T => {
  try {
    return parse();
  } catch (error: unknown) {
    // Stryker disable next-line ConditionalExpression: the address steps throw only AddressError (domainToASCII returns "" instead of throwing); the rethrow guards a future bug
    if (error instanceof AddressError) {
      throw new ConnectorError(code, `${field} ${error.message}.`);
    }
    throw error;
  }
};

/**
 * The custom template's `sendFrom` replaces the display name. Placeholders are filled in the
 * name only, after it is split from any address the operator wrote into the template, so a
 * payload value (an organization name, say) can never change the sending address.
 */
const resolveSender = (config: AwsSesConfig, template: ChosenTemplate, payload: SendMessagePayload): Mailbox => {
  const configured = config.emailAddress
    ? addressOf('emailAddress', ConnectorErrorCodes.InvalidConfig, () => parseOperatorMailbox(config.emailAddress!))
    : undefined;

  if (!template.sendFrom) {
    if (!configured) {
      throw new ConnectorError(
        ConnectorErrorCodes.InvalidConfig,
        'emailAddress is required: set it to an SES-verified sender such as Logto <noreply@example.com>.'
      );
    }
    return configured;
  }

  const { email, name } = parseSendFrom(template.sendFrom, configured?.address ?? '', configured?.name);
  if (!email) {
    throw new ConnectorError(
      ConnectorErrorCodes.InvalidConfig,
      'emailAddress is required: the custom template sets only a sender name, so the connector needs an SES-verified sender address.'
    );
  }
  const address =
    // Stryker disable next-line ConditionalExpression: the configured address was checked and punycoded when parsed; checking it again returns it unchanged
    email === configured?.address
      ? email
      : addressOf("The custom template's sendFrom", ConnectorErrorCodes.InvalidConfig, () => toAsciiAddress(email));
  const displayName = name && sanitizeMailboxDisplayName(fillPlaceholders(name, payload));
  return displayName ? { name: displayName, address } : { address };
};

const templateReplyTo = "The custom template's replyTo";

/** A filled part of a header value, without control characters (a user's name may hold a TAB). */
const filledPart = (part: string, payload: SendMessagePayload) =>
  stripHeaderControlChars(fillPlaceholders(part, payload)).trim();

/**
 * The custom template's `replyTo`, its shape (`Name <address>` or an address) read from the
 * template before placeholders are filled, so a payload value can neither add an address nor
 * refuse the mail with a character a header cannot carry: control characters are removed, as
 * in `sendFrom`, and `<`, `>` from a name. Only an address that is none after filling fails.
 */
const resolveTemplateReplyTo = (replyTo: string, payload: SendMessagePayload): Mailbox => {
  const shape = splitNameAndAddress(stripHeaderControlChars(replyTo).trim());
  if (!shape) {
    const value = filledPart(replyTo, payload);
    return addressOf(templateReplyTo, ConnectorErrorCodes.InvalidConfig, () => parseMailbox(value));
  }
  const email = filledPart(shape.email, payload);
  const address = addressOf(templateReplyTo, ConnectorErrorCodes.InvalidConfig, () => toAsciiAddress(email));
  const name = shape.name && sanitizeMailboxDisplayName(unquote(filledPart(shape.name, payload)));
  return name ? { name, address } : { address };
};

const resolveReplyTo = (
  config: AwsSesConfig,
  template: ChosenTemplate,
  payload: SendMessagePayload
): Mailbox | undefined => {
  if (template.replyTo) {
    return resolveTemplateReplyTo(template.replyTo, payload);
  }
  if (config.replyTo) {
    return addressOf('replyTo', ConnectorErrorCodes.InvalidConfig, () => parseOperatorMailbox(config.replyTo!));
  }
  return undefined;
};

/** The SendEmail input, and what the connector should log once about it (a tenant it could not use). */
export type ComposedEmail = { input: SendEmailCommandInput; notes: string[] };

/**
 * Builds the SESv2 SendEmail input for one message: a pure function of config, template and
 * message, so everything SES will see can be checked without a network. Members the config does
 * not ask for are left out, so a config without the newer fields sends what it always sent, plus
 * `Auto-Submitted` and the payload's tags.
 */
export const composeEmail = (
  config: AwsSesConfig,
  template: ChosenTemplate,
  { to, type, payload }: OutgoingMessage
): ComposedEmail => {
  const recipient = addressOf('The recipient address', ConnectorErrorCodes.InvalidRequestParameters, () =>
    parseRecipient(to)
  );
  const from = resolveSender(config, template, payload);
  const replyTo = resolveReplyTo(config, template, payload);
  const feedbackForwarding =
    config.feedbackForwardingEmailAddress &&
    addressOf('feedbackForwardingEmailAddress', ConnectorErrorCodes.InvalidConfig, () =>
      formatMailbox(parseOperatorMailbox(config.feedbackForwardingEmailAddress!))
    );
  const { subject, html, text } = renderTemplate(template, payload);
  const tenant = resolveTenant(config, payload);
  const overrides = trackingOverrides(config.tracking);

  const input: SendEmailCommandInput = {
    FromEmailAddress: formatMailbox(from),
    FromEmailAddressIdentityArn: config.emailAddressIdentityArn,
    Destination: { ToAddresses: [recipient] },
    ReplyToAddresses: replyTo && [formatMailbox(replyTo)],
    FeedbackForwardingEmailAddress: feedbackForwarding,
    FeedbackForwardingEmailAddressIdentityArn: config.feedbackForwardingEmailAddressIdentityArn,
    ConfigurationSetName: config.configurationSetName,
    ...(tenant.tenantName && { TenantName: tenant.tenantName }),
    ...(overrides && { ConfigurationOverrides: overrides }),
    EmailTags: messageTags(type, payload),
    Content: {
      Simple: {
        Subject: { Data: subject, Charset: charset },
        Body: {
          ...(html !== undefined && { Html: { Data: html, Charset: charset } }),
          // An HTML body that is only an image has no text form; SES refuses an empty part.
          ...((text.trim() || html === undefined) && { Text: { Data: text, Charset: charset } }),
        },
        Headers: messageHeaders(config.customHeaders, payload),
      },
    },
  };
  return { input, notes: tenant.note ? [tenant.note] : [] };
};

/** The SendEmail input alone (the CLI's checks and the template commands). */
export const composeSendEmailInput = (
  config: AwsSesConfig,
  template: ChosenTemplate,
  message: OutgoingMessage
): SendEmailCommandInput => composeEmail(config, template, message).input;

/**
 * What `sendMessage` sends for a message: the template Logto's rules choose (the custom template,
 * else the usage type's, else Generic), rendered into the SendEmail input, with its notes.
 */
export const composeMessageWithNotes = (
  config: AwsSesConfig,
  message: OutgoingMessage,
  customTemplate?: unknown
): ComposedEmail => composeEmail(config, chooseTemplate(message.type, config.templates, customTemplate), message);

/** The SendEmail input `sendMessage` sends for a message; the CLI's preview shows exactly this. */
export const composeMessage = (
  config: AwsSesConfig,
  message: OutgoingMessage,
  customTemplate?: unknown
): SendEmailCommandInput => composeMessageWithNotes(config, message, customTemplate).input;

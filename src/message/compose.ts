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
import { chooseTemplate, fillPlaceholders, renderTemplate, type ChosenTemplate } from './template.js';

/** Names in the config may be pre-encoded, as the official connector required. */
const parseOperatorMailbox = (value: string) => decodeOperatorName(parseMailbox(value));

/** The SES message tag that lets operators tell usage types apart in CloudWatch and event destinations. */
export const usageTypeTagName = 'logto-usage-type';

const charset = 'UTF-8';

/** Runs an address step, turning its AddressError into a ConnectorError that names the field. */
const addressOf = <T>(field: string, code: ConnectorErrorCodes, parse: () => T): T => {
  try {
    return parse();
  } catch (error: unknown) {
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

/** SES tag values allow only ASCII letters, digits, "_", "-", "." and "@", up to 256 characters. */
const toTagValue = (value: string) => value.replaceAll(/[^\w.@-]/g, '_').slice(0, 256) || 'unknown';

/**
 * Builds the SESv2 SendEmail input for one message: a pure function of config, template and
 * message, so everything SES will see can be checked without a network.
 */
export const composeSendEmailInput = (
  config: AwsSesConfig,
  template: ChosenTemplate,
  { to, type, payload }: OutgoingMessage
): SendEmailCommandInput => {
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

  return {
    FromEmailAddress: formatMailbox(from),
    FromEmailAddressIdentityArn: config.emailAddressIdentityArn,
    Destination: { ToAddresses: [recipient] },
    ReplyToAddresses: replyTo && [formatMailbox(replyTo)],
    FeedbackForwardingEmailAddress: feedbackForwarding,
    FeedbackForwardingEmailAddressIdentityArn: config.feedbackForwardingEmailAddressIdentityArn,
    ConfigurationSetName: config.configurationSetName,
    EmailTags: [{ Name: usageTypeTagName, Value: toTagValue(type) }],
    Content: {
      Simple: {
        Subject: { Data: subject, Charset: charset },
        Body: {
          ...(html !== undefined && { Html: { Data: html, Charset: charset } }),
          // An HTML body that is only an image has no text form; SES refuses an empty part.
          ...((text.trim() || html === undefined) && { Text: { Data: text, Charset: charset } }),
        },
      },
    },
  };
};

/**
 * What `sendMessage` sends for a message: the template Logto's rules choose (the custom template,
 * else the usage type's, else Generic), rendered into the SendEmail input. The CLI's preview shows
 * exactly this.
 */
export const composeMessage = (
  config: AwsSesConfig,
  message: OutgoingMessage,
  customTemplate?: unknown
): SendEmailCommandInput =>
  composeSendEmailInput(config, chooseTemplate(message.type, config.templates, customTemplate), message);

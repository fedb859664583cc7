import { tracingChannel } from 'node:diagnostics_channel';

import { localeOf, recipientDomainOf, type SendRecord } from './send-record.js';

/**
 * A `node:diagnostics_channel` TracingChannel for in-process subscribers that do not use
 * OpenTelemetry, as undici and node:http publish theirs: `tracing:connector-aws-ses:send:start`,
 * `:end`, `:asyncStart`, `:asyncEnd` and `:error`, each with the same context object. Published
 * only while someone subscribes.
 */
export const sendChannelName = 'connector-aws-ses:send';

/** What subscribers get: never the code, the payload or the recipient's local part. */
export type SendChannelContext = {
  usageType?: string;
  /** The recipient's domain. */
  domain?: string;
  locale?: string;
  /** SES's MessageId, set before `asyncStart` when the send succeeded. */
  messageId?: string;
  /** The ConnectorError `sendMessage` throws (redacted), set before `error` by the channel. */
  error?: unknown;
  /** What `sendMessage` resolved to (the MessageId), set by the channel. */
  result?: unknown;
};

const channel = tracingChannel<unknown, SendChannelContext>(sendChannelName);

export const sendChannelHasSubscribers = (): boolean => channel.hasSubscribers;

/** Runs `send` inside the channel's events; call it only when `sendChannelHasSubscribers()`. */
export const traceSendChannel = async (record: SendRecord, send: () => Promise<string>): Promise<string> => {
  const { message } = record;
  const channelContext: SendChannelContext = {
    usageType: message?.type,
    domain: recipientDomainOf(message?.to),
    locale: localeOf(message),
  };
  return channel.tracePromise(async () => {
    const messageId = await send();
    channelContext.messageId = messageId;
    return messageId;
  }, channelContext);
};

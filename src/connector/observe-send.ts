import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import { sendChannelHasSubscribers, traceSendChannel } from './send-channel.js';
import { willLog, writeSendLog } from './send-log.js';
import { resultOf, type SendRecord } from './send-record.js';
import { endSendSpan, metersLive, recordSendMetrics, runInSpan, startSendSpan } from './send-telemetry.js';

/**
 * Reports one send to whoever listens: its OpenTelemetry span and metrics, its diagnostics
 * channel, its log line. With no SDK registered, no subscriber and a send that succeeds without
 * `logLevel: "info"`, a send pays for one no-op span and two reference comparisons; the result
 * and every attribute are worked out only for someone who will read them.
 */
export const observeSend = async (record: SendRecord, send: () => Promise<string>): Promise<string> => {
  const span = startSendSpan();
  const traced = sendChannelHasSubscribers() ? async () => traceSendChannel(record, send) : send;
  try {
    const messageId = await (span ? runInSpan(span, traced) : traced());
    record.messageId = messageId;
    return messageId;
  } catch (error: unknown) {
    // `send` presents every failure as a ConnectorError; anything else would be a bug, still reported as a failure.
    record.failure = error instanceof ConnectorError ? error : new ConnectorError(ConnectorErrorCodes.General);
    throw error;
  } finally {
    report(record, span);
  }
};

const report = (record: SendRecord, span: ReturnType<typeof startSendSpan>) => {
  try {
    const meters = metersLive();
    if (!span && !meters && !willLog(record)) {
      return;
    }
    const result = resultOf(record);
    if (span) {
      endSendSpan(span, record, result);
    }
    if (meters) {
      recordSendMetrics(record, result);
    }
    writeSendLog(record, result);
  } catch {
    // Reporting never turns a send into a failure, nor a failure into another one.
  }
};

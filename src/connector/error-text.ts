import { ConnectorError } from '@logto/connector-kit';

import { failureDataOf } from '../transport/failure-data.js';

/**
 * A ConnectorError reads as its message (cause and hint) and its precise code: the console's test
 * path turns every failure into `general` and keeps the precise code in `data.code`.
 */
export const messageOf = (error: unknown): string => {
  if (error instanceof ConnectorError) {
    const { message, code = error.code } = failureDataOf(error);
    return message ? `${message} (${code})` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
};

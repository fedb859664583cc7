import { ConnectorError } from '@logto/connector-kit';

/**
 * A ConnectorError reads as its message (cause and hint) and its precise code: the console's test
 * path turns every failure into `general` and keeps the precise code in `data.code`.
 */
export const messageOf = (error: unknown): string => {
  if (error instanceof ConnectorError) {
    const data: Record<string, unknown> =
      error.data !== null && typeof error.data === 'object' ? (error.data as Record<string, unknown>) : {};
    const message = typeof data.message === 'string' ? data.message : undefined;
    const code = typeof data.code === 'string' ? data.code : error.code;
    return message ? `${message} (${code})` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
};

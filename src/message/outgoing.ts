import { ConnectorError, ConnectorErrorCodes, type SendMessagePayload } from '@logto/connector-kit';

/** What Logto asks to send (connector-kit's `SendMessageData`, with the type left open). */
export type OutgoingMessage = {
  to: string;
  type: string;
  payload: SendMessagePayload;
};

/** How a value reads in an error: its kind, never its content (a payload may hold a user's data). */
const kindOf = (value: unknown) => {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'an array';
  }
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
};

const refuse = (field: string, rule: string, value: unknown) =>
  new ConnectorError(
    ConnectorErrorCodes.InvalidRequestParameters,
    `Invalid message to send: ${field} ${value === undefined ? `is missing; it must be ${rule}` : `must be ${rule}, not ${value === '' ? 'empty' : kindOf(value)}`}.`
  );

/**
 * One field of the message, read once. A getter (or a proxy) may throw anything, even a value with
 * no text form that no error handler could print; that is the caller's mistake, said by field.
 */
const readField = (data: object, field: 'to' | 'type' | 'payload'): unknown => {
  try {
    return (data as Record<string, unknown>)[field];
  } catch {
    throw new ConnectorError(
      ConnectorErrorCodes.InvalidRequestParameters,
      `Invalid message to send: ${field} could not be read (reading it threw).`
    );
  }
};

/**
 * Checks the shape of what `sendMessage` was given before anything reads it. Logto's types promise
 * strings and an object, but a caller of the Management API or a plugin can hand over anything,
 * and a raw TypeError from deep inside the connector tells nobody which field was wrong.
 */
export const readOutgoingMessage = (data: unknown): OutgoingMessage => {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw refuse('the message', 'an object with to, type and payload', data);
  }
  const to = readField(data, 'to');
  const type = readField(data, 'type');
  const payload = readField(data, 'payload');
  if (typeof to !== 'string') {
    throw refuse('to', 'a string (one email address)', to);
  }
  if (typeof type !== 'string' || type === '') {
    throw refuse('type', 'a template type such as SignIn or Generic', type);
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw refuse('payload', 'an object', payload);
  }
  return { to, type, payload: payload as SendMessagePayload };
};

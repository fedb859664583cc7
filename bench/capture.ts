/**
 * Captures the SendEmail request this connector puts on the wire, so that the `bare` path sends
 * the same input and the `raw` path posts the same bytes. Taking it from the wire, rather than
 * rebuilding it from the connector's source, keeps the three bodies equal whatever the connector
 * adds to a message (a text part, tags, reply-to).
 */
import { ClientRequest } from 'node:http';

import { connectorEntry } from './entries.js';
import type { CapturedRequest } from './paths.js';
import { connectorConfig, data } from './workload.js';

type ConnectorModule = {
  default: (options: { getConfig: () => Promise<unknown> }) => Promise<{
    sendMessage: (message: typeof data, config: unknown) => Promise<unknown>;
  }>;
  destroyClients: () => void;
};

/** Sends one mail through the built connector to `url` (plain http) and returns its request. */
export const captureSendEmail = async (url: string): Promise<CapturedRequest> => {
  const chunks: Buffer[] = [];
  let seen: { path: string; contentType: string } | undefined;
  const keep = (request: ClientRequest, chunk: unknown) => {
    seen = { path: request.path, contentType: String(request.getHeader('content-type')) };
    if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') {
      chunks.push(Buffer.from(chunk as string | Uint8Array));
    }
  };

  const connector = (await import(connectorEntry)) as ConnectorModule;
  const { sendMessage } = await connector.default({
    getConfig: async () => {
      throw new Error('not used');
    },
  });
  // Every request body, http or https, is written through these two methods; the SDK bundled in
  // lib/ uses node:http's own ClientRequest. Wrapped for this one send only.
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the request as `this`
  const { write, end } = ClientRequest.prototype;
  ClientRequest.prototype.write = function (this: ClientRequest, chunk: unknown, ...rest: unknown[]) {
    keep(this, chunk);
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof write;
  ClientRequest.prototype.end = function (this: ClientRequest, chunk?: unknown, ...rest: unknown[]) {
    keep(this, chunk);
    return (end as (...args: unknown[]) => ClientRequest).call(this, chunk, ...rest);
  } as typeof end;
  try {
    await sendMessage(data, connectorConfig(url));
  } finally {
    ClientRequest.prototype.write = write;
    ClientRequest.prototype.end = end;
    // Its keep-alive socket would otherwise count as an open connection at the stub.
    connector.destroyClients();
  }
  if (!seen || chunks.length === 0) {
    throw new Error('no SendEmail request was seen on the wire');
  }
  return { ...seen, body: Buffer.concat(chunks).toString('utf8') };
};

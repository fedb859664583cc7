import type { IncomingMessage, ServerResponse } from 'node:http';

/** One request to the studio, as its route table hands it to a handler. */
export type Exchange = {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  /** What the path's pattern captured: the usage type of /payloads/:type. */
  params: string[];
};

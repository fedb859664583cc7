/**
 * Joins what aws-ses-v2-local drops to what it stores. A SendEmail it answers with a MessageId has
 * its tenant, tags, overrides and configuration set kept under that id (sent-members.ts); `GET
 * /store` shows them as each email's `sent`; `/clear-store` forgets them with the mail. Only its
 * answers are read: the request reaches it untouched, and a body it could not parse (no JSON, or
 * over its 25 MB limit, so express never set `body`) keeps nothing.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { terminalText } from '../transport/terminal-text.js';

import { readAnswer, rewriteAnswer } from './answer-tap.js';
import { sentMembers, type KeptSends } from './sent-members.js';

/** A SendEmail answer is `{"MessageId":"…"}`; anything longer is no answer to read. */
const shortAnswer = 4096;
/** The whole store, every mail's body included, held once more while it is rewritten. */
const storeAnswer = 64 * 1024 * 1024;

/** The route as express matches it: case-insensitive, one trailing slash or none, no query. */
const routeOf = (request: IncomingMessage) => {
  const path = new URL(request.url ?? '/', 'http://local.invalid').pathname.toLowerCase();
  return `${request.method ?? ''} ${path.length > 1 ? path.replace(/\/$/, '') : path}`;
};

const jsonOf = (body: Buffer | undefined): unknown => {
  if (!body) {
    return undefined;
  }
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The store's answer with `sent` beside each email that has some, every control character written
 * as a JSON escape (the same JSON, safe to print); undefined when it is not the store's JSON.
 */
const withSent = (status: number, body: Buffer, kept: KeptSends): Buffer | undefined => {
  const store = status === 200 ? jsonOf(body) : undefined;
  if (!isRecord(store) || !Array.isArray(store.emails)) {
    return undefined;
  }
  const emails = store.emails.map((email: unknown) => {
    const sent = isRecord(email) && typeof email.messageId === 'string' ? kept.get(email.messageId) : undefined;
    return isRecord(email) && sent ? { ...email, sent } : email;
  });
  return Buffer.from(terminalText(JSON.stringify({ ...store, emails })), 'utf8');
};

/** Sets up what this request's answer does to `kept`, or shows of it. */
export const tapSends = (request: IncomingMessage, response: ServerResponse, kept: KeptSends) => {
  const route = routeOf(request);
  if (route === 'POST /v2/email/outbound-emails') {
    readAnswer(response, shortAnswer, (status, body) => {
      const answer = status === 200 ? jsonOf(body) : undefined;
      const members = sentMembers((request as IncomingMessage & { body?: unknown }).body);
      if (isRecord(answer) && typeof answer.MessageId === 'string') {
        // Its ids are random, so one can come again: a mail sent without members shows none.
        kept.keep(answer.MessageId, members);
      }
    });
  } else if (route === 'POST /clear-store') {
    readAnswer(response, shortAnswer, (status) => {
      if (status === 200) {
        kept.clear();
      }
    });
  } else if (route === 'GET /store') {
    rewriteAnswer(response, storeAnswer, (status, body) => withSent(status, body, kept));
  }
};

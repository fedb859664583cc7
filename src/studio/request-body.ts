/**
 * What the studio accepts in a request body. The page is its only intended client, but anything
 * on the machine can post to it, so a body is read only up to a limit and its JSON is checked by
 * a guard before any field is touched: odd input gets a 400 that names what is wrong, never a
 * TypeError, and nothing is kept that the page could not show.
 */
import type { IncomingMessage } from 'node:http';

import { z } from 'zod';

/** Far above a payload or a send (a few hundred bytes), far below what could hurt. */
export const bodyLimit = 256 * 1024;

/** Logto's payloads nest three levels (`organization.branding.logoUrl`); the page shows each as JSON. */
export const payloadDepthLimit = 16;

/** A body the studio refuses: the status to answer and a sentence that says why. */
export class RefusedBody extends Error {
  override name = 'RefusedBody';
  constructor(
    readonly status: 400 | 413,
    message: string
  ) {
    super(message);
  }
}

const tooLarge = () => new RefusedBody(413, `the body is larger than ${bodyLimit / 1024} KB`);

/** The body as text; refused past the limit, whether announced by Content-Length or not. */
export const readBody = async (request: IncomingMessage, limit = bodyLimit): Promise<string> => {
  if (Number(request.headers['content-length'] ?? 0) > limit) {
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      throw tooLarge();
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
};

const describePath = (path: Array<string | number>) =>
  path.length === 0 ? 'the body' : path.map((part) => (typeof part === 'number' ? `[${part}]` : part)).join('.');

const describeIssue = (issue: z.ZodIssue) => {
  const field = describePath(issue.path);
  if (issue.code === z.ZodIssueCode.invalid_type) {
    return issue.received === 'undefined'
      ? `${field} is missing`
      : `${field} must be ${issue.expected === 'object' ? 'an object' : `a ${issue.expected}`}, not ${issue.received}`;
  }
  return `${field} ${issue.message}`;
};

/** The body's JSON, checked by `guard`; a RefusedBody (400) that names every bad field otherwise. */
export const parseBody = <T>(text: string, guard: z.ZodType<T>, example: string): T => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new RefusedBody(400, `the body is not JSON; send ${example}`);
  }
  const parsed = guard.safeParse(json);
  if (!parsed.success) {
    throw new RefusedBody(400, `${parsed.error.issues.map(describeIssue).join('; ')}; send ${example}`);
  }
  return parsed.data;
};

export const sendExample = '{"key":"fr/SignIn","to":"you@example.com"}';

/** POST /send: which template, to whom (the address is checked by the connector's own rule after). */
export const sendBodyGuard = z.object({
  key: z.string().max(300, 'is longer than 300 characters'),
  to: z.string().max(320, 'is longer than 320 characters'),
});

/** Iterative, so a body nested a hundred thousand levels deep is measured, not a stack overflow. */
const nestedDeeperThan = (value: unknown, limit: number) => {
  const stack: Array<[unknown, number]> = [[value, 0]];
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const [item, depth] = entry;
    if (item !== null && typeof item === 'object') {
      if (depth >= limit) {
        return true;
      }
      for (const child of Object.values(item)) {
        stack.push([child, depth + 1]);
      }
    }
  }
  return false;
};

export const payloadExample = '{"code":"123456"}';

/** PUT /payloads/:type: a JSON object, as Logto's payloads are, that the page can show as JSON. */
export const payloadGuard = z.record(z.string(), z.unknown()).superRefine((payload, context) => {
  for (const [key, value] of Object.entries(payload)) {
    if (nestedDeeperThan(value, payloadDepthLimit - 1)) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        path: [key],
        message: `nests objects or arrays more than ${payloadDepthLimit} levels deep (Logto's payloads nest 3)`,
      });
    }
  }
});

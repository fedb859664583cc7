/**
 * The studio's two locks, as Jupyter has them. A page on 127.0.0.1 is still reachable from any
 * web page the operator visits: through DNS rebinding (evil.example resolving to 127.0.0.1, so
 * the browser sends `Host: evil.example`), refused by the Host check; and through cross-site
 * requests (a form posting to 127.0.0.1), refused because every request must carry the per-run
 * token the command printed, and a state-changing one must carry it in a header, which no form
 * and no cross-origin request without CORS consent can set.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const tokenHeader = 'x-studio-token';

export const newToken = () => randomBytes(24).toString('base64url');

/**
 * Only the names this server is reached by on the loopback interface, with its port. The local
 * SES of `dev` and the studio is fronted by the same check (src/dev/local-ses.ts).
 */
export const hostAllowed = (request: IncomingMessage, port: number) =>
  [`127.0.0.1:${port}`, `localhost:${port}`].includes((request.headers.host ?? '').toLowerCase());

/** What a request with another Host is told; `what` is the server: "this studio". */
export const hostRefusal = (what: string, port: number) =>
  `Refused: ${what} answers only at 127.0.0.1:${port} or localhost:${port}.`;

const same = (given: string | undefined, token: string) => {
  if (given === undefined) {
    return false;
  }
  const [a, b] = [Buffer.from(given), Buffer.from(token)];
  return a.length === b.length && timingSafeEqual(a, b);
};

/** A read (the page, its fragment, the event stream): the token in the address is enough. */
export const readAllowed = (url: URL, token: string) => same(url.searchParams.get('token') ?? undefined, token);

/** A change (send, payload): the token in the header, never the address. */
export const changeAllowed = (request: IncomingMessage, token: string) => {
  const header = request.headers[tokenHeader];
  return same(typeof header === 'string' ? header : undefined, token);
};

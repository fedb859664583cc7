/**
 * The DNS lookups of `check`, through node's resolver: the system's servers, or the one
 * `--dns-server` names (a test's local server, or the inside view of a split-horizon set-up).
 * Every query settles within the config's `timeoutMs`: a DNS server that does not answer makes
 * `check` say so, never hang.
 */
import { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';

/** What one query found. "none" is an answer too: the name does not exist or has no such record. */
export type DnsAnswer<Item> =
  | { outcome: 'found'; records: Item[] }
  | { outcome: 'none' }
  /** No answer in time, SERVFAIL, refused: why, in words that complete "could not check: …". */
  | { outcome: 'failed'; reason: string };

export type MxRecord = { exchange: string; priority: number };

export type DnsLookup = {
  /** Each TXT record's strings joined, as SPF and DMARC read them. */
  txt: (name: string) => Promise<DnsAnswer<string>>;
  mx: (name: string) => Promise<DnsAnswer<MxRecord>>;
  cname: (name: string) => Promise<DnsAnswer<string>>;
};

export type DnsServer = { host: string; port: number };

/**
 * `host[:port]` with an IP address as host (`127.0.0.1:5353`, `[::1]:53`, `::1`), or undefined
 * when it is not one. Checked here, not by the resolver: node aborts the process on port 0.
 */
export const parseDnsServer = (value: string): DnsServer | undefined => {
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(value);
  const [host, port = '53'] = bracketed
    ? [bracketed[1] ?? '', bracketed[2]]
    : isIP(value) === 6
      ? [value]
      : value.split(':');
  const number = Number(port);
  if (!host || isIP(host) === 0 || !/^\d{1,5}$/.test(port) || number < 1 || number > 65_535) {
    return undefined;
  }
  return { host, port: number };
};

/**
 * At most this many queries in flight at once, whatever the answers of SES ask to look up: a DNS
 * server is a shared resource, and a check needs a handful of names.
 */
export const maxQueriesInFlight = 4;

/** Runs tasks with at most `limit` of them started and not yet settled; the others wait in order. */
const createLimit = (limit: number) => {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async <Result>(task: () => Promise<Result>): Promise<Result> => {
    if (active < limit) {
      active += 1;
    } else {
      // The task that settles hands its slot on, so `active` never passes the limit.
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) {
        next();
      } else {
        active -= 1;
      }
    }
  };
};

const serverAddress = ({ host, port }: DnsServer) => (isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`);

/** Node's codes for "there is no such record": NXDOMAIN, and a name without that type. */
const noRecord = new Set(['ENOTFOUND', 'ENODATA']);

const reasons: Record<string, (server: string) => string> = {
  ESERVFAIL: (server) => `the DNS server ${server} answered SERVFAIL`,
  EREFUSED: (server) => `the DNS server ${server} refused the query`,
  ECONNREFUSED: (server) => `nothing answers DNS at ${server}`,
};

/**
 * A resolver for one run of `check`; `server` is the parsed `--dns-server`, if any. Each query
 * races its own deadline: c-ares's timeouts count per try and per server, so with several system
 * servers they alone could add up to far more than `timeoutMs`.
 */
export const createDnsLookup = ({ server, timeoutMs }: { server?: DnsServer; timeoutMs: number }): DnsLookup => {
  // Two tries (c-ares doubles the wait for the second) fit in the deadline for one server, so a
  // lost UDP packet costs no finding.
  const resolver = new Resolver({ timeout: Math.max(50, Math.floor(timeoutMs / 3)), tries: 2 });
  if (server) {
    resolver.setServers([serverAddress(server)]);
  }
  const serverName = server ? serverAddress(server) : resolver.getServers().join(', ') || 'the system resolver';
  const silence = `the DNS server ${serverName} did not answer within ${timeoutMs} ms`;

  const limit = createLimit(maxQueriesInFlight);
  // Once one query went unanswered, those still waiting for a slot would only wait as long again.
  let silent = false;

  const ask = async <Item>(query: () => Promise<Item[]>): Promise<DnsAnswer<Item>> =>
    limit(async () => (silent ? { outcome: 'failed', reason: silence } : askNow(query)));

  /** The deadline starts when the query is sent, not while it waits for a slot. */
  const askNow = async <Item>(query: () => Promise<Item[]>): Promise<DnsAnswer<Item>> => {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    try {
      const answer = await Promise.race([query(), deadline]);
      if (answer === 'timeout') {
        // The server is not answering: the queries still in flight end now (ECANCELLED).
        silent = true;
        resolver.cancel();
        return { outcome: 'failed', reason: silence };
      }
      return answer.length > 0 ? { outcome: 'found', records: answer } : { outcome: 'none' };
    } catch (error: unknown) {
      const code = (error as { code?: string }).code ?? '';
      if (noRecord.has(code)) {
        return { outcome: 'none' };
      }
      if (code === 'ETIMEOUT' || code === 'ECANCELLED') {
        silent = true;
        return { outcome: 'failed', reason: silence };
      }
      return {
        outcome: 'failed',
        reason: reasons[code]?.(serverName) ?? `the DNS lookup failed (${code || String(error)})`,
      };
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    txt: async (name) => ask(async () => (await resolver.resolveTxt(name)).map((strings) => strings.join(''))),
    // Node 24 adds a `type` to each record; the shape `check` reads stays the same on 22 and 24.
    mx: async (name) =>
      ask(async () => (await resolver.resolveMx(name)).map(({ exchange, priority }) => ({ exchange, priority }))),
    cname: async (name) => ask(async () => resolver.resolveCname(name)),
  };
};

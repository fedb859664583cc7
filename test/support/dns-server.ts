/**
 * A local DNS server on 127.0.0.1 (UDP) for `check`'s tests: it answers TXT, MX and CNAME queries
 * from a table the test gives, NXDOMAIN for a name it does not hold, and in 'silent' mode reads
 * every query and answers none. Packets are read and written by dns-packet, so what node's
 * resolver gets is real DNS on the wire.
 */
import { createSocket, type RemoteInfo } from 'node:dgram';
import { once } from 'node:events';

import dnsPacket, { type Answer, type Question } from 'dns-packet';

/** Per name (no trailing dot): its records. A TXT record longer than 255 octets is split into strings. */
export type DnsTable = Record<
  string,
  {
    TXT?: string[];
    MX?: Array<{ exchange: string; priority?: number }>;
    CNAME?: string;
  }
>;

export type DnsServerOptions = {
  records?: DnsTable;
  /** 'silent': never answers, as a firewalled or dead server. */
  mode?: 'answer' | 'silent';
  /** Each answer is sent this long after its query arrived (a server's round trip); default at once. */
  answerDelayMs?: number;
};

export type LocalDnsServer = {
  /** For --dns-server: 127.0.0.1:PORT. */
  address: string;
  /** Every question received, as "TYPE name". */
  queries: string[];
  /** The most queries received and not yet answered at any one time (silent mode never answers). */
  peakInFlight: () => number;
  close: () => Promise<void>;
};

const ttl = 60;

/** TXT data as DNS carries it: strings of at most 255 octets each. */
const txtStrings = (text: string): Buffer[] => {
  const bytes = Buffer.from(text, 'utf8');
  const strings: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += 255) {
    strings.push(bytes.subarray(start, start + 255));
  }
  return strings.length > 0 ? strings : [Buffer.alloc(0)];
};

const answersFor = (question: Question, records: DnsTable): Answer[] | undefined => {
  const name = question.name.toLowerCase().replace(/\.$/, '');
  const entry = records[name];
  if (!entry) {
    return undefined;
  }
  const base = { name: question.name, ttl, class: 'IN' as const };
  switch (question.type) {
    case 'TXT':
      return (entry.TXT ?? []).map((text) => ({ ...base, type: 'TXT' as const, data: txtStrings(text) }));
    case 'MX':
      return (entry.MX ?? []).map(({ exchange, priority = 10 }) => ({
        ...base,
        type: 'MX' as const,
        data: { exchange, preference: priority },
      }));
    case 'CNAME':
      return entry.CNAME ? [{ ...base, type: 'CNAME' as const, data: entry.CNAME }] : [];
    default:
      return [];
  }
};

/** NXDOMAIN in the header's response code bits. */
const nxdomain = 3;

export const startDnsServer = async ({
  records = {},
  mode = 'answer',
  answerDelayMs = 0,
}: DnsServerOptions = {}): Promise<LocalDnsServer> => {
  const socket = createSocket('udp4');
  const queries: string[] = [];
  const pending = new Set<NodeJS.Timeout>();
  let inFlight = 0;
  let peak = 0;

  socket.on('message', (message: Buffer, remote: RemoteInfo) => {
    let query;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return; // Not DNS: nothing to answer.
    }
    const questions = query.questions ?? [];
    queries.push(...questions.map(({ type, name }) => `${type} ${name}`));
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    if (mode === 'silent') {
      return;
    }
    const found = questions.map((question) => answersFor(question, records));
    const known = found.every((answers) => answers !== undefined);
    const response = dnsPacket.encode({
      id: query.id ?? 0,
      type: 'response',
      flags: dnsPacket.AUTHORITATIVE_ANSWER | dnsPacket.RECURSION_DESIRED | (known ? 0 : nxdomain),
      questions,
      answers: found.flatMap((answers) => answers ?? []),
    });
    const send = () => {
      inFlight -= 1;
      socket.send(response, remote.port, remote.address);
    };
    if (answerDelayMs === 0) {
      send();
      return;
    }
    const timer = setTimeout(() => {
      pending.delete(timer);
      send();
    }, answerDelayMs);
    pending.add(timer);
  });

  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  const { port } = socket.address();
  return {
    address: `127.0.0.1:${port}`,
    queries,
    peakInFlight: () => peak,
    close: async () => {
      for (const timer of pending) {
        clearTimeout(timer);
      }
      const closed = once(socket, 'close');
      socket.close();
      await closed;
    },
  };
};

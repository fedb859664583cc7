/**
 * A resolver for the SDK's sockets that answers as DNS does for a name that does not exist
 * (NXDOMAIN), with the error node's own dns.lookup gives, so no test needs a DNS server outside
 * this machine to see a host that does not resolve.
 */
import type { LookupFunction } from 'node:net';

export type NxdomainResolver = {
  lookup: LookupFunction;
  /** Every name it was asked for, in order: proof the client used it. */
  asked: string[];
};

export const nxdomainResolver = (): NxdomainResolver => {
  const asked: string[] = [];
  const lookup: LookupFunction = (hostname, _options, callback) => {
    asked.push(hostname);
    const error: NodeJS.ErrnoException = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
      code: 'ENOTFOUND',
      errno: -3008,
      syscall: 'getaddrinfo',
      hostname,
    });
    process.nextTick(() => callback(error, '', 0));
  };
  return { lookup, asked };
};

import { isIP } from 'node:net';

/**
 * A host on this machine: only there may a signed request go in clear text (a local SES), and an
 * SES there sends no mail out, so the sender domain's DNS records mean nothing to it.
 */
export const isLoopbackHost = (hostname: string) => {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
};

/** Whether the host of `url` is a loopback one; false for anything that is not a URL. */
export const isLoopbackUrl = (url: string) => {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
};

/**
 * A local SES (aws-ses-v2-local, `logto-ses dev`) delivers nothing: it keeps what it receives. The
 * sender domain's DNS records (DKIM, DMARC, MAIL FROM) only matter to mailbox providers, which it
 * never talks to, and its config's domain is a placeholder such as example.com, whose public
 * records would fail for no reason. So the DNS checks are skipped for a loopback endpoint, unless
 * a DNS server is named: then they were asked for (a test, or a split-horizon DNS).
 */
import { isLoopbackUrl } from '../../config/loopback.js';
import type { ClientSettings } from '../../transport/client-settings.js';
import { sesEndpointOf } from '../../transport/ses-endpoint.js';

import type { DnsServer } from './dns.js';
import { skip } from './finding.js';
import { answered, type Step } from './step.js';

export const localSesDnsSkip = (
  settings: Pick<ClientSettings, 'endpoint'>,
  dnsServer: DnsServer | undefined
): Step | undefined => {
  const endpoint = sesEndpointOf(settings);
  if (dnsServer || !endpoint || !isLoopbackUrl(endpoint.url)) {
    return undefined;
  }
  return answered(
    skip(
      'domain-authentication',
      `not checked, as SES at ${endpoint.url} is a local one (a loopback address): it sends no mail out, so the sender domain's DKIM, DMARC and MAIL FROM records do not matter to it (--dns-server checks them anyway)`
    )
  );
};

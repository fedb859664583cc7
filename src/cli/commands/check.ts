import type { AwsSesConfig } from '../../config/config.js';
import { clientSettingsOf } from '../../transport/client-settings.js';
import { sesEndpointOf } from '../../transport/ses-endpoint.js';

import { parseDnsServer, type DnsServer } from '../check/dns.js';
import { formatFinding, summarize, type Finding } from '../check/finding.js';
import { checkOffline } from '../check/offline.js';
import { checkOnline } from '../check/online.js';
import { jsonReport } from '../check/report.js';
import { configOption, parseFlags, recipientOf } from '../args.js';
import { exitCodes, UsageError, type Command } from '../command.js';
import { print, printLine } from '../output.js';
import { readConfig } from '../read-config.js';

/** Logto's default code lifetime, and the range its settings allow. */
const defaultCodeTtlSeconds = 600;
const codeTtlRange = { min: 60, max: 3600 };

const help = `logto-ses check: find what keeps SES from sending, or a sent code from arriving, one line per finding

Usage: logto-ses check [--config FILE] [--offline] [--to ADDRESS] [--code-ttl SECONDS] [--dns-server HOST[:PORT]] [--json]

  --config FILE          The connector config (JSON, as Logto stores it); without it, read from standard input
  --offline              Check the config only: no call to SES, no DNS query
  --to ADDRESS           A recipient whose code never came: is it on the account's suppression list?
  --code-ttl SECONDS     How long Logto's codes are valid (${codeTtlRange.min}-${codeTtlRange.max}, default ${defaultCodeTtlSeconds}), against SES's delivery window
  --dns-server HOST[:PORT]  Ask this DNS server (an IP address) instead of the system's
  --json                 Print one JSON document (docs/check-findings.md, "check --json") instead of lines

Offline: the config is valid, every template renders, the addresses encode, the region is
well-formed. Against SES (read-only calls, nothing is sent): sending enabled, enforcement status,
sandbox or production access, the 24-hour quota and send rate (GetAccount); the sender address or
its domain verified for sending in the region, and DKIM (GetEmailIdentity); the configuration set
(GetConfigurationSet). With endpointId: the global endpoint's status and its two regions, then the
sender identity and the configuration set in each. Each tenant the config names (tenantName,
tenants, defaultTenantName): it exists and may send, its reputation policy, and the sender identity
and configuration set associated with it (GetTenant, GetReputationEntity, ListTenantResources).
With {{link}} in a template: whether SES's open and click tracking would rewrite it. Then why a code SES accepted may not arrive:
the --to address on the suppression list and the suppression settings; the DKIM CNAME records,
the DMARC record and alignment, and a custom MAIL FROM domain's MX and SPF records (DNS); SES's
delivery window against the code lifetime; VDM's open recommendations for the sender. An API the
endpoint or the credentials cannot call, or a DNS server that does not answer, is "could not check".

Exit code 1 when any check fails; a warning (WARN) does not fail.`;

/** Where the calls go, as the SDK picks it. */
const destination = (config: AwsSesConfig) => {
  const endpoint = sesEndpointOf(clientSettingsOf(config));
  return endpoint
    ? `endpoint ${endpoint.url}${endpoint.from === 'endpoint' ? '' : ` (${endpoint.from})`}`
    : "the region's SES endpoint";
};

const codeTtlOf = (value: string | undefined): number => {
  if (value === undefined) {
    return defaultCodeTtlSeconds;
  }
  const seconds = Number(value);
  if (!/^\d+$/.test(value.trim()) || seconds < codeTtlRange.min || seconds > codeTtlRange.max) {
    throw new UsageError(
      `--code-ttl must be whole seconds from ${codeTtlRange.min} to ${codeTtlRange.max}, as Logto allows for its codes; got "${value}".`
    );
  }
  return seconds;
};

const dnsServerOf = (value: string | undefined): DnsServer | undefined => {
  if (value === undefined) {
    return undefined;
  }
  const server = parseDnsServer(value.trim());
  if (!server) {
    throw new UsageError(
      `--dns-server must be an IP address with an optional port from 1 to 65535, such as 127.0.0.1:5353 or [::1]:53; got "${value}".`
    );
  }
  return server;
};

const run = async (args: string[]): Promise<number> => {
  const values = parseFlags(args, {
    ...configOption,
    offline: { type: 'boolean', default: false },
    to: { type: 'string' },
    'code-ttl': { type: 'string' },
    'dns-server': { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  // Every flag is checked before anything is read or asked.
  const options = {
    to: values.to === undefined ? undefined : recipientOf(values.to),
    codeTtlSeconds: codeTtlOf(values['code-ttl']),
    dnsServer: dnsServerOf(values['dns-server']),
  };
  const { source, config: rawConfig } = await readConfig(values.config);

  const { findings: offline, config } = checkOffline(rawConfig);
  const printAll = (findings: Finding[]) => {
    for (const finding of findings) {
      printLine(formatFinding(finding));
    }
  };
  if (!values.json) {
    print(
      `Checking the config from ${source}${
        config
          ? ` (region ${config.region}${config.endpointId ? `, global endpoint ${config.endpointId}` : ''}, ${destination(config)})`
          : ''
      }`
    );
    // The offline findings show at once; the calls to SES may take a while.
    printAll(offline);
  }
  const online = config && !values.offline ? await checkOnline(config, options) : [];
  const findings = [...offline, ...online];
  if (values.json) {
    print(JSON.stringify(jsonReport(source, config, findings), undefined, 2));
  } else {
    printAll(online);
    print(summarize(findings));
  }
  return findings.some(({ status }) => status === 'fail') ? exitCodes.failure : exitCodes.success;
};

export const check: Command = {
  name: 'check',
  summary: 'check the config, SES (account, identity, DKIM, configuration set) and why sent codes may not arrive',
  help,
  run,
};

import type { AwsSesConfig } from '../../config/config.js';
import { clientSettingsOf } from '../../transport/client-settings.js';
import { sesEndpointOf } from '../../transport/ses-endpoint.js';
import { checkOffline } from '../check/offline.js';
import { checkOnline } from '../check/online.js';
import { formatFinding, summarize, type Finding } from '../check/finding.js';
import { configOption, parseFlags } from '../args.js';
import { exitCodes, type Command } from '../command.js';
import { print } from '../output.js';
import { readConfig } from '../read-config.js';

const help = `logto-ses check: find what keeps SES from sending, one line per finding

Usage: logto-ses check [--config FILE] [--offline]

  --config FILE     The connector config (JSON, as Logto stores it); without it, read from standard input
  --offline         Check the config only: no call to SES

Offline: the config is valid, every template renders, the addresses encode, the region is
well-formed. Against SES (read-only calls, nothing is sent): sending enabled, enforcement status,
sandbox or production access, the 24-hour quota and send rate (GetAccount); the sender address or
its domain verified for sending in the region, and DKIM (GetEmailIdentity); the configuration set
(GetConfigurationSet). With endpointId: the global endpoint's status and its two regions
(GetMultiRegionEndpoint, in its primary region, the config's region), then the sender identity and
the configuration set in each of the two regions. An API the endpoint or the credentials cannot
call is "could not check".

Exit code 1 when any check fails.`;

/** Where the calls go, as the SDK picks it. */
const destination = (config: AwsSesConfig) => {
  const endpoint = sesEndpointOf(clientSettingsOf(config));
  return endpoint
    ? `endpoint ${endpoint.url}${endpoint.from === 'endpoint' ? '' : ` (${endpoint.from})`}`
    : "the region's SES endpoint";
};

const run = async (args: string[]): Promise<number> => {
  const values = parseFlags(args, { ...configOption, offline: { type: 'boolean', default: false } });
  const { source, config: rawConfig } = await readConfig(values.config);

  const { findings: offline, config } = checkOffline(rawConfig);
  print(
    `Checking the config from ${source}${
      config
        ? ` (region ${config.region}${config.endpointId ? `, global endpoint ${config.endpointId}` : ''}, ${destination(config)})`
        : ''
    }`
  );
  const printAll = (findings: Finding[]) => {
    for (const finding of findings) {
      print(formatFinding(finding));
    }
  };
  // The offline findings show at once; the calls to SES may take a while.
  printAll(offline);
  const online = config && !values.offline ? await checkOnline(config) : [];
  printAll(online);
  const findings = [...offline, ...online];
  print(summarize(findings));
  return findings.some(({ status }) => status === 'fail') ? exitCodes.failure : exitCodes.success;
};

export const check: Command = {
  name: 'check',
  summary: 'check the config offline, then the account, sender identity, DKIM and configuration set in SES',
  help,
  run,
};

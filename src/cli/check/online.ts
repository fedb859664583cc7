import { parseMailbox } from '../../config/address.js';
import type { AwsSesConfig } from '../../config/config.js';
import { clientSettingsOf, type ClientSettings } from '../../transport/client-settings.js';

import type { SesAnswers } from './answers.js';
import { deliveryWindowFinding } from './delivery-window.js';
import { createDnsLookup, type DnsLookup, type DnsServer } from './dns.js';
import { checkDomainAuthentication } from './domain-authentication.js';
import type { Finding } from './finding.js';
import { checkGlobalEndpoint } from './global-endpoint.js';
import { localSesDnsSkip } from './local-ses.js';
import { checkAccount, checkConfigurationSet, checkSenderIdentity, domainOf } from './regional.js';
import { answered, notReached, subjects, type Step, type Subject } from './step.js';
import { checkRecipient, suppressionSettingsFindings } from './suppression.js';
import { checkVdm } from './vdm.js';

/** What `check`'s flags add to the config. */
export type OnlineOptions = {
  /** `--to`: the recipient to look up on the suppression list. */
  to?: string;
  /** `--code-ttl`: how long Logto's codes are valid, in seconds. */
  codeTtlSeconds: number;
  /** `--dns-server`: where DNS queries go instead of the system's servers. */
  dnsServer?: DnsServer;
};

type Context = {
  settings: ClientSettings;
  config: AwsSesConfig;
  options: OnlineOptions;
  /** Filled by the steps that read the account, identity and configuration set, for those after them. */
  answers: SesAnswers;
  dns: DnsLookup;
};

type CheckStep = Subject & { run: (context: Context) => Promise<Step> };

const account: CheckStep = {
  ...subjects.account,
  run: async ({ settings, answers }) => {
    const step = await checkAccount(settings);
    answers.account = step.account;
    return step;
  },
};

const regionalSteps: CheckStep[] = [
  account,
  {
    ...subjects.senderIdentity,
    run: async ({ settings, config, answers }) => {
      const step = await checkSenderIdentity(settings, config);
      answers.sender = step.sender;
      return step;
    },
  },
  {
    ...subjects.configurationSet,
    run: async ({ settings, config, answers }) => {
      const step = await checkConfigurationSet(settings, config);
      answers.configurationSet = step.configurationSet;
      return step;
    },
  },
];

/**
 * With a global endpoint, the identity and configuration set are checked in each of its regions;
 * the deliverability checks after them read the primary region's (the config's).
 */
const globalEndpointSteps: CheckStep[] = [
  account,
  {
    ...subjects.globalEndpoint,
    run: async ({ settings, config, answers }) => {
      const step = await checkGlobalEndpoint(settings, config);
      answers.sender = step.sender;
      answers.configurationSet = step.configurationSet;
      return step;
    },
  },
];

/** The sender's address and domain, the identities VDM may have recommendations for. */
const senderIdentities = (config: AwsSesConfig): string[] => {
  if (!config.emailAddress) {
    return [];
  }
  const { address } = parseMailbox(config.emailAddress);
  return [address, domainOf(address)];
};

/** Why a code SES accepted may still not arrive: each reads what the steps above found. */
const deliverabilitySteps: CheckStep[] = [
  {
    ...subjects.suppression,
    run: async ({ settings, config, options, answers }) => {
      const recipient = await checkRecipient(settings, options.to);
      const settingsFindings = suppressionSettingsFindings(
        answers.account,
        config.configurationSetName,
        answers.configurationSet
      );
      return { ...recipient, findings: [...recipient.findings, ...settingsFindings] };
    },
  },
  {
    ...subjects.domainAuthentication,
    run: async ({ settings, config, options, answers, dns }) =>
      localSesDnsSkip(settings, options.dnsServer) ??
      checkDomainAuthentication(config, settings.region, answers.sender, dns),
  },
  {
    ...subjects.deliveryWindow,
    run: async ({ config, options, answers }) =>
      answered(
        deliveryWindowFinding({
          configurationSetName: config.configurationSetName,
          configurationSet: answers.configurationSet,
          codeTtlSeconds: options.codeTtlSeconds,
        })
      ),
  },
  {
    ...subjects.vdm,
    run: async ({ settings, config, answers }) => checkVdm(settings, answers.account, senderIdentities(config)),
  },
];

/**
 * The checks against SES and DNS, read-only and in order. Once a call gets no answer (bad keys,
 * a region that does not resolve, a dead endpoint), the rest would fail the same way and are
 * skipped.
 */
export const checkOnline = async (
  config: AwsSesConfig,
  options: OnlineOptions,
  settings: ClientSettings = clientSettingsOf(config)
): Promise<Finding[]> => {
  const context: Context = {
    settings,
    config,
    options,
    answers: {},
    dns: createDnsLookup({ server: options.dnsServer, timeoutMs: settings.timeoutMs }),
  };
  const steps = [...(config.endpointId ? globalEndpointSteps : regionalSteps), ...deliverabilitySteps];
  const findings: Finding[] = [];
  let reachable = true;
  for (const step of steps) {
    if (!reachable) {
      findings.push(notReached(step));
      continue;
    }
    const { findings: found, answered: wasAnswered } = await step.run(context);
    findings.push(...found);
    reachable = wasAnswered;
  }
  return findings;
};

import type { AwsSesConfig } from '../../config/config.js';
import { clientSettingsOf, type ClientSettings } from '../../transport/client-settings.js';

import type { SesAnswers } from './answers.js';
import { deliveryWindowFinding } from './delivery-window.js';
import { createDnsLookup, type DnsLookup, type DnsServer } from './dns.js';
import { senderOf } from './domain.js';
import { checkDomainAuthentication } from './domain-authentication.js';
import type { Finding } from './finding.js';
import { checkGlobalEndpoint } from './global-endpoint.js';
import { localSesDnsSkip } from './local-ses.js';
import { accountStep, senderSteps } from './regional.js';
import { answered, runSteps, type CheckStep } from './step.js';
import { checkRecipient, suppressionSettingsFindings } from './suppression.js';
import { checkTenants, hasConfiguredTenants } from './tenants.js';
import { checkTracking, templatesWithLink } from './tracking.js';
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

type Check = CheckStep<Context>;

const regionalSteps: Check[] = [accountStep, ...senderSteps];

/**
 * With a global endpoint, the identity and configuration set are checked in each of its regions;
 * the deliverability checks after them read the primary region's (the config's).
 */
const globalEndpointSteps: Check[] = [
  accountStep,
  {
    id: 'global-endpoint',
    run: async ({ settings, config, answers }) => {
      const step = await checkGlobalEndpoint(settings, config);
      answers.sender = step.sender;
      answers.configurationSet = step.configurationSet;
      return step;
    },
  },
];

/**
 * What the config asks of SES beyond the account, identity and configuration set: its tenants,
 * and tracking against a template's `{{link}}`. A config that uses neither gets no line for them.
 */
const featureSteps = (config: AwsSesConfig): Check[] => [
  ...(hasConfiguredTenants(config)
    ? [
        {
          id: 'tenant',
          run: async ({ settings, answers }) => checkTenants(settings, config, answers.sender),
        } satisfies Check,
      ]
    : []),
  ...(templatesWithLink(config.templates).length > 0
    ? [
        {
          id: 'tracking',
          run: async ({ settings, answers }) => checkTracking(settings, config, answers),
        } satisfies Check,
      ]
    : []),
];

/** The sender's address and domain, the identities VDM may have recommendations for. */
const senderIdentities = (config: AwsSesConfig): string[] => {
  const sender = senderOf(config);
  return sender ? [sender.address, sender.domain] : [];
};

/** Why a code SES accepted may still not arrive: each reads what the steps above found. */
const deliverabilitySteps: Check[] = [
  {
    id: 'suppression.recipient',
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
    id: 'domain-authentication',
    run: async ({ settings, config, options, answers, dns }) =>
      localSesDnsSkip(settings, options.dnsServer) ??
      checkDomainAuthentication(config, settings.region, answers.sender, dns),
  },
  {
    id: 'delivery-window',
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
    id: 'vdm',
    run: async ({ settings, config, answers }) => checkVdm(settings, answers.account, senderIdentities(config)),
  },
];

/** The checks against SES and DNS, read-only and in order (runSteps skips the rest once SES is silent). */
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
  const steps = [
    ...(config.endpointId ? globalEndpointSteps : regionalSteps),
    ...featureSteps(config),
    ...deliverabilitySteps,
  ];
  return (await runSteps(steps, context)).findings;
};

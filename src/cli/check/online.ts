import { GetAccountCommand } from '@aws-sdk/client-sesv2';

import type { AwsSesConfig } from '../../connector/config.js';
import { clientSettingsOf, type ClientSettings } from '../../transport/client-settings.js';

import { skip, type Finding } from './finding.js';
import { checkGlobalEndpoint } from './global-endpoint.js';
import { probe } from './probe.js';
import { checkConfigurationSet, checkSenderIdentity } from './regional.js';
import { accountFindings } from './ses-findings.js';
import { answered, unchecked, type Step } from './step.js';

const checkAccount = async (settings: ClientSettings): Promise<Step> => {
  const result = await probe(settings, 'GetAccount', async (client, abortSignal) =>
    client.send(new GetAccountCommand({}), { abortSignal })
  );
  return result.outcome === 'ok'
    ? answered(...accountFindings(result.output, settings.region))
    : unchecked('account', 'GetAccount', result);
};

type CheckStep = { subject: string; run: (settings: ClientSettings, config: AwsSesConfig) => Promise<Step> };

const regionalSteps: CheckStep[] = [
  { subject: 'account', run: checkAccount },
  { subject: 'sender identity', run: checkSenderIdentity },
  { subject: 'configuration set', run: checkConfigurationSet },
];

/** With a global endpoint, the identity and configuration set are checked in each of its regions. */
const globalEndpointSteps: CheckStep[] = [
  { subject: 'account', run: checkAccount },
  { subject: 'global endpoint', run: checkGlobalEndpoint },
];

/**
 * The checks against SES, read-only and in order. Once a call gets no answer (bad keys, a region
 * that does not resolve, a dead endpoint), the rest would fail the same way and are skipped.
 */
export const checkOnline = async (config: AwsSesConfig): Promise<Finding[]> => {
  const settings = clientSettingsOf(config);
  const findings: Finding[] = [];
  let reachable = true;
  for (const { subject, run } of config.endpointId ? globalEndpointSteps : regionalSteps) {
    if (!reachable) {
      findings.push(skip(`${subject}: not checked, as SES did not answer the call above`));
      continue;
    }
    const step = await run(settings, config);
    findings.push(...step.findings);
    reachable = step.answered;
  }
  return findings;
};

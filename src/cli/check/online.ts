import type { AwsSesConfig } from '../../config/config.js';
import { clientSettingsOf, type ClientSettings } from '../../transport/client-settings.js';

import { skip, type Finding } from './finding.js';
import { checkGlobalEndpoint } from './global-endpoint.js';
import { checkAccount, checkConfigurationSet, checkSenderIdentity } from './regional.js';
import type { Step } from './step.js';

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
export const checkOnline = async (
  config: AwsSesConfig,
  settings: ClientSettings = clientSettingsOf(config)
): Promise<Finding[]> => {
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

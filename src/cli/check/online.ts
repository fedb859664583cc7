import { GetAccountCommand, GetConfigurationSetCommand, GetEmailIdentityCommand } from '@aws-sdk/client-sesv2';

import type { AwsSesConfig } from '../../connector/config.js';
import { parseMailbox } from '../../message/address.js';
import { clientSettingsOf, type ClientSettings } from '../../transport/client-settings.js';

import { couldNotCheck, fail, skip, type Finding } from './finding.js';
import { probe, type Probe } from './probe.js';
import { accountFindings, configurationSetFinding, identityFindings } from './ses-findings.js';

type Step = {
  findings: Finding[];
  /** False when SES did not answer at all (credentials, network, region): later calls would fail alike. */
  answered: boolean;
};

const answered = (...findings: Finding[]): Step => ({ findings, answered: true });

/** What a call that did not return data means for `subject`; "not found" is the caller's to word. */
const unchecked = (subject: string, api: string, result: Exclude<Probe<unknown>, { outcome: 'ok' }>): Step => {
  switch (result.outcome) {
    case 'unsupported': {
      return answered(couldNotCheck(`${subject}: the endpoint does not support ${api}`));
    }
    case 'denied': {
      return answered(
        couldNotCheck(`${subject}: these credentials may not call ses:${api} (sending needs only ses:SendEmail)`)
      );
    }
    default: {
      return { findings: [fail(`${subject}: ${result.message}`)], answered: false };
    }
  }
};

const checkAccount = async (settings: ClientSettings): Promise<Step> => {
  const result = await probe(settings, 'GetAccount', async (client, abortSignal) =>
    client.send(new GetAccountCommand({}), { abortSignal })
  );
  return result.outcome === 'ok'
    ? answered(...accountFindings(result.output, settings.region))
    : unchecked('account', 'GetAccount', result);
};

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1);

/**
 * SES lets an address send when the address itself or its domain is a verified identity, so the
 * address is looked up first and its domain next.
 */
const checkSenderIdentity = async (settings: ClientSettings, config: AwsSesConfig): Promise<Step> => {
  if (!config.emailAddress) {
    return answered(skip('sender identity: no emailAddress to look up'));
  }
  if (config.emailAddressIdentityArn) {
    return answered(
      skip(`sender identity: sent under ${config.emailAddressIdentityArn}, whose owner's account SES checks`)
    );
  }
  const lookUp = async (identity: string) =>
    probe(settings, 'GetEmailIdentity', async (client, abortSignal) =>
      client.send(new GetEmailIdentityCommand({ EmailIdentity: identity }), { abortSignal })
    );
  const { address } = parseMailbox(config.emailAddress);
  const domain = domainOf(address);

  const byAddress = await lookUp(address);
  if (byAddress.outcome === 'ok' && byAddress.output.VerifiedForSendingStatus) {
    return answered(...identityFindings(address, byAddress.output, settings.region));
  }
  if (byAddress.outcome !== 'ok' && byAddress.outcome !== 'not found') {
    return unchecked('sender identity', 'GetEmailIdentity', byAddress);
  }

  const byDomain = await lookUp(domain);
  if (byDomain.outcome === 'ok') {
    return answered(...identityFindings(domain, byDomain.output, settings.region));
  }
  if (byDomain.outcome !== 'not found') {
    return unchecked('sender identity', 'GetEmailIdentity', byDomain);
  }
  if (byAddress.outcome === 'ok') {
    return answered(...identityFindings(address, byAddress.output, settings.region));
  }
  return answered(
    fail(
      `sender identity: neither ${address} nor ${domain} is an SES identity in ${settings.region}.`,
      `create and verify the domain ${domain} (or the address) in the SES console in ${settings.region}; if it is verified in another region, set region to that one.`
    )
  );
};

const checkConfigurationSet = async (settings: ClientSettings, config: AwsSesConfig): Promise<Step> => {
  const name = config.configurationSetName;
  if (!name) {
    return answered(skip('configuration set: none configured'));
  }
  const result = await probe(settings, 'GetConfigurationSet', async (client, abortSignal) =>
    client.send(new GetConfigurationSetCommand({ ConfigurationSetName: name }), { abortSignal })
  );
  switch (result.outcome) {
    case 'ok': {
      return answered(configurationSetFinding(name, result.output, settings.region));
    }
    case 'not found': {
      return answered(
        fail(
          `configuration set: ${name} does not exist in ${settings.region}.`,
          `create it in the SES console in ${settings.region}, or clear configurationSetName.`
        )
      );
    }
    default: {
      return unchecked('configuration set', 'GetConfigurationSet', result);
    }
  }
};

const steps: Array<{ subject: string; run: (settings: ClientSettings, config: AwsSesConfig) => Promise<Step> }> = [
  { subject: 'account', run: checkAccount },
  { subject: 'sender identity', run: checkSenderIdentity },
  { subject: 'configuration set', run: checkConfigurationSet },
];

/**
 * The checks against SES, read-only and in order. Once a call gets no answer (bad keys, a region
 * that does not resolve, a dead endpoint), the rest would fail the same way and are skipped.
 */
export const checkOnline = async (config: AwsSesConfig): Promise<Finding[]> => {
  const settings = clientSettingsOf(config);
  const findings: Finding[] = [];
  let reachable = true;
  for (const { subject, run } of steps) {
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

/**
 * The checks that hold per region: the account (sending enabled, out of the sandbox, quota), the
 * sender identity and the configuration set must be in order where SES sends from, the config's
 * region or each region of a global endpoint. Each returns SES's answer beside its findings, for
 * the deliverability checks that read it again (answers.ts).
 */
import {
  GetAccountCommand,
  GetConfigurationSetCommand,
  GetEmailIdentityCommand,
  type GetAccountCommandOutput,
  type GetConfigurationSetCommandOutput,
} from '@aws-sdk/client-sesv2';

import type { AwsSesConfig } from '../../config/config.js';
import type { ClientSettings } from '../../transport/client-settings.js';

import type { SenderIdentity, SesAnswers } from './answers.js';
import { senderOf } from './domain.js';
import { fail, skip } from './finding.js';
import { probe } from './probe.js';
import { accountFindings, configurationSetFinding, identityFindings } from './ses-findings.js';
import { answered, unchecked, type CheckStep, type Step } from './step.js';

/** A region of a global endpoint needs what the config's region needs, with other advice. */
type RegionRole = { globalEndpoint?: boolean };

export const checkAccount = async (settings: ClientSettings): Promise<Step & { account?: GetAccountCommandOutput }> => {
  const result = await probe(settings, 'GetAccount', async (client, abortSignal) =>
    client.send(new GetAccountCommand({}), { abortSignal })
  );
  return result.outcome === 'ok'
    ? { ...answered(...accountFindings(result.output, settings.region)), account: result.output }
    : unchecked('account', 'GetAccount', result);
};

/**
 * SES lets an address send when the address itself or its domain is a verified identity, so the
 * address is looked up first and its domain next.
 */
export const checkSenderIdentity = async (
  settings: ClientSettings,
  config: AwsSesConfig,
  { globalEndpoint = false }: RegionRole = {}
): Promise<Step & { sender?: SenderIdentity }> => {
  const id = 'sender-identity';
  const sender = senderOf(config);
  if (!sender) {
    return answered(skip(id, 'no emailAddress to look up'));
  }
  if (config.emailAddressIdentityArn) {
    return answered(skip(id, `sent under ${config.emailAddressIdentityArn}, whose owner's account SES checks`));
  }
  const lookUp = async (identity: string) =>
    probe(settings, 'GetEmailIdentity', async (client, abortSignal) =>
      client.send(new GetEmailIdentityCommand({ EmailIdentity: identity }), { abortSignal })
    );
  const found = (identity: string, output: SenderIdentity['output']) => ({
    ...answered(...identityFindings(identity, output, settings.region)),
    sender: { identity, output },
  });
  const { address, domain } = sender;

  const byAddress = await lookUp(address);
  if (byAddress.outcome === 'ok' && byAddress.output.VerifiedForSendingStatus) {
    return found(address, byAddress.output);
  }
  if (byAddress.outcome !== 'ok' && byAddress.outcome !== 'not found') {
    return unchecked(id, 'GetEmailIdentity', byAddress);
  }

  const byDomain = await lookUp(domain);
  if (byDomain.outcome === 'ok') {
    return found(domain, byDomain.output);
  }
  if (byDomain.outcome !== 'not found') {
    return unchecked(id, 'GetEmailIdentity', byDomain);
  }
  if (byAddress.outcome === 'ok') {
    return found(address, byAddress.output);
  }
  return answered(
    fail(
      id,
      `neither ${address} nor ${domain} is an SES identity in ${settings.region}.`,
      `create and verify the domain ${domain} (or the address) in the SES console in ${settings.region}; ${
        globalEndpoint
          ? 'the global endpoint sends from each of its regions, so it must be verified in both.'
          : 'if it is verified in another region, set region to that one.'
      }`
    )
  );
};

export const checkConfigurationSet = async (
  settings: ClientSettings,
  config: AwsSesConfig
): Promise<Step & { configurationSet?: GetConfigurationSetCommandOutput }> => {
  const id = 'configuration-set';
  const name = config.configurationSetName;
  if (!name) {
    return answered(skip(id, 'none configured'));
  }
  const result = await probe(settings, 'GetConfigurationSet', async (client, abortSignal) =>
    client.send(new GetConfigurationSetCommand({ ConfigurationSetName: name }), { abortSignal })
  );
  switch (result.outcome) {
    case 'ok': {
      return {
        ...answered(configurationSetFinding(name, result.output, settings.region)),
        configurationSet: result.output,
      };
    }
    case 'not found': {
      return answered(
        fail(
          id,
          `${name} does not exist in ${settings.region}.`,
          `create it in the SES console in ${settings.region}, or clear configurationSetName.`
        )
      );
    }
    default: {
      return unchecked(id, 'GetConfigurationSet', result);
    }
  }
};

/** What the regional steps read: where to call, the config, and where to leave SES's answers. */
export type RegionalContext = { settings: ClientSettings; config: AwsSesConfig; answers: SesAnswers } & RegionRole;

export const accountStep: CheckStep<RegionalContext> = {
  id: 'account',
  run: async ({ settings, answers }) => {
    const step = await checkAccount(settings);
    answers.account = step.account;
    return step;
  },
};

/** The sender identity, then the configuration set: what each region SES sends from needs. */
export const senderSteps: Array<CheckStep<RegionalContext>> = [
  {
    id: 'sender-identity',
    run: async ({ settings, config, answers, globalEndpoint }) => {
      const step = await checkSenderIdentity(settings, config, { globalEndpoint });
      answers.sender = step.sender;
      return step;
    },
  },
  {
    id: 'configuration-set',
    run: async ({ settings, config, answers }) => {
      const step = await checkConfigurationSet(settings, config);
      answers.configurationSet = step.configurationSet;
      return step;
    },
  },
];

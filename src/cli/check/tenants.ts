/**
 * `check`'s reads of each configured SES tenant: GetTenant (does it exist, may it send),
 * GetReputationEntity (its reputation policy, and whether SES paused it) and ListTenantResources
 * (are the sender identity and the configuration set associated with it). One call per tenant per
 * operation, each on the connector's deadline-bounded client, for at most `maxCheckedTenants`.
 */
import { GetReputationEntityCommand, GetTenantCommand, ListTenantResourcesCommand } from '@aws-sdk/client-sesv2';

import type { AwsSesConfig } from '../../config/config.js';
import type { ClientSettings } from '../../transport/client-settings.js';

import type { SenderIdentity } from './answers.js';
import { senderOf } from './domain.js';
import { couldNotCheck, skip, type Finding } from './finding.js';
import { probe, type Probe } from './probe.js';
import type { FindingId } from './registry.js';
import { answered, unchecked, type Step } from './step.js';
import {
  reputationFinding,
  tenantFinding,
  tenantNotFound,
  tenantResourceFindings,
  type SenderResource,
} from './tenant-findings.js';
import { configuredTenants, maxCheckedTenants, type ConfiguredTenant, type TenantFields } from './tenant-names.js';

/** One page is all `check` reads: a tenant's identities and configuration sets are a handful. */
const pageSize = 100;

type TenantConfig = TenantFields & Pick<AwsSesConfig, 'configurationSetName' | 'emailAddressIdentityArn'>;

/** A call that returned no data, as the finding of this tenant; `answered` false when SES was silent. */
const notAnswered = (id: FindingId, name: string, api: string, result: Exclude<Probe<unknown>, { outcome: 'ok' }>) => {
  const step =
    result.outcome === 'not found'
      ? answered(couldNotCheck(id, `SES found nothing for ${name}`))
      : unchecked(id, api, result);
  return { ...step, findings: step.findings.map((finding) => ({ ...finding, scope: name })) };
};

/** The identity a mail from the sender uses: the config's ARN, the one check found, or the address and its domain. */
const senderResourceOf = (config: TenantConfig, sender: SenderIdentity | undefined): SenderResource | undefined => {
  if (config.emailAddressIdentityArn) {
    return { arn: config.emailAddressIdentityArn };
  }
  if (sender) {
    return { identities: [sender.identity] };
  }
  const configured = senderOf(config);
  return configured && { identities: [configured.address, configured.domain] };
};

const checkTenant = async (
  settings: ClientSettings,
  config: TenantConfig,
  sender: SenderIdentity | undefined,
  tenant: ConfiguredTenant
): Promise<Step> => {
  const { name } = tenant;
  const got = await probe(settings, 'GetTenant', async (client, abortSignal) =>
    client.send(new GetTenantCommand({ TenantName: name }), { abortSignal })
  );
  if (got.outcome === 'not found') {
    return answered(tenantNotFound(tenant, settings.region));
  }
  if (got.outcome !== 'ok') {
    return notAnswered('tenant', name, 'GetTenant', got);
  }
  const findings: Finding[] = [tenantFinding(tenant, got.output.Tenant, settings.region)];
  const tenantArn = got.output.Tenant?.TenantArn;

  if (tenantArn) {
    const reputation = await probe(settings, 'GetReputationEntity', async (client, abortSignal) =>
      client.send(
        new GetReputationEntityCommand({ ReputationEntityType: 'RESOURCE', ReputationEntityReference: tenantArn }),
        { abortSignal }
      )
    );
    const step =
      reputation.outcome === 'ok'
        ? answered(reputationFinding(name, reputation.output))
        : notAnswered('tenant.reputation', name, 'GetReputationEntity', reputation);
    findings.push(...step.findings);
    if (!step.answered) {
      return { findings, answered: false };
    }
  } else {
    findings.push(couldNotCheck({ id: 'tenant.reputation', scope: name }, `SES did not give the ARN of ${name}`));
  }

  const senderResource = senderResourceOf(config, sender);
  if (!senderResource && !config.configurationSetName) {
    return answered(...findings);
  }
  const resources = await probe(settings, 'ListTenantResources', async (client, abortSignal) =>
    client.send(new ListTenantResourcesCommand({ TenantName: name, PageSize: pageSize }), { abortSignal })
  );
  if (resources.outcome !== 'ok') {
    const step = notAnswered(
      senderResource ? 'tenant.identity' : 'tenant.configuration-set',
      name,
      'ListTenantResources',
      resources
    );
    return { findings: [...findings, ...step.findings], answered: step.answered };
  }
  findings.push(
    ...tenantResourceFindings(
      name,
      { sender: senderResource, configurationSetName: config.configurationSetName },
      resources.output,
      { tenantArn, region: settings.region }
    )
  );
  return answered(...findings);
};

/** Whether the config names any tenant `check` can read (a placeholder alone names none yet). */
export const hasConfiguredTenants = (config: TenantFields) => configuredTenants(config).length > 0;

/** Each configured tenant in turn; once SES does not answer, the rest would fail alike and are skipped. */
export const checkTenants = async (
  settings: ClientSettings,
  config: TenantConfig,
  sender: SenderIdentity | undefined
): Promise<Step> => {
  const tenants = configuredTenants(config);
  const findings: Finding[] = [];
  for (const tenant of tenants.slice(0, maxCheckedTenants)) {
    const step = await checkTenant(settings, config, sender, tenant);
    findings.push(...step.findings);
    if (!step.answered) {
      return { findings, answered: false };
    }
  }
  if (tenants.length > maxCheckedTenants) {
    const rest = tenants.length - maxCheckedTenants;
    findings.push(
      skip('tenant', `${rest} more not checked: check reads the first ${maxCheckedTenants} tenants the config names`)
    );
  }
  return answered(...findings);
};

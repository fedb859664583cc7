/**
 * What SES's answers about one tenant mean (GetTenant, GetReputationEntity, ListTenantResources):
 * pure functions of their outputs. SES sends a mail under a tenant only while the tenant may send
 * and only when every resource the mail uses (its identity, its configuration set) is associated
 * with the tenant; anything else refuses the mail, so each is a failure with the fix.
 */
import type { GetReputationEntityCommandOutput, ListTenantResourcesCommandOutput, Tenant } from '@aws-sdk/client-sesv2';

import { couldNotCheck, fail, pass, type Finding } from './finding.js';
import { sesText } from './ses-text.js';
import type { ConfiguredTenant } from './tenant-names.js';

const consoleOf = (name: string) => `SES console, Tenants, ${name}`;

/** `arn:aws:ses:us-east-1:123456789012:` from the tenant's ARN, for the ARNs of the resources to associate. */
const arnPrefixOf = (tenantArn: string | undefined, region: string) => {
  const parts = (tenantArn ?? '').split(':');
  return parts.length >= 6 && parts[0] === 'arn'
    ? `${parts.slice(0, 5).join(':')}:`
    : `arn:aws:ses:${region}:<account-id>:`;
};

export const tenantNotFound = ({ name, field }: ConfiguredTenant, region: string): Finding =>
  fail(
    { id: 'tenant', scope: name },
    `${field} names ${name}, which is not a tenant in ${region}, so SES refuses every mail sent under it.`,
    `create it (aws sesv2 create-tenant --tenant-name ${name} --region ${region}, or the SES console, Tenants) and associate the sender identity and configuration set with it; or correct ${field}.`
  );

/** GetTenant's SendingStatus: ENABLED and REINSTATED send, DISABLED does not. */
export const tenantFinding = ({ name }: ConfiguredTenant, tenant: Tenant | undefined, region: string): Finding => {
  const about = { id: 'tenant', scope: name } as const;
  const status = tenant?.SendingStatus;
  if (status === undefined) {
    return couldNotCheck(about, `SES did not report the sending status of ${name}`);
  }
  if (status === 'DISABLED') {
    const arn = sesText(tenant?.TenantArn ?? `<the ARN of ${name}>`);
    return fail(
      about,
      `sending is paused for ${name} in ${region} (status DISABLED), so SES refuses its mail.`,
      `see why in the ${consoleOf(name)}; once the cause is fixed, resume it (aws sesv2 update-reputation-entity-customer-managed-status --reputation-entity-type RESOURCE --reputation-entity-reference ${arn} --sending-status ENABLED).`
    );
  }
  return pass(about, `${name} exists in ${region}, sending ${sesText(status)}`);
};

/** `arn:aws:ses:us-east-1:aws:reputation-policy/standard` → `standard`. */
const policyName = (arn: string | undefined) => (arn ? sesText(arn.slice(arn.lastIndexOf('/') + 1)) : 'none reported');

/** Who paused the tenant, and why in SES's words; the fix depends on who. */
const pausedFinding = (name: string, entity: NonNullable<GetReputationEntityCommandOutput['ReputationEntity']>) => {
  const about = { id: 'tenant.reputation', scope: name } as const;
  const policy = policyName(entity.ReputationManagementPolicy);
  const cause = (record: typeof entity.AwsSesManagedStatus) => (record?.Cause ? `: "${sesText(record.Cause)}"` : '');
  if (entity.AwsSesManagedStatus?.Status === 'DISABLED') {
    return fail(
      about,
      `SES paused ${name} under its reputation policy ${policy}${cause(entity.AwsSesManagedStatus)}.`,
      `fix what its reputation findings name (${consoleOf(name)}, Reputation), then resume it there once SES allows.`
    );
  }
  return fail(
    about,
    `${name} was paused by its own status (customer-managed DISABLED)${cause(entity.CustomerManagedStatus)}; policy ${policy}.`,
    `once the cause is fixed, resume it: aws sesv2 update-reputation-entity-customer-managed-status --reputation-entity-type RESOURCE --reputation-entity-reference ${sesText(entity.ReputationEntityReference ?? `<the ARN of ${name}>`)} --sending-status ENABLED.`
  );
};

/** GetReputationEntity: the policy that decides when SES pauses the tenant, and whether it has. */
export const reputationFinding = (
  name: string,
  { ReputationEntity: entity }: GetReputationEntityCommandOutput
): Finding => {
  const about = { id: 'tenant.reputation', scope: name } as const;
  if (!entity?.SendingStatusAggregate) {
    return couldNotCheck(about, `SES did not report the reputation status of ${name}`);
  }
  if (entity.SendingStatusAggregate === 'DISABLED') {
    return pausedFinding(name, entity);
  }
  const impact = entity.ReputationImpact
    ? `, its reputation findings' highest impact ${sesText(entity.ReputationImpact)}`
    : ', no reputation findings';
  return pass(
    about,
    `policy ${policyName(entity.ReputationManagementPolicy)}, sending ${sesText(entity.SendingStatusAggregate)}${impact}`
  );
};

/** The identity the sender uses: an ARN the config gives, or the address or domain check found. */
export type SenderResource = { arn: string } | { identities: string[] };

type Resources = ListTenantResourcesCommandOutput;

const associatedFinding = (
  {
    id,
    kind,
    what,
    arnToAssociate,
  }: { id: 'tenant.identity' | 'tenant.configuration-set'; kind: string; what: string; arnToAssociate: string },
  name: string,
  found: boolean,
  { NextToken }: Resources
): Finding => {
  const about = { id, scope: name } as const;
  if (found) {
    return pass(about, `${what} is associated with ${name}`);
  }
  if (NextToken) {
    return couldNotCheck(about, `${what} is not among the resources of ${name} SES listed in one page`);
  }
  return fail(
    about,
    `${what} is not associated with ${name}, so SES refuses mail sent under ${name} with it.`,
    `associate it: aws sesv2 create-tenant-resource-association --tenant-name ${name} --resource-arn ${sesText(arnToAssociate)} (or ${consoleOf(name)}, Associated resources, ${kind}).`
  );
};

/** ARNs compare without case in their resource name, as SES's identities do. */
const resourceNameOf = (arn: string | undefined, type: string) => {
  const marker = `:${type}/`;
  const at = (arn ?? '').indexOf(marker);
  return at < 0 ? undefined : (arn ?? '').slice(at + marker.length).toLowerCase();
};

/** ListTenantResources: the sender identity and the configuration set, each associated or not. */
export const tenantResourceFindings = (
  name: string,
  { sender, configurationSetName }: { sender?: SenderResource; configurationSetName?: string },
  resources: Resources,
  { tenantArn, region }: { tenantArn?: string; region: string }
): Finding[] => {
  const listed = resources.TenantResources ?? [];
  const prefix = arnPrefixOf(tenantArn, region);
  const findings: Finding[] = [];
  if (sender) {
    const identities = listed.filter(({ ResourceType }) => ResourceType === 'EMAIL_IDENTITY');
    const found =
      'arn' in sender
        ? identities.some(({ ResourceArn }) => ResourceArn === sender.arn)
        : identities.some(({ ResourceArn }) =>
            sender.identities.some((identity) => resourceNameOf(ResourceArn, 'identity') === identity.toLowerCase())
          );
    // Without an answer from GetEmailIdentity, the domain is the identity to associate: it covers every address.
    const what = `the sender identity ${'arn' in sender ? sender.arn : sender.identities.join(' or ')}`;
    const arnToAssociate = 'arn' in sender ? sender.arn : `${prefix}identity/${sender.identities.at(-1) ?? ''}`;
    findings.push(
      associatedFinding(
        { id: 'tenant.identity', kind: 'Email identities', what, arnToAssociate },
        name,
        found,
        resources
      )
    );
  }
  if (configurationSetName) {
    const found = listed.some(
      ({ ResourceType, ResourceArn }) =>
        ResourceType === 'CONFIGURATION_SET' &&
        resourceNameOf(ResourceArn, 'configuration-set') === configurationSetName.toLowerCase()
    );
    findings.push(
      associatedFinding(
        {
          id: 'tenant.configuration-set',
          kind: 'Configuration sets',
          what: `the configuration set ${configurationSetName}`,
          arnToAssociate: `${prefix}configuration-set/${configurationSetName}`,
        },
        name,
        found,
        resources
      )
    );
  }
  return findings;
};

/**
 * The SES stub's tenants (GetTenant, GetReputationEntity, ListTenantResources) and a configuration
 * set's event destinations (GetConfigurationSetEventDestinations), apart from the stub's sending
 * so that each stays short. The routes and bodies are the SDK's (`@aws-sdk/client-sesv2`'s
 * schemas): a tenant is read with POST /v2/email/tenants/get, its reputation entity with
 * GET /v2/email/reputation/entities/RESOURCE/{tenant ARN}, its resources with
 * POST /v2/email/tenants/resources/list.
 */

/** A tenant as the stub holds it; what a test leaves out is SES's default for a new tenant. */
export type StubTenant = {
  TenantName: string;
  /** GetTenant's SendingStatus: ENABLED (default), DISABLED or REINSTATED. */
  SendingStatus?: string;
  /** Fields of GetReputationEntity's ReputationEntity over the defaults (standard policy, ENABLED). */
  reputation?: Record<string, unknown>;
  /** ListTenantResources' entries, in order. */
  resources?: Array<{ ResourceType: string; ResourceArn: string }>;
};

export type TenantOperation =
  'GetTenant' | 'GetReputationEntity' | 'ListTenantResources' | 'GetConfigurationSetEventDestinations';

export const tenantRoutes: Array<{ operation: TenantOperation; method: string; pattern: RegExp }> = [
  { operation: 'GetTenant', method: 'POST', pattern: /^\/v2\/email\/tenants\/get$/ },
  { operation: 'ListTenantResources', method: 'POST', pattern: /^\/v2\/email\/tenants\/resources\/list$/ },
  {
    operation: 'GetReputationEntity',
    method: 'GET',
    pattern: /^\/v2\/email\/reputation\/entities\/RESOURCE\/([^/]+)$/,
  },
  {
    operation: 'GetConfigurationSetEventDestinations',
    method: 'GET',
    pattern: /^\/v2\/email\/configuration-sets\/([^/]+)\/event-destinations$/,
  },
];

/** The stub's own JSON and error writers, so these answers look like its others. */
export type Writers<Answer> = {
  json: (status: number, body: unknown) => Answer;
  sesError: (status: number, type: string, message: string) => Answer;
};

export type TenantStubOptions = {
  tenants?: StubTenant[];
  /** Event destinations by configuration set name (EventDestination as SES words it); a known set without an entry has none. */
  eventDestinations?: Record<string, Array<Record<string, unknown>>>;
};

const account = '123456789012';
const created = Date.parse('2026-01-15T10:00:00Z') / 1000;

export const tenantArnOf = (name: string, region = 'us-east-1') =>
  `arn:aws:ses:${region}:${account}:tenant/${name}/tn-${Buffer.from(name).toString('hex').slice(0, 16)}`;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const nameIn = (body: unknown): string =>
  isRecord(body) && typeof body.TenantName === 'string' ? body.TenantName : '';

/**
 * The answer to one of these operations. `parameter` is the path's decoded label (the entity
 * reference, or the configuration set); `knownSet` says whether the stub has that set.
 */
export const tenantAnswer = <Answer>(
  operation: TenantOperation,
  { parameter, body, region = 'us-east-1' }: { parameter: string; body: unknown; region?: string },
  { tenants = [], eventDestinations = {} }: TenantStubOptions,
  knownSet: (name: string) => boolean,
  { json, sesError }: Writers<Answer>
): Answer => {
  const missing = (name: string) => sesError(404, 'NotFoundException', `Tenant ${name} does not exist.`);
  switch (operation) {
    case 'GetTenant': {
      const name = nameIn(body);
      const tenant = tenants.find(({ TenantName }) => TenantName === name);
      if (!tenant) {
        return missing(name);
      }
      return json(200, {
        Tenant: {
          TenantName: name,
          TenantId: tenantArnOf(name, region).split('/').pop(),
          TenantArn: tenantArnOf(name, region),
          CreatedTimestamp: created,
          SendingStatus: tenant.SendingStatus ?? 'ENABLED',
          Tags: [],
        },
      });
    }
    case 'GetReputationEntity': {
      const tenant = tenants.find(({ TenantName }) => tenantArnOf(TenantName, region) === parameter);
      if (!tenant) {
        return sesError(404, 'NotFoundException', `Reputation entity ${parameter} does not exist.`);
      }
      const status = { Status: 'ENABLED', LastUpdatedTimestamp: created };
      return json(200, {
        ReputationEntity: {
          ReputationEntityReference: parameter,
          ReputationEntityType: 'RESOURCE',
          ReputationManagementPolicy: `arn:aws:ses:${region}:aws:reputation-policy/standard`,
          CustomerManagedStatus: status,
          AwsSesManagedStatus: status,
          SendingStatusAggregate: 'ENABLED',
          ...tenant.reputation,
        },
      });
    }
    case 'ListTenantResources': {
      const name = nameIn(body);
      const tenant = tenants.find(({ TenantName }) => TenantName === name);
      if (!tenant) {
        return missing(name);
      }
      const filter = isRecord(body) && isRecord(body.Filter) ? body.Filter.RESOURCE_TYPE : undefined;
      const matching = (tenant.resources ?? []).filter(({ ResourceType }) => !filter || ResourceType === filter);
      const pageSize = isRecord(body) && typeof body.PageSize === 'number' ? body.PageSize : 100;
      const start = isRecord(body) && typeof body.NextToken === 'string' ? Number(body.NextToken) : 0;
      const end = start + pageSize;
      return json(200, {
        TenantResources: matching.slice(start, end),
        ...(end < matching.length && { NextToken: String(end) }),
      });
    }
    case 'GetConfigurationSetEventDestinations': {
      return knownSet(parameter)
        ? json(200, { EventDestinations: eventDestinations[parameter] ?? [] })
        : sesError(404, 'NotFoundException', `Configuration set ${parameter} does not exist.`);
    }
  }
};

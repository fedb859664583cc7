/**
 * Virtual Deliverability Manager: when the account has it, SES itself looks at the sender's DNS
 * and reputation and lists what to fix (ListRecommendations). Its open recommendations for the
 * sender's identity are quoted as SES words them. Without VDM there is nothing to read, which is
 * "could not check", not a failure.
 */
import { ListRecommendationsCommand, type GetAccountCommandOutput, type Recommendation } from '@aws-sdk/client-sesv2';

import type { ClientSettings } from '../../transport/client-settings.js';

import { couldNotCheck, fail, pass, warn, type Finding } from './finding.js';
import { probe } from './probe.js';
import { findingIds, findingRegistry, type FindingEntry, type FindingId } from './registry.js';
import { answered, unchecked, type Step } from './step.js';

/** Pages of 100 (SES's largest); more than 1,000 open recommendations is not a sender's problem list. */
const pageSize = 100;
const maxPages = 10;

/** `arn:aws:ses:us-east-1:123456789012:identity/example.com` → `example.com`. */
const identityOf = (arn: string | undefined) => /:identity\/(.+)$/.exec(arn ?? '')?.[1]?.toLowerCase();

/** The registry's id for each recommendation type SES has. */
const idOfType = new Map<string, FindingId>(
  findingIds.flatMap((id) => {
    const { vdmType }: FindingEntry = findingRegistry[id];
    return vdmType ? [[vdmType, id] as const] : [];
  })
);

/** One recommendation: HIGH impact fails, LOW warns, as SES ranks them. */
export const recommendationFinding = (recommendation: Recommendation): Finding => {
  const type = recommendation.Type ?? 'UNKNOWN';
  const identity = identityOf(recommendation.ResourceArn) ?? recommendation.ResourceArn ?? 'the account';
  const since = recommendation.CreatedTimestamp
    ? `, open since ${recommendation.CreatedTimestamp.toISOString().slice(0, 10)}`
    : '';
  const text = `SES recommends for ${identity}: "${recommendation.Description ?? '(no description)'}" (impact ${
    recommendation.Impact ?? 'unknown'
  }${since}).`;
  const fix = `follow the recommendation in the SES console, Virtual Deliverability Manager, Recommendations.`;
  const about = { id: idOfType.get(type) ?? 'vdm.other', scope: type };
  return recommendation.Impact === 'LOW' ? warn(about, text, fix) : fail(about, text, fix);
};

/** The open recommendations about the sender's address or domain, from every page SES gives. */
export const vdmFindings = (recommendations: readonly Recommendation[], identities: readonly string[]): Finding[] => {
  const wanted = new Set(identities.map((identity) => identity.toLowerCase()));
  const relevant = recommendations.filter(
    ({ Status, ResourceArn }) => Status !== 'FIXED' && wanted.has(identityOf(ResourceArn) ?? '')
  );
  return relevant.length > 0
    ? relevant.map(recommendationFinding)
    : [pass('vdm', `no open recommendations for ${identities.join(' or ')}`)];
};

export const checkVdm = async (
  settings: ClientSettings,
  account: GetAccountCommandOutput | undefined,
  identities: readonly string[]
): Promise<Step> => {
  if (identities.length === 0) {
    return answered(couldNotCheck('vdm', 'no sender address to look up recommendations for'));
  }
  if (!account) {
    return answered(couldNotCheck('vdm', 'SES did not show the account, so whether it has VDM is unknown'));
  }
  if (account.VdmAttributes?.VdmEnabled !== 'ENABLED') {
    return answered(
      couldNotCheck(
        'vdm',
        `Virtual Deliverability Manager is not enabled for the account in ${settings.region}, so SES has no recommendations to read`
      )
    );
  }
  const recommendations: Recommendation[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < maxPages; page += 1) {
    const token = nextToken;
    const result = await probe(settings, 'ListRecommendations', async (client, abortSignal) =>
      client.send(
        new ListRecommendationsCommand({ Filter: { STATUS: 'OPEN' }, PageSize: pageSize, NextToken: token }),
        { abortSignal }
      )
    );
    if (result.outcome !== 'ok') {
      return unchecked('vdm', 'ListRecommendations', result);
    }
    recommendations.push(...(result.output.Recommendations ?? []));
    nextToken = result.output.NextToken;
    if (!nextToken) {
      break;
    }
  }
  return answered(...vdmFindings(recommendations, identities));
};

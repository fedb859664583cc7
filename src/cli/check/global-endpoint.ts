/**
 * `logto-ses check` for an SES global endpoint (`endpointId`). SES sends each message from either
 * of the endpoint's two regions, so the endpoint must be READY and each region must have what the
 * mail needs: the sender identity verified (with DKIM) and, when set, the configuration set. The
 * calls are read-only and regional (SigV4, the config's credentials); SES shows an endpoint only in
 * its primary region, where it was created, which the config's region should be.
 */
import {
  GetMultiRegionEndpointCommand,
  ListMultiRegionEndpointsCommand,
  type GetMultiRegionEndpointCommandOutput,
} from '@aws-sdk/client-sesv2';

import type { AwsSesConfig } from '../../config/config.js';
import type { ClientSettings } from '../../transport/client-settings.js';

import type { SesAnswers } from './answers.js';
import { couldNotCheck, fail, pass, skip, type Finding } from './finding.js';
import { probe, type Probe } from './probe.js';
import { accountStep, senderSteps } from './regional.js';
import { answered, runSteps, unchecked, type Step } from './step.js';

const id = 'global-endpoint';

type Failed = Exclude<Probe<unknown>, { outcome: 'ok' }>;

/**
 * At most this many pages of ListMultiRegionEndpoints: an account has a handful of global
 * endpoints, and an endpoint that answers a NextToken on every page would otherwise be paged
 * without end.
 */
export const maxEndpointPages = 10;

/** The list ran out of pages allowed before the endpoint was found or the list ended. */
type TooManyPages = { outcome: 'too many pages' };

/** The endpoint's name (GetMultiRegionEndpoint takes the name, the config has the ID). */
const findName = async (
  settings: ClientSettings,
  endpointId: string
): Promise<string | Failed | TooManyPages | undefined> => {
  let nextToken: string | undefined;
  for (let pages = 0; pages < maxEndpointPages; pages += 1) {
    const token = nextToken;
    const page = await probe(settings, 'ListMultiRegionEndpoints', async (client, abortSignal) =>
      client.send(new ListMultiRegionEndpointsCommand({ NextToken: token }), { abortSignal })
    );
    if (page.outcome !== 'ok') {
      return page;
    }
    const found = page.output.MultiRegionEndpoints?.find((endpoint) => endpoint.EndpointId === endpointId);
    if (found?.EndpointName) {
      return found.EndpointName;
    }
    nextToken = page.output.NextToken;
    if (!nextToken) {
      return undefined;
    }
  }
  return { outcome: 'too many pages' };
};

const statusFixes: Record<string, string> = {
  CREATING:
    'SES is still provisioning it, which takes a few minutes; sends through it fail until it is READY. Run check again then.',
  FAILED:
    'SES could not provision it: delete it and create it again (SES console, Global endpoints), then set endpointId to the new ID.',
  DELETING:
    'it is being deleted: create a new global endpoint and set endpointId to its ID, or clear endpointId to send from region alone.',
};

const regionsOf = ({ Routes }: GetMultiRegionEndpointCommandOutput) =>
  (Routes ?? []).flatMap(({ Region }) => (Region ? [Region] : []));

const statusFinding = (name: string, endpointId: string, output: GetMultiRegionEndpointCommandOutput): Finding => {
  const regions = regionsOf(output).join(' and ') || 'no region SES reported';
  const status = output.Status ?? 'unknown';
  return status === 'READY'
    ? pass(id, `${name} (${endpointId}) is READY, sending from ${regions}`)
    : fail(
        id,
        `${name} (${endpointId}) is ${status}, not READY (regions ${regions}).`,
        statusFixes[status] ?? 'see the endpoint in the SES console (Global endpoints).'
      );
};

type RegionalAnswers = Omit<SesAnswers, 'account'>;
type Region = { findings: Finding[]; answers: RegionalAnswers };

/**
 * What one region of the endpoint needs; once SES does not answer there, the rest is skipped. The
 * account is checked in the regions other than the config's, whose account the first lines show:
 * production access is granted per region, and a region still in the sandbox refuses every
 * message to an unverified address that the endpoint routes there.
 */
const checkRegion = async (settings: ClientSettings, config: AwsSesConfig, region: string): Promise<Region> => {
  // Regional calls: no endpoint ID, so plain SigV4 for this region, with the same credentials.
  const regional: ClientSettings = { ...settings, region, endpointId: undefined };
  const steps = [...(region === settings.region ? [] : [accountStep]), ...senderSteps];
  const answers: SesAnswers = {};
  const { findings } = await runSteps(steps, { settings: regional, config, answers, globalEndpoint: true });
  // "sender identity (eu-west-1): …", so every line names its region.
  return { findings: findings.map((finding) => ({ ...finding, region })), answers };
};

const notLookedUp = (reason: string): Finding[] => [
  skip('sender-identity', `not checked in the global endpoint's regions, as ${reason}`),
  skip('configuration-set', `not checked in the global endpoint's regions, as ${reason}`),
];

/**
 * The global endpoint's status and regions (GetMultiRegionEndpoint, found by its ID through
 * ListMultiRegionEndpoints), then the sender identity and configuration set in each region. The
 * answers returned are those of the config's region, the endpoint's primary one.
 */
export const checkGlobalEndpoint = async (
  settings: ClientSettings,
  config: AwsSesConfig
): Promise<Step & RegionalAnswers> => {
  const endpointId = config.endpointId!;
  const name = await findName(settings, endpointId);
  if (name === undefined) {
    return answered(
      fail(
        id,
        `no global endpoint with ID ${endpointId} has ${settings.region} as its primary region.`,
        `set endpointId to the ID the SES console shows under Global endpoints (not the endpoint's name), and region to the endpoint's primary region, where it was created.`
      ),
      ...notLookedUp('the global endpoint was not found')
    );
  }
  if (typeof name === 'object' && name.outcome === 'too many pages') {
    return answered(
      couldNotCheck(
        id,
        `${endpointId} is not among the first ${maxEndpointPages} pages of global endpoints SES listed in ${settings.region}, and SES gave yet another page; stopped there`
      ),
      ...notLookedUp('its regions are not known')
    );
  }
  if (typeof name !== 'string') {
    const step = unchecked(id, 'ListMultiRegionEndpoints', name);
    return { ...step, findings: [...step.findings, ...notLookedUp('its regions are not known')] };
  }
  const shown = await probe(settings, 'GetMultiRegionEndpoint', async (client, abortSignal) =>
    client.send(new GetMultiRegionEndpointCommand({ EndpointName: name }), { abortSignal })
  );
  if (shown.outcome !== 'ok') {
    const step = unchecked(id, 'GetMultiRegionEndpoint', shown);
    return { ...step, findings: [...step.findings, ...notLookedUp('its regions are not known')] };
  }
  const findings = [statusFinding(name, endpointId, shown.output)];
  let primary: RegionalAnswers = {};
  for (const region of regionsOf(shown.output)) {
    const checked = await checkRegion(settings, config, region);
    findings.push(...checked.findings);
    if (region === settings.region) {
      primary = checked.answers;
    }
  }
  return { ...answered(...findings), ...primary };
};

/**
 * Open and click tracking against a magic link: with tracking on, SES rewrites every link of a mail
 * through its redirect host and adds a pixel, so `{{link}}` reaches the reader as a redirect. SES
 * tracks a message (without a per-message override) when the account's VDM engagement metrics are
 * on and the configuration set does not turn them off, when the set's own engagement metrics are
 * on, or when the set has an enabled event destination for OPEN or CLICK events. `tracking: "off"`
 * overrides all three for the connector's mail alone. Checked only when a template holds
 * `{{link}}`: a code is harmed by tracking only in privacy, which the README explains.
 */
import {
  GetConfigurationSetEventDestinationsCommand,
  type EventDestination,
  type GetAccountCommandOutput,
  type GetConfigurationSetCommandOutput,
} from '@aws-sdk/client-sesv2';

import type { AwsSesConfig, Template } from '../../config/config.js';
import { placeholdersIn } from '../../message/template.js';
import type { ClientSettings } from '../../transport/client-settings.js';

import type { SesAnswers } from './answers.js';
import { couldNotCheck, pass, warn, type Finding } from './finding.js';
import { probe } from './probe.js';
import { sesText } from './ses-text.js';
import { answered, unchecked, type Step } from './step.js';

/** The config fields this reads: `tracking` defaults to "configuration-set" (nothing sent). */
export type TrackingConfig = Pick<AwsSesConfig, 'configurationSetName' | 'templates' | 'tracking'>;

/** The usage types whose template puts `{{link}}` in the mail. */
export const templatesWithLink = (templates: readonly Template[]): string[] =>
  templates
    .filter(({ subject, content }) => [...placeholdersIn(subject), ...placeholdersIn(content)].includes('link'))
    .map(({ usageType }) => usageType);

/** What turns tracking on, in SES's order of precedence; the set's own engagement setting beats the account's. */
export const trackingSources = ({
  configurationSetName,
  configurationSet,
  account,
  destinations,
}: {
  configurationSetName?: string;
  configurationSet?: GetConfigurationSetCommandOutput;
  account?: GetAccountCommandOutput;
  destinations: readonly EventDestination[];
}): string[] => {
  const setEngagement = configurationSet?.VdmOptions?.DashboardOptions?.EngagementMetrics;
  const accountEngagement =
    account?.VdmAttributes?.VdmEnabled === 'ENABLED' &&
    account.VdmAttributes.DashboardAttributes?.EngagementMetrics === 'ENABLED';
  const tracked = destinations.filter(
    ({ Enabled, MatchingEventTypes = [] }) =>
      Enabled !== false && MatchingEventTypes.some((type) => type === 'OPEN' || type === 'CLICK')
  );
  return [
    ...(setEngagement === 'ENABLED'
      ? [`the configuration set ${configurationSetName ?? ''}'s VDM engagement metrics are on`]
      : []),
    ...(setEngagement === undefined && accountEngagement ? ["the account's VDM engagement metrics are on"] : []),
    ...tracked.map(
      ({ Name, MatchingEventTypes = [] }) =>
        `the configuration set ${configurationSetName ?? ''}'s event destination ${sesText(Name ?? '(unnamed)')} publishes ${MatchingEventTypes.filter((type) => type === 'OPEN' || type === 'CLICK').join(' and ')} events`
    ),
  ];
};

export const trackingFinding = (sources: readonly string[], linkTypes: readonly string[]): Finding =>
  sources.length === 0
    ? pass('tracking', `SES tracks neither opens nor clicks, so {{link}} reaches the reader as sent`)
    : warn(
        'tracking',
        `SES tracks opens or clicks (${sources.join('; ')}), and tracking is not "off": SES rewrites {{link}} in the ${linkTypes.join(', ')} ${linkTypes.length === 1 ? 'template' : 'templates'} through its redirect host and adds a tracking pixel.`,
        'set tracking to "off" in the connector config: each sign-in mail then turns open and click tracking off, and the configuration set keeps them for your other mail.'
      );

export const checkTracking = async (
  settings: ClientSettings,
  config: TrackingConfig,
  { account, configurationSet }: SesAnswers
): Promise<Step> => {
  const linkTypes = templatesWithLink(config.templates);
  if (config.tracking === 'off') {
    return answered(
      pass('tracking', 'off: each mail turns open and click tracking off, so {{link}} reaches the reader as sent')
    );
  }
  const name = config.configurationSetName;
  if (!name) {
    return answered(trackingFinding(trackingSources({ account, destinations: [] }), linkTypes));
  }
  if (!configurationSet) {
    return answered(couldNotCheck('tracking', `SES did not show the configuration set ${name}`));
  }
  const result = await probe(settings, 'GetConfigurationSetEventDestinations', async (client, abortSignal) =>
    client.send(new GetConfigurationSetEventDestinationsCommand({ ConfigurationSetName: name }), { abortSignal })
  );
  if (result.outcome === 'ok') {
    const destinations = result.output.EventDestinations ?? [];
    return answered(
      trackingFinding(
        trackingSources({ configurationSetName: name, configurationSet, account, destinations }),
        linkTypes
      )
    );
  }
  // Without its event destinations, a set whose engagement metrics are on still tracks.
  const known = trackingSources({ configurationSetName: name, configurationSet, account, destinations: [] });
  if (known.length > 0 && result.outcome !== 'failed') {
    return answered(trackingFinding(known, linkTypes));
  }
  if (result.outcome === 'not found') {
    return answered(couldNotCheck('tracking', `SES found no event destinations for ${name}`));
  }
  return unchecked('tracking', 'GetConfigurationSetEventDestinations', result);
};

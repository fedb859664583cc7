/**
 * How long SES keeps trying to deliver against how long the code is valid. SES retries a deferred
 * mail for up to 14 hours unless the configuration set's MaxDeliverySeconds is lower, while a
 * Logto code expires after 10 minutes by default (60 to 3600 seconds): a code delivered after it
 * expired is a code that never came. A pure function of GetConfigurationSet's answer.
 */
import type { GetConfigurationSetCommandOutput } from '@aws-sdk/client-sesv2';

import { couldNotCheck, pass, warn, type Finding } from './finding.js';

const id = 'delivery-window';

/** SES's retry window without MaxDeliverySeconds, and the shortest one it accepts. */
export const sesDefaultDeliverySeconds = 14 * 60 * 60;
export const sesMinimumDeliverySeconds = 300;

const duration = (seconds: number) =>
  seconds % 3600 === 0 && seconds >= 3600
    ? `${seconds / 3600} ${seconds === 3600 ? 'hour' : 'hours'}`
    : seconds % 60 === 0
      ? `${seconds / 60} min`
      : `${seconds} s`;

export type DeliveryWindowInput = {
  configurationSetName?: string;
  /** GetConfigurationSet's answer; undefined when SES did not show the set. */
  configurationSet?: GetConfigurationSetCommandOutput;
  codeTtlSeconds: number;
};

export const deliveryWindowFinding = ({
  configurationSetName,
  configurationSet,
  codeTtlSeconds,
}: DeliveryWindowInput): Finding => {
  if (configurationSetName && !configurationSet) {
    return couldNotCheck(id, `SES did not show the configuration set ${configurationSetName}`);
  }
  const limit = configurationSet?.DeliveryOptions?.MaxDeliverySeconds;
  const ttl = `the code expires after ${duration(codeTtlSeconds)} (--code-ttl ${codeTtlSeconds})`;
  if (limit !== undefined && limit <= codeTtlSeconds) {
    return pass(id, `SES gives up after ${duration(limit)}; ${ttl}`);
  }
  const target = Math.max(codeTtlSeconds, sesMinimumDeliverySeconds);
  const shortest =
    codeTtlSeconds < sesMinimumDeliverySeconds
      ? ` (${sesMinimumDeliverySeconds} s is the shortest SES allows; a longer code lifetime closes the gap)`
      : '';
  const setting = `a maximum delivery time of ${target} s${shortest}`;
  if (!configurationSetName) {
    return warn(
      id,
      `no configuration set, so SES retries a deferred mail for up to ${duration(sesDefaultDeliverySeconds)}; ${ttl}.`,
      `create a configuration set with ${setting} (SES console, Configuration sets, Delivery options) and set configurationSetName to it.`
    );
  }
  return warn(
    id,
    `configuration set ${configurationSetName} lets SES retry a deferred mail for up to ${duration(
      limit ?? sesDefaultDeliverySeconds
    )}${limit === undefined ? ' (no MaxDeliverySeconds)' : ''}; ${ttl}, so a late code arrives dead.`,
    `set ${setting} on ${configurationSetName} (SES console, Configuration sets, ${configurationSetName}, Delivery options; or aws sesv2 put-configuration-set-delivery-options --configuration-set-name ${configurationSetName} --max-delivery-seconds ${target}).`
  );
};

import type { ConfigurationOverrides } from '@aws-sdk/client-sesv2';

import type { TrackingMode } from '../config/send-options.js';

/**
 * With "off", open and click tracking are off for this message alone, whatever the configuration
 * set says: SES would otherwise rewrite a magic link through its redirect host and add a pixel to a
 * sign-in code. By default nothing is sent and the set decides, as before.
 */
export const trackingOverrides = (tracking: TrackingMode | undefined): ConfigurationOverrides | undefined =>
  tracking === 'off' ? { Tracking: { OpenTrackingEnabled: 'DISABLED', ClickTrackingEnabled: 'DISABLED' } } : undefined;

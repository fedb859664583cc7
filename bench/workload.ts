/**
 * What every path sends: one verification-code mail, the kind Logto sends most, with the same
 * template, sender and recipient. The config object is created once per sender process and
 * passed to every `sendMessage`, as Logto passes its saved config.
 */

import { TemplateType, type SendMessageData } from '@logto/connector-kit';

export const credentials = {
  accessKeyId: 'AKIABENCHMARK0000001',
  accessKeySecret: 'bench/Secret+Value0123456789abcdefghijklm',
};

export const region = 'us-east-1';

export const generic = {
  usageType: 'Generic',
  subject: 'Your code {{code}}',
  content: '<p>Your code is <b>{{code}}</b>.</p>',
};

export const data: SendMessageData = {
  to: 'user@example.com',
  type: TemplateType.Generic,
  payload: { code: '123456' },
};

/** This connector's config: `endpoint` points it at the stub. */
export const connectorConfig = (endpoint: string) => ({
  ...credentials,
  region,
  endpoint,
  emailAddress: 'Logto <noreply@logto.io>',
  templates: [generic],
});

/**
 * The official connector's config: it has no `endpoint` (its sender is pointed at the stub with
 * AWS_ENDPOINT_URL_SESV2) and its guard requires SignIn, Register, ForgotPassword and Generic.
 */
export const officialConfig = () => ({
  ...credentials,
  region,
  emailAddress: 'Logto <noreply@logto.io>',
  templates: ['SignIn', 'Register', 'ForgotPassword', 'Generic'].map((usageType) => ({ ...generic, usageType })),
});

/** The stub accepts any signature; set in every sender so the SDK's notice for a Node older than 22 stays out. */
export const senderEnv = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

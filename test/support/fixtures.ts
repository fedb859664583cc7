/**
 * The sample configs, templates and secrets the tests share: one of each, so a test that needs
 * another says so where it differs (an override, or a value of its own beside the assertion
 * that depends on it).
 */
import { TemplateType } from '@logto/connector-kit';

import type { Template } from '../../src/config/config.js';

/**
 * The AWS key secret of every sample config, which must never show in any output, error or log
 * line. Its "/" and "+" change under URL and form encoding, so a leak in any encoding shows.
 */
export const secret = 'Sentinel/Secret+Never-Printed-0123456789';
export const keyId = 'AKIATESTKEYID0000001';
/** The session token of temporary keys (an `ASIA…` key id beside it, in AWS's words). */
export const sessionToken = 'FwoGZXIvYXdzEJr-session-token-0123456789';
/** The key id of temporary keys, which go with `sessionToken`. */
export const temporaryKeyId = 'ASIATEMPORARYKEY0001';
/** The role a config's `roleArn` assumes through a local STS. */
export const roleArn = 'arn:aws:iam::123456789012:role/logto-ses';

/** A second key pair, for the AWS default credential chain (the environment) beside the config's. */
export const environmentKeyId = 'AKIAENVIRONMENTKEY01';
export const environmentSecret = 'Environment/Secret+Value0123456789abcdefg';

/** A Logto M2M app's secret, for `templates pull|push` against a local Management API. */
export const m2mSecret = 'Hostile/Secret+Never-Printed-0123456789';

export const genericTemplate: Template = {
  usageType: 'Generic',
  subject: 'Your code {{code}}',
  content: '<p>Your code is <strong>{{code}}</strong>.</p>',
};

/** What Logto hands `sendMessage`: a sign-in code, and a Generic one (the type `configFor`'s template serves). */
export const signInMessage = { to: 'user@example.com', type: TemplateType.SignIn, payload: { code: '123456' } };
export const genericMessage = { to: 'user@example.com', type: TemplateType.Generic, payload: { code: '123456' } };

export type TestConfig = {
  accessKeyId: string;
  accessKeySecret: string;
  region: string;
  emailAddress?: string;
  replyTo?: string;
  endpoint?: string;
  templates: Template[];
  [key: string]: unknown;
};

/**
 * A config that sends to `endpoint` (AWS's own for the region when none) with the sample keys, from
 * example.com, whose DNS `exampleDns` (test/cli/cli.ts) serves to `check`. An override may be
 * anything, so a test can hand the connector a config it must refuse.
 */
export const configFor = (endpoint: string | undefined, overrides: Record<string, unknown> = {}): TestConfig => ({
  accessKeyId: keyId,
  accessKeySecret: secret,
  region: 'us-east-1',
  ...(endpoint && { endpoint }),
  emailAddress: 'Logto <noreply@example.com>',
  templates: [genericTemplate],
  ...overrides,
});

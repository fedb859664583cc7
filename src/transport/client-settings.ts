import type { LookupFunction } from 'node:net';

import { defaultMaxAttempts, defaultTimeoutMs, type AwsSesConfig } from '../config/config.js';

/** Static keys from the config; a session token makes them temporary credentials. */
export type StaticCredentials = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
};

export type AssumeRole = {
  roleArn: string;
  externalId?: string;
  roleSessionName?: string;
};

/** Everything that makes one SES client different from another. */
export type ClientSettings = {
  region: string;
  endpoint?: string;
  /** An SES global endpoint: SendEmail carries it and is signed with SigV4a for every region. */
  endpointId?: string;
  /** Absent: the AWS default credential chain. */
  credentials?: StaticCredentials;
  /** Assumed through STS on top of `credentials` (or the default chain). */
  assumeRole?: AssumeRole;
  /** The whole call may take this long, retries included. */
  timeoutMs: number;
  maxAttempts: number;
  /**
   * How host names are resolved; node's dns.lookup when absent, as for every config. Tests give
   * their own, so a name that does not resolve needs no DNS server outside this machine.
   */
  lookup?: LookupFunction;
};

const toClientSettings = (config: AwsSesConfig): ClientSettings => ({
  region: config.region,
  endpoint: config.endpoint,
  endpointId: config.endpointId,
  credentials:
    config.accessKeyId && config.accessKeySecret
      ? {
          accessKeyId: config.accessKeyId,
          secretAccessKey: config.accessKeySecret,
          ...(config.sessionToken && { sessionToken: config.sessionToken }),
        }
      : undefined,
  assumeRole: config.roleArn
    ? {
        roleArn: config.roleArn,
        ...(config.externalId && { externalId: config.externalId }),
        ...(config.roleSessionName && { roleSessionName: config.roleSessionName }),
      }
    : undefined,
  timeoutMs: config.timeoutMs ?? defaultTimeoutMs,
  maxAttempts: config.maxAttempts ?? defaultMaxAttempts,
});

const settingsByConfig = new WeakMap<AwsSesConfig, ClientSettings>();

/**
 * The transport's view of a parsed config; the CLI and the connector both go through it. The same
 * parsed config gives the same settings object, so the client cache can key on it cheaply.
 */
export const clientSettingsOf = (config: AwsSesConfig): ClientSettings => {
  const cached = settingsByConfig.get(config);
  if (cached) {
    return cached;
  }
  const settings = toClientSettings(config);
  settingsByConfig.set(config, settings);
  return settings;
};

/** Values no error, log line or output may show. */
export const secretsOf = ({ credentials }: ClientSettings): string[] =>
  [credentials?.secretAccessKey, credentials?.sessionToken].filter((value): value is string => Boolean(value));

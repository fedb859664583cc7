import type { ConnectorErrorCodes } from '@logto/connector-kit';

import type { CredentialSource } from './credential-source.js';
import type { FailureData } from './failure-data.js';

/** Where the failing request went and with what; used only to word the hint. */
export type FailureContext = {
  /** The SES API called, e.g. SendEmail or GetAccount. */
  operation?: string;
  region: string;
  endpoint?: string;
  /** Where the keys came from: the config (with a session token or not), or the AWS default chain. */
  credentialSource: CredentialSource;
  roleArn?: string;
  /** The SES global endpoint SendEmail went through, if any (global-endpoint-hints.ts). */
  endpointId?: string;
  timeoutMs: number;
  /** Values that must never appear in an error: the access key secret, a session token. */
  secrets: readonly string[];
  /** Set when STS failed while assuming roleArn, not SES: its endpoint. */
  sts?: { endpoint: string };
};

/**
 * What is said of a failure, before it becomes a ConnectorError: its code, the operator's message
 * (cause and fix), and the data beside it. Made into the error in one place (errors.ts), where
 * every string is redacted.
 */
export type FailureReport = {
  code: ConnectorErrorCodes;
  message: string;
  details?: Omit<FailureData, 'message' | 'code' | 'errorDescription'>;
};

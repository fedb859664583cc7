/**
 * What the toConnectorError tests share: the failing call's context, the errors the SDK throws,
 * and a table runner that compares the whole error as Logto logs it, so a changed word or field
 * fails.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';

import { ConnectorError } from '@logto/connector-kit';

import { toConnectorError, type FailureContext } from '../../src/transport/errors.js';
import { secret } from '../support/fixtures.js';

export const context: FailureContext = {
  region: 'eu-west-1',
  credentialSource: 'config',
  timeoutMs: 2500,
  secrets: [secret],
};

export const roleArn = 'arn:aws:iam::123456789012:role/logto';
export const role: FailureContext = { ...context, roleArn };

/** A socket error as Node throws it: its code on the error, usually also in the message. */
export const socketError = (code: string, message = `connect ${code} 127.0.0.1:9`) =>
  Object.assign(new Error(message), { code });

/** An AWS service exception (SES's or STS's) of any name, as the SDK throws it. */
export const serviceAnswer = (name: string, message: string, status = 400, requestId = 'req-1') =>
  Object.assign(new Error(message), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, requestId, attempts: 1 },
  });

/** The SDK's error for a 404 without an AWS error in its body. */
export const notFound = () =>
  Object.assign(new Error('Not Found'), { name: 'NotFound', $fault: 'client', $metadata: { httpStatusCode: 404 } });

/** The ConnectorError made of `error`, its code and data ready to compare. */
export const described = (error: unknown, where = context) => {
  const mapped = toConnectorError(error, where);
  assert.ok(mapped instanceof ConnectorError);
  return { code: mapped.code, data: mapped.data as Record<string, unknown>, error: mapped };
};

export type Case = [name: string, thrown: unknown, where: FailureContext, code: string, data: Record<string, unknown>];

/** One test per case: the code and the data, as Logto logs them (JSON, where a field without a value is left out). */
export const check = (cases: Case[]) => {
  for (const [name, thrown, where, code, data] of cases) {
    it(name, () => {
      const mapped = toConnectorError(thrown, where);
      assert.ok(mapped instanceof ConnectorError);
      assert.deepEqual([mapped.code, JSON.parse(JSON.stringify(mapped.data))], [code, data]);
    });
  }
};

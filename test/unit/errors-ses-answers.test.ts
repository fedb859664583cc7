/**
 * toConnectorError for SES's own answers: each exception the operator's configuration causes gets
 * its fix (the keys, the IAM policy, the sandbox, the identity, the configuration set), a limit
 * gets its code, AWS-side faults get none, and no secret survives in any field.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inspect } from 'node:util';

import {
  AccountSuspendedException,
  MessageRejected,
  NotFoundException,
  SESv2ServiceException,
  TooManyRequestsException,
} from '@aws-sdk/client-sesv2';
import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import { toConnectorError } from '../../src/transport/errors.js';
import { secret } from '../support/fixtures.js';

import { check, context, described, role } from './errors-cases.js';

const $metadata = { httpStatusCode: 400, requestId: 'req-1' };

describe('toConnectorError, for what SES answered', () => {
  it('explains an unverified address: sandbox or sender identity, in the region', () => {
    const { code, data } = described(
      new MessageRejected({
        message:
          'Email address is not verified. The following identities failed the check in region EU-WEST-1: user@example.com',
        $metadata,
      })
    );
    assert.equal(code, ConnectorErrorCodes.InvalidConfig);
    assert.equal(data.sesError, 'MessageRejected');
    assert.equal(data.requestId, 'req-1');
    assert.match(String(data.message), /^SES MessageRejected: Email address is not verified/);
    assert.match(
      String(data.message),
      /sandbox in eu-west-1 .*request production access.*sender identity is not verified in eu-west-1/
    );
  });

  it('points at the keys for credential errors', () => {
    for (const name of [
      'InvalidClientTokenId',
      'SignatureDoesNotMatch',
      'UnrecognizedClientException',
      'InvalidSignatureException',
      'IncompleteSignature',
      'ExpiredToken',
      'ExpiredTokenException',
      'MissingAuthenticationToken',
    ]) {
      const error = new SESv2ServiceException({
        name,
        $fault: 'client',
        message: 'The security token included in the request is invalid.',
        $metadata,
      });
      const { code, data } = described(error);
      assert.equal(code, ConnectorErrorCodes.InvalidConfig, name);
      assert.match(String(data.message), /Check accessKeyId and accessKeySecret/);
    }
  });

  it('names the config fields for a missing resource and a suspended account', () => {
    assert.match(
      String(
        described(new NotFoundException({ message: 'Configuration set <x> does not exist.', $metadata })).data.message
      ),
      /configurationSetName/
    );
    assert.equal(
      described(new AccountSuspendedException({ message: 'suspended', $metadata })).code,
      ConnectorErrorCodes.InvalidConfig
    );
  });

  it('reports throttling as a rate limit, keeping the exception name', () => {
    const { code, data } = described(new TooManyRequestsException({ message: 'Too many requests', $metadata }));
    assert.equal(code, ConnectorErrorCodes.RateLimitExceeded);
    assert.equal(data.sesError, 'TooManyRequestsException');
  });

  it('removes a secret that an error message happens to carry', () => {
    const leaky = new SESv2ServiceException({
      name: 'BadRequestException',
      $fault: 'client',
      message: `bad key ${secret}`,
      $metadata,
    });
    const { error } = described(leaky);
    for (const text of [error.message, JSON.stringify(error), inspect(error, { showHidden: true, depth: null })]) {
      assert.ok(!text.includes(secret), text);
      assert.match(text, /\[redacted\]/);
    }
  });

  it('names the session token only when the config has one', () => {
    const error = new SESv2ServiceException({
      name: 'ExpiredToken',
      $fault: 'client',
      message: 'The security token included in the request is expired',
      $metadata,
    });
    assert.doesNotMatch(String(described(error).data.message), /sessionToken/);
    const { data } = described(error, { ...context, credentialSource: 'config with session token' });
    assert.match(
      String(data.message),
      /Check accessKeyId, accessKeySecret and sessionToken \(temporary keys expire with their session token\)/
    );
  });

  it("points at the environment's credentials when the config has no keys, and at the role", () => {
    const error = new SESv2ServiceException({
      name: 'ExpiredToken',
      $fault: 'client',
      message: 'The security token included in the request is expired',
      $metadata,
    });
    const roleArn = 'arn:aws:iam::123456789012:role/logto-ses';
    const { data } = described(error, { ...context, credentialSource: 'default chain', roleArn });
    assert.match(
      String(data.message),
      /credentials Logto's environment provides .*may assume arn:aws:iam::123456789012:role\/logto-ses/
    );
  });

  it('explains an STS refusal to assume the role', () => {
    const denied = Object.assign(
      new Error('User: arn:aws:iam::123456789012:user/logto is not authorized to perform: sts:AssumeRole'),
      {
        name: 'AccessDenied',
        $fault: 'client',
        $metadata: { httpStatusCode: 403, requestId: 'sts-1' },
      }
    );
    const { code, data } = described(denied, { ...context, roleArn: 'arn:aws:iam::123456789012:role/logto-ses' });
    assert.equal(code, ConnectorErrorCodes.InvalidConfig);
    assert.match(
      String(data.message),
      /may not assume arn:aws:iam::123456789012:role\/logto-ses: check the role's trust policy and externalId/
    );
  });

  it('tells how to provide credentials when the default chain found none', () => {
    const missing = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    });
    const { code, data } = described(missing, { ...context, credentialSource: 'default chain' });
    assert.equal(code, ConnectorErrorCodes.InvalidConfig);
    assert.match(
      String(data.message),
      /^No AWS credentials: Could not load credentials from any providers\. Set accessKeyId and accessKeySecret, or .*AWS_ACCESS_KEY_ID/
    );
  });

  it('counts the attempts of a retried failure', () => {
    const error = new TooManyRequestsException({
      message: 'Too many requests',
      $metadata: { ...$metadata, httpStatusCode: 429, attempts: 3 },
    });
    const { data } = described(error);
    assert.match(
      String(data.message),
      /^SES TooManyRequestsException: Too many requests \(after 3 attempts\)\. SES is throttling this account in eu-west-1.*request a higher sending rate/
    );
    assert.equal(data.attempts, 3);
  });

  it('passes a ConnectorError through', () => {
    const original = new ConnectorError(ConnectorErrorCodes.TemplateNotFound, 'x');
    assert.equal(toConnectorError(original, context), original);
  });
});

describe('toConnectorError, for each answer an operator can meet', () => {
  const exception = (name: string, message: string, status = 400) =>
    new SESv2ServiceException({
      name,
      $fault: status >= 500 ? 'server' : 'client',
      message,
      $metadata: { httpStatusCode: status, requestId: 'req-1', attempts: 1 },
    });
  check([
    [
      'AccessDeniedException',
      exception('AccessDeniedException', 'User is not authorized to perform ses:SendEmail', 403),
      context,
      'invalid_config',
      {
        message:
          'SES AccessDeniedException: User is not authorized to perform ses:SendEmail. The credentials are valid but not allowed to send: grant ses:SendEmail (and ses:SendRawEmail for identity ARNs) to this IAM user or role.',
        sesError: 'AccessDeniedException',
        requestId: 'req-1',
        httpStatusCode: 403,
        attempts: 1,
      },
    ],
    [
      'AccessDenied',
      exception('AccessDenied', 'User may not assume role', 403),
      role,
      'invalid_config',
      {
        message:
          "SES AccessDenied: User may not assume role. The base credentials may not assume arn:aws:iam::123456789012:role/logto: check the role's trust policy and externalId.",
        sesError: 'AccessDenied',
        requestId: 'req-1',
        httpStatusCode: 403,
        attempts: 1,
      },
    ],
    [
      'RegionDisabledException',
      exception('RegionDisabledException', 'STS is not activated', 403),
      role,
      'invalid_config',
      {
        message:
          "SES RegionDisabledException: STS is not activated. STS is not activated in eu-west-1 for this account: activate it in IAM's account settings, or use another region.",
        sesError: 'RegionDisabledException',
        requestId: 'req-1',
        httpStatusCode: 403,
        attempts: 1,
      },
    ],
    [
      'MessageRejected other',
      exception('MessageRejected', 'Illegal address'),
      context,
      'invalid_config',
      {
        message: 'SES MessageRejected: Illegal address. SES refused this message; its reason is above.',
        sesError: 'MessageRejected',
        requestId: 'req-1',
        httpStatusCode: 400,
        attempts: 1,
      },
    ],
    [
      'MailFromDomainNotVerifiedException',
      exception('MailFromDomainNotVerifiedException', 'MAIL FROM domain not verified'),
      context,
      'invalid_config',
      {
        message:
          'SES MailFromDomainNotVerifiedException: MAIL FROM domain not verified. Verify the custom MAIL FROM domain of the sender identity in eu-west-1.',
        sesError: 'MailFromDomainNotVerifiedException',
        requestId: 'req-1',
        httpStatusCode: 400,
        attempts: 1,
      },
    ],
    [
      'SendingPausedException',
      exception('SendingPausedException', 'Sending is paused'),
      context,
      'invalid_config',
      {
        message:
          "SES SendingPausedException: Sending is paused. Sending is disabled for this account or configuration set in eu-west-1; see the SES console's account dashboard.",
        sesError: 'SendingPausedException',
        requestId: 'req-1',
        httpStatusCode: 400,
        attempts: 1,
      },
    ],
    [
      'BadRequestException',
      exception('BadRequestException', 'Invalid tag value'),
      context,
      'invalid_config',
      {
        message: 'SES BadRequestException: Invalid tag value. Check the config values SES named above.',
        sesError: 'BadRequestException',
        requestId: 'req-1',
        httpStatusCode: 400,
        attempts: 1,
      },
    ],
    [
      'unknown 4xx',
      exception('LimitExceededException', 'Too many things'),
      context,
      'invalid_response',
      {
        message: 'SES LimitExceededException: Too many things.',
        sesError: 'LimitExceededException',
        requestId: 'req-1',
        httpStatusCode: 400,
        attempts: 1,
      },
    ],
    [
      '5xx with retries',
      Object.assign(exception('InternalFailure', 'Internal failure.', 500), {
        $metadata: { httpStatusCode: 500, requestId: 'req-2', attempts: 3 },
      }),
      context,
      'invalid_response',
      {
        message: 'SES InternalFailure: Internal failure (after 3 attempts).',
        sesError: 'InternalFailure',
        requestId: 'req-2',
        httpStatusCode: 500,
        attempts: 3,
      },
    ],
  ]);
});

describe('toConnectorError, for the words of an SES answer', () => {
  const exception = (message: string, attempts: number) =>
    Object.assign(new Error(message), {
      name: 'InternalFailure',
      $fault: 'server',
      $metadata: { httpStatusCode: 500, requestId: 'req-3', attempts },
    });
  check([
    [
      'a message with spaces and a line break around it',
      Object.assign(exception(' Invalid tag value \n', 1), { name: 'BadRequestException', $fault: 'client' }),
      context,
      'invalid_config',
      {
        message: 'SES BadRequestException: Invalid tag value. Check the config values SES named above.',
        sesError: 'BadRequestException',
        requestId: 'req-3',
        httpStatusCode: 500,
        attempts: 1,
      },
    ],
    [
      'a retried answer of two sentences loses only its last full stop',
      exception('Internal failure. Try again. ', 3),
      context,
      'invalid_response',
      {
        message: 'SES InternalFailure: Internal failure. Try again (after 3 attempts).',
        sesError: 'InternalFailure',
        requestId: 'req-3',
        httpStatusCode: 500,
        attempts: 3,
      },
    ],
  ]);
});

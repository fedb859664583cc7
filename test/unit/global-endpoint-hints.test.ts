/**
 * The hints of a send through a global endpoint, through the connector's own error mapping: what
 * the wire tests cannot show without leaving 127.0.0.1 (the global host not resolving), and that
 * regional calls and regional configs keep their regional hints.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { MailFromDomainNotVerifiedException, NotFoundException, SESv2ServiceException } from '@aws-sdk/client-sesv2';
import { ConnectorErrorCodes } from '@logto/connector-kit';

import { toConnectorError, type FailureContext } from '../../src/transport/errors.js';
import { failureDataOf } from '../../src/transport/failure-data.js';

const global: FailureContext = {
  operation: 'SendEmail',
  region: 'us-east-1',
  endpointId: 'abcd1234.ef5g',
  credentialSource: 'config',
  timeoutMs: 10_000,
  secrets: [],
};
const $metadata = { httpStatusCode: 404, requestId: 'req-1' };

/** What Node's resolver throws for a host that does not exist. */
const notFound = (host: string) =>
  Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND', hostname: host });

const messageOf = (error: ReturnType<typeof toConnectorError>) => failureDataOf(error).message ?? '';

describe('global endpoint hints', () => {
  it('a global endpoint host that does not resolve: invalid_config, check endpointId (not region)', () => {
    const error = toConnectorError(notFound('abcd1234.ef5g.endpoints.email.amazonaws.com'), global);
    assert.equal(error.code, ConnectorErrorCodes.InvalidConfig);
    assert.match(messageOf(error), /The host of the global endpoint abcd1234\.ef5g does not resolve: check endpointId/);
    assert.doesNotMatch(messageOf(error), /check region/);
  });

  it('for a call of no named operation, a send: the same hint', () => {
    const { operation: _send, ...unnamed } = global;
    const error = toConnectorError(notFound('abcd1234.ef5g.endpoints.email.amazonaws.com'), unnamed);
    assert.equal(error.code, ConnectorErrorCodes.InvalidConfig);
    assert.match(messageOf(error), /The host of the global endpoint abcd1234\.ef5g does not resolve: check endpointId/);
  });

  it('with endpoint set, a host that does not resolve is the endpoint URL: the regional hint stays', () => {
    const error = toConnectorError(notFound('ses.internal'), { ...global, endpoint: 'https://ses.internal' });
    assert.match(messageOf(error), /check endpoint\./);
  });

  it('NotFoundException names the endpoint, its status and both regions', () => {
    const error = toConnectorError(new NotFoundException({ message: 'Not found', $metadata }), global);
    assert.equal(error.code, ConnectorErrorCodes.InvalidConfig);
    assert.match(
      messageOf(error),
      /global endpoint abcd1234\.ef5g: check that endpointId is the ID .* status is READY/
    );
    assert.match(messageOf(error), /configurationSetName and the identity ARNs exist in both regions/);
  });

  it('a MAIL FROM domain not verified: in both regions', () => {
    const error = toConnectorError(
      new MailFromDomainNotVerifiedException({ message: 'MAIL FROM not verified', $metadata }),
      global
    );
    assert.match(messageOf(error), /MAIL FROM domain .* in both regions of the global endpoint abcd1234\.ef5g/);
  });

  it('a suspended account or paused sending: in one of both regions, each dashboard', () => {
    for (const name of ['AccountSuspendedException', 'SendingPausedException']) {
      const error = toConnectorError(
        Object.assign(new Error('Sending is disabled.'), { name, $fault: 'client', $metadata }),
        global
      );
      assert.equal(error.code, ConnectorErrorCodes.InvalidConfig, name);
      assert.equal(
        messageOf(error),
        `SES ${name}: Sending is disabled. Sending is disabled for this account or configuration set in one of both regions of the global endpoint abcd1234.ef5g (endpointId); see the SES console's account dashboard in each.`
      );
    }
  });

  it("the CLI's regional calls and configs without endpointId keep the regional hints", () => {
    for (const context of [
      { ...global, operation: 'GetConfigurationSet' },
      { ...global, endpointId: undefined },
    ]) {
      const error = toConnectorError(new NotFoundException({ message: 'Not found', $metadata }), context);
      assert.doesNotMatch(messageOf(error), /global endpoint/);
      assert.match(messageOf(error), /does not exist in us-east-1/);
    }
  });

  it("an exception name from the answer that is an object's own method name finds no hint, and the message stays words", () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const error = toConnectorError(
        new SESv2ServiceException({ name, $fault: 'client', message: 'Refused.', $metadata: { httpStatusCode: 400 } }),
        global
      );
      assert.doesNotMatch(messageOf(error), /\[object|function|global endpoint abcd1234\.ef5g/, name);
      assert.match(messageOf(error), /Refused\./, name);
    }
  });
});

/**
 * Odd payloads and recipients through the connector as Logto calls it, against the SES stub:
 * what is refused never reaches SES and is a ConnectorError (never a raw TypeError); what is
 * cleaned reaches SES without control characters.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';

import { ConnectorErrorCodes, TemplateType } from '@logto/connector-kit';

import { configFor } from '../support/fixtures.js';
import { destroyClients } from '../../src/index.js';
import { startSesStub, type SesStub } from '../support/ses-stub.js';

import { expectConnectorError, makeConnector, textOf } from './harness.js';

describe('odd payloads and recipients, end to end', () => {
  let stub: SesStub;
  before(async () => {
    stub = await startSesStub();
  });
  afterEach(async () => {
    await destroyClients();
    stub.reset();
  });
  after(async () => {
    await stub.close();
  });

  const connectorFor = async () =>
    (
      await makeConnector({
        savedConfig: configFor(stub.url),
        getI18nEmailTemplate: async () => ({
          subject: 'Code {{code}} for {{user.name}}',
          content: '<p>{{code}}</p>',
          replyTo: '{{user.name}} <help@logto.io>',
        }),
      })
    ).connector;

  it('a recipient with a 100,000-character local part: refused, and SES is not called', async () => {
    const connector = await connectorFor();
    const error = await expectConnectorError(
      connector.sendMessage({
        to: `${'a'.repeat(100_000)}@example.com`,
        type: TemplateType.SignIn,
        payload: { code: '123456', user: { name: 'Ann' } },
      }),
      ConnectorErrorCodes.InvalidRequestParameters
    );
    assert.match(
      textOf(error),
      /^The recipient address ".*" is too long: its local part \(before the @\) has 100000 octets, and RFC 5321 allows at most 64\.$/
    );
    assert.equal(stub.counts.requests, 0);
  });

  it('a payload getter that throws a value with no text form: a ConnectorError, and SES is not called', async () => {
    const connector = await connectorFor();
    const user = Object.defineProperty({}, 'name', {
      enumerable: true,
      get() {
        throw Object.create(null);
      },
    });
    const error = await expectConnectorError(
      connector.sendMessage({ to: 'user@example.com', type: TemplateType.SignIn, payload: { code: '123456', user } }),
      ConnectorErrorCodes.InvalidRequestParameters
    );
    assert.equal(
      textOf(error),
      'Invalid message to send: payload.user.name could not be read (reading it threw), so {{user.name}} cannot be filled.'
    );
    assert.equal(stub.counts.requests, 0);
  });

  it("a user's name with TAB, NUL, ESC and DEL: the code is sent, the subject and reply-to without them", async () => {
    const connector = await connectorFor();
    await connector.sendMessage({
      to: 'user@example.com',
      type: TemplateType.SignIn,
      payload: { code: '123456', user: { name: 'Ann\tLee\u0000\u001B[2J\u007F' } },
    });
    assert.deepEqual(
      stub.accepted.map(({ subject }) => subject),
      ['Code 123456 for Ann Lee[2J']
    );
    const [sent] = stub.requests.filter(({ operation }) => operation === 'SendEmail');
    assert.deepEqual((sent?.body as { ReplyToAddresses?: string[] }).ReplyToAddresses, ['"AnnLee[2J" <help@logto.io>']);
  });
});

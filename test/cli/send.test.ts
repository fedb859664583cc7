/**
 * `logto-ses send`: through the connector into aws-ses-v2-local, and its failures from the stub.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { TemplateType } from '@logto/connector-kit';

import { startLocalSes, type LocalSes } from '../../src/dev/local-ses.js';
import createConnector, { destroyClients } from '../../src/index.js';
import { startSesStub } from '../support/ses-stub.js';

import { configFor, runWithConfig } from './cli.js';

const messageIdOf = (stdout: string) => /^MessageId: (\S+)$/m.exec(stdout)?.[1];

describe('send', { concurrency: true }, () => {
  let ses: LocalSes;
  before(async () => {
    ses = await startLocalSes();
  });
  after(async () => {
    await destroyClients();
    await ses.stop();
  });

  const stored = async (messageId: string | undefined) => {
    const email = (await ses.emails()).find((candidate) => candidate.messageId === messageId);
    assert.ok(email, `the local SES stored no email with MessageId ${String(messageId)}`);
    return email;
  };

  test('by default sends what the console test sends: Generic, code 000000, through the connector', async () => {
    const config = configFor(ses.url);
    const result = await runWithConfig(['send', '--to', 'operator@example.com'], config);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^Sent a Generic email to operator@example\.com\.$/m);
    const viaCli = await stored(messageIdOf(result.stdout));

    // The same message sent the way Logto's console test sends it.
    const connector = await createConnector({ getConfig: async () => ({}) });
    const messageId = await connector.sendMessage(
      { to: 'operator@example.com', type: TemplateType.Generic, payload: { code: '000000' } },
      configFor(ses.url)
    );
    const viaConsole = await stored(String(messageId));
    const { messageId: _cli, at: _cliAt, ...cliContent } = viaCli;
    const { messageId: _console, at: _consoleAt, ...consoleContent } = viaConsole;
    assert.deepEqual(cliContent, consoleContent);
    assert.equal(viaCli.subject, 'Your code 000000');
  });

  test('--type, --code, --locale and --payload shape the payload', async () => {
    const config = configFor(ses.url, {
      templates: [
        {
          usageType: 'OrganizationInvitation',
          subject: 'Join {{organization.name}} ({{locale}}) with {{code}}',
          content: '<a href="{{link}}">Join</a>',
        },
      ],
    });
    const result = await runWithConfig(
      [
        'send',
        '--to',
        'invitee@example.com',
        '--type',
        'OrganizationInvitation',
        '--code',
        '424242',
        '--locale',
        'fr-FR',
        '--payload',
        '{"organization":{"name":"Acme"},"link":"https://example.com/join","code":"overridden"}',
      ],
      config
    );
    assert.equal(result.code, 0, result.stderr);
    const email = await stored(messageIdOf(result.stdout));
    assert.equal(email.subject, 'Join Acme (fr-FR) with 424242');
    assert.match(email.body.html ?? '', /href="https:\/\/example\.com\/join"/);
    assert.deepEqual(email.destination.to, ['invitee@example.com']);
  });

  test("a rejected message: the connector's error and hint, exit code 1", async () => {
    const stub = await startSesStub({ fault: 'messageRejected' });
    try {
      const result = await runWithConfig(['send', '--to', 'user@example.com'], configFor(stub.url));
      assert.equal(result.code, 1);
      assert.equal(result.stdout, '');
      assert.match(
        result.stderr,
        /^Send failed: SES MessageRejected: Email address is not verified\..* Either the account is in the SES sandbox in us-east-1 .*\(invalid_config\)$/m
      );
    } finally {
      await stub.close();
    }
  });

  test('an invalid config fails before any request, naming the field', async () => {
    const stub = await startSesStub();
    try {
      const result = await runWithConfig(['send', '--to', 'user@example.com'], configFor(stub.url, { region: 'moon' }));
      assert.equal(result.code, 1);
      assert.match(result.stderr, /^Send failed: Invalid AWS SES connector config: region must be an AWS region code/m);
      assert.equal(stub.counts.requests, 0);
    } finally {
      await stub.close();
    }
  });

  test('a recipient the connector refuses', async () => {
    const result = await runWithConfig(['send', '--to', 'a@example.com, b@example.com'], configFor(ses.url));
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /^Send failed: The recipient address .*exactly one email address.*\(invalid_request_parameters\)$/m
    );
  });
});

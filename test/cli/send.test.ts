/**
 * `logto-ses send`: through the connector into aws-ses-v2-local, and its failures from the stub.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { TemplateType } from '@logto/connector-kit';

import { configFor } from '../support/fixtures.js';
import { startLocalSes, type LocalSes } from '../../src/dev/local-ses.js';
import createConnector, { destroyClients } from '../../src/index.js';
import { startSesStub } from '../support/ses-stub.js';

import { runWithConfig } from './cli.js';

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
    const viaCli = await stored(messageIdOf(result.stdout));
    assert.equal(result.stdout, `Sent a Generic email to operator@example.com.\nMessageId: ${viaCli.messageId}\n`);
    assert.equal(result.stderr, '');

    // The same message sent the way Logto's console test sends it.
    const connector = await createConnector({ getConfig: async () => ({}) });
    const messageId = await connector.sendMessage(
      { to: 'operator@example.com', type: TemplateType.Generic, payload: { code: '000000' } },
      configFor(ses.url)
    );
    const viaConsole = await stored(String(messageId));
    const expected = {
      from: 'Logto <noreply@example.com>',
      replyTo: [],
      destination: { to: ['operator@example.com'], cc: [], bcc: [] },
      subject: 'Your code 000000',
      body: { html: '<p>Your code is <strong>000000</strong>.</p>', text: 'Your code is 000000.' },
      attachments: [],
      // Every email says it was sent by a machine (RFC 3834).
      headers: [{ name: 'Auto-Submitted', value: 'auto-generated' }],
      // What the local SES drops, kept by its front door.
      sent: { EmailTags: [{ Name: 'logto-usage-type', Value: 'Generic' }] },
    };
    const { messageId: _cli, at: _cliAt, ...cliContent } = viaCli;
    const { messageId: _console, at: _consoleAt, ...consoleContent } = viaConsole;
    assert.deepEqual(cliContent, expected);
    assert.deepEqual(consoleContent, expected);
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
    const { messageId, at: _at, ...content } = await stored(messageIdOf(result.stdout));
    assert.equal(
      result.stdout,
      `Sent a OrganizationInvitation email to invitee@example.com.\nMessageId: ${messageId}\n`
    );
    assert.deepEqual(content, {
      from: 'Logto <noreply@example.com>',
      replyTo: [],
      destination: { to: ['invitee@example.com'], cc: [], bcc: [] },
      subject: 'Join Acme (fr-FR) with 424242',
      body: { html: '<a href="https://example.com/join">Join</a>', text: 'Join [https://example.com/join]' },
      attachments: [],
      // Every email says it was sent by a machine (RFC 3834).
      headers: [{ name: 'Auto-Submitted', value: 'auto-generated' }],
      sent: {
        EmailTags: [
          { Name: 'logto-usage-type', Value: 'OrganizationInvitation' },
          { Name: 'logto-locale', Value: 'fr-FR' },
        ],
      },
    });
  });

  test("a rejected message: the connector's error and hint, exit code 1", async () => {
    const stub = await startSesStub({ fault: 'messageRejected' });
    try {
      const result = await runWithConfig(['send', '--to', 'user@example.com'], configFor(stub.url));
      assert.equal(result.code, 1);
      assert.equal(result.stdout, '');
      assert.equal(
        result.stderr,
        'Send failed: SES MessageRejected: Email address is not verified. The following identities failed the check in region US-EAST-1: user@example.com. Either the account is in the SES sandbox in us-east-1 (verify the recipient address, or request production access), or the sender identity is not verified in us-east-1. (invalid_config)\n'
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
      assert.equal(result.stdout, '');
      assert.equal(
        result.stderr,
        'Send failed: Invalid AWS SES connector config: region must be an AWS region code such as us-east-1. (invalid_config)\n'
      );
      assert.equal(stub.counts.requests, 0);
    } finally {
      await stub.close();
    }
  });

  test('a recipient the connector would refuse: a usage error, exit code 2, as in check', async () => {
    const result = await runWithConfig(['send', '--to', 'a@example.com, b@example.com'], configFor(ses.url));
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.equal(
      result.stderr,
      '--to "a@example.com, b@example.com" must be exactly one email address: give one bare address, such as user@example.com.\nRun "logto-ses send --help" for its flags.\n'
    );
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { ConnectorErrorCodes } from '@logto/connector-kit';

import { parseConfig, type AwsSesConfig } from '../../src/config/config.js';
import { composeMessage, composeMessageWithNotes, composeSendEmailInput } from '../../src/message/compose.js';
import { configFor, signInMessage } from '../support/fixtures.js';

import { html, refusalOf } from './compose-cases.js';

/** Its sender has no space before "<", which the From address below shows added. */
const config = (extra: Record<string, unknown> = {}): AwsSesConfig =>
  parseConfig(configFor(undefined, { emailAddress: 'Logto<noreply@logto.io>', templates: [], ...extra }));

describe('composeSendEmailInput', () => {
  it('builds the whole SendEmail input', () => {
    const input = composeSendEmailInput(
      config({
        emailAddressIdentityArn: 'arn:aws:ses:us-east-1:1:identity/logto.io',
        feedbackForwardingEmailAddress: 'Bounces <bounces@logto.io>',
        feedbackForwardingEmailAddressIdentityArn: 'arn:aws:ses:us-east-1:1:identity/logto.io',
        configurationSetName: 'events',
        replyTo: 'Support <support@logto.io>',
      }),
      html,
      signInMessage
    );
    assert.deepEqual(input, {
      FromEmailAddress: 'Logto <noreply@logto.io>',
      FromEmailAddressIdentityArn: 'arn:aws:ses:us-east-1:1:identity/logto.io',
      Destination: { ToAddresses: ['user@example.com'] },
      ReplyToAddresses: ['Support <support@logto.io>'],
      FeedbackForwardingEmailAddress: 'Bounces <bounces@logto.io>',
      FeedbackForwardingEmailAddressIdentityArn: 'arn:aws:ses:us-east-1:1:identity/logto.io',
      ConfigurationSetName: 'events',
      EmailTags: [{ Name: 'logto-usage-type', Value: 'SignIn' }],
      Content: {
        Simple: {
          Subject: { Data: 'Code 123456', Charset: 'UTF-8' },
          Body: {
            Html: { Data: '<p>Your code is 123456</p>', Charset: 'UTF-8' },
            Text: { Data: 'Your code is 123456', Charset: 'UTF-8' },
          },
          Headers: [{ Name: 'Auto-Submitted', Value: 'auto-generated' }],
        },
      },
    });
  });

  it('leaves optional SES fields out when the config has none', () => {
    const input = composeSendEmailInput(config(), html, signInMessage);
    assert.equal(input.ReplyToAddresses, undefined);
    assert.equal(input.ConfigurationSetName, undefined);
    assert.equal(input.FeedbackForwardingEmailAddress, undefined);
  });

  it('encodes a non-ASCII sender name and punycodes the sender and recipient domains', () => {
    const input = composeSendEmailInput(config({ emailAddress: 'Équipe Logto <noreply@lögto.io>' }), html, {
      ...signInMessage,
      to: 'user@bücher.example',
    });
    assert.equal(input.FromEmailAddress, '=?UTF-8?Q?=C3=89quipe_Logto?= <noreply@xn--lgto-5qa.io>');
    assert.deepEqual(input.Destination?.ToAddresses, ['user@xn--bcher-kva.example']);
  });

  it("lets a custom template's sendFrom replace the display name, filled from the payload", () => {
    const input = composeSendEmailInput(
      config(),
      { ...html, sendFrom: '{{organization.name}} Support' },
      { ...signInMessage, payload: { organization: { name: 'Acme' } } }
    );
    assert.equal(input.FromEmailAddress, 'Acme Support <noreply@logto.io>');
  });

  it('never lets a payload value change the sending address', () => {
    const input = composeSendEmailInput(
      config(),
      { ...html, sendFrom: '{{organization.name}}' },
      { ...signInMessage, payload: { organization: { name: 'Evil <ceo@evil.example>\r\nBcc: x@evil.example' } } }
    );
    assert.equal(input.FromEmailAddress, '"Evil ceo@evil.exampleBcc: x@evil.example" <noreply@logto.io>');
  });

  it('takes an address the operator wrote into sendFrom', () => {
    const input = composeSendEmailInput(config(), { ...html, sendFrom: 'Help <help@logto.io>' }, signInMessage);
    assert.equal(input.FromEmailAddress, 'Help <help@logto.io>');
  });

  it("prefers the custom template's reply-to over the config's", () => {
    const input = composeSendEmailInput(
      config({ replyTo: 'config@logto.io' }),
      { ...html, replyTo: '{{org}} <help@logto.io>' },
      { ...signInMessage, payload: { org: 'Acme' } }
    );
    assert.deepEqual(input.ReplyToAddresses, ['Acme <help@logto.io>']);
  });

  it('decodes a config replyTo written pre-encoded, as 1.5.4 required, instead of encoding it twice', () => {
    const input = composeSendEmailInput(
      config({ replyTo: '=?UTF-8?B?w4lxdWlwZSBTdXBwb3J0?= <help@logto.io>' }),
      html,
      signInMessage
    );
    assert.deepEqual(input.ReplyToAddresses, ['=?UTF-8?Q?=C3=89quipe_Support?= <help@logto.io>']);
  });

  it('sends only a text part for text/plain', () => {
    const input = composeSendEmailInput(config(), { ...html, contentType: 'text/plain' }, signInMessage);
    assert.deepEqual(input.Content?.Simple?.Body, { Text: { Data: '<p>Your code is 123456</p>', Charset: 'UTF-8' } });
  });

  it('leaves out a text part that would be empty', () => {
    const input = composeSendEmailInput(
      config(),
      { ...html, content: '<img src="https://x.io/a.png">' },
      signInMessage
    );
    assert.deepEqual(Object.keys(input.Content?.Simple?.Body ?? {}), ['Html']);
  });

  it('tags the message with its usage type, in the characters SES allows', () => {
    const input = composeSendEmailInput(config(), html, { ...signInMessage, type: 'Some Type/β' });
    assert.deepEqual(input.EmailTags, [{ Name: 'logto-usage-type', Value: 'Some_Type__' }]);
  });

  for (const to of [
    'a@example.com\r\nBcc: b@example.com',
    'a@example.com, b@example.com',
    'A <a@example.com>',
    '',
    'jörg@example.com',
  ]) {
    it(`refuses the recipient ${JSON.stringify(to)}`, () => {
      const { code, message: text } = refusalOf(() => composeSendEmailInput(config(), html, { ...signInMessage, to }));
      assert.equal(code, ConnectorErrorCodes.InvalidRequestParameters);
      assert.match(text, /^The recipient address /);
    });
  }

  it('requires a sender address', () => {
    const { code, message: text } = refusalOf(() =>
      composeSendEmailInput(config({ emailAddress: undefined }), html, signInMessage)
    );
    assert.equal(code, ConnectorErrorCodes.InvalidConfig);
    assert.match(text, /emailAddress is required/);
  });

  it('names the custom template field whose reply-to is bad', () => {
    const { code, message: text } = refusalOf(() =>
      composeSendEmailInput(config(), { ...html, replyTo: '{{who}}' }, { ...signInMessage, payload: { who: 'nobody' } })
    );
    assert.equal(code, ConnectorErrorCodes.InvalidConfig);
    assert.match(text, /custom template's replyTo "nobody" is not an email address/);
  });
});

describe("a custom template's sender, the tags and the parts", () => {
  const withOrg = { ...signInMessage, payload: { code: '123456', org: 'Acme' } };
  const from = (extra: Record<string, unknown>, sendFrom: string) =>
    composeSendEmailInput(config(extra), { ...html, sendFrom }, withOrg).FromEmailAddress;

  it('fills placeholders in the name and keeps the configured address', () => {
    assert.equal(from({}, '{{org}} Team'), 'Acme Team <noreply@logto.io>');
  });

  it('takes an address the template gives, punycoded, with or without a configured sender', () => {
    assert.equal(from({}, 'Acme <noreply@logto.io>'), 'Acme <noreply@logto.io>');
    assert.equal(from({}, 'Acme <help@bücher.de>'), 'Acme <help@xn--bcher-kva.de>');
    assert.equal(from({ emailAddress: undefined }, 'Acme <help@acme.io>'), 'Acme <help@acme.io>');
  });

  it('refuses a name alone without a configured sender, and an address that is none', () => {
    assert.deepEqual(
      refusalOf(() => from({ emailAddress: undefined }, '{{org}} Team')),
      {
        code: ConnectorErrorCodes.InvalidConfig,
        message:
          'emailAddress is required: the custom template sets only a sender name, so the connector needs an SES-verified sender address.',
      }
    );
    assert.deepEqual(
      refusalOf(() => from({}, 'Acme <not-an-address>')),
      {
        code: ConnectorErrorCodes.InvalidConfig,
        message: `The custom template's sendFrom "not-an-address" is not an email address (expected name@domain).`,
      }
    );
  });

  it('names the config field of a bad address', () => {
    for (const field of ['emailAddress', 'replyTo', 'feedbackForwardingEmailAddress']) {
      assert.deepEqual(
        refusalOf(() => composeSendEmailInput({ ...config(), [field]: 'nope' }, html, signInMessage)),
        {
          code: ConnectorErrorCodes.InvalidConfig,
          message: `${field} "nope" is not an email address (expected name@domain).`,
        },
        field
      );
    }
  });

  it('tags the usage type in the characters SES allows, at most 256 of them', () => {
    assert.deepEqual(composeSendEmailInput(config(), html, { ...signInMessage, type: 'My Type!é' }).EmailTags, [
      { Name: 'logto-usage-type', Value: 'My_Type__' },
    ]);
    const long = composeSendEmailInput(config(), html, { ...signInMessage, type: 'x'.repeat(300) }).EmailTags;
    assert.deepEqual(long, [{ Name: 'logto-usage-type', Value: 'x'.repeat(256) }]);
  });

  it('sends an HTML body that is only an image without a text part, which SES would refuse empty', () => {
    const body = composeSendEmailInput(config(), { ...html, content: '<img src="https://x/y.png">' }, signInMessage)
      .Content?.Simple?.Body;
    assert.deepEqual(body, { Html: { Data: '<img src="https://x/y.png">', Charset: 'UTF-8' } });
  });

  it('leaves out the text part of an HTML body whose placeholders fill it with spaces only', () => {
    const body = composeSendEmailInput(
      config(),
      { ...html, content: '<p>{{code}}</p>' },
      {
        ...signInMessage,
        payload: { code: '   ' },
      }
    ).Content?.Simple?.Body;
    assert.deepEqual(body, { Html: { Data: '<p>   </p>', Charset: 'UTF-8' } });
  });

  it('a sendFrom or reply-to name its placeholders leave empty: the address alone', () => {
    const input = composeSendEmailInput(
      config(),
      { ...html, sendFrom: '{{org}}', replyTo: '{{org}} <help@logto.io>' },
      { ...signInMessage, payload: { org: '' } }
    );
    assert.equal(input.FromEmailAddress, 'noreply@logto.io');
    assert.deepEqual(input.ReplyToAddresses, ['help@logto.io']);
  });

  it("a reply-to with spaces around it is still read by its shape, so a payload's brackets stay in the name", () => {
    const input = composeSendEmailInput(
      config(),
      { ...html, replyTo: ' {{org}} <help@logto.io> ' },
      { ...signInMessage, payload: { org: 'A <b@evil.example>' } }
    );
    assert.deepEqual(input.ReplyToAddresses, ['"A b@evil.example" <help@logto.io>']);
  });

  it('a reply-to address filled with spaces around it is read without them', () => {
    const input = composeSendEmailInput(
      config(),
      { ...html, replyTo: 'Help <{{email}}>' },
      { ...signInMessage, payload: { email: ' help@logto.io ' } }
    );
    assert.deepEqual(input.ReplyToAddresses, ['Help <help@logto.io>']);
  });

  it('composeMessage is the input composeMessageWithNotes sends, for the template Logto would choose', () => {
    const withGeneric = config({
      templates: [{ usageType: 'Generic', subject: 'Code {{code}}', content: '<p>{{code}}</p>' }],
    });
    assert.deepEqual(
      composeMessage(withGeneric, signInMessage),
      composeMessageWithNotes(withGeneric, signInMessage).input
    );
    assert.equal(composeMessage(withGeneric, signInMessage).Content?.Simple?.Subject?.Data, 'Code 123456');
  });

  it('keeps a plain-text body even when it is blank: it is the only part', () => {
    const body = composeSendEmailInput(config(), { ...html, contentType: 'text/plain', content: '   ' }, signInMessage)
      .Content?.Simple?.Body;
    assert.deepEqual(body, { Text: { Data: '   ', Charset: 'UTF-8' } });
  });
  it("a config without the newer fields sends what it sent before, plus Auto-Submitted and the payload's tags", () => {
    const invitation = {
      to: 'invitee@example.com',
      type: 'OrganizationInvitation',
      payload: { link: 'https://x/i', locale: 'fr', application: { id: 'app_1' }, organization: { id: 'org_1' } },
    };
    const input = composeSendEmailInput(config({ configurationSetName: 'events' }), html, invitation);
    assert.deepEqual(Object.keys(input).sort(), [
      'ConfigurationSetName',
      'Content',
      'Destination',
      'EmailTags',
      'FeedbackForwardingEmailAddress',
      'FeedbackForwardingEmailAddressIdentityArn',
      'FromEmailAddress',
      'FromEmailAddressIdentityArn',
      'ReplyToAddresses',
    ]);
    assert.deepEqual(input.Content?.Simple?.Headers, [{ Name: 'Auto-Submitted', Value: 'auto-generated' }]);
    assert.deepEqual(input.EmailTags, [
      { Name: 'logto-usage-type', Value: 'OrganizationInvitation' },
      { Name: 'logto-locale', Value: 'fr' },
      { Name: 'logto-application', Value: 'app_1' },
      { Name: 'logto-organization', Value: 'org_1' },
    ]);
  });

  it('adds the tenant, the tracking override and the custom headers the config asks for, and the notes of a tenant it could not use', () => {
    const withOptions = config({
      tenantName: '{{organization.id}}',
      tracking: 'off',
      customHeaders: [{ name: 'X-Org', value: '{{organization.id}}' }],
    });
    const { input, notes } = composeMessageWithNotes(
      { ...withOptions, templates: [{ usageType: 'Generic', subject: 's', content: 'c' }] },
      { to: 'a@example.com', type: 'Generic', payload: { organization: { id: 'org_1' } } }
    );
    assert.equal(input.TenantName, 'org_1');
    assert.deepEqual(input.ConfigurationOverrides, {
      Tracking: { OpenTrackingEnabled: 'DISABLED', ClickTrackingEnabled: 'DISABLED' },
    });
    assert.deepEqual(input.Content?.Simple?.Headers, [
      { Name: 'Auto-Submitted', Value: 'auto-generated' },
      { Name: 'X-Org', Value: 'org_1' },
    ]);
    assert.deepEqual(notes, []);
    const unusable = composeSendEmailInput(withOptions, html, {
      ...signInMessage,
      payload: { code: '1', organization: { id: 'not a name' } },
    });
    assert.equal('TenantName' in unusable, false);
  });
});

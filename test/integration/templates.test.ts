process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { ConnectorErrorCodes, TemplateType, type EmailTemplateDetails } from '@logto/connector-kit';
import libmime from 'libmime';

import { configFor, genericTemplate } from '../support/fixtures.js';
import type { Template } from '../../src/index.js';

import { expectConnectorError, makeConnector, sendAndFind, storedCount, useLocalSes } from './harness.js';

const to = 'user@example.com';
const code = '123456';
const link = 'https://example.com/invite?a=1&b=2';

const local = useLocalSes();

describe('every template type, with the default templates from the metadata', () => {
  const defaultTemplates = (): Template[] => {
    const item = local.plain.connector.metadata.formItems?.find(({ key }) => key === 'templates');
    assert.ok(item, 'metadata.formItems has a "templates" item');
    const { defaultValue } = item as { defaultValue?: unknown };
    assert.ok(Array.isArray(defaultValue), 'the templates item has an array defaultValue');
    return defaultValue as Template[];
  };

  test('the default templates cover each TemplateType exactly once', () => {
    const types = defaultTemplates()
      .map(({ usageType }) => usageType)
      .sort();
    assert.deepEqual(types, Object.values(TemplateType).sort());
  });

  /** The default code email: its lead, the code on a line of its own, then how long it is valid. */
  const codeEmail = (subject: string, lead: string) => ({
    subject,
    html: `<p>${lead}</p><p style="font-size:24px;font-weight:bold;letter-spacing:4px">123456</p><p>The code will remain active for 10 minutes. If you did not ask for it, you can ignore this email.</p>`,
    text: `${lead}\n\n123456\n\nThe code will remain active for 10 minutes. If you did not ask for it, you can ignore this email.`,
  });
  const expected: Record<TemplateType, { subject: string; html: string; text: string }> = {
    [TemplateType.SignIn]: codeEmail('Your sign-in code', 'Use this code to sign in:'),
    [TemplateType.Register]: codeEmail('Your sign-up code', 'Use this code to finish creating your account:'),
    [TemplateType.ForgotPassword]: codeEmail('Your password reset code', 'Use this code to reset your password:'),
    // In HTML the "&" of the link is escaped; the text part has the link as it is.
    [TemplateType.OrganizationInvitation]: {
      subject: 'You have been invited to join an organization',
      html: '<p>You have been invited to join an organization.</p><p><a href="https://example.com/invite?a=1&amp;b=2">Accept the invitation</a></p><p>If the button does not work, open this link: https://example.com/invite?a=1&amp;b=2</p>',
      text: 'You have been invited to join an organization.\n\nAccept the invitation [https://example.com/invite?a=1&b=2]\n\nIf the button does not work, open this link: https://example.com/invite?a=1&b=2',
    },
    [TemplateType.Generic]: codeEmail('Your verification code', 'Your verification code is:'),
    [TemplateType.UserPermissionValidation]: codeEmail(
      'Confirm it is you',
      'Use this code to confirm a sensitive change to your account:'
    ),
    [TemplateType.BindNewIdentifier]: codeEmail(
      'Confirm your new email address',
      'Use this code to link this email address to your account:'
    ),
    [TemplateType.MfaVerification]: codeEmail('Your 2-step verification code', 'Use this code to finish signing in:'),
    [TemplateType.BindMfa]: codeEmail(
      'Set up 2-step verification',
      'Use this code to set up 2-step verification for your account:'
    ),
  };

  for (const type of Object.values(TemplateType)) {
    test(`${type}: the default template is rendered into html and text`, async () => {
      const config = configFor(local.ses.url, { templates: defaultTemplates() });
      const payload = type === TemplateType.OrganizationInvitation ? { link } : { code };

      const email = await sendAndFind(local.ses, local.plain.connector, { to, type, payload }, config);

      assert.equal(email.from, 'Logto <noreply@example.com>');
      assert.deepEqual(email.destination.to, [to]);
      assert.deepEqual(email.destination.cc, []);
      assert.deepEqual(email.destination.bcc, []);
      assert.deepEqual(email.replyTo, []);
      assert.deepEqual({ subject: email.subject, html: email.body.html, text: email.body.text }, expected[type]);
    });
  }
});

describe('template fallback', () => {
  test('a config with only a Generic template serves SignIn', async () => {
    const config = configFor(local.ses.url, { templates: [genericTemplate] });
    const email = await sendAndFind(
      local.ses,
      local.plain.connector,
      { to, type: TemplateType.SignIn, payload: { code } },
      config
    );
    assert.equal(email.subject, `Your code ${code}`);
    assert.equal(email.body.html, '<p>Your code is <strong>123456</strong>.</p>');
    assert.equal(email.body.text, 'Your code is 123456.');
  });

  test('a matching template wins over Generic', async () => {
    const config = configFor(local.ses.url, {
      templates: [
        genericTemplate,
        { usageType: 'SignIn', subject: 'Sign in with {{code}}', content: '<p>Sign-in code {{code}}</p>' },
      ],
    });
    const email = await sendAndFind(
      local.ses,
      local.plain.connector,
      { to, type: TemplateType.SignIn, payload: { code } },
      config
    );
    assert.equal(email.subject, `Sign in with ${code}`);
  });

  test('no matching and no Generic template: template_not_found, nothing stored', async () => {
    const config = configFor(local.ses.url, {
      templates: [{ usageType: 'Register', subject: 'Register {{code}}', content: '<p>{{code}}</p>' }],
    });
    const before = await storedCount(local.ses);
    await expectConnectorError(
      local.plain.connector.sendMessage({ to, type: TemplateType.SignIn, payload: { code } }, config),
      ConnectorErrorCodes.TemplateNotFound
    );
    assert.equal(await storedCount(local.ses), before);
  });
});

describe('custom i18n templates (getI18nEmailTemplate)', () => {
  const customSignIn: EmailTemplateDetails = {
    subject: 'Ihr Anmeldecode {{code}}',
    content: '<p>Ihr Code lautet <b>{{code}}</b>.</p>',
    sendFrom: 'Logto Team',
    replyTo: 'hilfe@logto.io',
  };

  test('the custom template wins over config templates and is asked for with the payload locale', async () => {
    const { connector, i18nCalls } = await makeConnector({
      getI18nEmailTemplate: async (type) => (type === TemplateType.SignIn ? customSignIn : undefined),
    });
    const config = configFor(local.ses.url, {
      templates: [
        genericTemplate,
        { usageType: 'SignIn', subject: 'Config sign-in {{code}}', content: '<p>{{code}}</p>' },
      ],
    });
    const email = await sendAndFind(
      local.ses,
      connector,
      { to, type: TemplateType.SignIn, payload: { code, locale: 'de' } },
      config
    );
    assert.deepEqual(i18nCalls, [[TemplateType.SignIn, 'de']]);
    assert.equal(email.subject, `Ihr Anmeldecode ${code}`);
    assert.equal(email.body.html, `<p>Ihr Code lautet <b>${code}</b>.</p>`);
    assert.equal(email.body.text, 'Ihr Code lautet 123456.');
    // The custom sendFrom replaces the display name, the config's address stays.
    assert.equal(email.from, 'Logto Team <noreply@example.com>');
    assert.deepEqual(email.replyTo, ['hilfe@logto.io']);
  });

  test('a custom template lookup that throws falls back to the config template', async () => {
    const { connector, i18nCalls } = await makeConnector({
      getI18nEmailTemplate: async () => {
        throw new Error('database is down');
      },
    });
    const email = await sendAndFind(
      local.ses,
      connector,
      { to, type: TemplateType.Register, payload: { code, locale: 'fr' } },
      configFor(local.ses.url)
    );
    assert.deepEqual(i18nCalls, [[TemplateType.Register, 'fr']]);
    assert.equal(email.subject, `Your code ${code}`);
    assert.equal(email.from, 'Logto <noreply@example.com>');
  });

  test('a custom template lookup that finds nothing falls back to the config template', async () => {
    const { connector } = await makeConnector({ getI18nEmailTemplate: async () => undefined });
    const email = await sendAndFind(
      local.ses,
      connector,
      { to, type: TemplateType.SignIn, payload: { code, locale: 'en' } },
      configFor(local.ses.url)
    );
    assert.equal(email.subject, `Your code ${code}`);
  });

  test('sendFrom "{{organization.name}} Support" takes the name from the payload and keeps the address', async () => {
    const { connector } = await makeConnector({
      getI18nEmailTemplate: async () => ({ ...customSignIn, sendFrom: '{{organization.name}} Support' }),
    });
    const email = await sendAndFind(
      local.ses,
      connector,
      { to, type: TemplateType.SignIn, payload: { code, organization: { name: 'Acme' } } },
      configFor(local.ses.url)
    );
    assert.equal(email.from, 'Acme Support <noreply@example.com>');
  });

  test('an address-looking organization name cannot change the sending address', async () => {
    const { connector } = await makeConnector({
      getI18nEmailTemplate: async () => ({ ...customSignIn, sendFrom: '{{organization.name}} Support' }),
    });
    const email = await sendAndFind(
      local.ses,
      connector,
      {
        to,
        type: TemplateType.SignIn,
        payload: { code, organization: { name: 'Evil <ceo@evil.com>' } },
      },
      configFor(local.ses.url)
    );
    // The name is still shown, without its angle brackets; the one angle-addr is the configured one.
    assert.equal(email.from, '"Evil ceo@evil.com Support" <noreply@example.com>');
    assert.ok(!email.from.includes('<ceo@evil.com>'), email.from);
  });
});

/**
 * What a mail client shows for a From value: a quoted name is taken literally (RFC 2047 words are
 * not decoded inside quotes), an unquoted one has its encoded words decoded once.
 */
const displayedSender = (from: string): { name: string; address: string } => {
  const quoted = /^"((?:[^"\\]|\\.)*)"\s*<([^<>]*)>$/.exec(from);
  if (quoted) {
    return { name: quoted[1]!.replaceAll(/\\(.)/g, '$1'), address: quoted[2]! };
  }
  const named = /^(.*?)\s*<([^<>]*)>$/.exec(from);
  if (named) {
    return { name: libmime.decodeWords(named[1]!), address: named[2]! };
  }
  return { name: '', address: from };
};

describe('payload values in a custom sendFrom or replyTo cannot forge the displayed name', () => {
  const evil = 'Evil <ceo@evil.com>';
  // The name a mail client shows is the organization name as it was given: its encoded words are text.
  const cases: Array<[string, string, string, string]> = [
    [
      'an RFC 2047 encoded word',
      '{{organization.name}} Support',
      libmime.encodeWord(evil, 'B'),
      '=?UTF-8?B?RXZpbCA8Y2VvQGV2aWwuY29tPg==?= Support',
    ],
    [
      'a doubly encoded word',
      '{{organization.name}}',
      libmime.encodeWord(libmime.encodeWord(evil, 'B'), 'Q'),
      '=?UTF-8?Q?=3D=3FUTF-8=3FB=3FRXZpbCA8Y2VvQGV2aWwuY29tPg=3D=3D=3F=3D?=',
    ],
  ];

  for (const [what, sendFrom, organizationName, shownName] of cases) {
    test(`an organization name given as ${what} shows no address in the sender name`, async () => {
      const { connector } = await makeConnector({
        getI18nEmailTemplate: async () => ({ subject: 'Code {{code}}', content: '<p>{{code}}</p>', sendFrom }),
      });
      const email = await sendAndFind(
        local.ses,
        connector,
        { to, type: TemplateType.SignIn, payload: { code, organization: { name: organizationName } } },
        configFor(local.ses.url)
      );
      const shown = displayedSender(email.from);
      assert.equal(shown.address, 'noreply@example.com', email.from);
      // connector-kit's sanitizeMailboxDisplayName removes "<" and ">" from the name so that it
      // cannot look like an address; an encoded word must not bring them back.
      assert.doesNotMatch(shown.name, /[<>]/, `From ${email.from} is displayed with the name "${shown.name}"`);
      assert.equal(shown.name, shownName, email.from);
    });
  }

  test("an encoded-word organization name in the custom template's replyTo shows no address either", async () => {
    const { connector } = await makeConnector({
      getI18nEmailTemplate: async () => ({
        subject: 'Code {{code}}',
        content: '<p>{{code}}</p>',
        replyTo: '{{organization.name}} <hilfe@logto.io>',
      }),
    });
    const email = await sendAndFind(
      local.ses,
      connector,
      {
        to,
        type: TemplateType.SignIn,
        payload: { code, organization: { name: libmime.encodeWord(evil, 'B') } },
      },
      configFor(local.ses.url)
    );
    assert.equal(email.replyTo.length, 1);
    const shown = displayedSender(email.replyTo[0]!);
    assert.equal(shown.address, 'hilfe@logto.io');
    assert.doesNotMatch(shown.name, /[<>]/, `Reply-To ${email.replyTo[0]} is displayed with the name "${shown.name}"`);
    assert.equal(shown.name, '=?UTF-8?B?RXZpbCA8Y2VvQGV2aWwuY29tPg==?=', email.replyTo[0]);
  });
});

describe('escaping and the text part', () => {
  const config = configFor('http://127.0.0.1:1', {
    templates: [{ usageType: 'Generic', subject: 'Code: {{code}}', content: '<p>Code: {{code}}</p>' }],
  });

  test('a payload value is HTML-escaped in html and verbatim in text', async () => {
    const value = '<b>&"</b>';
    const email = await sendAndFind(
      local.ses,
      local.plain.connector,
      { to, type: TemplateType.SignIn, payload: { code: value } },
      { ...config, endpoint: local.ses.url }
    );
    assert.equal(email.body.html, '<p>Code: &lt;b&gt;&amp;&quot;&lt;/b&gt;</p>');
    assert.ok(!email.body.html.includes(value));
    assert.equal(email.body.text, `Code: ${value}`);
  });

  test('a code with CR/LF cannot split the subject line', async () => {
    const email = await sendAndFind(
      local.ses,
      local.plain.connector,
      { to, type: TemplateType.SignIn, payload: { code: '123\r\nBcc: x@evil.com' } },
      { ...config, endpoint: local.ses.url }
    );
    assert.doesNotMatch(email.subject, /[\r\n]/);
    assert.equal(email.subject, 'Code: 123 Bcc: x@evil.com');
    assert.deepEqual(email.destination.bcc, []);
  });

  test('contentType text/plain sends only a text body', async () => {
    const email = await sendAndFind(
      local.ses,
      local.plain.connector,
      { to, type: TemplateType.SignIn, payload: { code: '<b>42</b>' } },
      configFor(local.ses.url, {
        templates: [
          {
            usageType: 'Generic',
            subject: 'Plain {{code}}',
            content: 'Your code: {{code}}\nBye & thanks',
            contentType: 'text/plain',
          },
        ],
      })
    );
    assert.equal(email.body.html, undefined);
    assert.equal(email.body.text, 'Your code: <b>42</b>\nBye & thanks');
    assert.equal(email.subject, 'Plain <b>42</b>');
  });
});

describe('saved config', () => {
  test('without an input config, the saved config is read with the connector id', async () => {
    const { connector, configIds } = await makeConnector({ savedConfig: configFor(local.ses.url) });
    const email = await sendAndFind(local.ses, connector, {
      to,
      type: TemplateType.ForgotPassword,
      payload: { code },
    });
    assert.deepEqual(configIds, ['aws-ses-mail']);
    assert.equal(email.subject, `Your code ${code}`);
  });
});

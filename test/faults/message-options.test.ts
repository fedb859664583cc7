/**
 * What the connector sends SES beside the content, read from the SendEmail bodies the SES stub
 * received: the tenant per organization (from the table, the fallback, none for a value SES would
 * refuse, said once in Logto's log), tracking off on request and untouched by default, the
 * Auto-Submitted and custom headers, and the tags per message. A custom header SES or the
 * connector would refuse stops the send before anything reaches SES, naming the entry.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { ConnectorErrorCodes, TemplateType } from '@logto/connector-kit';

import { useSesStub } from '../support/fault-helpers.js';
import { configFor } from '../support/fixtures.js';
import { expectConnectorError, makeConnector, textOf } from '../integration/harness.js';

type Body = Record<string, unknown> & {
  TenantName?: string;
  ConfigurationOverrides?: unknown;
  EmailTags?: Array<{ Name: string; Value: string }>;
  Content: { Simple: { Headers?: Array<{ Name: string; Value: string }> } };
};

const autoSubmitted = { Name: 'Auto-Submitted', Value: 'auto-generated' };

const invitation = (organizationId: string | undefined, extra: Record<string, unknown> = {}) => ({
  to: 'invitee@example.com',
  type: TemplateType.OrganizationInvitation,
  payload: {
    link: 'https://auth.example.com/invitation/abc',
    ...(organizationId !== undefined && { organization: { id: organizationId, name: 'Acme' } }),
    ...extra,
  },
});

describe('what each SendEmail carries beside its content', () => {
  const ses = useSesStub();

  /** Sends each message with the saved config; the bodies SES received for them, in order. */
  const bodiesOf = async (overrides: Record<string, unknown>, messages: unknown[]): Promise<Body[]> => {
    ses.stub.reset();
    const { connector } = await makeConnector({ savedConfig: configFor(ses.stub.url, overrides) });
    for (const message of messages) {
      await connector.sendMessage(message as Parameters<typeof connector.sendMessage>[0]);
    }
    return ses.stub.requests.filter(({ operation }) => operation === 'SendEmail').map(({ body }) => body as Body);
  };

  it("sends each organization's mail under its tenant from the table, the rest under the fallback", async () => {
    const bodies = await bodiesOf(
      {
        tenantName: '{{organization.id}}',
        tenants: { org_acme: 'acme', org_globex: 'globex-prod' },
        defaultTenantName: 'shared',
      },
      [invitation('org_acme'), invitation('org_globex'), invitation('org_unlisted'), invitation(undefined)]
    );
    assert.deepEqual(
      bodies.map(({ TenantName }) => TenantName),
      ['acme', 'globex-prod', 'shared', 'shared']
    );
  });

  it('without a fallback, mail outside the table goes without a tenant; one tenant name serves every mail', async () => {
    const bodies = await bodiesOf({ tenantName: '{{organization.id}}', tenants: { org_acme: 'acme' } }, [
      invitation('org_other'),
      invitation(undefined),
    ]);
    assert.deepEqual(
      bodies.map((body) => 'TenantName' in body),
      [false, false]
    );
    const fixed = await bodiesOf({ tenantName: 'acme' }, [invitation('org_other'), invitation(undefined)]);
    assert.deepEqual(
      fixed.map(({ TenantName }) => TenantName),
      ['acme', 'acme']
    );
  });

  it("uses the payload's value itself without a table; a value SES would refuse sends without a tenant, said once", async (t) => {
    const warn = t.mock.method(console, 'warn', () => undefined);
    const bodies = await bodiesOf({ tenantName: '{{organization.ref}}' }, [
      invitation(undefined, { organization: { ref: 'org_acme-1' } }),
      invitation(undefined, { organization: { ref: 'Acme Corp. 🚀 123456' } }),
      invitation(undefined, { organization: { ref: 'x'.repeat(65) } }),
    ]);
    assert.deepEqual(
      bodies.map(({ TenantName }) => TenantName),
      ['org_acme-1', undefined, undefined]
    );
    const lines = warn.mock.calls.map(({ arguments: [line] }) => String(line));
    assert.deepEqual(lines, [
      'aws-ses-mail: tenantName: payload.organization.ref held a value that is not an SES tenant name: 1 to 64 letters, digits, "-" or "_", so the mail was sent without a tenant. Map such values to tenant names in tenants.',
    ]);
    assert.ok(!lines[0]!.includes('Acme Corp'), 'the value is not logged');
  });

  it('turns open and click tracking off with "off", and sends no override by default', async () => {
    const [off, byDefault, bySet] = [
      ...(await bodiesOf({ tracking: 'off' }, [invitation('org_acme')])),
      ...(await bodiesOf({}, [invitation('org_acme')])),
      ...(await bodiesOf({ tracking: 'configuration-set' }, [invitation('org_acme')])),
    ];
    assert.deepEqual(off!.ConfigurationOverrides, {
      Tracking: { OpenTrackingEnabled: 'DISABLED', ClickTrackingEnabled: 'DISABLED' },
    });
    assert.equal('ConfigurationOverrides' in byDefault!, false);
    assert.equal('ConfigurationOverrides' in bySet!, false);
  });

  it('carries Auto-Submitted on every email, then the custom headers filled from the payload', async () => {
    const [plain, custom] = [
      ...(await bodiesOf({}, [invitation('org_acme')])),
      ...(await bodiesOf(
        {
          customHeaders: [
            { name: 'X-Entity-Ref-ID', value: '{{organization.id}}' },
            { name: 'List-Id', value: 'Sign-in mail <signin.example.com>' },
            { name: 'X-Org-Name', value: '{{organization.name}}' },
            { name: 'X-Inviter', value: 'by {{inviter.name}}' },
            { name: 'X-Gone', value: '{{organization.missing}}' },
          ],
        },
        [
          invitation('org_acme', {
            inviter: { name: 'Eve\r\nBcc: victim@example.com' },
            organization: { id: 'org_acme', name: 'Café Ünïcode' },
          }),
        ]
      )),
    ];
    assert.deepEqual(plain!.Content.Simple.Headers, [autoSubmitted]);
    assert.deepEqual(custom!.Content.Simple.Headers, [
      autoSubmitted,
      { Name: 'X-Entity-Ref-ID', Value: 'org_acme' },
      { Name: 'List-Id', Value: 'Sign-in mail <signin.example.com>' },
      { Name: 'X-Org-Name', Value: '=?UTF-8?Q?Caf=C3=A9_=C3=9Cn=C3=AFcode?=' },
      // A payload's line break cannot start a header of its own: it becomes a space.
      { Name: 'X-Inviter', Value: 'by Eve Bcc: victim@example.com' },
    ]);
  });

  it('tags each message with its usage type, locale, application and organization, when it has them', async () => {
    const bodies = await bodiesOf({}, [
      invitation('org_acme', { locale: 'fr-CA', application: { id: 'app_42', name: 'Portal' } }),
      { to: 'user@example.com', type: TemplateType.SignIn, payload: { code: '123456', locale: 'de' } },
      { to: 'user@example.com', type: TemplateType.Generic, payload: { code: '000000' } },
    ]);
    assert.deepEqual(
      bodies.map(({ EmailTags }) => EmailTags),
      [
        [
          { Name: 'logto-usage-type', Value: 'OrganizationInvitation' },
          { Name: 'logto-locale', Value: 'fr-CA' },
          { Name: 'logto-application', Value: 'app_42' },
          { Name: 'logto-organization', Value: 'org_acme' },
        ],
        [
          { Name: 'logto-usage-type', Value: 'SignIn' },
          { Name: 'logto-locale', Value: 'de' },
        ],
        [{ Name: 'logto-usage-type', Value: 'Generic' }],
      ]
    );
  });

  describe('custom headers refused before anything reaches SES, naming the entry', () => {
    const refusedWith = async (customHeaders: unknown): Promise<string> => {
      const { connector } = await makeConnector({ savedConfig: configFor(ses.stub.url, { customHeaders }) });
      const error = await expectConnectorError(
        connector.sendMessage(invitation('org_acme')),
        ConnectorErrorCodes.InvalidConfig
      );
      assert.equal(ses.stub.counts.requests, 0);
      return textOf(error);
    };
    const prefix = 'Invalid AWS SES connector config: ';

    for (const name of [
      'From',
      'to',
      'SUBJECT',
      'Reply-To',
      'content-type',
      'MIME-Version',
      'Date',
      'Message-Id',
      'Return-Path',
      'auto-submitted',
    ]) {
      it(`the name ${name}`, async () => {
        const canonical = [
          'From',
          'To',
          'Subject',
          'Reply-To',
          'Content-Type',
          'MIME-Version',
          'Date',
          'Message-ID',
          'Return-Path',
          'Auto-Submitted',
        ].find((header) => header.toLowerCase() === name.toLowerCase());
        assert.equal(
          await refusedWith([
            { name: 'X-Ok', value: '1' },
            { name, value: 'x' },
          ]),
          `${prefix}customHeaders[1].name "${name}" cannot be a custom header: the connector or SES sets ${canonical} itself.`
        );
      });
    }

    it('a name with ":" or a space, and a value with a line break or another control character', async () => {
      assert.equal(
        await refusedWith([{ name: 'X-A: b', value: 'v' }]),
        `${prefix}customHeaders[0].name must be 1 to 126 printable ASCII characters without ":" or spaces, such as X-Entity-Ref-ID.`
      );
      for (const value of ['a\r\nBcc: x@example.com', 'a\nb', 'a\u0000b', 'a\u001Bb']) {
        assert.equal(
          await refusedWith([{ name: 'X-A', value }]),
          `${prefix}customHeaders[0].value must not contain a line break or other control character.`
        );
      }
    });

    it('more headers than SES takes beside Auto-Submitted', async () => {
      const headers = Array.from({ length: 15 }, (_, index) => ({ name: `X-H${index}`, value: 'v' }));
      assert.equal(
        await refusedWith(headers),
        `${prefix}customHeaders must hold at most 14 headers: SES takes 15 per message, and the connector adds Auto-Submitted.`
      );
    });
  });
});

/**
 * The SendEmail members aws-ses-v2-local drops (tenant, tags, tracking override, configuration
 * set), kept by the front door and shown in `/store` beside the email whose MessageId the local
 * SES answered: sent through the connector as Logto would. What the front door passes on reaches
 * the local SES as it was sent: a body that is no JSON gets the very answer aws-ses-v2-local gives
 * without the front door, and keeps nothing; a member that is not what SES takes is left out
 * alone. At most 1,000 are kept, the oldest dropped.
 */
import assert from 'node:assert/strict';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';

import { TemplateType } from '@logto/connector-kit';

import { keptSendsCap } from '../../src/dev/sent-members.js';
import { findEmail, makeConnector, useLocalSes } from '../integration/harness.js';
import { configFor } from '../support/fixtures.js';

// Express, which aws-ses-v2-local runs on, prints the stack of every body it cannot parse unless
// NODE_ENV is "test" (its answer is the same either way); the rejected bodies here are on purpose.
process.env.NODE_ENV = 'test';

const local = useLocalSes();

/** aws-ses-v2-local with no front door, in this process: it shares the one store. */
let unguarded: Server;
let unguardedUrl: string;
before(async () => {
  type Start = (config: { host: string; port: number }) => Promise<Server>;
  // A CommonJS module: its exports object is the default import under tsx, its `default` elsewhere.
  const module = (await import('aws-ses-v2-local')) as unknown as { default: Start | { default: Start } };
  const start = typeof module.default === 'function' ? module.default : module.default.default;
  unguarded = await start({ host: '127.0.0.1', port: 0 });
  unguardedUrl = `http://127.0.0.1:${(unguarded.address() as AddressInfo).port}`;
});
after(async () => {
  unguarded.closeAllConnections();
  await new Promise((resolve) => unguarded.close(resolve));
});

const message = {
  to: 'ada@example.com',
  type: TemplateType.Generic,
  payload: { code: '123456', locale: 'de', application: { id: 'app_shop' }, organization: { id: 'org_acme' } },
};

type Answer = { status: number; type: string | undefined; body: string };

/** A SendEmail as any HTTP client could send it: `body` as it is, signed in name only. */
const postSendEmail = async (url: string, body: string) =>
  new Promise<Answer>((resolve, reject) => {
    const outgoing = request(
      `${url}/v2/email/outbound-emails`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: 'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/ses/aws4_request',
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, type: response.headers['content-type'], body: text })
        );
      }
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });

const simple = (members: Record<string, unknown>) =>
  JSON.stringify({
    FromEmailAddress: 'noreply@example.com',
    Destination: { ToAddresses: ['ada@example.com'] },
    Content: { Simple: { Subject: { Data: 'Your code' }, Body: { Text: { Data: 'Code 123456' } } } },
    ...members,
  });

const messageIdOf = ({ status, body }: Answer) => {
  assert.equal(status, 200, body);
  return (JSON.parse(body) as { MessageId: string }).MessageId;
};

describe('what the local SES drops, kept beside the stored email', { timeout: 120_000 }, () => {
  test("the connector's tenant, tracking override, configuration set and tags are in /store for its MessageId", async () => {
    const config = configFor(local.ses.url, {
      tenantName: '{{organization.id}}',
      tenants: { org_acme: 'acme' },
      tracking: 'off',
      customHeaders: [{ name: 'X-Organization', value: '{{organization.id}}' }],
      configurationSetName: 'sign-in-mail',
    });
    const messageId = await local.plain.connector.sendMessage(message, config);
    const email = await findEmail(local.ses, messageId);
    assert.deepEqual(email.sent, {
      TenantName: 'acme',
      ConfigurationSetName: 'sign-in-mail',
      EmailTags: [
        { Name: 'logto-usage-type', Value: 'Generic' },
        { Name: 'logto-locale', Value: 'de' },
        { Name: 'logto-application', Value: 'app_shop' },
        { Name: 'logto-organization', Value: 'org_acme' },
      ],
      ConfigurationOverrides: { Tracking: { OpenTrackingEnabled: 'DISABLED', ClickTrackingEnabled: 'DISABLED' } },
    });
    assert.deepEqual(email.headers, [
      { name: 'Auto-Submitted', value: 'auto-generated' },
      { name: 'X-Organization', value: 'org_acme' },
    ]);

    // A saved config without those fields: the tags alone, no override, no tenant.
    const { connector } = await makeConnector({ savedConfig: configFor(local.ses.url) });
    const plain = await findEmail(local.ses, await connector.sendMessage(message));
    assert.deepEqual(Object.keys(plain.sent ?? {}), ['EmailTags']);
  });

  test('a body that is no JSON gets the answer the local SES gives without the front door, and keeps nothing', async () => {
    const before = (await local.ses.emails()).length;
    for (const body of [
      '{"FromEmailAddress": "noreply@example.com", "TenantName": "cut-off"',
      'TenantName=cut-off',
      '',
    ]) {
      const fronted = await postSendEmail(local.ses.url, body);
      const bare = await postSendEmail(unguardedUrl, body);
      assert.deepEqual(fronted, bare, body);
      assert.equal(fronted.status, 400, body);
    }
    const emails = await local.ses.emails();
    assert.equal(emails.length, before);
    assert.ok(emails.every(({ sent }) => sent?.TenantName !== 'cut-off'));
  });

  test('a member SES would not take is left out alone; the mail is stored as without the front door', async () => {
    const body = simple({
      TenantName: 5,
      ConfigurationSetName: 'x'.repeat(1025),
      EmailTags: Array.from({ length: 51 }, (_, index) => ({ Name: `tag-${index}`, Value: 'v' })),
      EndpointId: 'abc.def\u009b\u202e',
      ConfigurationOverrides: { Tracking: { OpenTrackingEnabled: 'DISABLED', Pixel: 'yes' }, Other: {} },
      Unknown: 'member',
    });
    const fronted = await postSendEmail(local.ses.url, body);
    const bare = await postSendEmail(unguardedUrl, body);
    assert.deepEqual({ ...fronted, body: '' }, { ...bare, body: '' });
    const [frontedId, bareId] = [messageIdOf(fronted), messageIdOf(bare)];
    const stored = await findEmail(local.ses, frontedId);
    const { messageId, at, sent, ...mail } = stored;
    const { messageId: _id, at: _at, sent: bareSent, ...bareMail } = await findEmail(local.ses, bareId);
    assert.deepEqual(mail, bareMail);
    assert.equal(bareSent, undefined, 'what only went past the front door is not kept');
    assert.deepEqual(sent, {
      EndpointId: 'abc.def\u009b\u202e',
      ConfigurationOverrides: { Tracking: { OpenTrackingEnabled: 'DISABLED' } },
    });
    assert.equal(messageId, frontedId);
    assert.equal(typeof at, 'number');
    // The same JSON, with no raw control character to print.
    const text = await (await fetch(`${local.ses.url}/store`)).text();
    assert.ok(text.includes(String.raw`"EndpointId":"abc.def\u009b\u202e"`), 'the escapes in /store');
    assert.ok(!text.includes('\u009b') && !text.includes('\u202e'));
  });

  test(`at most ${keptSendsCap} are kept, the oldest dropped first`, async () => {
    const total = keptSendsCap + 2;
    // The two oldest one after the other; the rest twenty at a time.
    const ids = [
      messageIdOf(await postSendEmail(local.ses.url, simple({ TenantName: 't-0' }))),
      messageIdOf(await postSendEmail(local.ses.url, simple({ TenantName: 't-1' }))),
    ];
    for (let start = 2; start < total; start += 20) {
      const batch = Array.from({ length: Math.min(20, total - start) }, (_, offset) =>
        postSendEmail(local.ses.url, simple({ TenantName: `t-${start + offset}` }))
      );
      ids.push(...(await Promise.all(batch)).map(messageIdOf));
    }
    const byId = new Map((await local.ses.emails()).map((email) => [email.messageId, email]));
    const tenants = ids.map((id) => byId.get(id)?.sent?.TenantName);
    assert.equal(byId.size >= total, true);
    assert.deepEqual(tenants.slice(0, 2), [undefined, undefined]);
    assert.deepEqual(
      tenants.slice(2),
      ids.slice(2).map((_, index) => `t-${index + 2}`)
    );
  });

  test('/clear-store forgets what was kept with the mail, and a MessageId that comes again shows only its own', async (t) => {
    // aws-ses-v2-local's ids are random: fixed here, every mail gets the same one.
    t.mock.method(Math, 'random', () => 0.5);
    const id = messageIdOf(await postSendEmail(local.ses.url, simple({ TenantName: 'before-clear' })));
    const cleared = await fetch(`${local.ses.url}/clear-store`, { method: 'POST' });
    assert.equal(cleared.status, 200);
    assert.deepEqual(await local.ses.emails(), []);
    // Stored past the front door (the store is shared), so nothing here could have replaced the kept members.
    assert.equal(messageIdOf(await postSendEmail(unguardedUrl, simple({}))), id);
    assert.equal((await findEmail(local.ses, id)).sent, undefined);
    await fetch(`${local.ses.url}/clear-store`, { method: 'POST' });

    assert.equal(messageIdOf(await postSendEmail(local.ses.url, simple({ TenantName: 'first' }))), id);
    assert.equal(messageIdOf(await postSendEmail(local.ses.url, simple({}))), id);
    const twice = (await local.ses.emails()).filter((email) => email.messageId === id);
    assert.deepEqual(
      twice.map(({ sent }) => sent),
      [undefined, undefined]
    );
    await fetch(`${local.ses.url}/clear-store`, { method: 'POST' });
    assert.equal(messageIdOf(await postSendEmail(local.ses.url, simple({ TenantName: 'after-clear' }))), id);
    assert.deepEqual((await findEmail(local.ses, id)).sent, { TenantName: 'after-clear' });
  });
});

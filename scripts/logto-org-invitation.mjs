#!/usr/bin/env node
/**
 * By hand, not in `npm test`: a real Logto sends organization invitations through this connector,
 * and each mail is checked for its organization's SES tenant. Needs a Logto with this package
 * installed (`logto connector add`) and the local SES (`logto-ses dev`) running; everything is on
 * loopback. It configures the connector through the Management API (endpoint: a tap in front of
 * the local SES, see ses-request-tap.mjs), creates an inviter and two organizations, and posts
 * invitations with `POST /api/organization-invitations`. With `tenantName: "{{organization.id}}"`:
 *   - with a `tenants` table and `defaultTenantName`: the organization in the table gets its
 *     tenant ("acme"), the other the default, and a caller's `messagePayload.organization` (Logto
 *     spreads it over its own) decides the tenant;
 *   - with neither: the organization ID is the tenant, and a value SES would refuse ("not a
 *     tenant!") sends no TenantName (the connector logs why, once, in Logto's log).
 * Exits 1 when a mail is missing or carries another tenant.
 *
 *   LOGTO_ENDPOINT=http://127.0.0.1:3001 LOCAL_SES=http://127.0.0.1:18005 \
 *   LOGTO_M2M_APP_ID=… LOGTO_M2M_APP_SECRET=… node scripts/logto-org-invitation.mjs
 *
 * (LOGTO_M2M_APP_ID/SECRET default to E2E_M2M_ID/E2E_M2M_SECRET, which the stack's env.sh sets.)
 */
/* global fetch, AbortSignal -- Node 22's own */
import { Buffer } from 'node:buffer';
import { URL, URLSearchParams } from 'node:url';

import { createApiClient } from '@logto/api/management';

import { startSesRequestTap } from './ses-request-tap.mjs';

const connectorId = 'aws-ses-mail';
const mappedTenant = 'acme';
const defaultTenant = 'shared-default';
const requestTimeoutMs = 30_000;

const loopbackUrl = (name, fallback) => {
  const url = new URL(process.env[name] || fallback);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    throw new Error(`${name} must be a loopback URL (127.0.0.1, localhost, [::1]); got host ${url.hostname}.`);
  }
  return url.origin;
};

const logtoEndpoint = loopbackUrl('LOGTO_ENDPOINT', 'http://127.0.0.1:3001');
const localSes = loopbackUrl('LOCAL_SES', 'http://127.0.0.1:18005');
const clientId = process.env.LOGTO_M2M_APP_ID || process.env.E2E_M2M_ID;
const clientSecret = process.env.LOGTO_M2M_APP_SECRET || process.env.E2E_M2M_SECRET;
if (!clientId || !clientSecret) {
  throw new Error('Set LOGTO_M2M_APP_ID and LOGTO_M2M_APP_SECRET (or source the stack env.sh).');
}

/** The client-credentials grant; the secret goes only to the loopback Logto, never to output. */
const getToken = async () => {
  const response = await fetch(`${logtoEndpoint}/oidc/token`, {
    method: 'POST',
    redirect: 'error',
    signal: AbortSignal.timeout(requestTimeoutMs),
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      resource: 'https://default.logto.app/api',
      scope: 'all',
    }),
  });
  if (!response.ok) {
    throw new Error(`The token request failed with HTTP ${response.status}.`);
  }
  return (await response.json()).access_token;
};

const token = await getToken();
const api = createApiClient({ baseUrl: logtoEndpoint, getToken: async () => token });

/** Each call's answer, or an error naming the call and Logto's own message. */
const must = async (what, call) => {
  const { data, error, response } = await call;
  if (!response.ok) {
    throw new Error(`${what}: HTTP ${response.status} ${JSON.stringify(error)}`);
  }
  console.log(`ok  ${what} (HTTP ${response.status})`);
  return data;
};

const run = Date.now().toString(36);
const tap = await startSesRequestTap(localSes);

/** The mail each case sent: found on the wire by its recipient, in the store by its MessageId. */
const report = (cases, emails) => {
  let failures = 0;
  for (const { label, invitee, expected } of cases) {
    const wire = tap.sent.find(({ request }) => request.Destination?.ToAddresses?.[0] === invitee);
    const stored = emails.find((email) => email.messageId === wire?.answer?.MessageId);
    console.log(`\n== ${label}`);
    if (!wire) {
      console.log('   no SendEmail reached the local SES');
      failures += 1;
      continue;
    }
    const { TenantName, EmailTags, ConfigurationOverrides, Content } = wire.request;
    const sent = { TenantName, Headers: Content?.Simple?.Headers, EmailTags, ConfigurationOverrides };
    console.log(`   SendEmail as sent (tap): ${JSON.stringify(sent)}`);
    console.log(`   SES answered HTTP ${wire.status}: ${JSON.stringify(wire.answer)}`);
    const { body: _body, attachments: _attachments, ...entry } = stored ?? {};
    console.log(`   GET /store entry (body left out): ${stored ? JSON.stringify(entry) : 'none'}`);
    const verdict = TenantName === expected && stored ? 'PASS' : 'FAIL';
    failures += verdict === 'PASS' ? 0 : 1;
    console.log(
      `   ${verdict}: TenantName ${JSON.stringify(TenantName)}, expected ${JSON.stringify(expected)}${stored ? '' : ', not in the store'}`
    );
  }
  return failures;
};

try {
  const inviter = await must(
    'POST /api/users (the inviter)',
    api.POST('/api/users', { body: { username: `inviter_${run}`, name: 'Ada Inviter' } })
  );
  const acme = await must(
    'POST /api/organizations (Acme, in the tenants table)',
    api.POST('/api/organizations', { body: { name: `Acme ${run}` } })
  );
  const globex = await must(
    'POST /api/organizations (Globex, not in the table)',
    api.POST('/api/organizations', { body: { name: `Globex ${run}` } })
  );

  // AWS's documentation example keys: the local SES checks no signature.
  const baseConfig = {
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    accessKeySecret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    region: 'us-east-1',
    emailAddress: 'Acme Sign-in <noreply@example.com>',
    endpoint: tap.url,
    logLevel: 'info',
    tenantName: '{{organization.id}}',
    tracking: 'off',
    customHeaders: [{ name: 'X-Organization', value: '{{organization.name}}' }],
    templates: [
      {
        usageType: 'OrganizationInvitation',
        contentType: 'text/html',
        subject: '{{inviter.name}} invites you to {{organization.name}}',
        content: '<p>Join <b>{{organization.name}}</b>: <a href="{{link}}">accept the invitation</a>.</p>',
      },
      { usageType: 'Generic', subject: 'Your code', content: '<p>Your code is {{code}}.</p>' },
    ],
  };
  const configure = async (config) => {
    const connectors = await must('GET /api/connectors', api.GET('/api/connectors'));
    const installed = connectors.find((connector) => connector.connectorId === connectorId);
    const connector = installed
      ? await must(
          `PATCH /api/connectors/${installed.id} (tenants ${JSON.stringify(config.tenants)}, defaultTenantName ${JSON.stringify(config.defaultTenantName)})`,
          api.PATCH('/api/connectors/{id}', { params: { path: { id: installed.id } }, body: { config } })
        )
      : await must('POST /api/connectors', api.POST('/api/connectors', { body: { connectorId, config } }));
    console.log(`    connector ${connector.id} (${connector.connectorId})`);
  };

  let count = 0;
  /** One invitation; `extra` goes into messagePayload beside the link and the locale. */
  const invite = async (label, organization, expected, extra = {}) => {
    count += 1;
    const invitee = `invitee.${run}.${count}@example.com`;
    await must(
      `POST /api/organization-invitations (${label})`,
      api.POST('/api/organization-invitations', {
        body: {
          organizationId: organization.id,
          inviterId: inviter.id,
          invitee,
          expiresAt: Date.now() + 7 * 24 * 3600 * 1000,
          messagePayload: { link: `${logtoEndpoint}/invitation/demo-${count}`, locale: 'en', ...extra },
        },
      })
    );
    return { label, invitee, expected };
  };

  // Phase 1: the table and a default.
  await configure({ ...baseConfig, tenants: { [acme.id]: mappedTenant }, defaultTenantName: defaultTenant });
  const cases = [
    await invite(`Acme ${acme.id}, in tenants`, acme, mappedTenant),
    await invite(`Globex ${globex.id}, not in tenants: defaultTenantName`, globex, defaultTenant),
    // Logto spreads the caller's messagePayload over its own organization context, so a
    // Management API caller's `organization` decides the placeholder's value.
    await invite(`Globex ${globex.id}, messagePayload.organization.id = Acme's`, globex, mappedTenant, {
      organization: { id: acme.id, name: globex.name },
    }),
  ];
  // Phase 2: no table, no default: the organization ID itself is the tenant, when SES allows it.
  await configure(baseConfig);
  cases.push(
    await invite(`Acme ${acme.id}, no table: the ID is the tenant`, acme, acme.id),
    await invite('Acme, messagePayload.organization.id "not a tenant!": no TenantName', acme, undefined, {
      organization: { id: 'not a tenant!', name: acme.name },
    })
  );

  const storeAnswer = await fetch(`${localSes}/store`, {
    redirect: 'error',
    signal: AbortSignal.timeout(requestTimeoutMs),
  });
  const { emails } = await storeAnswer.json();
  process.exitCode = report(cases, emails) === 0 ? 0 : 1;
} finally {
  await tap.close();
}

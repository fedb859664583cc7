/**
 * Self-test of the local SES stub: the real SDK clients must talk to it unchanged, and every
 * fault must reach the SDK the way the tests that rely on the stub expect.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { Agent } from 'node:https';
import { test } from 'node:test';

import {
  GetAccountCommand,
  GetConfigurationSetCommand,
  GetEmailIdentityCommand,
  SendEmailCommand,
  SESv2Client,
  type SendEmailCommandInput,
  type SESv2ClientConfig,
} from '@aws-sdk/client-sesv2';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { NodeHttpHandler } from '@smithy/node-http-handler';

import { until } from '../support/clock.js';
import { keyId, roleArn, secret } from '../support/fixtures.js';
import { startSesStub, type Fault, type SesStub } from '../support/ses-stub.js';

// Read when a client is built, so setting it after the (hoisted) imports is in time.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const credentials = { [keyId]: { secretAccessKey: secret } };

const input: SendEmailCommandInput = {
  FromEmailAddress: 'Logto <noreply@logto.io>',
  Destination: { ToAddresses: ['user@example.com'] },
  Content: {
    Simple: {
      Subject: { Data: 'Your code is 123456' },
      Body: { Text: { Data: 'Your code is 123456.' } },
    },
  },
};

type SdkError = Error & {
  code?: string;
  $fault?: string;
  $metadata: { httpStatusCode?: number };
};

/** An SESv2Client pointed at the stub: one attempt, and a request timeout that throws. */
const clientFor = (stub: SesStub, config: Partial<SESv2ClientConfig> = {}, requestTimeout = 2000): SESv2Client =>
  new SESv2Client({
    region: 'us-east-1',
    endpoint: stub.url,
    maxAttempts: 1,
    credentials: { accessKeyId: keyId, secretAccessKey: secret },
    requestHandler: new NodeHttpHandler({
      requestTimeout,
      throwOnRequestTimeout: true,
      httpsAgent: new Agent({ keepAlive: true, ca: stub.certificatePem }),
    }),
    ...config,
  });

const send = async (client: SESv2Client) => client.send(new SendEmailCommand(input));

const rejection = async (promise: Promise<unknown>): Promise<SdkError> => {
  try {
    await promise;
  } catch (error) {
    return error as SdkError;
  }
  return assert.fail('expected the call to fail');
};

const elapsed = async (action: () => Promise<unknown>): Promise<number> => {
  const start = performance.now();
  await action();
  return performance.now() - start;
};

test('SendEmail over HTTP is signed, accepted and logged', async () => {
  const stub = await startSesStub({ credentials });
  const client = clientFor(stub);
  try {
    const output = await send(client);
    assert.equal(output.$metadata.httpStatusCode, 200);
    assert.deepEqual(stub.accepted, [
      { messageId: output.MessageId, to: ['user@example.com'], subject: 'Your code is 123456' },
    ]);
    const [request] = stub.requests;
    assert.equal(request?.operation, 'SendEmail');
    assert.equal(request.sequence, 1);
    assert.equal(request.method, 'POST');
    assert.equal(request.path, '/v2/email/outbound-emails');
    assert.equal(request.accessKeyId, keyId);
    assert.equal(request.region, 'us-east-1');
    assert.equal(request.signatureValid, true);
    assert.equal(request.fault, 'ok');
    assert.equal(request.status, 200);
    assert.deepEqual(request.body, input);
    assert.deepEqual(
      { ...stub.counts },
      {
        requests: 1,
        sendEmail: 1,
        accepted: 1,
        assumeRole: 0,
        connections: 1,
        openConnections: 1,
        peakOpenConnections: 1,
      }
    );
    client.destroy();
    await until(() => stub.counts.openConnections === 0, 'the stub seeing the connection close');
    assert.equal(stub.counts.peakOpenConnections, 1);
  } finally {
    client.destroy();
    await stub.close();
  }
});

test('SendEmail over HTTPS is accepted with the stub certificate', async () => {
  const stub = await startSesStub({ tls: true, credentials });
  const client = clientFor(stub);
  try {
    assert.match(stub.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(await readFile(stub.certificatePath ?? '', 'utf8'), stub.certificatePem);
    const output = await send(client);
    assert.equal(stub.accepted[0]?.messageId, output.MessageId);
    assert.equal(stub.requests[0]?.signatureValid, true);
  } finally {
    client.destroy();
    await stub.close();
  }
});

test('bad credentials are refused as AWS refuses them', async () => {
  const stub = await startSesStub({
    credentials: {
      ...credentials,
      AKIASTUBSESSION00001: { secretAccessKey: secret, sessionToken: 'token-1' },
    },
  });
  const clients = [
    clientFor(stub, { credentials: { accessKeyId: keyId, secretAccessKey: 'wrong' } }),
    clientFor(stub, { credentials: { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: secret } }),
    clientFor(stub, { credentials: { accessKeyId: 'AKIASTUBSESSION00001', secretAccessKey: secret } }),
  ];
  try {
    const errors = await Promise.all(clients.map(async (client) => rejection(send(client))));
    assert.deepEqual(
      errors.map(({ name, $fault, $metadata }) => [name, $fault, $metadata.httpStatusCode]),
      [
        ['SignatureDoesNotMatch', 'client', 403],
        ['InvalidClientTokenId', 'client', 403],
        ['InvalidClientTokenId', 'client', 403],
      ]
    );
    // The session-token key signs correctly; only its missing token is refused.
    assert.deepEqual(
      Object.fromEntries(stub.requests.map(({ accessKeyId: key, signatureValid }) => [key, signatureValid])),
      { [keyId]: false, AKIAUNKNOWN000000000: false, AKIASTUBSESSION00001: true }
    );

    const unsigned = await fetch(`${stub.url}/v2/email/account`);
    assert.equal(unsigned.status, 403);
    assert.equal(unsigned.headers.get('x-amzn-errortype'), 'MissingAuthenticationToken');
    assert.equal(stub.counts.accepted, 0);
  } finally {
    clients.forEach((client) => client.destroy());
    await stub.close();
  }
});

test('each fault surfaces in the SDK as expected', async () => {
  const stub = await startSesStub();
  const client = clientFor(stub, {}, 200);
  const outcomes: Array<[Fault, string, number | undefined, string?]> = [
    ['ok', 'ok', 200],
    ['accepted202', 'ok', 202],
    ['throttle', 'TooManyRequestsException', 429, 'Too many requests'],
    ['server500json', 'InternalFailure', 500],
    // No JSON body, no x-amzn-ErrorType: the SDK fails parsing the body as JSON.
    ['server500text', 'SyntaxError', 500],
    ['unavailable503', 'SyntaxError', 503],
    [
      'messageRejected',
      'MessageRejected',
      400,
      'Email address is not verified. The following identities failed the check in region ' +
        'US-EAST-1: user@example.com',
    ],
    ['invalidClientTokenId', 'InvalidClientTokenId', 403, 'The security token included in the request is invalid.'],
    // @smithy/node-http-handler names ECONNRESET a TimeoutError; no status reached the client.
    ['reset', 'TimeoutError', undefined, 'socket hang up'],
    ['malformedJson', 'SyntaxError', 200],
    ['hang', 'TimeoutError', undefined],
  ];
  try {
    for (const [fault, name, status, message] of outcomes) {
      stub.setFault(fault);
      const result = await send(client).then(
        (output) => ({ name: 'ok', message: undefined, $metadata: output.$metadata }),
        (error: SdkError) => error
      );
      assert.equal(result.name, name, fault);
      assert.equal(result.$metadata.httpStatusCode, status, fault);
      if (message) {
        assert.equal(result.message, message, fault);
      }
    }
    assert.deepEqual(
      stub.requests.map((request) => request.fault),
      outcomes.map(([fault]) => fault)
    );
    assert.equal(stub.counts.accepted, 2);
    assert.equal(stub.counts.sendEmail, outcomes.length);

    stub.setFault((request) => (request.sequence % 2 === 0 ? 'throttle' : 'ok'));
    stub.reset();
    const results = await Promise.allSettled([1, 2, 3, 4].map(async () => send(client)));
    assert.deepEqual(results.map(({ status }) => status).sort(), ['fulfilled', 'fulfilled', 'rejected', 'rejected']);
    assert.equal(stub.counts.accepted, 2);
  } finally {
    client.destroy();
    await stub.close();
  }
});

test('GetAccount, GetEmailIdentity and GetConfigurationSet answer, unknown names 404', async () => {
  const stub = await startSesStub({
    credentials,
    identities: { 'example.com': { IdentityType: 'DOMAIN', VerifiedForSendingStatus: true } },
    configurationSets: ['transactional'],
  });
  const client = clientFor(stub);
  try {
    const account = await client.send(new GetAccountCommand({}));
    assert.equal(account.ProductionAccessEnabled, true);
    assert.equal(account.SendingEnabled, true);
    assert.equal(account.EnforcementStatus, 'HEALTHY');
    assert.deepEqual(account.SendQuota, {
      Max24HourSend: 50_000,
      MaxSendRate: 14,
      SentLast24Hours: 0,
    });

    const identity = (EmailIdentity: string) => new GetEmailIdentityCommand({ EmailIdentity });
    const found = await client.send(identity('example.com'));
    assert.equal(found.VerifiedForSendingStatus, true);
    const missingIdentity = await rejection(client.send(identity('me@example.org')));
    assert.equal(missingIdentity.name, 'NotFoundException');
    assert.equal(missingIdentity.$metadata.httpStatusCode, 404);

    const set = (ConfigurationSetName: string) => new GetConfigurationSetCommand({ ConfigurationSetName });
    const transactional = await client.send(set('transactional'));
    assert.equal(transactional.ConfigurationSetName, 'transactional');
    const missingSet = await rejection(client.send(set('bulk')));
    assert.equal(missingSet.name, 'NotFoundException');
    assert.equal(missingSet.$metadata.httpStatusCode, 404);

    assert.deepEqual(
      stub.requests.map(({ operation, path, signatureValid }) => [operation, path, signatureValid]),
      [
        ['GetAccount', '/v2/email/account', true],
        ['GetEmailIdentity', '/v2/email/identities/example.com', true],
        ['GetEmailIdentity', '/v2/email/identities/me%40example.org', true],
        ['GetConfigurationSet', '/v2/email/configuration-sets/transactional', true],
        ['GetConfigurationSet', '/v2/email/configuration-sets/bulk', true],
      ]
    );
  } finally {
    client.destroy();
    await stub.close();
  }
});

test('unsupported operations get a plain 404, as from aws-ses-v2-local', async () => {
  const stub = await startSesStub({ unsupported: ['GetAccount'] });
  const client = clientFor(stub);
  try {
    const error = await rejection(client.send(new GetAccountCommand({})));
    assert.equal(error.name, 'SyntaxError');
    assert.equal(error.$metadata.httpStatusCode, 404);
    await send(client);
    assert.equal(stub.counts.accepted, 1);
  } finally {
    client.destroy();
    await stub.close();
  }
});

test('malformed requests get a 4xx and the stub keeps serving', async () => {
  const stub = await startSesStub();
  try {
    const sendEmailUrl = `${stub.url}/v2/email/outbound-emails`;
    const notJson = await fetch(sendEmailUrl, { method: 'POST', body: 'not json' });
    assert.equal(notJson.status, 400);
    assert.equal(notJson.headers.get('x-amzn-errortype'), 'SerializationException');

    const unknownPath = await fetch(`${stub.url}/v2/email/nothing-here`);
    assert.equal(unknownPath.status, 404);
    assert.equal(unknownPath.headers.get('x-amzn-errortype'), 'UnknownOperationException');

    const unknownAction = await fetch(stub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    assert.equal(unknownAction.status, 400);
    assert.match(await unknownAction.text(), /<Code>InvalidAction<\/Code>/);

    const ok = await fetch(sendEmailUrl, { method: 'POST', body: JSON.stringify(input) });
    assert.equal(ok.status, 200);
    assert.deepEqual(
      stub.requests.map(({ operation, status }) => [operation, status]),
      [
        ['SendEmail', 400],
        ['Unknown', 404],
        ['Unknown', 400],
        ['SendEmail', 200],
      ]
    );
  } finally {
    await stub.close();
  }
});

test('AssumeRole credentials from fromTemporaryCredentials are accepted by SendEmail', async () => {
  const stub = await startSesStub({ credentials });
  const viaConfig = clientFor(stub, {
    credentials: fromTemporaryCredentials({
      masterCredentials: { accessKeyId: keyId, secretAccessKey: secret },
      params: { RoleArn: roleArn, RoleSessionName: 'logto', ExternalId: 'external-42' },
      clientConfig: { endpoint: stub.url },
    }),
  });
  const viaEnvironment = clientFor(stub, {
    credentials: fromTemporaryCredentials({
      masterCredentials: { accessKeyId: keyId, secretAccessKey: secret },
      params: { RoleArn: roleArn, RoleSessionName: 'from-env', DurationSeconds: 900 },
    }),
  });
  try {
    const output = await send(viaConfig);
    assert.equal(stub.accepted[0]?.messageId, output.MessageId);
    assert.deepEqual(stub.assumeRoleCalls, [{ RoleArn: roleArn, RoleSessionName: 'logto', ExternalId: 'external-42' }]);
    const [assumeRole, sendEmail] = stub.requests;
    assert.equal(assumeRole?.operation, 'AssumeRole');
    assert.equal(assumeRole.accessKeyId, keyId);
    assert.equal(assumeRole.signatureValid, true);
    assert.equal(sendEmail?.operation, 'SendEmail');
    assert.match(sendEmail.accessKeyId ?? '', /^ASIA[0-9A-F]{16}$/);
    assert.ok(sendEmail.securityToken);
    assert.equal(sendEmail.signatureValid, true);

    process.env.AWS_ENDPOINT_URL_STS = stub.url;
    try {
      await send(viaEnvironment);
    } finally {
      delete process.env.AWS_ENDPOINT_URL_STS;
    }
    assert.deepEqual(stub.assumeRoleCalls[1], {
      RoleArn: roleArn,
      RoleSessionName: 'from-env',
      DurationSeconds: '900',
    });
    assert.deepEqual([stub.counts.assumeRole, stub.counts.accepted], [2, 2]);
  } finally {
    viaConfig.destroy();
    viaEnvironment.destroy();
    await stub.close();
  }
});

for (const tls of [false, true]) {
  const scheme = tls ? 'HTTPS' : 'HTTP';
  test(`connectDelayMs is paid per connection, latencyMs per response (${scheme})`, async () => {
    const stub = await startSesStub({ tls, connectDelayMs: 150, latencyMs: 60 });
    const client = clientFor(stub);
    try {
      const first = await elapsed(async () => send(client));
      const reused = await elapsed(async () => send(client));
      assert.ok(first >= 190, `first call took ${first} ms`);
      assert.ok(reused >= 50, `second call took ${reused} ms`);
      assert.equal(stub.counts.connections, 1);

      // Three at once: the idle connection is reused and two more are opened.
      await Promise.all([1, 2, 3].map(async () => send(client)));
      assert.deepEqual([stub.counts.connections, stub.counts.peakOpenConnections], [3, 3]);

      stub.reset();
      assert.deepEqual(
        { ...stub.counts },
        {
          requests: 0,
          sendEmail: 0,
          accepted: 0,
          assumeRole: 0,
          connections: 0,
          openConnections: 3,
          peakOpenConnections: 3,
        }
      );
      assert.deepEqual([stub.requests, stub.accepted], [[], []]);
    } finally {
      client.destroy();
      await stub.close();
    }
  });

  test(`close() ends promptly with a hung request outstanding (${scheme})`, async () => {
    const stub = await startSesStub({ tls, fault: 'hang' });
    const client = clientFor(stub, {}, 10_000);
    try {
      const pending = rejection(send(client));
      await until(() => stub.counts.requests === 1, 'the hung request reaching the stub');
      const closing = await elapsed(async () => stub.close());
      assert.ok(closing < 1000, `close() took ${closing} ms`);
      const error = await pending;
      assert.equal(error.name, 'TimeoutError');
      assert.equal(error.code, 'ECONNRESET');
    } finally {
      client.destroy();
    }
  });
}

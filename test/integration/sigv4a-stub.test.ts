/**
 * Self-test of the stub's SigV4a verifier: it accepts AWS's own published SigV4a test vector and
 * requests the SDK's SigV4a signer signs, and refuses each of them once anything signed changes.
 */
import assert from 'node:assert/strict';
import { createHash, createPublicKey } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { after, before, describe, test } from 'node:test';

import { SignatureV4a } from '@aws-sdk/signature-v4a';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest } from '@smithy/types';

import { keyId, secret } from '../support/fixtures.js';
import { startSesStub, type SesStub } from '../support/ses-stub.js';
import {
  deriveSigV4aPrivateKey,
  parseSigV4aAuthorization,
  sigV4aPublicKey,
  verifySigV4aWithKey,
} from '../support/sigv4a.js';

/**
 * AWS's own key derivation vector (aws-crt-java, EccKeyPairTest): these keys give this private
 * key. Independent of the JS SDK, so it pins the KDF to what AWS computes.
 */
const derivation = {
  accessKeyId: 'AKISORANDOMAASORANDOM',
  secretAccessKey: 'q+jcrXGc+0zWN6uzclKVhvMmUsIfRPa4rlRandom',
  privateKey: 0x7fd3bd010c0d9c292141c2b77bfbde1042c92e6836fff749d1269ec890fca1bdn,
};

/**
 * The "get-vanilla" case of AWS's signing test suite (awslabs/aws-c-auth,
 * tests/aws-signing-test-suite/v4a): a GET of / with an empty body, signed for region set
 * us-east-1 by AWS's C implementation with the suite's fixed key (its key.pem, whose public half
 * is below). It pins the canonical request and the string to sign to what AWS computes.
 */
const vector = {
  publicKey: createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: 'FGiWO1MjQ5w61e9aQGW1bCT1zpTdgQxUuVW-vbmJ6NI',
      y: 'L3JUmOK5CQ5lMMjTXSoK5Aty6uHkcnWUYG7tcginAJU',
    },
    format: 'jwk',
  }),
  request: {
    method: 'GET',
    url: '/',
    headers: {
      host: 'example.amazonaws.com',
      'x-amz-date': '20150830T123600Z',
      'x-amz-region-set': 'us-east-1',
    } as IncomingHttpHeaders,
    body: Buffer.alloc(0),
  },
  authorization:
    'AWS4-ECDSA-P256-SHA256 Credential=AKIDEXAMPLE/20150830/service/aws4_request, SignedHeaders=host;x-amz-date;x-amz-region-set, Signature=3045022100f4c37457a8978d07fa07044d5724237f8c30f8529c4c4cd1f30a4c0e6486303f02207968f80296f1ac3808e3cb45ae1f31c479d071dcad4f0621084cd6d1b6a912bd',
};

const verifyVector = (
  change: Partial<typeof vector.request> = {},
  authorization = vector.authorization,
  publicKey = vector.publicKey
) => {
  const parsed = parseSigV4aAuthorization(authorization);
  assert.ok(parsed, 'the vector parses');
  return verifySigV4aWithKey({ ...vector.request, ...change }, parsed, publicKey);
};

describe("SigV4a verification against AWS's test vectors", () => {
  test('derives the private key AWS derives from the same keys', () => {
    assert.equal(deriveSigV4aPrivateKey(derivation.accessKeyId, derivation.secretAccessKey), derivation.privateKey);
  });

  test('derives another key for another secret or another access key id', () => {
    const { accessKeyId, secretAccessKey, privateKey } = derivation;
    assert.notEqual(deriveSigV4aPrivateKey(accessKeyId, `${secretAccessKey.slice(0, -1)}e`), privateKey);
    assert.notEqual(deriveSigV4aPrivateKey(`${accessKeyId.slice(0, -1)}N`, secretAccessKey), privateKey);
  });

  test('accepts the signature AWS computed', () => {
    assert.equal(verifyVector(), true);
  });

  const tampered: Array<[string, Partial<typeof vector.request>]> = [
    ['another method', { method: 'POST' }],
    ['another path', { url: '/other' }],
    ['a query added', { url: '/?a=b' }],
    ['a body added', { body: Buffer.from('{}') }],
    ['another host', { headers: { ...vector.request.headers, host: 'example2.amazonaws.com' } }],
    ['another region set', { headers: { ...vector.request.headers, 'x-amz-region-set': '*' } }],
    ['another date', { headers: { ...vector.request.headers, 'x-amz-date': '20150830T123601Z' } }],
  ];
  for (const [name, change] of tampered) {
    test(`refuses the vector with ${name}`, () => {
      assert.equal(verifyVector(change), false);
    });
  }

  test('refuses it for a key derived from other credentials', () => {
    assert.equal(
      verifyVector(
        {},
        vector.authorization,
        sigV4aPublicKey('AKIDEXAMPLE', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY')
      ),
      false
    );
  });

  test('refuses a changed signature, and one whose signed headers leave out the region set', () => {
    assert.equal(verifyVector({}, vector.authorization.replace(/bd$/, 'be')), false);
    assert.equal(
      verifyVector({}, vector.authorization.replace('host;x-amz-date;x-amz-region-set', 'host;x-amz-date')),
      false
    );
  });
});

type Sent = { status: number; body: string };

const createSha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Posts a SendEmail the SDK's SigV4a signer (or, with `sigV4`, its SigV4 signer, for us-east-1)
 * signed; `tamper` may change it after signing.
 */
const postSigned = async (
  stub: SesStub,
  tamper: (signed: { headers: Record<string, string>; body: string }) => void = () => undefined,
  signingSecret = secret,
  sigV4 = false
): Promise<Sent> => {
  const url = new URL(stub.url);
  const signerOptions = {
    credentials: { accessKeyId: keyId, secretAccessKey: signingSecret },
    service: 'ses',
    sha256: Sha256,
  };
  const signer = sigV4
    ? new SignatureV4({ ...signerOptions, region: 'us-east-1' })
    : new SignatureV4a({ ...signerOptions, region: '*' });
  const body = JSON.stringify({
    FromEmailAddress: 'noreply@example.com',
    Destination: { ToAddresses: ['user@example.com'] },
    Content: { Simple: { Subject: { Data: 'Code 123456' }, Body: { Text: { Data: 'Your code is 123456.' } } } },
    EndpointId: 'abcd1234.ef5g',
  });
  // The signer's declared result is `any`; it is the request it was given, signed.
  const signed = (await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: '/v2/email/outbound-emails',
      query: {},
      headers: {
        host: url.host,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
      },
      body,
    },
    sigV4 ? {} : { signingRegion: '*' }
  )) as HttpRequest;
  const wire = { headers: { ...(signed.headers as Record<string, string>) }, body };
  tamper(wire);
  wire.headers['content-length'] = String(Buffer.byteLength(wire.body));
  return new Promise<Sent>((resolve, reject) => {
    const outgoing = httpRequest(
      { host: url.hostname, port: url.port, method: 'POST', path: '/v2/email/outbound-emails', headers: wire.headers },
      (response) => {
        let text = '';
        response.setEncoding('utf8').on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      }
    );
    outgoing.on('error', reject);
    outgoing.end(wire.body);
  });
};

describe('the stub checks SigV4a signatures', () => {
  let stub: SesStub;
  before(async () => {
    stub = await startSesStub({ credentials: { [keyId]: { secretAccessKey: secret } } });
  });
  after(async () => {
    await stub.close();
  });

  test('accepts a request the SDK signed with SigV4a and records how it was signed', async () => {
    stub.reset();
    const sent = await postSigned(stub);
    assert.equal(sent.status, 200, sent.body);
    const [request] = stub.requests;
    assert.equal(request?.signatureValid, true);
    assert.equal(request?.signatureAlgorithm, 'AWS4-ECDSA-P256-SHA256');
    assert.equal(request?.regionSet, '*');
    assert.equal(request?.accessKeyId, keyId);
  });

  const tamperings: Array<[string, (signed: { headers: Record<string, string>; body: string }) => void]> = [
    [
      'a changed body',
      (signed) => {
        signed.body = signed.body.replace('123456', '654321');
      },
    ],
    [
      'a changed body with a matching X-Amz-Content-Sha256',
      (signed) => {
        signed.body = signed.body.replace('123456', '654321');
        signed.headers['x-amz-content-sha256'] = createSha256Hex(signed.body);
      },
    ],
    [
      'a changed region set',
      (signed) => {
        signed.headers['x-amz-region-set'] = 'us-east-1';
      },
    ],
    [
      'a changed signed header',
      (signed) => {
        signed.headers['content-type'] = 'text/plain';
      },
    ],
  ];
  for (const [name, tamper] of tamperings) {
    test(`refuses ${name} with 403 SignatureDoesNotMatch`, async () => {
      stub.reset();
      const sent = await postSigned(stub, tamper);
      assert.equal(sent.status, 403);
      assert.equal(stub.requests[0]?.signatureValid, false);
      assert.equal(stub.counts.accepted, 0);
    });
  }

  test('also refuses a SigV4 request whose body changed after signing (X-Amz-Content-Sha256 kept)', async () => {
    stub.reset();
    const untouched = await postSigned(stub, undefined, secret, true);
    assert.equal(untouched.status, 200, untouched.body);
    assert.equal(stub.requests[0]?.signatureAlgorithm, 'AWS4-HMAC-SHA256');
    stub.reset();
    const sent = await postSigned(
      stub,
      (signed) => {
        signed.body = signed.body.replace('123456', '654321');
      },
      secret,
      true
    );
    assert.equal(sent.status, 403);
    assert.equal(stub.requests[0]?.signatureValid, false);
  });

  test('refuses a signature made with another secret', async () => {
    stub.reset();
    const sent = await postSigned(stub, undefined, 'not-the-secret/0123456789+abcdefghijklmn');
    assert.equal(sent.status, 403);
    assert.equal(stub.requests[0]?.signatureValid, false);
  });
});

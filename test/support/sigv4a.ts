/**
 * AWS SigV4a verification for the local SES stub, written from the specification rather than
 * with the SDK's signer, so a request the SDK signs wrongly is caught here (the SDK signs, this
 * file checks; they share only SigV4's canonical path and query rules).
 *
 * SigV4a, as AWS describes it ("Deriving a signing key for SigV4a", IAM user guide):
 * - the signing key is an ECDSA P-256 key pair derived from the secret access key with the NIST
 *   SP 800-108 KDF in counter mode, HMAC-SHA256 as its PRF: key "AWS4A" + secret, label
 *   "AWS4-ECDSA-P256-SHA256", context access key ID + one counter byte, 256 output bits; the first
 *   output c with c <= n - 2 gives the private key c + 1 (n is the order of P-256);
 * - the canonical request is SigV4's, with the region set in the signed X-Amz-Region-Set header;
 * - the string to sign names the algorithm, the date, a scope without a region
 *   (`yyyymmdd/service/aws4_request`) and the canonical request's SHA-256;
 * - the signature is a DER-encoded ECDSA signature of that string, SHA-256 as the digest.
 */
import { createECDH, createHash, createHmac, createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

import { SignatureV4Base } from '@smithy/signature-v4';
import type { HttpRequest, QueryParameterBag } from '@smithy/types';

export const sigV4aAlgorithm = 'AWS4-ECDSA-P256-SHA256';

/** The parts of an `Authorization: AWS4-ECDSA-P256-SHA256 …` header. */
export type SigV4aAuthorization = {
  algorithm: typeof sigV4aAlgorithm;
  accessKeyId: string;
  /** `yyyymmdd` from the credential scope. */
  date: string;
  service: string;
  signedHeaders: string[];
  /** The DER-encoded ECDSA signature, in hex. */
  signature: string;
  /** SigV4a scopes name no region; the regions are in X-Amz-Region-Set. */
  region?: undefined;
};

export type SigV4aRequest = {
  method: string;
  /** The request target as received (path still percent-encoded, plus the query). */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
};

const authorizationPattern =
  /^AWS4-ECDSA-P256-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([^,\s]+),\s*Signature=((?:[0-9a-f]{2})+)$/;

export const parseSigV4aAuthorization = (header: string | undefined): SigV4aAuthorization | undefined => {
  const match = header === undefined ? null : authorizationPattern.exec(header.trim());
  if (!match) {
    return undefined;
  }
  const [, accessKeyId = '', date = '', service = '', signedHeaders = '', signature = ''] = match;
  return { algorithm: sigV4aAlgorithm, accessKeyId, date, service, signedHeaders: signedHeaders.split(';'), signature };
};

/** The order of the P-256 group. */
const p256Order = 0xffffffff_00000000_ffffffff_ffffffff_bce6faad_a7179e84_f3b9cac2_fc632551n;

const uint32 = (value: number) => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
};

/** The private scalar SigV4a derives from a key pair (NIST SP 800-108, counter mode, HMAC-SHA256). */
export const deriveSigV4aPrivateKey = (accessKeyId: string, secretAccessKey: string): bigint => {
  const inputKey = Buffer.from(`AWS4A${secretAccessKey}`, 'utf8');
  // The counter byte belongs to the KDF's context; the KDF's own block counter is always 1, as
  // one 256-bit block is all the output needed.
  for (let counter = 1; counter <= 254; counter += 1) {
    const fixedInput = Buffer.concat([
      uint32(1),
      Buffer.from(sigV4aAlgorithm, 'ascii'),
      Buffer.from([0]),
      Buffer.from(accessKeyId, 'utf8'),
      Buffer.from([counter]),
      uint32(256),
    ]);
    const candidate = BigInt(`0x${createHmac('sha256', inputKey).update(fixedInput).digest('hex')}`);
    if (candidate <= p256Order - 2n) {
      return candidate + 1n;
    }
  }
  throw new Error('SigV4a: no private key found within 254 counter values');
};

const publicKeys = new Map<string, KeyObject>();

/** The public key that verifies this key pair's SigV4a signatures; cached, as derivation is per request. */
export const sigV4aPublicKey = (accessKeyId: string, secretAccessKey: string): KeyObject => {
  const cacheKey = createHash('sha256').update(`${accessKeyId}\0${secretAccessKey}`).digest('hex');
  const cached = publicKeys.get(cacheKey);
  if (cached) {
    return cached;
  }
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(
    Buffer.from(deriveSigV4aPrivateKey(accessKeyId, secretAccessKey).toString(16).padStart(64, '0'), 'hex')
  );
  // Uncompressed point: 0x04, then x and y, 32 bytes each.
  const point = ecdh.getPublicKey();
  const key = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33, 65).toString('base64url'),
    },
    format: 'jwk',
  });
  publicKeys.set(cacheKey, key);
  return key;
};

/** SigV4's canonical path (normalised, encoded once more) and query, from the SDK's base class. */
class CanonicalRequest extends SignatureV4Base {
  constructor() {
    super({
      service: 'unused',
      region: 'unused',
      credentials: { accessKeyId: '', secretAccessKey: '' },
      sha256: class {} as never,
    });
  }

  of(request: HttpRequest, canonicalHeaders: Record<string, string>, payloadHash: string): string {
    return this.createCanonicalRequest(request, canonicalHeaders, payloadHash);
  }
}

const canonicalRequests = new CanonicalRequest();

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

const headerText = (value: string | string[] | undefined): string | undefined =>
  value === undefined ? undefined : Array.isArray(value) ? value.join(',') : value;

/** Headers SigV4a always signs: without them a signature could be replayed elsewhere or elsewhen. */
const requiredSignedHeaders = ['host', 'x-amz-date', 'x-amz-region-set'];

/**
 * True iff `authorization.signature` is a valid SigV4a signature of this request by `publicKey`.
 * The payload hash is computed from the body received, never taken from X-Amz-Content-Sha256
 * (which must match it when present), so a changed body fails.
 */
export const verifySigV4aWithKey = (
  request: SigV4aRequest,
  authorization: SigV4aAuthorization,
  publicKey: KeyObject
): boolean => {
  const { signedHeaders } = authorization;
  const amzDate = headerText(request.headers['x-amz-date']);
  if (
    !amzDate ||
    !/^\d{8}T\d{6}Z$/.test(amzDate) ||
    amzDate.slice(0, 8) !== authorization.date ||
    requiredSignedHeaders.some((name) => !signedHeaders.includes(name)) ||
    signedHeaders.join(';') !== [...signedHeaders].sort().join(';')
  ) {
    return false;
  }
  const payloadHash = sha256Hex(request.body);
  const declaredHash = headerText(request.headers['x-amz-content-sha256']);
  if (declaredHash !== undefined && declaredHash !== payloadHash) {
    return false;
  }

  const canonicalHeaders: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = headerText(request.headers[name]);
    if (value === undefined) {
      return false; // A header the client signed but did not send.
    }
    canonicalHeaders[name] = value.trim().replace(/\s+/g, ' ');
  }
  const target = new URL(request.url, 'http://stub.invalid');
  const query: QueryParameterBag = {};
  for (const [name, value] of target.searchParams) {
    const previous = query[name];
    query[name] = previous == null ? value : [previous, value].flat();
  }
  const canonicalRequest = canonicalRequests.of(
    { method: request.method, protocol: 'https:', hostname: 'stub.invalid', path: target.pathname, query, headers: {} },
    canonicalHeaders,
    payloadHash
  );
  const scope = `${authorization.date}/${authorization.service}/aws4_request`;
  const stringToSign = [sigV4aAlgorithm, amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  return verify(
    'sha256',
    Buffer.from(stringToSign, 'utf8'),
    { key: publicKey, dsaEncoding: 'der' },
    Buffer.from(authorization.signature, 'hex')
  );
};

/** True iff this request carries a valid SigV4a signature by the key pair derived from `credential`. */
export const verifySigV4aSignature = (
  request: SigV4aRequest,
  authorization: SigV4aAuthorization,
  { accessKeyId, secretAccessKey }: { accessKeyId: string; secretAccessKey: string }
): boolean => verifySigV4aWithKey(request, authorization, sigV4aPublicKey(accessKeyId, secretAccessKey));

/**
 * AWS SigV4 verification for the local SES stub. It re-signs the received request with the
 * SDK's own signer, so the stub accepts exactly what a real AWS endpoint would accept from the
 * SDK, without a second hand-written implementation of the canonical request that could drift.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

import { SignatureV4 } from '@smithy/signature-v4';
import type { Checksum, HeaderBag, QueryParameterBag, SourceData } from '@smithy/types';

/** The parts of an `Authorization: AWS4-HMAC-SHA256 …` header. */
export type SigV4Authorization = {
  accessKeyId: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
};

export type SigningCredential = { accessKeyId: string; secretAccessKey: string };

export type ReceivedRequest = {
  method: string;
  /** The request target as received (path still percent-encoded, plus the query). */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
};

const authorizationPattern =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/\d{8}\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/;

export const parseAuthorization = (header: string | undefined): SigV4Authorization | undefined => {
  const match = header === undefined ? null : authorizationPattern.exec(header.trim());
  if (!match) {
    return undefined;
  }
  const [, accessKeyId = '', region = '', service = '', signedHeaders = '', signature = ''] = match;
  return { accessKeyId, region, service, signedHeaders: signedHeaders.split(';'), signature };
};

/** True iff `authorization.signature` is what `credential` signs for this request. */
export const verifySignature = async (
  request: ReceivedRequest,
  authorization: SigV4Authorization,
  credential: SigningCredential
): Promise<boolean> => {
  const signingDate = parseAmzDate(request.headers['x-amz-date']);
  if (!signingDate) {
    return false;
  }
  // The signer takes the payload hash from X-Amz-Content-Sha256 when the request has one, so a
  // body changed after signing would pass unless the header is held to the body received.
  const declaredHash = request.headers['x-amz-content-sha256'];
  if (declaredHash !== undefined && declaredHash !== createHash('sha256').update(request.body).digest('hex')) {
    return false;
  }
  const target = new URL(request.url, 'http://stub.invalid');
  const query: QueryParameterBag = {};
  for (const [name, value] of target.searchParams) {
    const previous = query[name];
    query[name] = previous == null ? value : [previous, value].flat();
  }
  // Only the headers the client signed: the signer signs every header it is given, and proxies
  // or Node itself may add unsigned ones (Connection) that must not change the result.
  const headers: HeaderBag = {};
  for (const name of authorization.signedHeaders) {
    const value = request.headers[name];
    if (value !== undefined) {
      headers[name] = Array.isArray(value) ? value.join(',') : value;
    }
  }
  const signer = new SignatureV4({
    credentials: credential,
    region: authorization.region,
    service: authorization.service,
    sha256: NodeSha256,
  });
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: 'https:',
      hostname: 'stub.invalid',
      // The raw, still-encoded path: the signer encodes it once more, as the client's did.
      path: target.pathname,
      query,
      headers,
      body: request.body,
    },
    { signingDate }
  );
  return parseAuthorization(signed.headers.authorization)?.signature === authorization.signature;
};

/** `20240131T235959Z` → Date; undefined when absent or malformed. */
const parseAmzDate = (value: string | string[] | undefined): Date | undefined => {
  const pattern = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
  const match = typeof value === 'string' ? pattern.exec(value) : null;
  if (!match) {
    return undefined;
  }
  const [, year, month, day, hours, minutes, seconds] = match;
  return new Date(`${year}-${month}-${day}T${hours}:${minutes}:${seconds}Z`);
};

/** SHA-256 / HMAC-SHA256 on node:crypto, in the shape the signer expects (no extra package). */
class NodeSha256 implements Checksum {
  private hash: Hash | Hmac;

  constructor(private readonly secret?: SourceData) {
    this.hash = this.create();
  }

  update(data: Uint8Array): void {
    this.hash.update(data);
  }

  async digest(): Promise<Uint8Array> {
    return this.hash.digest();
  }

  reset(): void {
    this.hash = this.create();
  }

  private create(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', toBytes(this.secret));
  }
}

const toBytes = (data: SourceData): string | Uint8Array =>
  typeof data === 'string'
    ? data
    : ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data);

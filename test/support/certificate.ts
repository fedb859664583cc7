/**
 * A throwaway TLS certificate for the local SES stub. `selfsigned` builds it on node:crypto, so it
 * needs no openssl binary; an EC P-256 key takes milliseconds where RSA takes far longer.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { generate } from 'selfsigned';

export type TestCertificate = {
  key: string;
  /** PEM; a client trusts the stub by passing it as `ca`. */
  cert: string;
  /** The PEM on disk, for NODE_EXTRA_CA_CERTS in a child process. */
  path: string;
  dispose(): Promise<void>;
};

export const createTestCertificate = async (): Promise<TestCertificate> => {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    // Back-dated an hour so a client clock slightly behind ours still accepts it.
    notBeforeDate: new Date(Date.now() - 3_600_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      // Clients match the URL's host against these names only, never the common name.
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  const directory = await mkdtemp(join(tmpdir(), 'ses-stub-'));
  const path = join(directory, 'certificate.pem');
  await writeFile(path, pems.cert);
  return {
    key: pems.private,
    cert: pems.cert,
    path,
    dispose: async () => rm(directory, { recursive: true, force: true }),
  };
};

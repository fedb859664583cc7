/**
 * The SES stub (test/support/ses-stub.ts) in a process of its own, so its CPU time is not the
 * sender's and a busy stub cannot pause a sender's event loop. Calls:
 *
 * - `start(options)`: starts it and returns its URL and, over TLS, its certificate's path, for
 *   the senders' NODE_EXTRA_CA_CERTS;
 * - `counts()`: its connection and request counters;
 * - `reset()`: zeroes them between runs.
 *
 * Nothing is recorded (`record: false`): 100,000 stored mails would be the stub's memory, not
 * the sender's, but would slow the stub down as the run goes on.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startSesStub, type SesStub, type StubOptions } from '../test/support/ses-stub.js';

import { serve } from './ipc.js';

export type StubInfo = { url: string; certificatePath?: string };
export type StubCounts = SesStub['counts'];

let stub: SesStub | undefined;
let caDirectory: string | undefined;

/**
 * A copy of the certificate in a folder of the benchmark's own: the stub's temporary folder has a
 * shared prefix, and a sender started after someone cleaned it would distrust the stub.
 */
const keepCertificate = (pem: string) => {
  caDirectory = mkdtempSync(join(tmpdir(), 'connector-aws-ses-bench-'));
  const path = join(caDirectory, 'stub-ca.pem');
  writeFileSync(path, pem);
  return path;
};

const started = () => {
  if (!stub) {
    throw new Error('start the stub first');
  }
  return stub;
};

serve(
  {
    start: async (options: StubOptions): Promise<StubInfo> => {
      stub = await startSesStub({ ...options, record: false });
      return { url: stub.url, ...(stub.certificatePem && { certificatePath: keepCertificate(stub.certificatePem) }) };
    },
    counts: (): StubCounts => ({ ...started().counts }),
    reset: () => {
      started().reset();
    },
  },
  async () => {
    await stub?.close();
    if (caDirectory) {
      rmSync(caDirectory, { recursive: true, force: true });
    }
  }
);

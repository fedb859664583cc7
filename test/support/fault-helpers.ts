/**
 * What several fault suites share: fault sequences, an isolated credential chain and a config
 * without keys for it, a caught ConnectorError and its renderings, waiting for the stub's
 * connections to close, and the stub a suite runs against.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before } from 'node:test';
import { inspect } from 'node:util';

import { ConnectorError } from '@logto/connector-kit';

import { destroyClients } from '../../src/index.js';
import { keyId, secret } from './fixtures.js';
import { startSesStub, type Fault, type SesStub } from './ses-stub.js';

/** Fails each request with the faults in order, then answers 'ok'. */
export const sequence =
  (...faults: Fault[]) =>
  ({ sequence: index }: { sequence: number }): Fault =>
    faults[index - 1] ?? 'ok';

/** The default chain must find only what a test puts in the environment, never this machine's files or IMDS. */
export const isolateDefaultChain = () => {
  for (const name of Object.keys(process.env).filter(
    (key) => key.startsWith('AWS_') && key !== 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'
  )) {
    delete process.env[name];
  }
  process.env.AWS_CONFIG_FILE = '/nonexistent/aws/config';
  process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/aws/credentials';
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
};

/** `config` without its keys, so the default chain (or a role assumed over it) must supply them. */
export const withoutKeys = ({ accessKeyId, accessKeySecret, ...rest }: Record<string, unknown>) => {
  assert.ok(accessKeyId && accessKeySecret, 'the config had keys to remove');
  return rest;
};

/** A caught value that must be a ConnectorError. */
export const asConnectorError = (error: unknown): ConnectorError => {
  assert.ok(error instanceof ConnectorError, `expected a ConnectorError, got ${String(error)}`);
  return error;
};

/** Every rendering of an error a log or a screen could show. */
export const renderings = (error: ConnectorError) => [
  error.message,
  String(error.stack),
  JSON.stringify(error),
  JSON.stringify(error.data),
  inspect(error, { showHidden: true, depth: null }),
];

/** Waits (up to 2 s) until the stub has seen every client connection close. */
export const connectionsClosed = async (stub: SesStub) => {
  for (let waited = 0; stub.counts.openConnections > 0 && waited < 2000; waited += 10) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

/**
 * The SES stub with the sample keys, for the suite that calls this: started before it; between
 * tests the shared clients destroyed and their connections seen closed (an attempt written just
 * before a deadline may reach the stub after its test settled), then the counts reset; closed after.
 */
export const useSesStub = (): { readonly stub: SesStub } => {
  let current: SesStub | undefined;
  before(async () => {
    current = await startSesStub({ credentials: { [keyId]: { secretAccessKey: secret } } });
  });
  afterEach(async () => {
    await destroyClients();
    await connectionsClosed(current!);
    current!.reset();
  });
  after(async () => {
    await current?.close();
  });
  return {
    get stub() {
      assert.ok(current, 'the stub starts before the suite');
      return current;
    },
  };
};

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { frontLocalSes } from './front-door.js';
import type { StoredEmail } from './stored-email.js';

export type { StoredEmail } from './stored-email.js';

export type LocalSes = {
  /** The SES endpoint to put in the connector's `endpoint` (or AWS_ENDPOINT_URL_SESV2). */
  url: string;
  /** Every email received so far, oldest first, read over HTTP as any client would. */
  emails: () => Promise<StoredEmail[]>;
  stop: () => Promise<void>;
};

type StartServer = (config?: { host?: string; port?: number }) => Promise<Server>;

/**
 * aws-ses-v2-local is an optional peer dependency: it brings 118 packages (29 MB) that a Logto
 * operator installing the connector should not get. `npm start` in this repository has it (a
 * devDependency); elsewhere `logto-ses dev` says how to add it.
 */
export class LocalSesMissing extends Error {
  override name = 'LocalSesMissing';
  constructor() {
    super(
      'logto-ses dev runs the local SES server aws-ses-v2-local, which is not installed here (it is an optional peer dependency, so Logto installs do not carry it). Install it next to this package with `npm install aws-ses-v2-local@^2.10.2`, or run `npm start` in a clone of this repository.'
    );
  }
}

const importLocalSes = async () => {
  try {
    return (await import('aws-ses-v2-local')) as unknown as { default: StartServer | { default: StartServer } };
  } catch (error: unknown) {
    const { code, message } = error as { code?: string; message?: string };
    if (code === 'ERR_MODULE_NOT_FOUND' && message?.includes("'aws-ses-v2-local'")) {
      throw new LocalSesMissing();
    }
    throw error;
  }
};

/**
 * A healthy production account, for `GetAccount`. aws-ses-v2-local answers GetAccount only with
 * what its AWS_SES_ACCOUNT environment variable holds (all of these fields), and a 400 without it.
 */
export const localAccount = {
  DedicatedIpAutoWarmupEnabled: false,
  Details: {
    AdditionalContactEmailAddresses: [],
    ContactLanguage: 'EN',
    MailType: 'TRANSACTIONAL',
    ReviewDetails: { CaseId: 'local', Status: 'GRANTED' },
    UseCaseDescription: 'Local development',
    WebsiteURL: 'http://127.0.0.1',
  },
  EnforcementStatus: 'HEALTHY',
  ProductionAccessEnabled: true,
  SendingEnabled: true,
  SendQuota: { Max24HourSend: 50_000, MaxSendRate: 14, SentLast24Hours: 0 },
  SuppressionAttributes: { SuppressedReasons: [] },
};

/**
 * Starts `aws-ses-v2-local`, the SESv2-compatible server, in this process. It is imported only
 * here, when asked for, so loading the connector never loads it. Its store is per process.
 * `account` is what GetAccount answers; it is set through the process environment, as
 * aws-ses-v2-local reads it, so it holds for every local SES in this process.
 */
export const startLocalSes = async ({
  port = 0,
  account,
}: { port?: number; account?: typeof localAccount } = {}): Promise<LocalSes> => {
  if (account) {
    process.env.AWS_SES_ACCOUNT = JSON.stringify(account);
  }
  const module = await importLocalSes();
  const start = typeof module.default === 'function' ? module.default : module.default.default;
  // Its CLI binds every interface by default; this project talks to 127.0.0.1 only.
  const server = await start({ host: '127.0.0.1', port });
  // Its start function resolves even when listening failed; the server is then not listening.
  if (!server.listening) {
    server.close();
    throw Object.assign(new Error(`Could not listen on 127.0.0.1:${port}: the port is in use.`), {
      code: 'EADDRINUSE',
    });
  }
  const { port: boundPort } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${boundPort}`;
  const emails = async () => {
    const response = await fetch(`${url}/store`);
    if (!response.ok) {
      throw new Error(`GET ${url}/store answered ${response.status}`);
    }
    return ((await response.json()) as { emails: StoredEmail[] }).emails;
  };
  // Synchronously after the start resolved: no request can have been read before the front door is on.
  frontLocalSes(server, boundPort, emails);

  return {
    url,
    emails,
    stop: async () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
};

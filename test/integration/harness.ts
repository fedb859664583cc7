/**
 * Shared helpers for the integration tests: a local SES, the connector created the way Logto
 * creates it, a counting TCP proxy, and assertions on ConnectorErrors.
 */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { createServer, connect, type Server, type Socket, type AddressInfo } from 'node:net';

import {
  ConnectorError,
  type EmailConnector,
  type GetI18nEmailTemplate,
  type SendMessageData,
  type TemplateType,
} from '@logto/connector-kit';

import { startLocalSes, type LocalSes, type StoredEmail } from '../../src/dev/local-ses.js';
import createConnector, { destroyClients } from '../../src/index.js';
import { failureDataOf } from '../../src/transport/failure-data.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export type ConnectorUnderTest = {
  connector: EmailConnector;
  /** Every `getConfig(id)` call's id. */
  configIds: string[];
  /** Every `getI18nEmailTemplate(type, locale)` call. */
  i18nCalls: Array<[TemplateType, string | undefined]>;
};

/** Creates the connector through its default export, exactly as Logto does. */
export const makeConnector = async ({
  savedConfig,
  getI18nEmailTemplate,
}: {
  savedConfig?: unknown;
  getI18nEmailTemplate?: GetI18nEmailTemplate;
} = {}): Promise<ConnectorUnderTest> => {
  const configIds: string[] = [];
  const i18nCalls: Array<[TemplateType, string | undefined]> = [];
  const connector = await createConnector({
    getConfig: async (id) => {
      configIds.push(id);
      if (savedConfig === undefined) {
        throw new Error('no saved config');
      }
      return savedConfig;
    },
    ...(getI18nEmailTemplate && {
      getI18nEmailTemplate: async (type, locale) => {
        i18nCalls.push([type, locale]);
        return getI18nEmailTemplate(type, locale);
      },
    }),
  });
  return { connector, configIds, i18nCalls };
};

/**
 * Starts a local SES before this file's tests and a connector created as Logto creates it, and
 * stops both after them (cached SES clients included, so the process can exit).
 */
export const useLocalSes = () => {
  const local = {} as { ses: LocalSes; plain: ConnectorUnderTest };
  before(async () => {
    local.ses = await startLocalSes();
    local.plain = await makeConnector();
  });
  after(async () => {
    await destroyClients();
    await local.ses.stop();
  });
  return local;
};

/** Finds the email SES stored for `messageId`; the store is per process and cumulative. */
export const findEmail = async (ses: LocalSes, messageId: unknown): Promise<StoredEmail> => {
  assert.equal(typeof messageId, 'string', 'sendMessage must resolve to the SES MessageId');
  const emails = await ses.emails();
  const matching = emails.filter((email) => email.messageId === messageId);
  assert.equal(matching.length, 1, `exactly one stored email must have messageId ${String(messageId)}`);
  return matching[0]!;
};

/** Sends and returns the stored email, checking the returned MessageId is the stored one. */
export const sendAndFind = async (
  ses: LocalSes,
  connector: EmailConnector,
  data: SendMessageData,
  config?: unknown
): Promise<StoredEmail> => {
  const messageId = await connector.sendMessage(data, config);
  const email = await findEmail(ses, messageId);
  assert.equal(email.messageId, messageId);
  return email;
};

export const storedCount = async (ses: LocalSes) => (await ses.emails()).length;

/**
 * The code that says what went wrong. The console's "Send" test (a config passed to sendMessage)
 * gets every failure as `general`, so Logto shows its text, with the precise code in `data.code`.
 */
export const preciseCodeOf = (error: ConnectorError): string => {
  const { data } = error;
  const code = data !== null && typeof data === 'object' ? (data as Record<string, unknown>).code : undefined;
  return error.code === 'general' && typeof code === 'string' ? code : error.code;
};

/**
 * Awaits a rejection that must be a ConnectorError with `code`, and returns it. `code` is the
 * precise code (see `preciseCodeOf`); `general` asks for the presented code itself.
 */
export const expectConnectorError = async (promise: Promise<unknown>, code: string): Promise<ConnectorError> => {
  let caught: unknown;
  try {
    await promise;
  } catch (error: unknown) {
    caught = error;
  }
  assert.ok(caught !== undefined, `expected a ConnectorError with code ${code}, but the call succeeded`);
  assert.ok(
    caught instanceof ConnectorError,
    `expected a ConnectorError, got ${caught instanceof Error ? caught.stack : JSON.stringify(caught)}`
  );
  assert.equal(
    code === 'general' ? caught.code : preciseCodeOf(caught),
    code,
    `unexpected ConnectorError: ${caught.message}`
  );
  return caught;
};

/** The connector's own message (`data.message`: cause and fix), read with its own guard. */
export const textOf = (error: ConnectorError): string => failureDataOf(error).message ?? '';

/** The human-readable message a ConnectorError carries (in `data.message`, and in `message`). */
export const messageOf = (error: ConnectorError): string => {
  const { data } = error;
  const dataMessage = data !== null && typeof data === 'object' && 'message' in data ? String(data.message) : '';
  return `${error.message} ${dataMessage}`;
};

/** Any HTML tag: `<p>`, `</p>`, `<a href=…>`, `<br/>`, `<!-- -->`. */
export const htmlTag = /<\/?[a-z][^>]*>|<!--/i;

export type CountingProxy = {
  url: string;
  /** TCP connections accepted so far. */
  connections: () => number;
  /** Accepted connections the client has not closed yet. */
  openConnections: () => number;
  /** The `Credential=<key id>/<date>/<region>/<service>` scope of every request seen so far. */
  credentialScopes: () => Array<{ accessKeyId: string; region: string }>;
  stop: () => Promise<void>;
};

/**
 * A TCP proxy on 127.0.0.1 that forwards every connection to `target` (an http://host:port URL),
 * counts accepted connections and reads the SigV4 credential scope of each request it forwards.
 * It sets each request's Host to the target's, as a reverse proxy does: the local SES answers only
 * requests addressed to itself.
 */
export const startCountingProxy = async (target: string): Promise<CountingProxy> => {
  const { hostname, port, host: targetHost } = new URL(target);
  let accepted = 0;
  const transcripts: Array<{ text: string }> = [];
  const sockets = new Set<Socket>();
  const openClients = new Set<Socket>();

  const server: Server = createServer((client) => {
    accepted += 1;
    const upstream = connect({ host: hostname, port: Number(port) });
    sockets.add(client);
    sockets.add(upstream);
    openClients.add(client);
    const traffic = { text: '' };
    transcripts.push(traffic);
    client.on('data', (chunk: Buffer) => {
      const text = chunk.toString('latin1');
      traffic.text += text;
      upstream.write(Buffer.from(text.replace(/^host: [^\r\n]*/gim, `host: ${targetHost}`), 'latin1'));
    });
    client.on('end', () => upstream.end());
    upstream.pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
      openClients.delete(client);
    };
    client.on('error', close);
    upstream.on('error', close);
    client.on('close', close);
    upstream.on('close', close);
  });

  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port: proxyPort } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${proxyPort}`,
    connections: () => accepted,
    openConnections: () => openClients.size,
    credentialScopes: () =>
      transcripts.flatMap(({ text }) =>
        [...text.matchAll(/Credential=([^/\s]+)\/\d{8}\/([^/\s]+)\//g)].map((match) => ({
          accessKeyId: match[1]!,
          region: match[2]!,
        }))
      ),
    stop: async () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) {
          socket.destroy();
        }
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
};

/**
 * The ways one mail reaches the stub, from the most work per message to the least:
 *
 * - `connector`: this package's built bundle (lib/), created and called as Logto does, with no
 *   OpenTelemetry SDK registered (the operator's default);
 * - `otel`: the same, in a process with an OpenTelemetry SDK registered globally and batching
 *   exporters as docs/otel.mjs registers them (telemetry-sdk.ts), no context manager: what the
 *   connector's spans and metrics cost when recorded;
 * - `otel-context`: the same with an AsyncLocalStorage context manager too, as the Node SDK sets
 *   one up: on Node 22 it then tracks every promise of the process from the first context
 *   entered on (the exporter's own, at the latest), a cost of the operator's set-up that any
 *   instrumented code pays;
 * - `baseline`: another build of this connector (`--baseline REV`), e.g. the build before
 *   telemetry, the uninstrumented path the two above are held to;
 * - `twin`: this connector again, in a second sender process: the same code measured twice, so
 *   its ratio to `connector` is the noise floor of this machine, the smallest difference between
 *   two paths that the run can show;
 * - `official`: `@logto/connector-aws-ses` 1.5.4, which builds a new SES client (and so a new
 *   TCP+TLS connection) for every message;
 * - `bare`: one reused `SESv2Client` with the SDK's default handler, sending the same SendEmail
 *   input: the SDK's own cost, the floor for any connector built on it;
 * - `raw`: a keep-alive `https.request` posting the same JSON body, unsigned: the machine's limit.
 *
 * Each opener runs once in a fresh sender process and returns the function that sends one mail.
 */
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

import type { CreateConnector, EmailConnector } from '@logto/connector-kit';

import type * as TelemetrySdk from './telemetry-sdk.js';
import { connectorConfig, credentials, data, officialConfig, region } from './workload.js';

export const pathNames = ['connector', 'otel', 'otel-context', 'baseline', 'twin', 'official', 'bare', 'raw'] as const;
export type PathName = (typeof pathNames)[number];

/** The SendEmail request as this connector put it on the wire (see capture.ts). */
export type CapturedRequest = { path: string; body: string; contentType: string };

export type PathSetup = {
  url: string;
  captured: CapturedRequest;
  /** Where to import each connector from (entries.ts, resolved by the parent). */
  connectorEntry: string;
  officialEntry: string;
  /** The `--baseline` build's lib/index.js, for the `baseline` path. */
  baselineEntry?: string;
};

export type SendOne = () => Promise<void>;

/** Logto's view of a connector package: its default export. */
const loadConnector = async (specifier: string): Promise<EmailConnector> => {
  const { default: createConnector } = (await import(specifier)) as { default: CreateConnector<EmailConnector> };
  return createConnector({
    getConfig: async () => {
      throw new Error('the benchmark passes the config to every sendMessage');
    },
  });
};

/** Both connectors get the same config object every time, as Logto passes its saved config. */
const viaConnector =
  (connector: EmailConnector, config: unknown): SendOne =>
  async () => {
    const messageId = await connector.sendMessage(data, config);
    if (typeof messageId !== 'string') {
      throw new TypeError(`sendMessage resolved to ${String(messageId)}, not a MessageId`);
    }
  };

const openConnector = async ({ url, connectorEntry }: PathSetup) =>
  viaConnector(await loadConnector(connectorEntry), connectorConfig(url));

let telemetrySdk: typeof TelemetrySdk | undefined;

/**
 * Registered before the connector loads, as `--import ./otel.mjs` does in Logto's process. Loaded
 * from its own compiled file (compile.ts), so no other path's process loads the SDK at all.
 */
const registerSdk = async (contextManager: boolean) => {
  telemetrySdk = (await import(new URL('./telemetry-sdk.mjs', import.meta.url).href)) as typeof TelemetrySdk;
  telemetrySdk.registerTelemetrySdk({ contextManager });
};

/** What the SDK's exporters were handed; undefined in a process without the SDK. */
export const telemetrySnapshot = () => telemetrySdk?.telemetryCounts();

const openBaseline = async ({ url, baselineEntry }: PathSetup) => {
  if (!baselineEntry) {
    throw new Error('the baseline path needs --baseline REV or --baseline-lib DIR');
  }
  return viaConnector(await loadConnector(baselineEntry), connectorConfig(url));
};

/** Pointed at the stub by AWS_ENDPOINT_URL_SESV2, which the parent sets in this process's env. */
const openOfficial = async ({ officialEntry }: PathSetup) =>
  viaConnector(await loadConnector(officialEntry), officialConfig());

const openBare = async ({ url, captured }: PathSetup): Promise<SendOne> => {
  const { SESv2Client, SendEmailCommand } = await import('@aws-sdk/client-sesv2');
  const client = new SESv2Client({
    region,
    endpoint: url,
    credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.accessKeySecret },
  });
  // SESv2's REST-JSON body uses the input's member names, so the body parses back into the input.
  const input = JSON.parse(captured.body) as ConstructorParameters<typeof SendEmailCommand>[0];
  return async () => {
    const { MessageId } = await client.send(new SendEmailCommand(input));
    if (!MessageId) {
      throw new Error('SendEmail answered without a MessageId');
    }
  };
};

const openRaw = async ({ url, captured }: PathSetup): Promise<SendOne> => {
  const target = new URL(captured.path, url);
  const secure = target.protocol === 'https:';
  // The same keep-alive pool the SDK uses by default.
  const agentOptions = { keepAlive: true, maxSockets: 50 };
  const agent = secure ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
  const request = secure ? httpsRequest : httpRequest;
  const body = Buffer.from(captured.body);
  const headers = { 'content-type': captured.contentType, 'content-length': String(body.length) };

  return async () =>
    new Promise<void>((resolve, reject) => {
      const outgoing = request(target, { method: 'POST', agent, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (response.statusCode === 200 && (JSON.parse(text) as { MessageId?: string }).MessageId) {
            resolve();
          } else {
            reject(new Error(`raw POST answered ${String(response.statusCode)}: ${text.slice(0, 200)}`));
          }
        });
      });
      outgoing.on('error', reject);
      outgoing.end(body);
    });
};

export const openPath = async (name: PathName, setup: PathSetup): Promise<SendOne> => {
  switch (name) {
    case 'connector':
    case 'twin': {
      return openConnector(setup);
    }
    case 'otel': {
      await registerSdk(false);
      return openConnector(setup);
    }
    case 'otel-context': {
      await registerSdk(true);
      return openConnector(setup);
    }
    case 'baseline': {
      return openBaseline(setup);
    }
    case 'official': {
      return openOfficial(setup);
    }
    case 'bare': {
      return openBare(setup);
    }
    case 'raw': {
      return openRaw(setup);
    }
  }
};

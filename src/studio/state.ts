/**
 * What a running studio holds: its options, the run's token, the sample payloads as edited, the
 * model the page shows with its version, and the open live-reload streams, told of every change.
 */
import type { ServerResponse } from 'node:http';

import type { SendMessagePayload } from '@logto/connector-kit';

import type { AwsSesConfig } from '../config/config.js';
import { secretsIn } from '../connector/secrets-in.js';
import { readTemplateFolder } from '../templates/folder.js';
import { samplePayload } from '../templates/sample-payloads.js';
import { templateTypes } from '../templates/template-file.js';

import { newToken } from './guard.js';
import { buildModel, connectorTemplatesOf, type ConnectorTemplates, type StudioModel } from './model.js';

export type StudioOptions = {
  folder: string;
  port: number;
  fallbackLanguage: string;
  /** The connector config previews and sends use. */
  config: AwsSesConfig;
  /** The connector's templates when the folder has no `_connector/`: the config's, or the defaults. */
  connector: ConnectorTemplates;
  /** The button's words, which say where mail goes: "Send to the local SES". */
  sendLabel: string;
  /** Said after a successful send: where to read the mail. */
  sentNote?: string;
  /** Why Send cannot work in this run (no local SES installed); it then answers with this. */
  sendUnavailable?: string;
};

export type StudioState = {
  readonly options: StudioOptions;
  readonly token: string;
  /** The config's secrets and the default chain's: an endpoint may echo one back, even in a MessageId. */
  readonly secrets: readonly string[];
  readonly payloads: Record<string, SendMessagePayload>;
  readonly streams: Set<ServerResponse>;
  model: StudioModel;
  version: number;
};

/** The page's model for the folder as it is now, with these payloads. */
export const modelOf = async (options: StudioOptions, payloads: Record<string, SendMessagePayload>) => {
  const folder = await readTemplateFolder(options.folder);
  return buildModel({
    folderPath: options.folder,
    folder,
    config: options.config,
    connector: connectorTemplatesOf(folder, options.connector),
    fallbackLanguage: options.fallbackLanguage,
    payloads,
  });
};

export const createState = async (options: StudioOptions): Promise<StudioState> => {
  const payloads = Object.fromEntries(
    templateTypes.map((type) => [type, samplePayload(type, options.fallbackLanguage)])
  );
  return {
    options,
    token: newToken(),
    secrets: secretsIn(options.config),
    payloads,
    streams: new Set(),
    model: await modelOf(options, payloads),
    version: 1,
  };
};

/** Shows `next` from now on, and tells every open page to fetch it. */
export const publish = (state: StudioState, next: StudioModel) => {
  state.model = next;
  state.version += 1;
  for (const stream of state.streams) {
    stream.write(`event: change\ndata: ${state.version}\n\n`);
  }
};

/** Re-reads the folder (a file in it changed). */
export const rebuild = async (state: StudioState) => {
  publish(state, await modelOf(state.options, state.payloads));
};

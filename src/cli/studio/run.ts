/**
 * `logto-ses studio`: starts the page on 127.0.0.1, and the embedded local SES that "Send" delivers
 * to unless a connector config is given, opens the browser, and serves until Ctrl-C.
 */
import { stat } from 'node:fs/promises';

import { parseConfig, type AwsSesConfig } from '../../config/config.js';
import { defaultTemplates } from '../../connector/default-templates.js';
import { LocalSesMissing, localAccount, startLocalSes, type LocalSes } from '../../dev/local-ses.js';
import { configOption, parseFlags, portOf } from '../args.js';
import { exitCodes, UsageError } from '../command.js';
import { messageOf, print, printError } from '../output.js';
import { readConfig } from '../read-config.js';
import { readLogtoSettings } from '../../templates/folder.js';
import { defaultFolder } from '../templates/pull.js';

import type { ConnectorTemplates } from '../../studio/model.js';
import { startStudio } from '../../studio/server.js';

import { openThroughFile, type OpenedThroughFile } from './open-browser.js';

/**
 * Ctrl-C (or SIGTERM) from the moment the command starts, so one during start-up stops it too;
 * `release` gives the signals back, on every way out, so a run that ends early (a busy port)
 * leaves no handler that would swallow the next Ctrl-C.
 */
const stopSignal = () => {
  let release = () => {};
  const stopped = new Promise<void>((resolve) => {
    const stop = () => {
      release();
      resolve();
    };
    release = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return { stopped, release };
};

const toConnectorTemplates = (source: string, templates: AwsSesConfig['templates']): ConnectorTemplates => ({
  source,
  templates: templates.map(({ usageType, subject, content, contentType }) => ({
    usageType,
    details: { subject, content, ...(contentType && { contentType }) },
  })),
});

type SendingSetUp = {
  config: AwsSesConfig;
  connector: ConnectorTemplates;
  label: string;
  note?: string;
  ses?: LocalSes;
  /** Why Send cannot work in this run; previews still do. */
  unavailable?: string;
};

const defaultSender = 'Logto <noreply@example.com>';

/**
 * Sends go to the operator's SES with their config, else to an embedded local SES. Where the
 * local SES (an optional peer dependency) is not installed, the studio still previews.
 */
const sendingSetUp = async (configPath: string | undefined): Promise<SendingSetUp> => {
  if (configPath !== undefined) {
    const loaded = await readConfig(configPath);
    const config = parseConfig(loaded.config);
    return {
      config,
      connector: toConnectorTemplates(`the config in ${loaded.source}`, config.templates),
      label: `Send with ${loaded.source} (SES ${config.region})`,
    };
  }
  let ses: LocalSes;
  try {
    ses = await startLocalSes({ port: 0, account: localAccount });
  } catch (error: unknown) {
    if (!(error instanceof LocalSesMissing)) {
      throw error;
    }
    return {
      config: parseConfig({ region: 'us-east-1', emailAddress: defaultSender, templates: defaultTemplates }),
      connector: toConnectorTemplates("the connector's default templates", defaultTemplates),
      label: 'Send (unavailable)',
      unavailable:
        'Send needs a local SES: install aws-ses-v2-local next to this package (npm install aws-ses-v2-local@^2.10.2), or restart the studio with --config FILE to send through your SES.',
    };
  }
  const config = parseConfig({
    accessKeyId: 'local',
    accessKeySecret: 'local-ses-dummy-secret',
    region: 'us-east-1',
    endpoint: ses.url,
    emailAddress: defaultSender,
    templates: defaultTemplates,
  });
  return {
    config,
    connector: toConnectorTemplates("the connector's default templates", defaultTemplates),
    label: 'Send to the local SES',
    note: `read it at ${ses.url}/`,
    ses,
  };
};

/** Everything after the flags: the sending set-up, the page, and serving until `stopped`. */
const serveUntilStopped = async (
  flags: { dir: string; config?: string | undefined; 'no-open': boolean },
  port: number,
  fallbackLanguage: string,
  stopped: Promise<void>
): Promise<number> => {
  let setUp;
  try {
    setUp = await sendingSetUp(flags.config);
  } catch (error: unknown) {
    if (error instanceof UsageError) {
      throw error;
    }
    printError(`Studio failed: ${messageOf(error)}`);
    return exitCodes.failure;
  }

  let page;
  try {
    page = await startStudio({
      folder: flags.dir,
      port,
      fallbackLanguage,
      config: setUp.config,
      connector: setUp.connector,
      sendLabel: setUp.label,
      ...(setUp.note && { sentNote: setUp.note }),
      ...(setUp.unavailable && { sendUnavailable: setUp.unavailable }),
    });
  } catch (error: unknown) {
    await setUp.ses?.stop();
    if ((error as { code?: string }).code === 'EADDRINUSE') {
      printError(`Port ${port} on 127.0.0.1 is in use: pass another with --port N (0 picks a free one).`);
      return exitCodes.failure;
    }
    throw error;
  }

  print(`Email template studio for ${flags.dir}/ (fallback language ${fallbackLanguage})`);
  print(`Open: ${page.url}`);
  print(
    setUp.unavailable ??
      (setUp.ses
        ? `"Send" delivers to the local SES at ${setUp.ses.url} (received mail: ${setUp.ses.url}/, JSON: ${setUp.ses.url}/store)`
        : `"Send" delivers through SES with the config in ${flags.config ?? ''}, to the address you type.`)
  );
  print('The page reloads when a file in the folder changes. Serving until Ctrl-C.');
  // The token stays off every command line: the browser is handed a file that redirects.
  let opened: OpenedThroughFile | undefined;
  if (!flags['no-open']) {
    opened = await openThroughFile(page.url).catch((error: unknown) => {
      printError(`Could not open a browser (${messageOf(error)}): open the address above.`);
      return undefined;
    });
  }

  await stopped;
  await opened?.remove();
  await page.stop();
  await setUp.ses?.stop();
  print('Studio stopped.');
  return exitCodes.success;
};

export const studio = async (args: string[]): Promise<number> => {
  const flags = parseFlags(args, {
    ...configOption,
    dir: { type: 'string', default: defaultFolder },
    port: { type: 'string', default: '0' },
    'fallback-language': { type: 'string' },
    'no-open': { type: 'boolean', default: false },
  });
  const port = portOf(flags.port, '--port');
  const info = await stat(flags.dir).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new UsageError(`No templates folder at ${flags.dir}: run "logto-ses templates pull" first, or pass --dir.`);
  }
  // The fallback language pull recorded from Logto's sign-in experience, unless told otherwise.
  const fallbackLanguage = flags['fallback-language'] ?? (await readLogtoSettings(flags.dir)).fallbackLanguage ?? 'en';
  const signal = stopSignal();
  try {
    return await serveUntilStopped(flags, port, fallbackLanguage, signal.stopped);
  } finally {
    signal.release();
  }
};

import { readFile, writeFile } from 'node:fs/promises';

import { TemplateType } from '@logto/connector-kit';

import { defaultTemplates } from '../../connector/default-templates.js';
import { LocalSesMissing, localAccount, startLocalSes, type LocalSes } from '../../dev/local-ses.js';
import { destroyClients } from '../../transport/client-cache.js';
import { isLoopbackUrl } from '../../config/loopback.js';
import { parseFlags, portOf } from '../args.js';
import { exitCodes, UsageError, type Command } from '../command.js';
import { messageOf, print, printError } from '../output.js';
import { sendAsConsoleTest } from '../send-as-console.js';

const defaultPort = 8005;
const sampleRecipient = 'tester@example.com';

const help = `logto-ses dev: a local SES to develop against (what npm start runs)

Usage: logto-ses dev [--port ${defaultPort}] [--no-sample] [--write-config FILE]

  --port PORT          The local SES's port on 127.0.0.1 (default ${defaultPort}; 0 picks a free one)
  --no-sample          Do not send the sample email at start
  --write-config FILE  Also save the printed config to FILE (mode 0600), for --config FILE. An
                       existing file is replaced only if it is a config dev wrote.

Starts aws-ses-v2-local on 127.0.0.1, prints a connector config that sends to it, sends the
console's test email (Generic, code 000000) through the connector, and shows where received mail
can be read. Serves until Ctrl-C (SIGINT) or SIGTERM, then stops cleanly.`;

/** A complete config for the local SES; it checks that requests are signed, not by whom. */
const localConfig = (endpoint: string) => ({
  accessKeyId: 'local',
  accessKeySecret: 'local-ses-dummy-secret',
  region: 'us-east-1',
  endpoint,
  emailAddress: 'Logto <noreply@example.com>',
  // The Generic template alone serves every usage type.
  templates: defaultTemplates.filter(({ usageType }) => usageType === TemplateType.Generic),
});

/** A file dev wrote before (its dummy secret, a loopback endpoint): replacing it loses nothing. */
const writtenByDev = (text: string) => {
  try {
    const config = JSON.parse(text) as Partial<Record<string, unknown>>;
    return (
      config.accessKeySecret === localConfig('').accessKeySecret &&
      typeof config.endpoint === 'string' &&
      isLoopbackUrl(config.endpoint)
    );
  } catch {
    return false;
  }
};

/**
 * Checked before the local SES starts. Any other file may be a real config with real keys, so it
 * is never overwritten.
 */
const refuseToOverwrite = async (path: string) => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error: unknown) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') {
      return;
    }
    throw new UsageError(`--write-config ${path}: it exists and cannot be read (${code ?? 'error'}).`);
  }
  if (!writtenByDev(text)) {
    throw new UsageError(
      `--write-config ${path}: the file exists and is not a config logto-ses dev wrote, so it is not overwritten. Remove it, or name another file.`
    );
  }
};

/**
 * Mode 0600 although the keys are dummies: the file is a connector config, one people copy and
 * fill in with real keys, and then it is private already.
 */
const saveConfig = async (path: string, config: ReturnType<typeof localConfig>) => {
  await writeFile(path, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
};

const nextStopSignal = async () =>
  new Promise<NodeJS.Signals>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

const sendSample = async (ses: LocalSes, config: ReturnType<typeof localConfig>) => {
  const messageId = await sendAsConsoleTest(
    { to: sampleRecipient, type: TemplateType.Generic, payload: { code: '000000' } },
    config
  );
  const received = (await ses.emails()).find((email) => email.messageId === messageId);
  print(`Sent a sample Generic email to ${sampleRecipient} through the connector: MessageId ${String(messageId)}`);
  print(`The local SES received it: subject "${received?.subject ?? '?'}", from ${received?.from ?? '?'}`);
};

const run = async (args: string[]): Promise<number> => {
  const values = parseFlags(args, {
    port: { type: 'string', default: String(defaultPort) },
    'no-sample': { type: 'boolean', default: false },
    'write-config': { type: 'string' },
  });
  const port = portOf(values.port, '--port');
  const configFile = values['write-config'];
  if (configFile !== undefined) {
    await refuseToOverwrite(configFile);
  }
  // Listening from the start, so Ctrl-C at any point stops the local SES cleanly.
  const stopSignal = nextStopSignal();

  let ses: LocalSes;
  try {
    ses = await startLocalSes({ port, account: localAccount });
  } catch (error: unknown) {
    if (error instanceof LocalSesMissing) {
      printError(error.message);
      return exitCodes.failure;
    }
    if ((error as { code?: string }).code === 'EADDRINUSE') {
      printError(`Port ${port} on 127.0.0.1 is in use: pass another with --port N (0 picks a free one).`);
      return exitCodes.failure;
    }
    throw error;
  }

  const config = localConfig(ses.url);
  print(`Local SES (aws-ses-v2-local) listening at ${ses.url}`);
  print(`Received mail: ${ses.url}/ (web page) and ${ses.url}/store (JSON)`);
  print('\nA connector config that sends to it (save it as local-ses.json for --config local-ses.json,');
  print("or enter it in a local Logto's connector settings):");
  print(JSON.stringify(config, null, 2));
  print();

  const stop = async () => {
    destroyClients();
    await ses.stop();
  };
  if (configFile !== undefined) {
    try {
      await saveConfig(configFile, config);
    } catch (error: unknown) {
      printError(`The config could not be saved to ${configFile}: ${messageOf(error)}`);
      await stop();
      return exitCodes.failure;
    }
    print(`Saved to ${configFile}.\n`);
  }
  if (!values['no-sample']) {
    try {
      await sendSample(ses, config);
    } catch (error: unknown) {
      printError(`The sample email failed: ${messageOf(error)}`);
      await stop();
      return exitCodes.failure;
    }
  }
  print('\nServing until Ctrl-C.');
  await stopSignal;
  await stop();
  print('Local SES stopped.');
  return exitCodes.success;
};

export const dev: Command = {
  name: 'dev',
  summary: 'run a local SES (aws-ses-v2-local), send a sample email, serve until Ctrl-C',
  help,
  run,
};

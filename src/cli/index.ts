#!/usr/bin/env node
/**
 * `npm start`: a local SES to develop against. Starts `aws-ses-v2-local` on 127.0.0.1, sends the
 * console's test mail (type Generic, code 000000) through the connector exactly as Logto would,
 * prints what the local SES received, and keeps serving until Ctrl-C.
 */
import { parseArgs } from 'node:util';

import { TemplateType } from '@logto/connector-kit';

import createConnector, { destroyClients } from '../index.js';

import { startLocalSes } from '../dev/local-ses.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { values } = parseArgs({ options: { port: { type: 'string', default: '8005' } }, allowPositionals: true });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`--port must be a port number (0 to 65535), got "${values.port}"`);
  process.exit(2);
}

const ses = await startLocalSes({ port }).catch((error: unknown) => {
  if ((error as { code?: string }).code === 'EADDRINUSE') {
    console.error(`Port ${port} is in use on 127.0.0.1: pass another with npm start -- --port N (0 picks a free one).`);
    process.exit(1);
  }
  throw error;
});

const connector = await createConnector({
  getConfig: async () => {
    throw new Error('the sample passes its config directly, as the console does');
  },
});
const templates = connector.metadata.formItems?.find(({ key }) => key === 'templates')?.defaultValue;
const config = {
  // The local SES checks only that a request is signed, not by whom.
  accessKeyId: 'local',
  accessKeySecret: 'any-value',
  region: 'us-east-1',
  endpoint: ses.url,
  emailAddress: 'Logto <noreply@example.com>',
  templates,
};

console.log(`Local SES listening at ${ses.url} (received mail: ${ses.url}/ and ${ses.url}/store)`);
console.log('A connector config that points at it:');
console.log(JSON.stringify({ ...config, templates: '[the default templates]' }, null, 2));

const messageId = await connector.sendMessage(
  { to: 'tester@example.com', type: TemplateType.Generic, payload: { code: '000000' } },
  config
);
const received = (await ses.emails()).find((email) => email.messageId === messageId);
console.log(`\nSent a Generic test mail; SES answered MessageId ${String(messageId)}. The local SES received:`);
console.log(JSON.stringify(received, null, 2));
console.log('\nThe local SES keeps running. Press Ctrl-C to stop.');

const stop = async () => {
  destroyClients();
  await ses.stop();
  console.log('Local SES stopped.');
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

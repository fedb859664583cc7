#!/usr/bin/env node
/** The `logto-ses` executable: the process's settings, then one command line (main.ts). */
import { quietSendLog } from '../connector/log-switch.js';

import { runCli } from './main.js';

// The SDK prints a notice on a Node older than 22, which `engines` (^22.14.0 || >=24) already
// refuses; it would only bury the tool's own output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// A reader that stops early (`logto-ses check | head`) is no error of this tool.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') {
    throw error;
  }
  process.exit();
});

// The tool prints each send's outcome itself; the connector's log line is for Logto's log.
quietSendLog();
process.exitCode = await runCli(process.argv.slice(2));

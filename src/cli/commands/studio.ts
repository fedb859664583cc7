import { studio as run } from '../studio/run.js';
import type { Command } from '../command.js';

const help = `logto-ses studio: write and preview Logto's email templates, and send them, in a local page

Usage: logto-ses studio [--dir email-templates] [--config FILE] [--fallback-language en] [--port 0] [--no-open]

  --dir DIR                The templates folder (default email-templates; see logto-ses templates)
  --config FILE            The connector config: its sender, and "Send" goes through its SES to
                           the address you type. Without it, "Send" delivers to an embedded local SES.
  --fallback-language TAG  The sign-in experience's fallback language (default: the one pull
                           recorded in DIR/logto.json, else en)
  --port PORT              The page's port on 127.0.0.1 (default 0: a free one)
  --no-open                Print the address without opening a browser

Shows every language × usage type: which template Logto would choose and why, each email as it
will arrive (From, Reply-To, Subject; how SES sends it: tenant, tracking, extra headers, tags; the
HTML at desktop and phone width, the text part) with the FAIL lines push would print for it. The page reloads when a file changes. It answers on 127.0.0.1
only, to the printed address with its one-time token. Serves until Ctrl-C.`;

/** Thin; imported statically for the reason given in templates.ts: the connector's chunks stay as they were. */
export const studio: Command = {
  name: 'studio',
  summary: 'a local page that previews every email template as it will arrive, live, with Send',
  help,
  run,
};

/**
 * Opens the studio in the browser the way Jupyter does. The address carries the run's token, and
 * a command line is readable by every user of the machine (`ps`, /proc/PID/cmdline), so the opener
 * is given a file instead: a page in a private temporary folder (0700), readable by its owner
 * only (0600), that redirects to the address.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { html } from '../../studio/html.js';

/** Starts a program; what it is passed is visible to every user of the machine. */
export type Opener = (command: string, args: readonly string[]) => void;

/** Best effort: without a desktop (a server, CI) the printed address is enough. */
export const spawnOpener: Opener = (command, args) => {
  try {
    spawn(command, args, { detached: true, stdio: 'ignore' })
      .on('error', () => undefined)
      .unref();
  } catch {
    // No opener installed.
  }
};

/** The desktop's "open this" program and its arguments for `target`. */
export const openerCommand = (target: string, platform: NodeJS.Platform = process.platform): [string, string[]] =>
  platform === 'darwin'
    ? ['open', [target]]
    : platform === 'win32'
      ? ['cmd', ['/c', 'start', '', target]]
      : ['xdg-open', [target]];

/** The address is text to html`…`, escaped in both attributes like any other value. */
const redirectPage = (url: string) =>
  html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="refresh" content="0;url=${url}" />
        <title>Opening the email template studio</title>
      </head>
      <body>
        <p>Opening the studio… If nothing happens, <a href="${url}">open it here</a>.</p>
      </body>
    </html>`.markup;

export type OpenedThroughFile = {
  /** The redirect page the opener was given. */
  file: string;
  /** Deletes the page and its folder; the studio calls it when it stops. */
  remove: () => Promise<void>;
};

/** Writes the redirect page for `url` and hands only its file address to `open`. */
export const openThroughFile = async (url: string, open: Opener = spawnOpener): Promise<OpenedThroughFile> => {
  // mkdtemp makes the folder 0700; `wx` refuses a file already there.
  const folder = await mkdtemp(join(tmpdir(), 'logto-ses-studio-'));
  const file = join(folder, 'open.html');
  await writeFile(file, redirectPage(url), { mode: 0o600, flag: 'wx' });
  const [command, args] = openerCommand(pathToFileURL(file).href);
  open(command, args);
  return { file, remove: async () => rm(folder, { recursive: true, force: true }) };
};

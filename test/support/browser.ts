/**
 * The Chromium every browser test drives: the build that the devDependency @sparticuz/chromium
 * ships inside its npm package, so `npm install` brings it, nothing is downloaded at run time and
 * no system browser is needed. playwright-core drives it.
 *
 * The package unpacks its Brotli archives into `os.tmpdir()` and reuses whatever it finds there,
 * even a half-written file or another version's. Here it unpacks into a fresh folder that is then
 * renamed into place, one folder per package version under node_modules/.cache, so parallel test
 * runs never see a partial browser and an upgrade never runs an old one.
 *
 * Fonts come from the package too (Open Sans, with its Latin, Greek and Cyrillic letters), through a
 * fontconfig file of our own that names no system folder: text renders the same on every machine,
 * whichever fonts it has, and so do the screenshots.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import packagedChromium from '@sparticuz/chromium';
import { chromium, type Browser } from 'playwright-core';

const packageFolder = join(dirname(fileURLToPath(import.meta.resolve('@sparticuz/chromium'))), '..');

/**
 * The package's flags for a headless browser as root without a sandbox, less two kinds made for
 * AWS Lambda: those that would leave the page under test less guarded than in a user's browser
 * (same-origin policy, mixed content), and --single-process, with which closing a page's context
 * closes the whole browser.
 */
const droppedFlags = new Set([
  '--disable-web-security',
  '--allow-running-insecure-content',
  '--disable-site-isolation-trials',
  '--single-process',
]);

/**
 * This machine's network is closed: Chromium's own background connections (updates, sync, field
 * trials, QUIC probes) would be refused, many at a time, and slow every start.
 */
const quietFlags = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/**
 * Software rendering on the CPU, no WebGL through the package's SwiftShader: with SwiftShader, about
 * one phone screenshot in ten differed from the others by a few pixels of antialiasing (3 of 32
 * here); with --disable-gpu, 92 in a row under load were the same bytes.
 */
packagedChromium.setGraphicsMode = false;
const renderFlags = ['--disable-gpu'];

/** Unpacks into a staging folder named for this process, then moves it into place in one step. */
const unpack = async (folder: string) => {
  const staging = `${folder}.${randomUUID()}`;
  await mkdir(staging, { recursive: true });
  // executablePath() reads os.tmpdir() (so TMPDIR) synchronously, before its first await, for each
  // archive it starts to unpack; pointing TMPDIR at the staging folder for that call is the only
  // way to choose where it unpacks.
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = staging;
  let unpacking: Promise<string>;
  try {
    unpacking = packagedChromium.executablePath();
  } finally {
    if (previous === undefined) {
      delete process.env.TMPDIR;
    } else {
      process.env.TMPDIR = previous;
    }
  }
  const executable = await unpacking;
  if (executable !== join(staging, 'chromium') || !existsSync(join(staging, 'fonts'))) {
    await rm(staging, { recursive: true, force: true });
    throw new Error(`@sparticuz/chromium unpacked to ${executable}, not into ${staging}: its unpacking changed`);
  }
  await writeFile(
    join(staging, 'fonts.conf'),
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
      `  <dir>${join(folder, 'fonts')}</dir>\n  <cachedir>${join(folder, 'fonts-cache')}</cachedir>\n</fontconfig>\n`
  );
  try {
    await rename(staging, folder);
  } catch (error) {
    // Another test process moved its copy first: use that one.
    await rm(staging, { recursive: true, force: true });
    if (!existsSync(join(folder, 'chromium'))) {
      throw error;
    }
  }
};

/** The unpacked browser's folder, unpacking it on the first call for this version of the package. */
const browserFolder = async () => {
  const { version } = JSON.parse(await readFile(join(packageFolder, 'package.json'), 'utf8')) as { version: string };
  const folder = join(packageFolder, '..', '..', '.cache', `sparticuz-chromium-${version}`);
  if (!existsSync(join(folder, 'chromium'))) {
    await mkdir(dirname(folder), { recursive: true });
    await unpack(folder);
  }
  return folder;
};

/** Starts the packaged Chromium, headless, with the package's fonts and no network of its own. */
export const launchBrowser = async (): Promise<Browser> => {
  const folder = await browserFolder();
  return chromium.launch({
    executablePath: join(folder, 'chromium'),
    headless: true,
    args: [...packagedChromium.args.filter((flag) => !droppedFlags.has(flag)), ...quietFlags, ...renderFlags],
    env: { ...process.env, FONTCONFIG_FILE: join(folder, 'fonts.conf') },
  });
};

/**
 * The page's stylesheet and script, which the build bundles from client/ into the package's
 * lib/studio/ (scripts/build.mjs). They are found from the package's root, the nearest folder
 * with a package.json above this module: the same folder whether this runs bundled (lib/cli/ or
 * lib/chunks/) or from source under tsx (src/studio/), where `npm run build` must have run.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Asset = { file: string; contentType: string };

export const assets: Record<string, Asset> = {
  '/studio.js': { file: 'studio.js', contentType: 'text/javascript; charset=utf-8' },
  '/studio.css': { file: 'studio.css', contentType: 'text/css; charset=utf-8' },
};

const packageRoot = (from: string): string => {
  const parent = dirname(from);
  if (existsSync(join(from, 'package.json')) || parent === from) {
    return from;
  }
  return packageRoot(parent);
};

/** Where the build put a browser bundle: lib/<name>/ of this package (also dev's viewer, lib/dev/). */
export const builtFolder = (name: string) => join(packageRoot(dirname(fileURLToPath(import.meta.url))), 'lib', name);

const folder = builtFolder('studio');

const read = new Map<string, Promise<string>>();

/** The asset's text, read once per run: a rebuild while the studio runs is seen on its next start. */
export const readAsset = async ({ file }: Asset): Promise<string> => {
  let text = read.get(file);
  if (!text) {
    text = readFile(join(folder, file), 'utf8');
    read.set(file, text);
    // A failed read (no build yet) is tried again on the next request.
    text.catch(() => read.delete(file));
  }
  return text;
};

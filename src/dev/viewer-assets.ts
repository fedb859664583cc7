/**
 * The viewer's stylesheet and script, which the build bundles from client/ into the package's
 * lib/dev/ (scripts/build.mjs). They are found from the package's root, the nearest folder with a
 * package.json above this module, as the studio finds its own (src/studio/assets.ts): the same
 * folder whether this runs bundled (lib/cli/ or lib/chunks/) or from source under tsx (src/dev/),
 * where `npm run build` must have run.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Asset } from '../studio/assets.js';

/** By path: a Map, so a request for /__proto__ or /constructor names no asset. */
export const viewerAssets: ReadonlyMap<string, Asset> = new Map([
  ['/viewer.js', { file: 'viewer.js', contentType: 'text/javascript; charset=utf-8' }],
  ['/viewer.css', { file: 'viewer.css', contentType: 'text/css; charset=utf-8' }],
]);

const packageRoot = (from: string): string => {
  const parent = dirname(from);
  if (existsSync(join(from, 'package.json')) || parent === from) {
    return from;
  }
  return packageRoot(parent);
};

const folder = join(packageRoot(dirname(fileURLToPath(import.meta.url))), 'lib', 'dev');

/** Read on each request: the viewer is asked for them once per page load, and a rebuild shows at once. */
export const readViewerAsset = async ({ file }: Asset): Promise<string> => readFile(join(folder, file), 'utf8');

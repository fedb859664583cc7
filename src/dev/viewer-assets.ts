/**
 * The viewer's stylesheet and script, which the build bundles from client/ into the package's
 * lib/dev/ (scripts/build.mjs), found as the studio finds its own (src/studio/assets.ts): from
 * source under tsx, `npm run build` must have run.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { builtFolder, type Asset } from '../studio/assets.js';

/** By path: a Map, so a request for /__proto__ or /constructor names no asset. */
export const viewerAssets: ReadonlyMap<string, Asset> = new Map([
  ['/viewer.js', { file: 'viewer.js', contentType: 'text/javascript; charset=utf-8' }],
  ['/viewer.css', { file: 'viewer.css', contentType: 'text/css; charset=utf-8' }],
]);

const folder = builtFolder('dev');

/** Read on each request: the viewer is asked for them once per page load, and a rebuild shows at once. */
export const readViewerAsset = async ({ file }: Asset): Promise<string> => readFile(join(folder, file), 'utf8');

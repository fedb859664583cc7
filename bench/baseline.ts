/**
 * Another build of this connector to measure beside the current one: `--baseline REV` builds
 * revision REV of this repository (`git archive`, then that revision's own build script) into
 * bench/.out/, inside the package so that its imports of connector-kit and zod resolve from this
 * node_modules, as they would from Logto's.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export const buildBaseline = (revision: string): string => {
  const directory = fileURLToPath(new URL(`./.out/baseline-${revision.replaceAll(/[^\w.-]/g, '_')}/`, import.meta.url));
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  const archive = execFileSync('git', ['archive', '--format=tar', revision], {
    cwd: repoRoot,
    maxBuffer: 256 * 1024 * 1024,
  });
  execFileSync('tar', ['-x', '-C', directory], { input: archive });
  execFileSync(process.execPath, ['scripts/build.mjs'], {
    cwd: directory,
    // Its build calls `npx tsc`, which must find this checkout's TypeScript rather than fetch one.
    env: {
      ...process.env,
      PATH: `${path.join(repoRoot, 'node_modules/.bin')}${path.delimiter}${process.env.PATH ?? ''}`,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return path.join(directory, 'lib');
};

/**
 * `npm pack` as a fresh clone would run it: the repository's files (tracked, or new and not
 * ignored) copied to an empty folder without lib/ or any other build output, so `prepack` has to
 * build everything the tarball needs. Only node_modules is shared, as `npm install` would
 * have made it.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, realpath, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const run = async (command: string, args: string[], cwd: string) => {
  try {
    return await execFileAsync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (error: unknown) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`\`${command} ${args.join(' ')}\` failed in ${cwd}:\n${stderr ?? ''}${stdout ?? String(error)}`, {
      cause: error,
    });
  }
};

export type PackedPackage = {
  /** The copy of the repository that was packed; its build output is there too. */
  cloneDirectory: string;
  /** Absolute path of the tarball, as `logto connector add` needs it. */
  tarball: string;
  name: string;
  version: string;
  files: string[];
};

type PackResult = Array<{ name: string; version: string; filename: string; files: Array<{ path: string }> }>;

export const packFromCleanTree = async (): Promise<PackedPackage> => {
  const workDirectory = await realpath(await mkdtemp(path.join(tmpdir(), 'connector-aws-ses-pack-')));
  const cloneDirectory = path.join(workDirectory, 'clone');
  const { stdout: listed } = await run(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--deduplicate'],
    repoRoot
  );
  const files = listed.split('\0').filter(Boolean);
  await mkdir(cloneDirectory);
  for (const file of files) {
    // A tracked file deleted in the work tree is not part of what would be committed.
    await mkdir(path.dirname(path.join(cloneDirectory, file)), { recursive: true });
    await cp(path.join(repoRoot, file), path.join(cloneDirectory, file)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') {
        throw error;
      }
    });
  }
  await symlink(path.join(repoRoot, 'node_modules'), path.join(cloneDirectory, 'node_modules'), 'dir');

  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', workDirectory], cloneDirectory);
  // npm prints the scripts' output before the JSON.
  const [packed] = JSON.parse(stdout.slice(stdout.indexOf('['))) as PackResult;
  if (!packed) {
    throw new Error(`npm pack printed no result:\n${stdout}`);
  }
  return {
    cloneDirectory,
    tarball: path.join(workDirectory, packed.filename),
    name: packed.name,
    version: packed.version,
    files: packed.files.map(({ path: file }) => file),
  };
};

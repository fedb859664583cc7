/**
 * Writing into the templates folder when the names come from the network: `pull` builds paths
 * from the language tags and types Logto answers, and a Logto (or whoever answers for it) may
 * answer `../../x`. Every path is resolved and must stay below the folder, and no part of it
 * below the folder may be a symbolic link: a link would carry the write (or the removal of the
 * sibling file) anywhere it points. The folder itself is the operator's choice and may be a link.
 */
import { constants } from 'node:fs';
import { lstat, mkdir, open, rm } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** A path `pull` will not write: outside the folder, or through a link. Nothing was written. */
export class UnsafePathError extends Error {
  override name = 'UnsafePathError';

  constructor(
    /** Relative to the folder, with "/" separators. */
    readonly path: string,
    readonly reason: string
  ) {
    super(`${path}: ${reason}`);
  }
}

const statIfAny = async (path: string) =>
  lstat(path).catch((error: unknown) => {
    if ((error as { code?: string }).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  });

/** The absolute path of `relativePath` below `folder`, once every part of it is checked. */
export const checkedPath = async (folder: string, relativePath: string): Promise<string> => {
  const root = resolve(folder);
  const target = resolve(root, relativePath);
  const inside = relative(root, target);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    throw new UnsafePathError(relativePath, 'is not inside the templates folder');
  }
  let current = root;
  for (const part of inside.split(sep)) {
    current = join(current, part);
    const info = await statIfAny(current);
    if (!info) {
      // Nothing below a missing entry exists yet, so nothing below it can be a link.
      break;
    }
    if (info.isSymbolicLink()) {
      throw new UnsafePathError(
        relative(root, current).split(sep).join('/'),
        'is a symbolic link: pull writes nothing through a link (replace it with a real file or folder)'
      );
    }
  }
  return target;
};

/**
 * Writes `text` to `relativePath` below `folder`, creating its folders. `O_NOFOLLOW` refuses a
 * link that appears between the check and the write.
 */
export const writeInside = async (folder: string, relativePath: string, text: string): Promise<void> => {
  const target = await checkedPath(folder, relativePath);
  await mkdir(dirname(target), { recursive: true });
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW;
  const file = await open(target, flags, 0o644);
  try {
    await file.writeFile(text);
  } finally {
    await file.close();
  }
};

/** Removes `relativePath` below `folder` if it exists; a link on the way is refused as above. */
export const removeInside = async (folder: string, relativePath: string): Promise<void> => {
  await rm(await checkedPath(folder, relativePath), { force: true });
};

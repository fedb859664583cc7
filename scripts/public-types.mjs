/**
 * The declaration files a consumer of the package compiles against: lib/index.d.ts and the files
 * it imports, none of the internals tsc also declared on the way. Every package they import must be
 * one of package.json's dependencies: a consumer's compiler resolves imports from what `npm install`
 * brought, so a type of a devDependency (the AWS SDK that lib/ bundles, say) or of Node (@types/node
 * is no dependency either) would leave it an import it cannot resolve.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import ts from 'typescript';

/** Whether `specifier` names `name` or a file inside it (`zod`, `zod/v3`). */
const names = (specifier, name) => specifier === name || specifier.startsWith(`${name}/`);

/**
 * Copies `entry` (a .d.ts path relative to `from`) and every declaration file it reaches through
 * relative imports into `to`; throws on an import of a package outside `dependencies`.
 * @returns the copied files, relative to `to`.
 */
export const copyPublicTypes = ({ from, to, entry, dependencies }) => {
  const copied = new Set();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop();
    if (copied.has(file)) {
      continue;
    }
    const source = path.join(from, file);
    if (!existsSync(source)) {
      throw new Error(`tsc wrote no ${file}: the public declarations are incomplete`);
    }
    const { importedFiles, referencedFiles, typeReferenceDirectives, libReferenceDirectives } = ts.preProcessFile(
      readFileSync(source, 'utf8'),
      true,
      true
    );
    for (const { fileName: specifier } of importedFiles) {
      if (specifier.startsWith('.')) {
        pending.push(path.join(path.dirname(file), specifier.replace(/\.js$/, '.d.ts')));
      } else if (!dependencies.some((name) => names(specifier, name))) {
        throw new Error(
          `lib/${file} imports ${specifier}, which package.json's dependencies do not name: ` +
            'a consumer could not resolve it. Keep its types out of what src/index.ts exports.'
        );
      }
    }
    const references = [...referencedFiles, ...typeReferenceDirectives, ...libReferenceDirectives];
    if (references.length > 0) {
      throw new Error(
        `lib/${file} has a /// <reference> to ${references.map(({ fileName }) => fileName).join(', ')}: ` +
          'a consumer may not have it. Keep Node and DOM types out of what src/index.ts exports.'
      );
    }
    mkdirSync(path.dirname(path.join(to, file)), { recursive: true });
    copyFileSync(source, path.join(to, file));
    copied.add(file);
  }
  return [...copied].sort();
};

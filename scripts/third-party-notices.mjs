/**
 * THIRD-PARTY-NOTICES.md from what the bundle really contains: esbuild's metafile lists every
 * input file, and each file under node_modules belongs to a package whose name, version, licence
 * and licence text are written out. Apache-2.0 and the BSD licences require their text (and
 * NOTICE files) to travel with redistributed code, and lib/ is such a redistribution.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const licenceFile = /^(licen[cs]e|copying|notice)(\.(md|txt))?$/i;

/** `…/node_modules/@scope/name/dist/x.js` → `…/node_modules/@scope/name`; the last node_modules wins (nested copies). */
const packageRootOf = (input) => input.match(/^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//)?.[1];

const readPackage = (root) => {
  const { name, version, license } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const files = readdirSync(root)
    .filter((file) => licenceFile.test(file))
    .sort();
  const text = files.map((file) => readFileSync(path.join(root, file), 'utf8').trim()).join('\n\n');
  return { name, version, license: typeof license === 'string' ? license : JSON.stringify(license), text };
};

/** Every package bundled into the outputs of `metafile`, sorted by name and version. */
export const bundledPackages = (metafile) => {
  const roots = new Set(Object.keys(metafile.inputs).map(packageRootOf).filter(Boolean));
  const packages = [...roots].map(readPackage);
  // A few AWS packages ship no licence file; the Apache-2.0 text of their siblings applies.
  for (const pkg of packages.filter(({ text }) => !text)) {
    const sibling = packages.find(({ license, text }) => text && license === pkg.license);
    if (!sibling) {
      throw new Error(
        `${pkg.name}@${pkg.version} (${pkg.license}) ships no licence text, and no other bundled package has its licence`
      );
    }
    pkg.text = sibling.text;
    pkg.textFrom = `${sibling.name} (${pkg.name} ships no licence file of its own)`;
  }
  return packages.sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
};

const fence = (text) => {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((ticks) => ticks.length));
  return '`'.repeat(longest + 1);
};

/** Packages sharing one licence text are listed together above it, so each text is written once. */
export const renderNotices = (packages) => {
  const byText = new Map();
  for (const pkg of packages) {
    byText.set(pkg.text, [...(byText.get(pkg.text) ?? []), pkg]);
  }
  const sections = [...byText.entries()].map(([text, group]) => {
    const list = group
      .map(
        ({ name, version, license, textFrom }) =>
          `- ${name} ${version} (${license})${textFrom ? `: text from ${textFrom}` : ''}`
      )
      .join('\n');
    return `${list}\n\n${fence(text)}text\n${text}\n${fence(text)}`;
  });
  return [
    '# Third-party notices',
    '',
    'lib/ bundles the following packages (found by the build in its esbuild metafile). Each group of',
    'packages is followed by the licence text that applies to it.',
    '',
    sections.join('\n\n'),
    '',
  ].join('\n');
};

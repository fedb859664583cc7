/**
 * A folder shaped like a Logto installation whose core ships a given `@logto/connector-kit`:
 * packages/core/node_modules holds that kit, the zod Logto pins and Logto's own CLI code (whose
 * loader checks a connector's kit range against the kit it resolves itself), and
 * packages/core/connectors is where `logto connector add` unpacks connectors.
 *
 * What Logto releases ship (Logto's CLI, each kit under an alias such as `connector-kit-4.7.0`,
 * zod 3.24.3) is a small project of its own, logto-releases/, installed with `npm ci` on first
 * use: those older packages declare the Node 20 of their time, and the project's own install
 * should not warn about engines on the Node it supports.
 * Logto's CLI and the kit are copied, not linked: Node resolves a linked module's imports from its
 * real path, which would find the repository's kit and zod instead of this folder's.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import type {
  AllConnector,
  ConnectorMetadata,
  ConnectorType,
  CreateConnector,
  GetConnectorConfig,
  GetI18nEmailTemplate,
} from '@logto/connector-kit';
import type { ZodTypeAny } from 'zod';

import { run } from './clean-pack.js';

const releasesDirectory = path.join(path.dirname(fileURLToPath(import.meta.url)), 'logto-releases');
const releaseModules = path.join(releasesDirectory, 'node_modules');

/** `npm ci` in logto-releases/ unless its node_modules already matches its lockfile. */
export const installLogtoReleases = async (): Promise<void> => {
  const lock = await readFile(path.join(releasesDirectory, 'package-lock.json'), 'utf8');
  const installed = await readFile(path.join(releaseModules, '.package-lock.json'), 'utf8').catch(() => '');
  const packagesOf = (text: string) =>
    JSON.stringify((JSON.parse(text || '{}') as { packages?: object }).packages ?? {});
  const wanted = JSON.parse(lock) as { packages: Record<string, unknown> };
  delete wanted.packages[''];
  if (installed && packagesOf(installed) === JSON.stringify(wanted.packages)) {
    return;
  }
  await run('npm', ['ci', '--no-audit', '--no-fund'], releasesDirectory);
};

/** Where logto-releases/ installed connector-kit `version`, or undefined if it did not. */
export const kitDirectory = async (version: string): Promise<string | undefined> => {
  for (const candidate of [`connector-kit-${version}`, '@logto/connector-kit']) {
    const directory = path.join(releaseModules, candidate);
    if (existsSync(directory)) {
      const { version: installed } = JSON.parse(await readFile(path.join(directory, 'package.json'), 'utf8')) as {
        version: string;
      };
      if (installed === version) {
        return directory;
      }
    }
  }
  return undefined;
};

/** The parts of `@logto/cli/lib/connector` used here (its own .d.ts pulls in server types). */
export type ConnectorPackage = { name: string; path: string };
export type ConnectorFactory = {
  metadata: ConnectorMetadata;
  type: ConnectorType;
  configGuard: ZodTypeAny;
  createConnector: CreateConnector<AllConnector>;
  path: string;
};
type LogtoConnectorLoader = {
  loadConnectorFactories: (
    connectorPackages: ConnectorPackage[],
    ignoreVersionMismatch: boolean
  ) => Promise<ConnectorFactory[]>;
  buildRawConnector: (
    factory: ConnectorFactory,
    getConnectorConfig?: GetConnectorConfig,
    getCloudServiceClient?: undefined,
    getI18nEmailTemplate?: GetI18nEmailTemplate
  ) => Promise<{ rawConnector: AllConnector; rawMetadata: ConnectorMetadata }>;
};
type LogtoCliUtils = {
  getConnectorPackagesFromDirectory: (directory: string) => Promise<ConnectorPackage[]>;
};
type LogtoCliCommands = {
  addConnectorsToPath: (connectorsDirectory: string, packageNames: string[]) => Promise<void>;
};

export type LogtoFolder = {
  root: string;
  connectorsDirectory: string;
  coreModules: string;
  /** Imports a module as Logto's core would resolve it (its kit, its zod). */
  importFromCore: <T>(specifier: string) => Promise<T>;
  /** `logto connector add <tarball>`: unpacks it into the connectors folder, installs no dependency. */
  addConnector: (tarball: string) => Promise<void>;
  /** What Logto's start-up discovery finds in the connectors folder. */
  discover: () => Promise<ConnectorPackage[]>;
  /** Logto's loader with its kit version check on; what it logged is returned beside the factories. */
  load: (packages: ConnectorPackage[]) => Promise<{ factories: ConnectorFactory[]; log: string[] }>;
  buildRawConnector: LogtoConnectorLoader['buildRawConnector'];
  remove: () => Promise<void>;
};

const linkEverythingBut = async (from: string, to: string, except: Set<string>) => {
  for (const entry of await readdir(from)) {
    if (entry === '.bin' || entry === '.package-lock.json' || except.has(entry)) {
      continue;
    }
    if (entry.startsWith('@')) {
      await mkdir(path.join(to, entry), { recursive: true });
      for (const scoped of await readdir(path.join(from, entry))) {
        if (!except.has(`${entry}/${scoped}`)) {
          await symlink(path.join(from, entry, scoped), path.join(to, entry, scoped), 'dir');
        }
      }
    } else {
      await symlink(path.join(from, entry), path.join(to, entry), 'dir');
    }
  }
};

export const createLogtoFolder = async (kitVersion: string): Promise<LogtoFolder> => {
  const kit = await kitDirectory(kitVersion);
  if (!kit) {
    throw new Error(
      `connector-kit ${kitVersion} is not installed: add "connector-kit-${kitVersion}": "npm:@logto/connector-kit@${kitVersion}" to test/compatibility/logto-releases/package.json`
    );
  }
  const zod = path.join(releaseModules, 'zod');
  const root = await realpath(await mkdtemp(path.join(tmpdir(), `logto-${kitVersion}-`)));
  const coreModules = path.join(root, 'packages/core/node_modules');
  const connectorsDirectory = path.join(root, 'packages/core/connectors');
  await mkdir(connectorsDirectory, { recursive: true });
  await mkdir(path.join(coreModules, '@logto/cli'), { recursive: true });

  // The rest of Logto's dependencies, as its core's node_modules would hold them.
  await linkEverythingBut(releaseModules, coreModules, new Set(['@logto/connector-kit', '@logto/cli', 'zod']));
  // Copied too, so that the kit's own `zod` is Logto's, as in a real installation.
  await cp(kit, path.join(coreModules, '@logto/connector-kit'), { recursive: true });
  await symlink(zod, path.join(coreModules, 'zod'), 'dir');
  const cliSource = path.join(releaseModules, '@logto/cli');
  const cli = path.join(coreModules, '@logto/cli');
  await cp(path.join(cliSource, 'lib'), path.join(cli, 'lib'), { recursive: true });
  await cp(path.join(cliSource, 'package.json'), path.join(cli, 'package.json'));
  await symlink(path.join(cliSource, 'node_modules'), path.join(cli, 'node_modules'), 'dir');

  const importFile = async <T>(file: string) => (await import(pathToFileURL(file).href)) as T;
  // An ES module inside packages/core resolves imports with ESM conditions, as the connector does.
  const importer = path.join(root, 'packages/core/import-from-core.mjs');
  await writeFile(importer, 'export default (specifier) => import(specifier);\n');
  const importFromCore = async <T>(specifier: string) =>
    (await (await importFile<{ default: (specifier: string) => Promise<unknown> }>(importer)).default(specifier)) as T;
  const loader = await importFile<LogtoConnectorLoader>(path.join(cli, 'lib/connector/index.js'));

  return {
    root,
    connectorsDirectory,
    coreModules,
    importFromCore,
    addConnector: async (tarball) => {
      const commands = await importFile<LogtoCliCommands>(path.join(cli, 'lib/commands/connector/utils.js'));
      await commands.addConnectorsToPath(connectorsDirectory, [tarball]);
    },
    discover: async () => {
      const utils = await importFile<LogtoCliUtils>(path.join(cli, 'lib/utils.js'));
      return utils.getConnectorPackagesFromDirectory(connectorsDirectory);
    },
    load: async (packages) => {
      const log: string[] = [];
      const { error, warn } = console;
      const record = (...args: unknown[]) => {
        log.push(args.map(String).join(' '));
      };
      console.error = record;
      console.warn = record;
      try {
        // The second argument is `ignoreVersionMismatch`: false, as in every Logto release.
        return { factories: await loader.loadConnectorFactories(packages, false), log };
      } finally {
        console.error = error;
        console.warn = warn;
      }
    },
    buildRawConnector: loader.buildRawConnector,
    remove: async () => rm(root, { recursive: true, force: true }),
  };
};

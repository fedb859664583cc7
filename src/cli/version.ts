/**
 * The package's version, as `logto-ses --version` prints it. esbuild inlines package.json into
 * the CLI's bundle at build time, so the installed tool reports the version it was built as,
 * whatever package.json sits beside it.
 */
import packageJson from '../../package.json' with { type: 'json' };

export const version: string = packageJson.version;

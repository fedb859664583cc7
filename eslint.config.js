// Type-aware linting: the rules that catch real bugs (floating promises, unsafe any, wrong awaits)
// need the type checker, so every TypeScript file is linted with the project's tsconfig.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The browser's globals, as the DOM library the studio page's and the local SES viewer's scripts
 * are type-checked with declares them (src/studio/client/tsconfig.json,
 * src/dev/client/tsconfig.json), so the linter and the checker agree.
 */
const browserGlobals = Object.fromEntries(
  [
    ...readFileSync(createRequire(import.meta.url).resolve('typescript/lib/lib.dom.d.ts'), 'utf8').matchAll(
      /^declare (?:var|function) (\w+)/gm
    ),
  ].map(([, name]) => [name, 'readonly'])
);

// The layers CONTRIBUTING.md draws (Layout), top to bottom: a folder imports only from the layers
// below it, so the connector Logto loads never pulls in the CLI, the studio or the template
// commands. Folders in one row are siblings and import neither each other. A back import fails the
// lint, static (import, export … from) or dynamic (import()).
const layers = [
  ['cli'],
  ['dev'],
  ['studio'],
  ['templates', 'index.ts'],
  ['connector'],
  ['message', 'transport'],
  ['config'],
];
const layerBlocks = layers.flatMap((row, rank) =>
  row.flatMap((folder) => {
    const above = [...layers.slice(0, rank).flat(), ...row.filter((other) => other !== folder)];
    const where = (name) => (name === 'index.ts' ? 'src/index.ts' : `src/${name}/`);
    // From src/index.ts a folder is './x/'; from a file in a folder, '../x/' ('../index.js' for the entry).
    const prefix = folder === 'index.ts' ? String.raw`^\./` : String.raw`^(\.\./)+`;
    const pattern = (name) => prefix + (name === 'index.ts' ? String.raw`index(\.[jt]s)?$` : `${name}(/|$)`);
    const message = (name) =>
      `${where(folder)} may not import ${where(name)}: a folder imports only from the layers below it ` +
      '(CONTRIBUTING.md, Layout). Move what both need down a layer.';
    if (above.length === 0) return [];
    return {
      files: [folder === 'index.ts' ? 'src/index.ts' : `src/${folder}/**`],
      rules: {
        'no-restricted-imports': [
          'error',
          { patterns: above.map((name) => ({ regex: pattern(name), message: message(name) })) },
        ],
        'no-restricted-syntax': [
          'error',
          ...above.map((name) => ({
            selector: `ImportExpression[source.value=/${pattern(name).replaceAll('/', String.raw`\/`)}/]`,
            message: message(name),
          })),
        ],
      },
    };
  })
);

export default tseslint.config(
  {
    ignores: [
      'lib/',
      'node_modules/',
      '.ci/',
      '.build/',
      '.scratch/',
      'bench/.out/',
      'coverage/',
      '.stryker-tmp/',
      'reports/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // An async function may implement an async interface (Logto's getConfig) without awaiting.
      '@typescript-eslint/require-await': 'off',
      // A template's usageType is a free string by design (Logto adds types), compared to TemplateType values.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      // node:test's test() and describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    // Node scripts (the build, the mutation runs): Node's globals.
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly', console: 'readonly' },
    },
  },
  {
    // The studio page's and the viewer's scripts run in a browser: the browser's globals, none of Node's.
    files: ['src/studio/client/**/*.ts', 'src/dev/client/**/*.ts'],
    languageOptions: { globals: browserGlobals },
    rules: { 'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname', '__filename'] },
  },
  ...layerBlocks
);

// Type-aware linting: the rules that catch real bugs (floating promises, unsafe any, wrong awaits)
// need the type checker, so every TypeScript file is linted with the project's tsconfig.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The browser's globals, as the DOM library the studio page's script is type-checked with
 * declares them (src/studio/client/tsconfig.json), so the linter and the checker agree.
 */
const browserGlobals = Object.fromEntries(
  [
    ...readFileSync(createRequire(import.meta.url).resolve('typescript/lib/lib.dom.d.ts'), 'utf8').matchAll(
      /^declare (?:var|function) (\w+)/gm
    ),
  ].map(([, name]) => [name, 'readonly'])
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
    // The studio page's script runs in a browser: the browser's globals, none of Node's.
    files: ['src/studio/client/**/*.ts'],
    languageOptions: { globals: browserGlobals },
    rules: { 'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname', '__filename'] },
  }
);

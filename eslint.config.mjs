// ESLint for the whole workspace (`npm run lint`, and one step of `npm test`; scripts/lint.mjs names the folders).
// Syntax-only rules: the recommended sets of ESLint and typescript-eslint without type information (type-aware
// linting takes minutes on two cores), a few rules of our own, and eslint-config-prettier last so that nothing
// here argues with the formatter.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['**/node_modules/', '**/dist/', '**/coverage/', '**/.swc/'] },

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // One rule for JS and TS alike: typescript-eslint's version understands types, overloads and declarations.
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { args: 'after-used', argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      eqeqeq: ['error', 'always'],
      // The server logs through Nest's Logger and the mini-program shows errors to the user; scripts may print.
      'no-console': 'error',
    },
  },

  // Node: the server, its tests and bench, the root scripts and config files, and the mini-program's build config
  // and browser tests.
  {
    files: ['*.{js,mjs,cjs}', 'server/**', 'scripts/**', 'shared/**', 'miniapp/config/**', 'miniapp/e2e/**', 'miniapp/scripts/**', 'miniapp/test/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  // The mini-program runs in WeChat's JS engine and in the browser (H5 build).
  { files: ['miniapp/src/**'], languageOptions: { globals: { ...globals.browser, wx: 'readonly' } } },
  // The first-screen bench hands functions to Playwright's page.evaluate(), which runs them in Chromium.
  { files: ['server/bench/miniapp.mjs'], languageOptions: { globals: { ...globals.browser } } },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    // CommonJS is what a .cjs file is for (a `node -r` preload hook): require() is its import.
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  // Tests take apart untyped JSON (HTTP bodies, the OpenAPI document), where `any` is the honest type.
  { files: ['server/test/**', 'miniapp/e2e/**', '**/*.spec.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  // Command-line tools print their results.
  { files: ['scripts/**', 'server/bench/**', 'miniapp/scripts/**'], rules: { 'no-console': 'off' } },
  // The migrate/seed command line prints what it did; main.ts reports a failed start before any logger exists.
  { files: ['server/src/database/cli.ts', 'server/src/main.ts'], rules: { 'no-console': 'off' } },

  prettier,
);

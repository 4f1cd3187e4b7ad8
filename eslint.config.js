import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'dist-node',
      'dist-electron',
      'release',
      'test-results',
      'playwright-report',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs}'],
    // Node scripts; bench-ui.mjs also passes functions to the browser via page.evaluate.
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // The engine runs in a Web Worker, the CLI and tests alike: keep Node and the UI out of it.
    files: ['simulator/**/*.ts'],
    // Tests may read fixtures from disk; the engine itself may not.
    ignores: ['simulator/**/*.test.ts', 'simulator/test-support/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'child_process'],
              message: 'simulator/ must not import Node modules.',
            },
            {
              group: ['**/renderer/**', '**/electron/**', '**/host/**', '**/cli/**', 'react', 'react-dom'],
              message: 'simulator/ depends on nothing else in the project.',
            },
            {
              group: ['**/des', '**/des/**'],
              message: 'des/ is the test-only reference simulator; it never ships in the app.',
            },
          ],
        },
      ],
    },
  },
  {
    // des/ is the reference discrete-event simulator, an oracle for tests and benchmarks only: the
    // app (and the engine it checks) must never depend on it. simulator/ is covered above.
    // Their tests may use it as an oracle (simulator/ tests already sit outside the engine rule).
    files: ['renderer/**/*.{ts,tsx}', 'electron/**/*.ts', 'host/**/*.ts'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/des', '**/des/**'],
              message: 'des/ is the test-only reference simulator; it never ships in the app.',
            },
          ],
        },
      ],
    },
  },
  {
    // The main process and the hosts share types through host/, never by reaching into the UI.
    // (Repeats the des/ pattern: a later no-restricted-imports replaces the one above.)
    files: ['electron/**/*.ts', 'host/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/renderer', '**/renderer/**'],
              message: 'electron/ and host/ must not import renderer/; move shared types to host/.',
            },
            {
              group: ['**/des', '**/des/**'],
              message: 'des/ is the test-only reference simulator; it never ships in the app.',
            },
          ],
        },
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);

import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['out/**', 'node_modules/**', 'vendor/**', 'test-results/**', 'playwright-report/**', 'scripts/**/*.mjs'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['eslint.config.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // The renderer reaches the backend only through its api client.
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', '**/preload/**', '**/web/**'],
              message: 'The renderer talks to the backend only through src/renderer/src/api.',
            },
            { group: ['electron', 'better-sqlite3', 'node:*'], message: 'Renderer code runs in a sandboxed page.' },
          ],
        },
      ],
    },
  },
  {
    // The core runs in plain Node too (tests, browser mode): no Electron here.
    files: ['src/main/core/**/*.ts', 'src/shared/**/*.ts', 'src/web/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'src/main/core, src/shared and src/web must not depend on Electron.' }],
          patterns: [{ group: ['**/renderer/**', '**/preload/**'], message: 'Core code cannot reach into the UI.' }],
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The contract is shared by every process.' }],
          patterns: [
            {
              group: ['node:*', '**/main/**', '**/renderer/**', '**/preload/**', '**/web/**'],
              message: 'src/shared is the contract: types and schemas only.',
            },
          ],
        },
      ],
    },
  },
);

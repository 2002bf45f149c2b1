// Lint rules from CONVENTIONS.md: no floating promises, type-only imports, no `any` in
// public APIs. Generated code and build output are not linted.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { fileURLToPath } from 'node:url';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'proto/gen/**', 'client/cli/bin.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: fileURLToPath(new globalThis.URL('..', import.meta.url)) },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['client/cli/**/*.ts', 'test/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  // Layers: server/ and node/ never import each other; client/ imports neither (DESIGN.md).
  {
    files: ['client/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/server/**', '**/node/**'] }] },
  },
  {
    files: ['server/**/*.ts'],
    ignores: ['server/raft/core/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['../node/**', '../../node/**', '../../../node/**'] }] },
  },
  {
    files: ['node/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/server/**'] }] },
  },
  {
    files: ['server/raft/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['node:*', 'fs', 'net', 'timers', '*/transport*', '*/storage*'] }],
      'no-restricted-globals': ['error', 'Date', 'setTimeout', 'setInterval', 'performance', 'process'],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'The Raft core is deterministic: use its seeded PRNG.' }],
    },
  },
);

// Lint rules that carry the architecture: src/core is pure (no vscode, no Node I/O), promises are
// never dropped by accident (write `void promise` when fire-and-forget is meant), and only
// src/node/git.ts starts processes.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const noVscode = { name: 'vscode', message: 'Only src/vscode talks to the editor.' };
// Git (the only program Cadence starts) runs through src/node/git.ts: argument arrays, hardening, timeout.
const oneGitRunner = ['child_process', 'node:child_process'].map((name) => ({
  name,
  message: 'Run git through src/node/git.ts (hardened, argument arrays, a timeout).',
}));
const nodeIo = ['fs', 'fs/promises', 'child_process', 'path', 'os', 'net', 'http', 'https', 'worker_threads'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', '.vscode-test/**', '.cadence/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'src/core is pure: adapt to vscode in src/vscode.' },
            ...nodeIo.map((name) => ({ name, message: 'src/core does no I/O: put it in src/node.' })),
          ],
          patterns: [{ group: ['node:*'], message: 'src/core does no I/O: put it in src/node.' }],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'src/core never reads the clock: take `now` from an injected Clock.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'src/core never reads the clock: take `now` from an injected Clock.',
        },
      ],
    },
  },
  {
    files: ['src/node/**/*.ts', 'src/server/**/*.ts', 'src/cli/**/*.ts'],
    ignores: ['src/node/git.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode, ...oneGitRunner] }] },
  },
  { files: ['src/node/git.ts'], rules: { 'no-restricted-imports': ['error', { paths: [noVscode] }] } },
  {
    files: ['src/vscode/**/*.ts', 'src/shared/**/*.ts', 'src/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: oneGitRunner }] },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);

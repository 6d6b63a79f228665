import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'snapshots/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // bin/ is CommonJS (bin/package.json) so node starts it without the ES module loader.
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', __dirname: 'readonly', module: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The core is pure: data in, data out. Effects (files, processes, clock, randomness) are passed in.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['node:*', 'fs', 'path', 'child_process', 'os', 'crypto'], message: 'src/core is pure: pass effects in from src/io or src/cli.' },
        { group: ['**/io/**', '**/cli/**'], message: 'src/core must not depend on io or cli.' },
      ] }],
      'no-restricted-globals': ['error',
        { name: 'process', message: 'src/core is pure: take what you need as a parameter.' },
        { name: 'Date', message: 'src/core is pure: take a clock or a timestamp as a parameter.' }],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Take a RandomSource.' }],
    },
  },
  {
    // Only src/cli decides about the terminal and the environment.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/cli/**'],
    rules: {
      'no-restricted-globals': ['error', { name: 'process', message: 'Only src/cli reads process.*; pass values in.' }],
      'no-process-exit': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error',
        { name: 'process', message: 'src/core is pure: take what you need as a parameter.' },
        { name: 'Date', message: 'src/core is pure: take a clock or a timestamp as a parameter.' }],
    },
  },
);

// Lint: typescript-eslint's recommended rules plus the type-aware ones that catch lost promises,
// eslint-plugin-svelte for components, and the project's layering as import rules (see
// ../shared/DESIGN.md, "Layout"): a break of the layers fails `npm test`.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** Node's built-in modules, by either name. */
const NODE_BUILTINS = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'tls',
  'stream',
  'stream/*',
  'url',
  'util',
  'zlib',
  'events',
  'worker_threads',
  'readline',
  'module',
  'buffer',
  'timers',
  'timers/*',
  'process',
  'assert',
];

const noElectron = {
  group: ['electron', 'electron/*'],
  message: 'main/core is plain Node: it never imports electron (main/electron adapts it).',
};
const noNode = { group: NODE_BUILTINS, message: 'This code runs in any process (the renderer too): no Node modules.' };
const noServerSideDeps = {
  group: ['undici', 'ws', 'conf', 'commander', 'csv-stringify', 'shell-quote', 'prom-client'],
  message: 'This code runs in any process (the renderer too): no Node-only packages.',
};

export default tseslint.config(
  {
    ignores: ['dist/**', 'out/**', 'release/**', 'node_modules/**', 'test-results/**', 'build/**', 'docs/**', '.vitest-attachments/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.svelte'],
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Plain Maps and Sets inside state classes are deliberate: caches and bookkeeping that no view
      // reads, where SvelteMap would only add tracking cost.
      'svelte/prefer-svelte-reactivity': 'off',
      // A string in braces keeps a significant space or quote in markup ({': '} between a key and its value).
      'svelte/no-useless-mustaches': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, svelteConfig } },
  },
  {
    // Plain JavaScript (build scripts, configs) is not part of a TypeScript project.
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  // ---- The layers ----
  {
    files: ['main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noElectron,
            {
              group: ['**/electron/**', '**/server/**', '**/cli/**'],
              message: 'main/core is used by the shells, never the other way round.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noNode,
            noElectron,
            noServerSideDeps,
            {
              group: ['../core/**', '../electron/**', '../server/**', '../cli/**', '../conformance/**'],
              message: 'main/common imports only main/common (and types of the contract).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/contract.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [noNode, noElectron, { regex: '^\\./(?!common/)', message: 'The contract imports only from main/common.' }] },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.svelte'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noNode,
            noElectron,
            noServerSideDeps,
            {
              regex: '^(\\.\\./)+main/(?!contract\\.ts$|common/)',
              message: 'The renderer reaches the main process only through main/contract.ts and main/common/.',
            },
          ],
        },
      ],
    },
  },
);

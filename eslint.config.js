import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.tools/', '.data/', 'coverage/'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no Node builtins, no I/O, activities by type only.
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'workflows must not use Node builtins' },
            { group: ['**/activities/*', '**/activities/**'], allowTypeImports: true, message: 'import activities as types only (proxyActivities)' },
            { group: ['**/libs/database/**', '**/libs/notifications/**', '**/libs/filings/filing-ledger*', '@mikro-orm/*', 'bullmq', '@nestjs/*'], allowTypeImports: true, message: 'workflows must not do I/O' },
          ],
          paths: ['fs', 'path', 'crypto', 'http', 'https', 'net', 'child_process', 'os'].map((name) => ({
            name,
            message: 'workflows must not use Node builtins',
          })),
        },
      ],
    },
  },
  {
    // The workflow specs run in Node beside the sandbox (a server, a worker, recording fakes); they never enter the bundle.
    files: ['workflows/test/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);

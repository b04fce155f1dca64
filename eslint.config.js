// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The room boundaries of DESIGN.md, as lint rules rather than good intentions:
// core/ imports no framework and no database driver; stores/ imports no framework;
// an adapter imports only the public core (src/index.ts) and http/, and its framework as types.
const frameworks = ['express', 'express-v4', 'fastify', 'hono', 'koa', '@nestjs/*', '@hono/*'];
const drivers = ['kysely', 'better-sqlite3', 'pg', 'mysql2'];
const restrict = (patterns, message) => ({
  'no-restricted-imports': [
    'error',
    { patterns: [{ group: patterns, message, allowTypeImports: false }] },
  ],
});

export default tseslint.config(
  { ignores: ['dist', 'examples/dist', 'node_modules', 'coverage', '.tmp'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: restrict(
      // core/ has a folder of its own named http/, so the dashboard room is matched by depth.
      [
        ...frameworks,
        ...drivers,
        '**/stores/*',
        '**/adapters/*',
        '**/cli/*',
        '../../http/*',
        '../../../http/*',
      ],
      'core/ is framework-free and database-free (DESIGN.md: Shape).',
    ),
  },
  {
    files: ['src/stores/**/*.ts'],
    rules: restrict(
      [...frameworks, '../../adapters/*', '../../http/*', '../../cli/*'],
      'stores/ never imports a framework, an adapter or the dashboard.',
    ),
  },
  {
    files: ['src/adapters/**/*.ts'],
    ignores: ['src/adapters/nestjs/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../../core/*', '../../stores/*', ...drivers],
              message: 'An adapter imports only the public core (../../index.js) and http/.',
            },
            {
              group: frameworks,
              message: 'An adapter imports its framework as types only.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['test/**/*.ts', 'src/**/*.test.ts', 'bench/**/*.ts', 'examples/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
);

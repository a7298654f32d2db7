import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      // A DI token and its interface share one name (see STYLE.md).
      '@typescript-eslint/no-redeclare': 'off',
      'no-redeclare': 'off',
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The operations console's page: plain ES modules run by the browser, not by Node.
    files: ['adapters/http/ops-console/static/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: Object.fromEntries(
        ['window', 'document', 'location', 'sessionStorage', 'fetch', 'AbortSignal', 'URLSearchParams', 'HTMLElement', 'Node', 'setTimeout'].map((name) => [name, 'readonly']),
      ),
    },
  },
  {
    // The API reference page's script: a classic script next to Swagger UI's bundle, run by the browser.
    files: ['adapters/http/api-reference/static/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: Object.fromEntries(['window', 'document', 'URL', 'SwaggerUIBundle'].map((name) => [name, 'readonly'])),
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(koa|@koa/.*|sequelize|mysql2.*|sqlite3|xml2js|iconv-lite|node-cron|pino|(node:)?https?)$',
              message: 'core/ stays free of frameworks and drivers',
            },
            { regex: '(^|/)(adapters|plugins|config)/', message: 'core/ must not depend on adapters, plugins or config' },
          ],
        },
      ],
    },
  },
);

// Lint rules for the API, the console, the tests and the tools. Formatting is Prettier's job
// (eslint-config-prettier turns the stylistic rules off so the two never disagree).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/', 'bench/out/', 'coverage/', '.tmp/', 'web/dist/', 'web/src/api/schema.d.ts', 'node_modules/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['test/**/*.{ts,cjs}', 'e2e/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.mjs', 'src/cli/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // The LDAP syntax (DN, filter, escaping, host, bind identity) is a leaf: pure code that imports
    // nothing of the application and no framework, so everything may depend on it and it on nothing.
    files: ['src/ldap/syntax/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['../*', '@nestjs/*', 'typeorm'], message: 'src/ldap/syntax is a leaf folder' }],
        },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);

import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { boundariesRule } from './tools/eslint/boundaries.rule.mjs';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'libs/db/migrations/**', '.banca/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mjs}'],
    languageOptions: { globals: { ...globals.node } },
    plugins: { banca: { rules: { boundaries: boundariesRule } } },
    rules: {
      'banca/boundaries': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Config is read once, in libs/config (AppConfig).' },
      ],
    },
  },
  {
    files: ['libs/config/**', '**/*.spec.ts', '**/*.spec.tsx', 'libs/testing/**', 'vitest.config.mts', 'dashboards/vite.config.mts', 'tools/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['dashboards/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
);

// @ts-check
import js from '@eslint/js';
import pluginVue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { kioskLayersRule } from './.eslint/kioskLayersRule.js';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tools/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname, extraFileExtensions: ['.vue'] } },
    rules: {
      // The two noisiest of strictTypeChecked's rules, off on purpose: template literals here
      // format numbers and codes for people (restrict-template-expressions), and arrow bodies
      // that return a void call read better than braces (no-confusing-void-expression).
      '@typescript-eslint/restrict-template-expressions': 'off',
      '@typescript-eslint/no-confusing-void-expression': 'off',
    },
  },
  {
    // Plain JavaScript (this file and the local lint rule) and the Vite build configs are
    // outside the TypeScript projects, so they are linted without type information.
    files: ['**/*.js', '**/vite.config.ts', '**/*.vite.config.ts'],
    ...tseslint.configs.disableTypeChecked,
  },
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { kiosk: { rules: { layers: kioskLayersRule } } },
    rules: {
      'kiosk/layers': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use a union of string literals or a zod enum.' },
        { selector: 'TSModuleDeclaration[kind="namespace"]', message: 'No namespaces.' },
        { selector: 'ExportDefaultDeclaration', message: 'Named exports only (Vue SFCs and tool configs excepted).' },
      ],
      'vue/multi-word-component-names': 'error',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Tool configs are loaded by their tools through a default export; ambient declarations
    // of `*.vue` modules must declare one.
    files: ['**/*.config.ts', 'eslint.config.js', '**/*.d.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // A test states what it expects; a wrong `!` fails the test, which is the point.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['renderer/App.vue'],
    rules: { 'vue/multi-word-component-names': 'off' },
  },
);

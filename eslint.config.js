import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/', 'custom-elements.json'] },
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.json', './tsconfig.node.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { lit, 'lit-a11y': litA11y },
    rules: {
      ...lit.configs.recommended.rules,
      ...litA11y.configs.recommended.rules,
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'Only src/backends/http.ts calls fetch.' },
        { name: 'XMLHttpRequest', message: 'Only src/backends/http.ts makes requests.' },
      ],
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Only src/core/sanitize.ts produces HTML for the DOM.' },
        { property: 'outerHTML', message: 'Only src/core/sanitize.ts produces HTML for the DOM.' },
        { property: 'insertAdjacentHTML', message: 'Only src/core/sanitize.ts produces HTML for the DOM.' },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'lit/directives/unsafe-html.js', message: 'Render remote HTML through safeHtml() of src/core/sanitize.ts.' },
            { name: 'lit-html/directives/unsafe-html.js', message: 'Render remote HTML through safeHtml() of src/core/sanitize.ts.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/backends/http.ts'],
    rules: { 'no-restricted-globals': 'off' },
  },
  {
    files: ['src/backends/**/*.ts', 'src/core/**/*.ts'],
    ignores: ['src/core/kabar-element.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/elements/**'], message: 'The data layer and core never import an element.' }] },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-floating-promises': 'off' },
  },
);

import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/', 'custom-elements.json', 'examples/'] },
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
    // What ships (the elements) and what answers (the server): a value typed `any` may not slip through.
    files: ['src/**/*.ts', 'server/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'error',
      '@typescript-eslint/no-unsafe-member-access': 'error',
      '@typescript-eslint/no-unsafe-argument': 'error',
      '@typescript-eslint/no-unsafe-return': 'error',
      '@typescript-eslint/no-unsafe-call': 'error',
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
    // Elements know Kabar's own codes and field names only; each adapter translates its vendor's.
    files: ['src/elements/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'Literal[value=/\\b(rest_[a-z_]+|comment_(duplicate|flood)|wp:[a-z]+)\\b/]',
          message: 'Vendor vocabulary belongs to its adapter in src/backends/; elements use SEND_CODES and model field names.',
        },
        {
          selector: 'TemplateElement[value.raw=/\\b(rest_[a-z_]+|comment_(duplicate|flood)|wp:[a-z]+)\\b/]',
          message: 'Vendor vocabulary belongs to its adapter in src/backends/; elements use SEND_CODES and model field names.',
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          // The unsafe-html paths of every src/ file, repeated: a later block's options replace an earlier one's.
          paths: [
            { name: 'lit/directives/unsafe-html.js', message: 'Render remote HTML through safeHtml() of src/core/sanitize.ts.' },
            { name: 'lit-html/directives/unsafe-html.js', message: 'Render remote HTML through safeHtml() of src/core/sanitize.ts.' },
          ],
          patterns: [
            {
              group: ['**/backends/wordpress*', '**/backends/jsonfeed*', '**/backends/email*', '**/backends/endpoint*', '**/backends/http*'],
              message: 'Elements speak to the Backend interface; an adapter is chosen by backends/resolve.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-floating-promises': 'off' },
  },
);

/**
 * custom-elements.json, from the JSDoc of the element classes (`@tag`, `@csspart`, `@cssprop`,
 * `@event`, `@slot`) and their Lit properties: `npm run manifest`, and `npm pack` runs it.
 */
export default {
  globs: ['src/elements/**/*.ts', 'src/core/kabar-element.ts', 'src/core/heading.ts'],
  exclude: ['src/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
};

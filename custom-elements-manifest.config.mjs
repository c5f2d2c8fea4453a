/**
 * custom-elements.json, from the JSDoc of the element classes (`@tag`, `@csspart`, `@cssprop`,
 * `@event`, `@slot`) and their Lit properties: `npm run manifest`, and `npm pack` runs it.
 */

/**
 * The analyzer also guesses events from `dispatchEvent(new KabarXEvent(…))` calls, where it cannot
 * read the event's name: those guesses (no name, or a name that is neither documented nor one of
 * ours) go. An attribute the class reads through an accessor of the same name (`lang`,
 * `<kabar-source>`'s) and that accessor are linked both ways, so tools that map attributes to
 * properties find them.
 */
function tidyPlugin() {
  return {
    name: 'kabar-tidy',
    packageLinkPhase({ customElementsManifest }) {
      for (const declaration of customElementsManifest.modules.flatMap((m) => m.declarations ?? [])) {
        if (!declaration.tagName) continue;
        if (declaration.events) declaration.events = declaration.events.filter((event) => event.name && (event.description || event.name.startsWith('kabar-')));
        for (const attribute of declaration.attributes ?? []) {
          const member = (declaration.members ?? []).find((m) => m.name === (attribute.fieldName ?? attribute.name));
          if (!attribute.fieldName && (member || attribute.name === 'lang')) attribute.fieldName = attribute.name;
          if (member && !member.attribute) member.attribute = attribute.name;
        }
      }
    },
  };
}

export default {
  globs: ['src/elements/**/*.ts', 'src/core/kabar-element.ts', 'src/core/heading.ts'],
  exclude: ['src/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  plugins: [tidyPlugin()],
};

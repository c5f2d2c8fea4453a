/**
 * Bridges to the build scripts, which are plain ES modules without type
 * declarations: loading them by URL keeps the type-checker out of them.
 */
const scriptUrl = (name: string): string => new URL(`../scripts/${name}`, import.meta.url).href;

/** Rebuilds dist/kabar.js when a source file is newer than it. */
export async function ensureBundle(): Promise<void> {
  const build = (await import(scriptUrl('build.mjs'))) as { ensureBuilt(): Promise<void> };
  await build.ensureBuilt();
}

/** A bundle's brotli and gzip bytes, made as the build makes them. */
export async function encodeBundle(bytes: Uint8Array): Promise<{ br: Uint8Array; gzip: Uint8Array }> {
  const compress = (await import(scriptUrl('compress.mjs'))) as {
    encodeBundle(bytes: Uint8Array): Promise<{ br: Uint8Array; gzip: Uint8Array }>;
  };
  return compress.encodeBundle(bytes);
}

/**
 * The browser the end-to-end tests drive, found and flagged the way every
 * Chromium run of the project is (the build scripts are plain ES modules
 * without type declarations: loading them by URL keeps the type-checker out).
 */
const scriptUrl = (name: string): string => new URL(`../../scripts/${name}`, import.meta.url).href;

/** The Chromium flags every browser run of the project uses. */
export async function chromiumFlags(): Promise<string[]> {
  const check = (await import(scriptUrl('check-bundle.mjs'))) as { chromeArgs: string[] };
  return check.chromeArgs;
}

/** CHROME_PATH, else Debian's chromium. */
export async function chromiumPath(): Promise<string> {
  const chromium = (await import(scriptUrl('chromium.mjs'))) as { findChromium(): string | undefined };
  const found = chromium.findChromium();
  if (!found) throw new Error('Chromium not found: install it or set CHROME_PATH.');
  return found;
}

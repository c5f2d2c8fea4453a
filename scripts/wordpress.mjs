/**
 * Finds Debian's `wordpress` package (WordPress 6.1 with the Twenty Twenty-Three and Twenty
 * Twenty-One themes) for the WordPress tests. When it is missing and we run as root on Debian,
 * installs it, as scripts/chromium.mjs does for Chromium; otherwise says plainly what to install.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

export const wordPressRoot = '/usr/share/wordpress';
const packages = ['wordpress', 'wordpress-theme-twentytwentythree', 'wordpress-theme-twentytwentyone'];
const needed = ['wp-includes/version.php', 'wp-content/themes/twentytwentythree/theme.json', 'wp-content/themes/twentytwentyone/style.css'];

const present = () => needed.every((path) => existsSync(`${wordPressRoot}/${path}`));

export function ensureWordPress() {
  if (present()) return wordPressRoot;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log(`WordPress is missing: installing Debian's ${packages.join(', ')} …`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    if (update.status === 0) spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
    if (present()) return wordPressRoot;
  }
  throw new Error(`WordPress 6.1 was not found in ${wordPressRoot}: install Debian's packages (sudo apt-get install ${packages.join(' ')}).`);
}

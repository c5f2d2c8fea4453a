/**
 * A web-test-runner command for forced colours (Windows high contrast): `forced-colors: active`
 * through the debugging protocol, which Chromium then paints with its system colours.
 * Puppeteer's own media emulation knows only the colour scheme and reduced motion.
 *
 *   await executeServerCommand('emulate-forced-colors', { active: true });
 */
export function forcedColorsPlugin() {
  const sessions = new WeakMap();
  return {
    name: 'emulate-forced-colors',
    async executeCommand({ command, payload, session }) {
      if (command !== 'emulate-forced-colors') return undefined;
      const page = session.browser.getPage(session.id);
      let cdp = sessions.get(page);
      if (!cdp) {
        cdp = await page.createCDPSession();
        sessions.set(page, cdp);
      }
      const value = payload?.active ? 'active' : 'none';
      await cdp.send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value }] });
      return true;
    },
  };
}

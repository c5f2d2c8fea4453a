/**
 * A partner's site for the end-to-end tests: its pages come from a local server under a host
 * name of its own, so they run on another origin than the API's, as they do on the web; the
 * Chromium it starts resolves that name to the local server.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { chromiumFlags, chromiumPath } from './chromium.js';

export interface PartnerSite {
  /** e.g. `http://mitra-warga.test:41234` */
  origin: string;
  browser: Browser;
  close(): Promise<void>;
}

/** Starts the site; `page` writes the HTML of each path asked for. */
export async function partnerSite(host: string, page: (url: URL) => string): Promise<PartnerSite> {
  const server = createServer((request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    response.end(page(new URL(request.url ?? '/', `http://${host}`)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({
    executablePath: await chromiumPath(),
    args: [...(await chromiumFlags()), `--host-resolver-rules=MAP ${host} 127.0.0.1`],
  });
  return {
    origin: `http://${host}:${(server.address() as AddressInfo).port}`,
    browser,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

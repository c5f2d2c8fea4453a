/**
 * `npm start`: builds the bundle when it is stale, opens (and on first start
 * seeds) the database, serves everything and prints where. Whatever stops it
 * from starting is said in one sentence (the stack trace only with DEBUG).
 */
import type { AddressInfo } from 'node:net';
import { createApp, pollerFor } from './app.js';
import { describeNotify } from './notify/config.js';
import { createNotices } from './notify/index.js';
import { loadConfig, type Config } from './config.js';
import { httpServerFor } from './connections.js';
import { ResponseCache } from './response-cache.js';
import { ensureBundle } from './scripts.js';
import { seedDemo } from './seed.js';
import { isLoopback } from './operations-config.js';
import { exitWith } from './startup.js';
import { describeUrl, openConfiguredStore } from './store/open.js';
import type { Store } from './store/types.js';

let config: Config;
let store: Store;
let seeded: boolean;
try {
  config = loadConfig();
  // A database that is away is waited for: servers and their database often start together.
  store = await openConfiguredStore(config, { waitForDatabase: (line) => console.error(line) });
  seeded = await seedDemo(store, config);
} catch (error) {
  exitWith(error);
}

try {
  await ensureBundle();
} catch (error) {
  // The API and the admin page still work; only the widgets wait for a good build.
  console.error('kabar: building dist/kabar.js failed; serving the last build if there is one.', error);
}

const responseCache = new ResponseCache();
// Partners' feeds are fetched in the background, each on its own schedule.
const poller = pollerFor(store, config, responseCache);
poller.start();
const notices = createNotices(store, config);
const app = createApp({ store, config, responseCache, poller, notices });
const server = httpServerFor(app, config);
server.once('error', exitWith);
server.listen(config.port, config.host, () => {
  const info = server.address() as AddressInfo;
  const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
  const base = `http://${host}:${info.port}`;
  console.log(`Kabar listening on ${base}`);
  // Links in messages need the address readers reach; without KABAR_PUBLIC_URL, the one listened on.
  if (!config.publicUrl) notices.planner.base = base;
  notices.start().catch((error: unknown) => console.error('kabar: the outbox worker could not start', error));
  console.log(`  API:         ${base}/api/v1/articles`);
  if (config.demo) console.log(`  Demo pages:  ${base}/demo/`);
  console.log(`  Health:      ${base}/healthz`);
  console.log(`  Moderation:  ${base}/admin`);
  // Never the token itself: logs are collected and kept where editors' secrets should not be.
  const token = config.adminTokenNew
    ? `new, written to ${config.adminTokenFile} (readable by this user only)`
    : config.adminTokenGenerated
      ? `kept in ${config.adminTokenFile}`
      : 'from KABAR_ADMIN_TOKEN';
  console.log(`  Admin token: ${token}`);
  for (const line of describeNotify(config.notify)) console.log(line);
  console.log(`  Database:    ${config.databaseUrl ? describeUrl(config.databaseUrl) : config.databasePath}${seeded ? ' (new, with demo content)' : config.demo ? '' : ' (demo off)'}`);
  if (!isLoopback(info.address) && config.trustProxy.kind === 'none') {
    // It defends itself (connection caps, body budgets, deadlines), but TLS, HTTP/2 and buffering
    // slow clients are a proxy's job: one address of its own is all a reader should reach.
    console.warn(
      `kabar: warning: listening on ${host}, reachable from other machines, with no trusted proxy (KABAR_TRUST_PROXY): ` +
        'a public site puts nginx in front (deploy/nginx.conf) and sets KABAR_TRUST_PROXY to it',
    );
  }
});

let stopping = false;
function stop(signal: string): void {
  if (stopping) return;
  stopping = true;
  poller.stop();
  console.log(`kabar: ${signal}, closing`);
  // Requests in flight finish; idle keep-alive sockets are closed at once, busy ones after 5 s.
  const force = setTimeout(() => server.closeAllConnections(), 5_000);
  force.unref();
  server.close(() => {
    void notices.stop().finally(() => {
      store.close();
      process.exit(0);
    });
  });
  server.closeIdleConnections();
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));

/**
 * `npm start`: builds the bundle when it is stale, opens (and on first start
 * seeds) the database, serves everything and prints where.
 */
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { ensureBundle } from './scripts.js';
import { heldPhotosDir } from './media.js';
import { seedIfEmpty } from './seed.js';
import { SqliteStore } from './store/sqlite.js';

const config = loadConfig();

try {
  await ensureBundle();
} catch (error) {
  // The API and the admin page still work; only the widgets wait for a good build.
  console.error('kabar: building dist/kabar.js failed; serving the last build if there is one.', error);
}

const store = new SqliteStore(config.databasePath);
const seeded = await seedIfEmpty(store, config.uploadsDir, heldPhotosDir(config.dataDir));
const app = createApp({ store, config });

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info: AddressInfo) => {
  const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
  const base = `http://${host}:${info.port}`;
  console.log(`Kabar listening on ${base}`);
  console.log(`  API:         ${base}/api/v1/articles`);
  console.log(`  Demo pages:  ${base}/demo/`);
  console.log(`  Moderation:  ${base}/admin`);
  // The token is printed once, when it is made; after that the log says where it is kept.
  const tokenFile = join(config.dataDir, 'admin-token');
  const token = config.adminTokenNew
    ? `${config.adminToken}  (new; kept in ${tokenFile})`
    : config.adminTokenGenerated
      ? `kept in ${tokenFile}`
      : 'from KABAR_ADMIN_TOKEN';
  console.log(`  Admin token: ${token}`);
  console.log(`  Database:    ${config.databasePath}${seeded ? ' (new, with demo content)' : ''}`);
});

let stopping = false;
function stop(signal: string): void {
  if (stopping) return;
  stopping = true;
  console.log(`kabar: ${signal}, closing`);
  // Requests in flight finish; idle keep-alive sockets are closed at once, busy ones after 5 s.
  const force = setTimeout(() => (server as Server).closeAllConnections(), 5_000);
  force.unref();
  server.close(() => {
    store.close();
    process.exit(0);
  });
  (server as Server).closeIdleConnections();
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));

/**
 * Test helpers for the reference server: an app on a fresh store (a SQLite file
 * in a temp directory, or with `KABAR_TEST_STORE=postgres` a database of its own
 * on the PostgreSQL the test run started), and a client whose every answer is
 * checked against the OpenAPI document (status documented, body and headers valid).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Hono } from 'hono';
import { parse } from 'yaml';
import { createApp } from '../../../server/app.js';
import { ResponseCache } from '../../../server/response-cache.js';
import { loadConfig, type Config } from '../../../server/config.js';
import { httpServerFor } from '../../../server/connections.js';
import { createNotices, type Notices } from '../../../server/notify/index.js';
import { solidPng } from '../../../server/images/solid-png.js';
import { seedIfEmpty } from '../../../server/seed.js';
import { storeOptionsOf } from '../../../server/store/open.js';
import { SqliteStore } from '../../../server/store/sqlite.js';
import type { Store } from '../../../server/store/types.js';
import { uploadsFrom } from '../../../server/uploads/index.js';
import { heldPhotosDir } from '../../../server/uploads/local.js';
import { freshPostgresStore, onPostgres } from '../store/postgres-support.js';

export { onPostgres };

export { solidPng };

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

// The OpenAPI document ---------------------------------------------------------

interface Operation {
  responses: Record<string, unknown>;
}

export const openapi = parse(readFileSync(new URL('../../../openapi/kabar-api.yaml', import.meta.url), 'utf8')) as {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { headers: Record<string, { required?: boolean; schema: unknown }>; schemas: Record<string, unknown> };
};

const ajv = new Ajv2020({ strict: false, allErrors: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
ajv.addSchema(openapi, 'kabar-api');

const validators = new Map<string, ValidateFunction>();

const pointer = (...parts: string[]): string => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** The documented path template an actual API path belongs to, e.g. `/threads/{thread}/comments`. */
export function templateOf(path: string): string | undefined {
  return Object.keys(openapi.paths).find((template) =>
    new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path),
  );
}

/** What a `#/a/b` reference of the document points at. */
function resolveRef<T>(ref: string): T {
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], openapi) as T;
}

type ResponseDoc = { $ref?: string; content?: Record<string, unknown>; headers?: Record<string, { required?: boolean; $ref?: string }> };

/** Asserts that an answer is one the document promises for this operation. */
export function assertDocumented(method: string, apiPath: string, status: number, headers: Headers, body: unknown): void {
  const template = templateOf(apiPath);
  assert.ok(template, `${apiPath} is not documented`);
  const operation = openapi.paths[template][method.toLowerCase()];
  assert.ok(operation, `${method} ${template} is not documented`);
  const entry = operation.responses[String(status)] as ResponseDoc | undefined;
  assert.ok(entry, `${method} ${template} does not document status ${status}`);
  const at = entry.$ref ?? `#/${pointer('paths', template, method.toLowerCase(), 'responses', String(status))}`;
  const response = entry.$ref ? resolveRef<ResponseDoc>(entry.$ref) : entry;
  for (const [name, header] of Object.entries(response.headers ?? {})) {
    const resolved = header.$ref ? resolveRef<{ required?: boolean }>(header.$ref) : header;
    if (resolved.required) assert.ok(headers.has(name), `${method} ${template} ${status} lacks the ${name} header`);
  }
  if (response.content?.['application/json']) {
    const ref = `kabar-api${at}/content/application~1json/schema`;
    let validate = validators.get(ref);
    if (!validate) validators.set(ref, (validate = ajv.compile({ $ref: ref })));
    assert.ok(validate(body), `${method} ${apiPath} ${status} does not match the document: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 600)}`);
  } else {
    assert.equal(body, undefined, `${method} ${template} ${status} should have no body`);
  }
}

// The app ------------------------------------------------------------------------

export interface TestServer {
  app: Hono;
  store: Store;
  /** SQL both stores speak (`?` placeholders; counts are numbers), to check or set up what is stored; answers the rows read. */
  query<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]>;
  /** The SQLite store, for the tests of SQLite itself; `undefined` on PostgreSQL. */
  sqlite?: SqliteStore;
  config: Config;
  /** The cache of public answers: `bump()` it after writing outside a request. */
  responseCache: ResponseCache;
  /** E-mail and webhooks; its worker runs only once a test calls `notices.start()`. */
  notices: Notices;
  dir: string;
  /** Calls the API in process; `path` is relative to /api/v1. The answer is checked against the document. */
  api(method: string, path: string, init?: { json?: unknown; body?: BodyInit; headers?: Record<string, string> }): Promise<Answer>;
  /** Starts listening on 127.0.0.1 and answers the base URL (for tests that need a real socket). */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export interface Answer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever the API answered
  body: any;
}

export async function readAnswer(response: Response): Promise<Answer> {
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** Request init from the shorthand the tests use. */
export function requestInit(method: string, init: { json?: unknown; body?: BodyInit; headers?: Record<string, string> } = {}): RequestInit {
  const headers: Record<string, string> = { ...init.headers };
  let body = init.body;
  if (init.json !== undefined) {
    headers['Content-Type'] ??= 'application/json';
    body = JSON.stringify(init.json);
  }
  return { method, headers, body };
}

export async function testServer(env: Record<string, string> = {}, { seed = true } = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'kabar-server-test-'));
  const config = loadConfig({
    DATABASE: join(dir, 'kabar.db'),
    KABAR_ADMIN_TOKEN: ADMIN_TOKEN,
    KABAR_RATE_LIMIT: 'off',
    KABAR_MIN_FILL_MS: '0',
    // One line per request on stdout would bury the test report; access-log.test.ts turns it on.
    KABAR_ACCESS_LOG: 'off',
    ...env,
  });
  // On PostgreSQL the seeded database (and its photos) is a copy of one seeded once for the run.
  const photos = { uploadsDir: config.uploadsDir, heldDir: heldPhotosDir(config.dataDir) };
  const postgres = onPostgres ? await freshPostgresStore(seed ? photos : undefined, storeOptionsOf(config)) : undefined;
  if (postgres) config.databaseUrl = postgres.url;
  const sqlite = postgres ? undefined : new SqliteStore(config.databasePath, storeOptionsOf(config));
  const store: Store = postgres?.store ?? sqlite!;
  if (seed && !postgres) await seedIfEmpty(store, uploadsFrom(config.uploads));
  const responseCache = new ResponseCache();
  const notices = createNotices(store, config);
  const app = createApp({ store, config, responseCache, notices });
  let listening: Server | undefined;
  return {
    app,
    store,
    sqlite,
    config,
    responseCache,
    notices,
    dir,
    async query<T>(sql: string, ...params: unknown[]): Promise<T[]> {
      if (postgres) return postgres.store.select<T>(sql, ...params);
      const statement = sqlite!.db.prepare(sql);
      if (statement.reader) return statement.all(...params) as T[];
      statement.run(...params);
      return [];
    },
    async api(method, path, init) {
      const response = await app.request(`http://127.0.0.1${'/api/v1' + path}`, requestInit(method, init));
      const answer = await readAnswer(response);
      assertDocumented(method, new URL(path, 'http://x').pathname, answer.status, answer.headers, answer.body);
      return answer;
    },
    async listen() {
      // The server main.ts runs, limits and all.
      return new Promise((resolve) => {
        const server = httpServerFor(app, config);
        listening = server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
      });
    },
    async close() {
      await notices.stop();
      if (listening) {
        listening.closeAllConnections();
        await new Promise((resolve) => listening!.close(resolve));
      }
      if (postgres) await postgres.drop();
      else store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A story that passes every rule, as the wire names it. */
export function validStory(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Ani Rahmawati',
    email: 'ani@example.org',
    community: 'Komunitas Baca Kali Code',
    title: 'Lapak Baca Gratis di Tepi Kali',
    body: 'Setiap Minggu pagi kami menggelar tikar dan buku di tepi kali.\n\nAnak-anak datang membaca, orang tua ikut mengobrol.',
    category: 'komunitas',
    consent: true,
    elapsed_ms: 60_000,
    ...overrides,
  };
}

export function validComment(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    author_name: 'Bayu',
    author_email: 'bayu@example.org',
    body: 'Terima kasih atas kabarnya, sangat menginspirasi.',
    elapsed_ms: 30_000,
    ...overrides,
  };
}

export const thread = (slug: string): string => `/threads/${encodeURIComponent(`/artikel/${slug}`)}/comments`;

export { npmRun } from '../../npm-run.js';

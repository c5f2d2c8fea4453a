/**
 * Running the server for real, in process: /healthz, the access log, the time
 * zone of answers and pages, and the settings refused at start.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { loadConfig } from '../../../server/config.js';
import { rfc3339 } from '../../../server/time.js';
import { ADMIN_TOKEN, onPostgres, readAnswer, testServer, type Answer, type TestServer } from './helpers.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

const healthz = async (server: TestServer, method = 'GET'): Promise<Answer> => readAnswer(await server.app.request('http://127.0.0.1/healthz', { method }));

test('/healthz answers 200 ok with the free space, never cached, to GET and HEAD', async () => {
  const server = await testServer();
  try {
    const answer = await healthz(server);
    assert.equal(answer.status, 200);
    assert.equal(answer.body.status, 'ok');
    assert.equal(answer.body.checks.database.status, 'ok');
    assert.equal(answer.body.checks.disk.status, 'ok');
    assert.ok(answer.body.checks.disk.free_bytes > answer.body.checks.disk.min_free_bytes);
    assert.equal(answer.headers.get('Cache-Control'), 'no-store');
    assert.equal((await healthz(server, 'HEAD')).status, 200);
    // A monitor polls it all day: no rate limit applies, even with limits on.
    const limited = await testServer({ KABAR_RATE_LIMIT: 'on' }, { seed: false });
    try {
      const statuses = await Promise.all(Array.from({ length: 400 }, async () => (await healthz(limited)).status));
      assert.deepEqual(new Set(statuses), new Set([200]));
    } finally {
      await limited.close();
    }
  } finally {
    await server.close();
  }
});

// SQLite's query_only stands in for a read-only file; PostgreSQL refuses writes by its own settings, not switched here.
test('/healthz answers 503 saying what is wrong when the database refuses writes, and 200 again when it takes them', { skip: onPostgres && 'SQLite file modes' }, async () => {
  const server = await testServer({}, { seed: false });
  const db = server.sqlite!.db;
  try {
    // The tests run as root, for whom chmod does not make a file read-only; SQLite's
    // query_only makes the server's own connection refuse every write the same way.
    const version = db.pragma('user_version', { simple: true });
    db.pragma('query_only = ON');
    const failing = await healthz(server);
    assert.equal(failing.status, 503);
    assert.equal(failing.body.status, 'fail');
    assert.equal(failing.body.checks.database.status, 'fail');
    assert.match(failing.body.checks.database.problem, /cannot be written \(SQLITE_READONLY\)/);
    assert.equal(failing.body.checks.disk.status, 'ok');
    assert.equal(failing.headers.get('Cache-Control'), 'no-store');
    // Nothing of the server's paths leaks into the unauthenticated answer.
    assert.ok(!JSON.stringify(failing.body).includes(server.dir));
    db.pragma('query_only = OFF');
    assert.equal((await healthz(server)).status, 200);
    // And the probe changed nothing: the schema version is what it was.
    assert.equal(db.pragma('user_version', { simple: true }), version);
  } finally {
    await server.close();
  }
});

test('/healthz answers 503 when the data directory has less free space than KABAR_MIN_FREE_MB', async () => {
  // More than any disk here holds: 1 EB.
  const server = await testServer({ KABAR_MIN_FREE_MB: String(1024 ** 4) }, { seed: false });
  try {
    const answer = await healthz(server);
    assert.equal(answer.status, 503);
    assert.equal(answer.body.checks.database.status, 'ok');
    assert.equal(answer.body.checks.disk.status, 'fail');
    assert.match(answer.body.checks.disk.problem, /^only \d+ MB free for the data \(at least \d+ MB wanted\)$/);
  } finally {
    await server.close();
  }
});

/** What the app writes to stdout while `run` goes on. */
async function stdoutOf(run: () => Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  // The test runner talks to its parent over stdout in binary frames: those pass through.
  process.stdout.write = (chunk: string | Uint8Array, ...rest: never[]): boolean => {
    if (typeof chunk !== 'string') return write(chunk, ...rest);
    lines.push(...chunk.split('\n').filter(Boolean));
    return true;
  };
  try {
    await run();
  } finally {
    process.stdout.write = write;
  }
  return lines;
}

test('the access log writes one line per request: time, method, path, status, duration; no query, token or e-mail', async () => {
  const server = await testServer({ KABAR_ACCESS_LOG: 'on' });
  try {
    const lines = await stdoutOf(async () => {
      await server.app.request('http://127.0.0.1/api/v1/articles?q=rina%40example.org&per_page=2');
      await server.app.request('http://127.0.0.1/api/v1/admin/queue', { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
      await server.app.request('http://127.0.0.1/artikel/rina@example.org');
      await server.app.request('http://127.0.0.1/api/v1/threads/t/comments', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{' });
    });
    assert.equal(lines.length, 4, lines.join('\n'));
    const shape = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) (GET|POST) (\S+) (\d{3}) (\d+\.\d)ms$/;
    const parsed = lines.map((line) => shape.exec(line));
    assert.ok(parsed.every(Boolean), lines.join('\n'));
    assert.deepEqual(
      parsed.map((m) => [m![2], m![3], m![4]]),
      [
        ['GET', '/api/v1/articles', '200'],
        ['GET', '/api/v1/admin/queue', '200'],
        ['GET', '/artikel/[email]', '404'],
        ['POST', '/api/v1/threads/t/comments', '400'],
      ],
    );
    assert.ok(Math.abs(Date.parse(parsed[0]![1]) - Date.now()) < 60_000);
    const all = lines.join('\n');
    for (const secret of ['rina', 'example.org', ADMIN_TOKEN, '?']) assert.ok(!all.includes(secret), `the log holds ${secret}`);
  } finally {
    await server.close();
  }
  const quiet = await testServer({ KABAR_ACCESS_LOG: 'off' }, { seed: false });
  try {
    assert.deepEqual(await stdoutOf(async () => void (await quiet.app.request('http://127.0.0.1/healthz'))), []);
  } finally {
    await quiet.close();
  }
});

test('KABAR_TIMEZONE sets the offset of every time in answers and the zone named on article pages', async () => {
  const expectations = [
    { zone: undefined, offset: '+07:00', name: 'WIB' },
    { zone: 'Asia/Makassar', offset: '+08:00', name: 'WITA' },
    { zone: 'Asia/Jayapura', offset: '+09:00', name: 'WIT' },
  ];
  for (const { zone, offset, name } of expectations) {
    const server = await testServer(zone ? { KABAR_TIMEZONE: zone } : {});
    try {
      const list = await server.api('GET', '/articles?per_page=3');
      for (const article of list.body.items) assert.ok(article.published_at.endsWith(offset), `${zone}: ${article.published_at}`);
      const story = await server.api('POST', '/stories', { json: { name: 'Ani', email: 'ani@example.org', title: 'Judul', body: 'Satu.\n\nDua.', consent: true, elapsed_ms: 60_000 } });
      assert.ok(story.body.received_at.endsWith(offset), story.body.received_at);

      const article = list.body.items[0];
      const page = await (await server.app.request(new URL(article.url).pathname)).text();
      // The page shows the local time of the answer's own timestamp, with the zone's name.
      const [, hours, minutes] = /T(\d\d):(\d\d)/.exec(article.published_at)!;
      assert.ok(page.includes(`<time datetime="${article.published_at}">`), page.slice(0, 2000));
      assert.match(page, new RegExp(`pukul ${hours}\\.${minutes} ${name}</time>`));
    } finally {
      await server.close();
    }
  }
});

test('offsets follow the zone at each instant: summer and winter time, half-hour zones', () => {
  assert.equal(rfc3339(Date.UTC(2026, 0, 15, 12), 'Europe/Berlin'), '2026-01-15T13:00:00+01:00');
  assert.equal(rfc3339(Date.UTC(2026, 6, 15, 12), 'Europe/Berlin'), '2026-07-15T14:00:00+02:00');
  assert.equal(rfc3339(Date.UTC(2026, 6, 15, 12), 'America/St_Johns'), '2026-07-15T09:30:00-02:30');
  assert.equal(rfc3339(Date.UTC(2026, 6, 15, 12, 0, 59, 999), 'UTC'), '2026-07-15T12:00:59+00:00');
});

test('settings: the demo follows NODE_ENV unless KABAR_DEMO says; bad names are refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kabar-ops-config-'));
  const base = { DATABASE: join(dir, 'kabar.db'), KABAR_ADMIN_TOKEN: 'token-untuk-tes-yang-cukup-panjang' };
  try {
    assert.equal(loadConfig(base).demo, true);
    assert.equal(loadConfig({ ...base, NODE_ENV: 'production' }).demo, false);
    assert.equal(loadConfig({ ...base, NODE_ENV: 'production', KABAR_DEMO: 'on' }).demo, true);
    assert.equal(loadConfig({ ...base, KABAR_DEMO: 'off' }).demo, false);
    assert.throws(() => loadConfig({ ...base, KABAR_DEMO: 'mungkin' }), /KABAR_DEMO must be on or off/);
    assert.equal(loadConfig(base).timeZone, 'Asia/Jakarta');
    assert.equal(loadConfig({ ...base, KABAR_TIMEZONE: 'asia/makassar' }).timeZone, 'Asia/Makassar');
    for (const bad of ['WITA', '+08:00', 'Asia/Atlantis']) assert.throws(() => loadConfig({ ...base, KABAR_TIMEZONE: bad }), /KABAR_TIMEZONE must be an IANA time zone name/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('settings: beyond loopback without trusted proxy headers, KABAR_PUBLIC_URL is required', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kabar-ops-config-'));
  const base = { DATABASE: join(dir, 'kabar.db'), KABAR_ADMIN_TOKEN: 'token-untuk-tes-yang-cukup-panjang' };
  try {
    for (const host of ['127.0.0.1', 'localhost', '::1', '127.0.0.2']) assert.equal(loadConfig({ ...base, HOST: host }).host, host);
    for (const host of ['0.0.0.0', '::', '192.168.1.10']) assert.throws(() => loadConfig({ ...base, HOST: host }), /KABAR_PUBLIC_URL must be set/);
    assert.equal(loadConfig({ ...base, HOST: '0.0.0.0', KABAR_PUBLIC_URL: 'https://berita.contoh.id/' }).publicUrl, 'https://berita.contoh.id');
    assert.equal(loadConfig({ ...base, HOST: '0.0.0.0', KABAR_TRUST_PROXY: '1' }).host, '0.0.0.0');
    assert.throws(() => loadConfig({ ...base, KABAR_PUBLIC_URL: 'berita.contoh.id' }), /KABAR_PUBLIC_URL must be an http or https address/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a start with a setting that cannot work exits non-zero with one sentence, no stack trace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kabar-ops-start-'));
  try {
    const cases = [
      { env: { HOST: '0.0.0.0' }, says: /^kabar: KABAR_PUBLIC_URL must be set .*\.$/ },
      { env: { KABAR_TIMEZONE: 'Mars/Olympus' }, says: /^kabar: KABAR_TIMEZONE must be an IANA time zone name .*"Mars\/Olympus"\.$/ },
    ];
    for (const { env, says } of cases) {
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        cwd: root,
        env: { ...process.env, DATABASE: join(dir, 'kabar.db'), KABAR_ADMIN_TOKEN: 'token-untuk-tes-yang-cukup-panjang', PORT: '0', ...env },
        encoding: 'utf8',
        timeout: 60_000,
      });
      assert.equal(run.status, 2, run.stderr);
      assert.match(run.stderr.trim(), says);
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
      assert.equal(run.stdout.includes('listening'), false);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

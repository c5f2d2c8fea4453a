/**
 * Notices benchmark: how long a reader's send (a story, then a comment) takes to be answered
 * while the server's SMTP server works, refuses connections, or accepts and never answers,
 * against a server with no e-mail at all. Each server is `npm start` on a database of its own, all
 * four running at once; sends alternate stories and comments and take turns between the servers,
 * one at a time; medians and the ratio to the baseline are printed. Mail goes through the outbox, so the ratios should stay near 1. No assertion on timing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { startKabar } from './kabar-server.mjs';

const ROUNDS = Number(process.env.KABAR_BENCH_ROUNDS ?? 60);

const listen = (server) => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));

async function freePort() {
  const server = createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const smtp = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false, onData: (stream, _s, done) => (stream.resume(), stream.on('end', () => done())) });
const working = await listen(smtp.server ?? smtp);
// Accepts the connection and never says a word: the worst an SMTP server can do.
const sockets = new Set();
const silentServer = createServer((socket) => sockets.add(socket));
const silent = await listen(silentServer);
const refused = await freePort();

const story = (i) => ({
  name: 'Ani Rahmawati',
  email: `ani${i}@example.org`,
  community: 'Komunitas Baca',
  title: `Cerita pengukuran nomor ${i}`,
  body: 'Paragraf pertama cerita ini.\n\nParagraf kedua cerita ini.',
  consent: true,
  elapsed_ms: 60_000,
});
const comment = (i) => ({ author_name: 'Bayu', author_email: `bayu${i}@example.org`, body: `Komentar pengukuran nomor ${i}.`, elapsed_ms: 30_000, notify: true });

async function start(label, env) {
  const dir = mkdtempSync(join(tmpdir(), 'kabar-bench-notify-'));
  const server = await startKabar(dir, { KABAR_ACCESS_LOG: 'off', KABAR_NOTIFY_EMAIL: 'redaksi@example.org', KABAR_MAIL_HOURLY_CAP: '100000', ...env });
  return { label, server, dir, times: [] };
}

async function send(target, i) {
  const [path, body] = i % 2 ? [`/threads/${encodeURIComponent('/artikel/bench')}/comments`, comment(i)] : ['/stories', story(i)];
  const begin = performance.now();
  const response = await fetch(`${target.server.url}/api/v1${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  await response.arrayBuffer();
  if (response.status !== 201) throw new Error(`${target.label}: HTTP ${response.status}`);
  return performance.now() - begin;
}

const from = { KABAR_MAIL_FROM: 'Redaksi <redaksi@kabar.test>' };
// All four at once, sends taking turns between them: a busy machine slows each alike.
const targets = [
  await start('no e-mail (baseline)', {}),
  await start('SMTP working', { ...from, KABAR_SMTP_URL: `smtp://127.0.0.1:${working}` }),
  await start('SMTP refusing', { ...from, KABAR_SMTP_URL: `smtp://127.0.0.1:${refused}` }),
  await start('SMTP silent', { ...from, KABAR_SMTP_URL: `smtp://127.0.0.1:${silent}` }),
];
try {
  for (let i = 0; i < ROUNDS + 4; i++) {
    for (const target of targets) {
      const took = await send(target, i);
      if (i >= 4) target.times.push(took);
    }
  }
} finally {
  for (const target of targets) {
    await target.server.stop();
    rmSync(target.dir, { recursive: true, force: true });
  }
}
const results = targets.map(({ label, times }) => {
  times.sort((a, b) => a - b);
  return { label, median: times[Math.floor(times.length / 2)], p90: times[Math.floor(times.length * 0.9)] };
});
smtp.close();
for (const socket of sockets) socket.destroy();
silentServer.close();

const base = results[0].median;
const ms = (value) => `${value.toFixed(2)} ms`.padStart(10);
const byLabel = Object.fromEntries(results.map((r) => [r.label, r]));
console.log(`notify: ${ROUNDS} sends each (stories and comments alternating, one at a time), npm start on SQLite`);
for (const r of results) console.log(`  ${r.label.padEnd(22)} median ${ms(r.median)}   p90 ${ms(r.p90)}   ratio to baseline ${(r.median / base).toFixed(2)} x`);
console.log(`  refusing / working: ${(byLabel['SMTP refusing'].median / byLabel['SMTP working'].median).toFixed(2)} x   (target: about 1)`);
process.exit(0);

/**
 * The outbox across `kill -9`: real server processes (server/main.ts) queue 50 messages while
 * the SMTP server refuses connections, are killed with SIGKILL, and start again with the SMTP
 * server up. Every message arrives and none twice (by Message-ID): on SQLite with one server,
 * and on PostgreSQL with two servers sharing the database, both sending.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, test } from 'node:test';
import { startServer, type RunningServer } from '../../e2e/harness.js';
import { validStory } from '../server/helpers.js';
import { eventually, freePort, startMailbox, type Mailbox } from '../server/notify-support.js';
import { freshDatabase } from './postgres-support.js';

const EDITORS = ['redaksi.satu@example.org', 'redaksi.dua@example.org'];
const STORIES = 25;

const cleanup: Array<() => Promise<unknown>> = [];
after(async () => {
  for (const step of cleanup.reverse()) await step();
});

function envFor(smtpPort: number): Record<string, string> {
  return {
    KABAR_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    KABAR_MAIL_FROM: 'Redaksi <redaksi@kabar.test>',
    KABAR_NOTIFY_EMAIL: EDITORS.join(','),
    KABAR_ADMIN_TOKEN: randomBytes(24).toString('base64url'),
    // 25 stories from one test client in seconds: the story limit (5 a minute) is not what is
    // tested here (limits.test.ts and servers.test.ts are); every other setting is production's.
    KABAR_RATE_LIMIT: 'off',
    // Each editor gets 45 messages in the PostgreSQL test, above the default cap of 30 an hour
    // (the cap has its own test in notify.test.ts).
    KABAR_MAIL_HOURLY_CAP: '100',
    // Retries while SMTP refuses start 1 s apart instead of 5 s: messages queued early would
    // otherwise wait a minute after the restart for their next attempt, and the test with them.
    KABAR_OUTBOX_RETRY_MS: '1000',
  };
}

async function sendStories(servers: RunningServer[], prefix: string, count: number): Promise<string[]> {
  const titles: string[] = [];
  for (let i = 0; i < count; i++) {
    const title = `${prefix} nomor ${i + 1} dari ${count}`;
    const response = await fetch(`${servers[i % servers.length].apiUrl}/stories`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(validStory({ title, email: `penulis${i}@example.org` })),
    });
    assert.equal(response.status, 201);
    titles.push(title);
  }
  return titles;
}

/** Every title reached every editor exactly once, and no Message-ID came twice. */
async function assertDelivered(box: Mailbox, titles: string[]): Promise<void> {
  const expected = titles.length * EDITORS.length;
  const ours = () => box.messages.filter((m) => titles.some((t) => m.subject?.endsWith(t)));
  await eventually(() => ours().length >= expected, `${expected} messages`, 120_000);
  // A little longer: a message sent twice would come now.
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  const messages = ours();
  assert.equal(messages.length, expected);
  assert.equal(new Set(messages.map((m) => m.messageId)).size, expected, 'no Message-ID twice');
  for (const editor of EDITORS) {
    assert.deepEqual(messages.filter((m) => m.rcpt.includes(editor)).map((m) => m.subject!.replace(/^Kiriman baru: /, '')).sort(), [...titles].sort());
  }
}

test('SQLite: 50 messages queued while SMTP refuses, kill -9, restart with SMTP up: each arrives once; then a story reaches the editors and its link approves it', async (t) => {
  const port = await freePort();
  const server = await startServer({ env: envFor(port) });
  cleanup.push(() => server.stop());
  const titles = await sendStories([server], 'Sebelum mati mendadak', STORIES);
  await server.kill();
  const box = await startMailbox(port);
  cleanup.push(() => box.close());
  await server.restart();
  await assertDelivered(box, titles);

  // The server as `npm start` runs it, SMTP up: one story, one message per editor with its title.
  const title = 'Posyandu Keliling Sampai ke Dusun Atas';
  const began = Date.now();
  const [story] = await sendStories([server], title, 1);
  const mail = await eventually(() => box.messages.find((m) => m.subject?.endsWith(story) && m.rcpt.includes(EDITORS[0])), 'the editor’s message');
  t.diagnostic(`editor's message arrived ${Date.now() - began} ms after the send`);
  const approve = (mail.text ?? '').split('\n')[(mail.text ?? '').split('\n').indexOf('Setujui') + 1];
  const page = await fetch(approve);
  assert.match(await page.text(), /<button type="submit">Setujui<\/button>/);
  const before = await (await fetch(`${server.apiUrl}/articles?q=${encodeURIComponent('Posyandu Keliling')}`)).json();
  assert.equal(before.total, 0, 'a GET publishes nothing');
  const done = await fetch(approve, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ t: new URL(approve).searchParams.get('t')! }) });
  assert.equal(done.status, 200);
  const after = await (await fetch(`${server.apiUrl}/articles?q=${encodeURIComponent('Posyandu Keliling')}`)).json();
  assert.equal(after.total, 1, 'the button published it');
});

test('PostgreSQL, two servers: 50 messages queued, both killed with -9, both restarted: each arrives once; then both send, never the same row', async () => {
  const database = await freshDatabase();
  cleanup.push(() => database.drop());
  const port = await freePort();
  const env = { ...envFor(port), DATABASE_URL: database.url };
  const a = await startServer({ env });
  cleanup.push(() => a.stop());
  const b = await startServer({ env });
  cleanup.push(() => b.stop());
  const titles = await sendStories([a, b], 'Dua server, satu antrean', STORIES);
  await Promise.all([a.kill(), b.kill()]);
  const box = await startMailbox(port);
  cleanup.push(() => box.close());
  await Promise.all([a.restart(), b.restart()]);
  await assertDelivered(box, titles);
  const firstCrop = box.messages.length;
  // Both running, both claiming: still one message per row.
  await assertDelivered(box, await sendStories([a, b], 'Dua server hidup bersama', 20));
  assert.equal(box.messages.length, firstCrop + 40);
});

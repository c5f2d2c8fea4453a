/**
 * Notices end to end on one server (SQLite, or PostgreSQL in the second pass): a real SMTP
 * server on loopback receives every message, a real HTTP receiver every webhook. What is checked
 * is what an editor, a reader or a receiver gets, and what the links they follow do.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { describeNotify, notifyConfigFrom } from '../../../server/notify/config.js';
import { ADMIN_TOKEN, testServer, thread, validComment, validStory, type TestServer } from './helpers.js';
import { eventually, freePort, header, startMailbox, startReceiver, type Mail, type Mailbox } from './notify-support.js';

const FROM = 'Redaksi Kabar <redaksi@kabar.test>';
const EDITORS = 'meja.redaksi@example.org';
const SECRET = 'rahasia-webhook-0123456789abcdef';
const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };

const open: Array<{ close(): Promise<void> }> = [];
after(async () => {
  for (const thing of open.reverse()) await thing.close();
});

/** A server whose worker runs, listening on a real socket (links in messages point at it). */
async function noticeServer(smtpUrl: string, env: Record<string, string> = {}): Promise<TestServer & { base: string }> {
  const server = await testServer({ KABAR_SMTP_URL: smtpUrl, KABAR_MAIL_FROM: FROM, KABAR_NOTIFY_EMAIL: EDITORS, ...env });
  open.push(server);
  const base = await server.listen();
  server.notices.planner.base = base;
  await server.notices.start();
  return Object.assign(server, { base });
}

async function mailbox(port?: number): Promise<Mailbox> {
  const box = await startMailbox(port);
  open.push(box);
  return box;
}

/** The link a message's text gives under a label line. */
function linkAfter(mail: Mail, label: string): string {
  const lines = (mail.text ?? '').split('\n');
  const at = lines.findIndex((line) => line.trim() === label);
  assert.ok(at >= 0, `no "${label}" in:\n${mail.text}`);
  return lines[at + 1].trim();
}

const waiting = async (server: TestServer): Promise<number> =>
  Number((await server.query<{ n: number }>('SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL'))[0].n);

const formPost = (url: string, fields: Record<string, string>) =>
  fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });

test('a story brings the editors one message with its title; its approve link shows a page on GET and publishes only on the button, once, in the audit log', async () => {
  const box = await mailbox();
  const server = await noticeServer(box.url);
  const title = 'Panen Raya Padi Organik di Desa Sukamaju';
  const sent = await server.api('POST', '/stories', { json: validStory({ title, email: 'petani@example.org' }) });
  assert.equal(sent.status, 201);
  const [mail] = await eventually(() => box.to(EDITORS).length && box.to(EDITORS), 'the editors’ message');
  assert.equal(box.to(EDITORS).length, 1);
  assert.match(mail.subject ?? '', new RegExp(title));
  assert.match(mail.text ?? '', /Ani Rahmawati \(Komunitas Baca Kali Code\)/);
  assert.match(String(mail.html), new RegExp(title));
  assert.match(mail.messageId ?? '', /^<.+@kabar\.test>$/);
  assert.ok(mail.date instanceof Date && !Number.isNaN(mail.date.getTime()));
  assert.equal(header(mail, 'List-Unsubscribe'), undefined, 'editors’ messages carry no reader unsubscribe');

  const approve = linkAfter(mail, 'Setujui');
  const page = await fetch(approve);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /<form method="post"/);
  assert.match(html, /<button type="submit">Setujui<\/button>/);
  assert.equal((await server.store.getStory(sent.body.id))?.status, 'pending', 'a GET changes nothing');

  const token = new URL(approve).searchParams.get('t')!;
  const done = await formPost(approve, { t: token });
  assert.equal(done.status, 200);
  assert.match(await done.text(), /sudah disetujui/);
  const story = await server.store.getStory(sent.body.id);
  assert.equal(story?.status, 'approved');
  assert.ok((await server.api('GET', `/articles/${story.articleId}`)).status === 200, 'published');

  const again = await formPost(approve, { t: token });
  assert.equal(again.status, 409);
  assert.match(await again.text(), /sudah dipakai/);
  const audit = await server.api('GET', '/admin/audit', { headers: auth });
  assert.ok(audit.body.items.some((e: { action: string; item_id: string; actor: string }) => e.action === 'story.approve' && e.item_id === sent.body.id && e.actor === 'owner'));

  const forged = `${approve.slice(0, -3)}abc`;
  assert.equal((await fetch(forged)).status, 400);
});

test('a reader who ticks the box gets one confirmation; once confirmed, approval sends "published" and a reply sends "reply"; the one-click unsubscribe stops that thread', async () => {
  const box = await mailbox();
  const server = await noticeServer(box.url);
  const reader = 'sari.pembaca@example.org';
  const path = thread('festival-layang-layang-pantai-parangkusumo');
  const first = await server.api('POST', path, { json: validComment({ author_name: 'Sari', author_email: reader, notify: true }) });
  assert.equal(first.status, 201);
  const [confirmation] = await eventually(() => box.to(reader).length && box.to(reader), 'the confirmation');
  assert.match(confirmation.subject ?? '', /Konfirmasi/);
  assert.match(header(confirmation, 'List-Unsubscribe') ?? '', /^<http:\/\/127\.0\.0\.1:\d+\/api\/v1\/mail\/unsubscribe\?a=[\w-]+>$/);
  assert.equal(header(confirmation, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');

  const confirm = linkAfter(confirmation, 'Ya, kabari saya');
  assert.match(await (await fetch(confirm)).text(), /<button type="submit">/);
  assert.equal((await fetch(confirm, { method: 'POST' })).status, 200);

  assert.equal((await server.api('POST', `/admin/comments/${first.body.id}`, { json: { action: 'approve' }, headers: auth })).status, 200);
  const published = await eventually(() => box.to(reader).find((m) => /sudah tayang/.test(m.subject ?? '')), '"published"');
  const unsubscribe = /^<([^>]+)>$/.exec(header(published, 'List-Unsubscribe') ?? '')![1];
  assert.match(unsubscribe, /&thread=/, 'the header stops this thread; the body links both');
  assert.equal(header(published, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');
  assert.match(published.text ?? '', /Terima kasih atas kabarnya/);

  const reply = await server.api('POST', path, { json: validComment({ author_name: 'Joko', author_email: 'joko@example.org', body: 'Setuju sekali, Sari!', parent_id: first.body.id }) });
  await server.api('POST', `/admin/comments/${reply.body.id}`, { json: { action: 'approve' }, headers: auth });
  const replied = await eventually(() => box.to(reader).find((m) => /membalas/.test(m.subject ?? '')), '"reply"');
  assert.match(replied.text ?? '', /Setuju sekali, Sari!/);
  assert.doesNotMatch(replied.text ?? '', /joko@example\.org/, 'no other reader’s address');

  // RFC 8058: the mail provider POSTs this body to the List-Unsubscribe URL.
  const stopped = await fetch(unsubscribe, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
  assert.equal(stopped.status, 200);
  const count = box.to(reader).length;
  const another = await server.api('POST', path, { json: validComment({ author_name: 'Rina', author_email: 'rina@example.org', body: 'Tahun depan saya ikut.', parent_id: first.body.id }) });
  await server.api('POST', `/admin/comments/${another.body.id}`, { json: { action: 'approve' }, headers: auth });
  await eventually(async () => (await waiting(server)) === 0, 'an empty outbox');
  assert.equal(box.to(reader).length, count, 'nothing more from that thread');
  assert.equal(new Set(box.messages.map((m) => m.messageId)).size, box.messages.length, 'no Message-ID twice');
});

test('a writer who asks is told, once confirmed, that her story was published, with its link', async () => {
  const box = await mailbox();
  const server = await noticeServer(box.url);
  const writer = 'penulis.cerita@example.org';
  const sent = await server.api('POST', '/stories', { json: validStory({ title: 'Kebun Sekolah Panen Sayur', email: writer, notify: true }) });
  assert.equal(sent.status, 201);
  const [confirmation] = await eventually(() => box.to(writer).length && box.to(writer), 'the confirmation');
  assert.equal((await fetch(linkAfter(confirmation, 'Ya, kabari saya'), { method: 'POST' })).status, 200);
  const approved = await server.api('POST', `/admin/stories/${sent.body.id}`, { json: { action: 'approve' }, headers: auth });
  const published = await eventually(() => box.to(writer).find((m) => /Kiriman Anda sudah terbit: Kebun Sekolah Panen Sayur/.test(m.subject ?? '')), '"published"');
  assert.equal(linkAfter(published, 'Lihat:'), server.base + new URL(approved.body.article.url).pathname);
  assert.equal(header(published, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');
  assert.equal(box.to(writer).length, 2);
});

test('English messages with KABAR_SITE_LANG=en', async () => {
  const box = await mailbox();
  const server = await noticeServer(box.url, { KABAR_SITE_LANG: 'en', KABAR_SITE_NAME: 'Warta Warga' });
  await server.api('POST', '/stories', { json: validStory({ title: 'Market day in the village' }) });
  const [mail] = await eventually(() => box.to(EDITORS).length && box.to(EDITORS), 'the editors’ message');
  assert.equal(mail.subject, 'New story: Market day in the village');
  assert.match(mail.text ?? '', /Waiting for your review\./);
  assert.match(String(mail.html), /^<!doctype html><html lang="en">/);
  const page = await (await fetch(linkAfter(mail, 'Approve'))).text();
  assert.match(page, /<html lang="en">/);
  assert.match(page, /Approve this story\?/);
});

test('an address that never confirms gets nothing but its one confirmation, however many comments it sends', async () => {
  const box = await mailbox();
  const server = await noticeServer(box.url);
  const lurker = 'tidak.konfirmasi@example.org';
  const path = thread('festival-layang-layang-pantai-parangkusumo');
  for (let i = 0; i < 5; i++) {
    const sent = await server.api('POST', path, { json: validComment({ author_email: lurker, body: `Komentar ke-${i + 1} tanpa konfirmasi.`, notify: true }) });
    assert.equal(sent.status, 201);
    await server.api('POST', `/admin/comments/${sent.body.id}`, { json: { action: 'approve' }, headers: auth });
    const reply = await server.api('POST', path, { json: validComment({ author_email: `pembalas${i}@example.org`, body: `Balasan ke-${i + 1}.`, parent_id: sent.body.id }) });
    await server.api('POST', `/admin/comments/${reply.body.id}`, { json: { action: 'approve' }, headers: auth });
  }
  await eventually(async () => (await waiting(server)) === 0 && box.to(EDITORS).length === 10, 'every message sent');
  assert.deepEqual(box.to(lurker).map((m) => m.subject), ['Konfirmasi kabar lewat email dari Kabar']);
});

test('an address the comment rules let through but that reads as a list (x,someone@else) is never mailed: it would reach someone who never typed it', async () => {
  const box = await mailbox();
  const server = await noticeServer(box.url);
  const path = thread('festival-layang-layang-pantai-parangkusumo');
  for (const address of ['x,korban@example.org', 'y<korban@example.org>z.org']) {
    const sent = await server.api('POST', path, { json: validComment({ author_email: address, body: `Kabari saya lewat ${address}.`, notify: true }) });
    assert.equal(sent.status, 201);
  }
  await eventually(async () => (await waiting(server)) === 0 && box.to(EDITORS).length === 2, 'the editors\u2019 two messages');
  assert.deepEqual(box.to('korban@example.org'), []);
  assert.deepEqual(box.messages.flatMap((m) => m.rcpt).filter((r) => r !== EDITORS), []);
});

test('webhooks: receivers get events signed as documented, a failing receiver is retried, and /admin shows the deliveries', async () => {
  const box = await mailbox();
  const receiver = await startReceiver();
  open.push(receiver);
  // Retries start 100 ms apart here instead of 5 s, so the test waits seconds, not minutes.
  const server = await noticeServer(box.url, { KABAR_WEBHOOK_URL: receiver.url, KABAR_WEBHOOK_SECRET: SECRET, KABAR_OUTBOX_RETRY_MS: '100' });
  receiver.failNext(2);
  const sent = await server.api('POST', '/stories', { json: validStory({ title: 'Kabar untuk jembatan Telegram', email: 'rahasia.penulis@example.org' }) });
  const received = await eventually(() => receiver.deliveries.find((d) => d.status === 204), 'a delivery answered 2xx');
  assert.equal(receiver.deliveries.length, 3, 'two failures, then the retry that worked');
  assert.deepEqual(new Set(receiver.deliveries.map((d) => d.headers['kabar-delivery'])).size, 1, 'one delivery, retried');

  // What a receiver does with the documented secret: HMAC-SHA256 over "<t>.<body>".
  const signature = String(received.headers['kabar-signature']);
  const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature)!;
  assert.equal(createHmac('sha256', SECRET).update(`${t}.${received.body}`).digest('hex'), v1);
  assert.ok(Math.abs(Date.now() / 1000 - Number(t)) < 300);
  const event = JSON.parse(received.body);
  assert.equal(event.type, 'story.received');
  assert.equal(received.headers['kabar-event'], 'story.received');
  assert.equal(event.data.story.id, sent.body.id);
  assert.doesNotMatch(received.body, /rahasia\.penulis@example\.org/, 'no address unless the operator turns it on');

  await server.api('POST', `/admin/stories/${sent.body.id}`, { json: { action: 'approve' }, headers: auth });
  const approved = await eventually(() => receiver.deliveries.map((d) => JSON.parse(d.body)).find((e) => e.type === 'story.approved'), 'story.approved');
  assert.match(approved.data.article.url, /\/artikel\//);

  const comment = await server.api('POST', thread('festival-layang-layang-pantai-parangkusumo'), { json: validComment() });
  await eventually(() => receiver.deliveries.some((d) => JSON.parse(d.body).type === 'comment.received'), 'comment.received');
  await server.api('POST', `/admin/comments/${comment.body.id}`, { json: { action: 'approve' }, headers: auth });
  await eventually(() => receiver.deliveries.some((d) => JSON.parse(d.body).type === 'comment.approved'), 'comment.approved');

  const deliveries = await server.api('GET', '/admin/webhooks', { headers: auth });
  assert.equal(deliveries.status, 200);
  const first = deliveries.body.deliveries.find((d: { event: string }) => d.event === 'story.received');
  assert.equal(first.status, 'sent');
  assert.equal(first.attempts, 3);
  assert.equal(first.url, new URL(receiver.url).host, 'the receiver’s host, never its path (it may hold a bot token)');
});

test('with the SMTP server refusing connections sends still answer, and the mail goes out once it is back', async () => {
  const port = await freePort();
  const server = await noticeServer(`smtp://127.0.0.1:${port}`, { KABAR_OUTBOX_RETRY_MS: '200' });
  const story = await server.api('POST', '/stories', { json: validStory({ title: 'Dikirim saat surel mati' }) });
  const comment = await server.api('POST', thread('festival-layang-layang-pantai-parangkusumo'), { json: validComment({ notify: true }) });
  assert.deepEqual([story.status, comment.status], [201, 201]);
  await eventually(async () => (await server.query<{ n: number }>('SELECT COUNT(*) AS n FROM outbox WHERE attempts > 0 AND last_error IS NOT NULL'))[0].n > 0, 'a failed attempt');
  const box = await mailbox(port);
  await eventually(() => box.to(EDITORS).length === 2 && box.to('bayu@example.org').length === 1, 'the mail, once SMTP is back', 30_000);
});

test('an SMTP server that refuses the login (535, a wrong password) delays the mail; it is not given up, and goes once the login works', async () => {
  let refusing = true;
  const rcpt: string[] = [];
  const smtp = new SMTPServer({
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (auth, _session, callback) => (refusing ? callback(new Error('Invalid username or password')) : callback(null, { user: auth.username })),
    onData(stream, session, callback) {
      stream.resume().on('end', () => {
        rcpt.push(...session.envelope.rcptTo.map((r) => r.address));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  open.push({ close: () => new Promise<void>((resolve) => smtp.close(() => resolve())) });
  const server = await noticeServer(`smtp://kabar:sandi@127.0.0.1:${(smtp.server.address() as AddressInfo).port}`, { KABAR_OUTBOX_RETRY_MS: '200' });
  assert.equal((await server.api('POST', '/stories', { json: validStory() })).status, 201);
  const tried = async () => (await server.query<{ attempts: number; failed_at: number | null }>("SELECT attempts, failed_at FROM outbox WHERE kind = 'mail'"))[0];
  await eventually(async () => Number((await tried())?.attempts) >= 2, 'two refused attempts');
  assert.equal((await tried()).failed_at, null);
  refusing = false;
  await eventually(() => rcpt.includes(EDITORS), 'the editor message once the login works');
});

test('an editor who chooses a digest gets one message that counts held spam without its text, and no message per item', async () => {
  const box = await mailbox();
  const server = await noticeServer(box.url, { KABAR_NOTIFY_EMAIL: '', KABAR_MIN_FILL_MS: '3000' });
  const chosen = await server.api('PUT', '/admin/notifications', { json: { email: 'Editor.Ringkas@Example.org', digest_minutes: 30 }, headers: auth });
  assert.equal(chosen.status, 200);
  assert.equal(chosen.body.email, 'editor.ringkas@example.org');
  assert.equal((await server.api('GET', '/admin/notifications', { headers: auth })).body.digest_minutes, 30);
  assert.equal((await server.api('PUT', '/admin/notifications', { json: { email: 'bukan-alamat', digest_minutes: -1 }, headers: auth })).status, 422);

  await server.api('POST', '/stories', { json: validStory({ title: 'Cerita yang menunggu ringkasan' }) });
  await server.api('POST', '/stories', { json: validStory({ title: 'Iklan obat kuat murah', email: 'bot@example.org', website: 'http://spam.example' }) });
  await server.api('POST', thread('festival-layang-layang-pantai-parangkusumo'), { json: validComment({ body: 'Komentar untuk ringkasan.' }) });
  await eventually(async () => (await waiting(server)) === 0, 'nothing queued per item');
  assert.equal(box.messages.length, 0);
  // Half an hour passes.
  await server.query('UPDATE editor_notices SET last_digest_at = last_digest_at - ?', 31 * 60_000);
  const [digest] = await eventually(() => box.to('editor.ringkas@example.org').length && box.to('editor.ringkas@example.org'), 'the digest');
  assert.match(digest.subject ?? '', /1 kiriman dan 1 komentar/);
  assert.match(digest.text ?? '', /Cerita yang menunggu ringkasan/);
  assert.match(digest.text ?? '', /1 kiriman dan 0 komentar ditahan sebagai spam/);
  assert.doesNotMatch(digest.text ?? '', /obat kuat/);
});

test('at most KABAR_MAIL_HOURLY_CAP messages an hour go to one address', async () => {
  const box = await mailbox();
  const server = await noticeServer(box.url, { KABAR_MAIL_HOURLY_CAP: '3' });
  for (let i = 0; i < 5; i++) assert.equal((await server.api('POST', '/stories', { json: validStory({ title: `Banjir kiriman nomor ${i + 1}` }) })).status, 201);
  await eventually(async () => (await waiting(server)) === 0 && box.to(EDITORS).length === 3, 'three messages');
  assert.equal(box.to(EDITORS).length, 3);
});

test('the comment API takes notify as a boolean only, and without SMTP nothing is queued', async () => {
  const server = await testServer();
  open.push(server);
  const bad = await server.api('POST', thread('festival-layang-layang-pantai-parangkusumo'), { json: validComment({ notify: 'ya' }) });
  assert.equal(bad.status, 422);
  assert.equal(bad.body.error.fields.notify, 'invalid');
  assert.equal((await server.api('POST', thread('festival-layang-layang-pantai-parangkusumo'), { json: validComment({ notify: true }) })).status, 201);
  assert.equal((await server.api('POST', '/stories', { json: validStory() })).status, 201);
  assert.deepEqual(await server.query('SELECT id FROM outbox'), []);
  assert.deepEqual(await server.query('SELECT email FROM mail_subscriptions'), []);
  assert.match(describeNotify(server.config.notify).join('\n'), /E-mail: +off, nothing is sent/);
  assert.throws(() => notifyConfigFrom({ KABAR_SMTP_URL: 'smtp://127.0.0.1:25' }), /KABAR_MAIL_FROM/);
  assert.throws(() => notifyConfigFrom({ KABAR_WEBHOOK_URL: 'https://hooks.example.org/x' }), /KABAR_WEBHOOK_SECRET/);
});

test('the erase tool removes an address’s subscriptions and its queued mail', async () => {
  const port = await freePort();
  const server = await noticeServer(`smtp://127.0.0.1:${port}`);
  const email = 'hapus.kabar@example.org';
  await server.api('POST', thread('festival-layang-layang-pantai-parangkusumo'), { json: validComment({ author_email: email, notify: true }) });
  assert.equal((await server.query('SELECT email FROM mail_subscriptions WHERE email = ?', email)).length, 1);
  assert.equal((await server.query("SELECT id FROM outbox WHERE recipient = ? AND kind = 'mail'", email)).length, 1);
  const preview = await server.api('POST', '/admin/erase', { json: { email }, headers: auth });
  assert.equal((await server.api('POST', '/admin/erase', { json: { email, confirm: preview.body.confirm }, headers: auth })).body.erased, true);
  assert.deepEqual(await server.query('SELECT email FROM mail_subscriptions WHERE email = ?', email), []);
  assert.deepEqual(await server.query('SELECT email FROM mail_addresses WHERE email = ?', email), []);
  assert.deepEqual(await server.query('SELECT id FROM outbox WHERE recipient = ?', email), []);
});

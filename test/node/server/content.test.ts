/**
 * Content management: editing a story before approval; editing, unpublishing,
 * republishing and deleting articles; categories; deleting a comment; erasing
 * one e-mail address; and the audit log that records every action.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { heldPhotosDir } from '../../../server/uploads/local.js';
import { ADMIN_TOKEN, solidPng, testServer, thread, validComment, validStory, type TestServer } from './helpers.js';

let server: TestServer;
before(async () => {
  server = await testServer();
});
after(() => server.close());

const headers = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const admin = (method: string, path: string, json?: unknown) => server.api(method, `/admin${path}`, { json, headers });

interface AuditLine {
  actor: string;
  action: string;
  item_type: string;
  item_id: string;
  detail?: string;
}
/** The newest entries of the audit log, newest first. */
async function audit(count = 20): Promise<AuditLine[]> {
  const answer = await admin('GET', `/audit?per_page=${count}`);
  assert.equal(answer.status, 200);
  return answer.body.items;
}

async function sendStory(overrides: Record<string, unknown> = {}): Promise<string> {
  const answer = await server.api('POST', '/stories', { json: validStory(overrides) });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return answer.body.id;
}

async function sendStoryWithPhoto(overrides: Record<string, unknown>): Promise<string> {
  const form = new FormData();
  for (const [name, value] of Object.entries(validStory({ photo_alt: 'Kotak', ...overrides }))) form.append(name, String(value));
  form.append('photo', new Blob([new Uint8Array(solidPng(12, 8, [200, 40, 40]))]), 'foto.png');
  const answer = await server.api('POST', '/stories', { body: form });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return answer.body.id;
}

async function approve(storyId: string): Promise<{ id: string; url: string; thread: string; image?: { src: string } }> {
  const answer = await admin('POST', `/stories/${storyId}`, { action: 'approve' });
  assert.equal(answer.status, 200);
  return { ...answer.body.article, thread: new URL(answer.body.article.url).pathname };
}

const fileOf = (src: string): string => new URL(src).pathname.split('/').pop()!;

test('an editor edits a story before approving it: the article carries the edit, and the log says who and what', async () => {
  const id = await sendStory({ title: 'Judul asli yang salah ketik', category: 'komunitas' });
  const edited = await admin('PATCH', `/stories/${id}`, {
    title: 'Judul yang sudah dibetulkan',
    body: 'Paragraf yang disunting redaksi.\n\nParagraf kedua.',
    name: 'Ani R.',
    category: 'Perempuan',
  });
  assert.equal(edited.status, 200);
  assert.equal(edited.body.story.title, 'Judul yang sudah dibetulkan');
  assert.equal(edited.body.story.category, 'perempuan', 'a category named by its name is kept by its slug');
  const [entry] = await audit(1);
  assert.deepEqual(entry, { ...entry, actor: 'owner', action: 'story.edit', item_type: 'story', item_id: id, detail: 'title, body, name, category' });

  const article = await approve(id);
  const published = await server.api('GET', `/articles/${article.id}`);
  assert.equal(published.body.title, 'Judul yang sudah dibetulkan');
  assert.equal(published.body.author.name, 'Ani R.');
  assert.deepEqual(published.body.categories.map((c: { slug: string }) => c.slug), ['perempuan']);
  assert.match(published.body.body, /^Paragraf yang disunting redaksi\./);
  assert.equal((await audit(1))[0].action, 'story.approve');

  assert.equal((await admin('PATCH', `/stories/${id}`, { title: 'Terlambat disunting' })).status, 409, 'a published story is edited as an article');
  assert.equal((await admin('PATCH', '/stories/999999', { title: 'Tidak ada cerita ini' })).status, 404);
  const other = await sendStory({ title: 'Cerita lain yang menunggu' });
  const bad = await admin('PATCH', `/stories/${other}`, { title: 'abc', category: 'tidak-ada' });
  assert.equal(bad.status, 422);
  assert.equal(bad.body.error.fields.title, 'too_short');
  assert.equal((await admin('PATCH', `/stories/${other}`, { category: 'tidak-ada' })).body.error.fields.category, 'not_found');
  assert.equal((await server.store.getStory(other))!.title, 'Cerita lain yang menunggu', 'a refused edit changes nothing');
});

test('an article is edited, unpublished (gone from the site), republished and deleted with its comments and photo', async () => {
  const storyId = await sendStoryWithPhoto({ title: 'Artikel yang akan disunting', email: 'editan@example.org' });
  const article = await approve(storyId);
  const photo = join(server.config.uploadsDir, fileOf(article.image!.src));
  assert.ok(existsSync(photo));
  const comment = await server.api('POST', thread(article.url.split('/artikel/')[1]), { json: validComment() });
  await admin('POST', `/comments/${comment.body.id}`, { action: 'approve' });

  const edited = await admin('PATCH', `/articles/${article.id}`, { title: 'Judul baru artikel', body: 'Pembuka yang baru.\n\nLanjutannya.', categories: ['lingkungan'] });
  assert.equal(edited.status, 200);
  const read = await server.api('GET', `/articles/${article.id}`);
  assert.equal(read.body.title, 'Judul baru artikel');
  assert.equal(read.body.excerpt, 'Pembuka yang baru.', 'a new text gets a new excerpt');
  assert.ok(read.body.updated_at);
  assert.deepEqual(read.body.categories.map((c: { slug: string }) => c.slug), ['lingkungan']);
  assert.equal((await admin('PATCH', `/articles/${article.id}`, { categories: ['tidak-ada'] })).status, 422);
  assert.equal((await admin('PATCH', `/articles/${article.id}`, { categories: [] })).status, 422, 'an article keeps a category');

  const hidden = await admin('PATCH', `/articles/${article.id}`, { published: false });
  assert.equal(hidden.body.article.status, 'unpublished');
  assert.equal((await server.api('GET', `/articles/${article.id}`)).status, 404);
  const list = await server.api('GET', '/articles?per_page=50');
  assert.ok(!list.body.items.some((a: { id: string }) => a.id === article.id), 'not listed');
  assert.equal((await server.app.request(new URL(article.url).pathname)).status, 404, 'its page is gone');
  const editors = await admin('GET', '/articles?q=Judul%20baru');
  assert.deepEqual(editors.body.items.map((a: { id: string; status: string }) => [a.id, a.status]), [[article.id, 'unpublished']]);

  assert.equal((await admin('PATCH', `/articles/${article.id}`, { published: true })).body.article.status, 'published');
  assert.equal((await server.api('GET', `/articles/${article.id}`)).status, 200);
  assert.equal((await server.app.request(new URL(article.url).pathname)).status, 200);
  assert.deepEqual(
    (await audit(4)).map((e) => [e.action, e.item_id, e.detail]),
    [
      ['article.republish', article.id, undefined],
      ['article.unpublish', article.id, undefined],
      ['article.edit', article.id, 'title, body, excerpt, categories'],
      ['comment.approve', comment.body.id, undefined],
    ],
  );

  const deleted = await admin('DELETE', `/articles/${article.id}`);
  assert.deepEqual(deleted.body, { deleted: true, id: article.id, comments: 1 });
  assert.equal((await server.api('GET', `/articles/${article.id}`)).status, 404);
  assert.equal((await admin('GET', `/articles/${article.id}`)).status, 404);
  assert.ok(!existsSync(photo), 'its photo is gone from disk');
  assert.equal((await server.api('GET', thread(article.url.split('/artikel/')[1]))).body.total, 0);
  assert.equal((await admin('DELETE', `/articles/${article.id}`)).status, 404);
  assert.equal((await audit(1))[0].action, 'article.delete');
});

test('categories are added, renamed (slug kept) and removed; one in use moves its articles or is refused', async () => {
  const added = await admin('POST', '/categories', { name: 'Kesehatan Warga' });
  assert.equal(added.status, 201);
  assert.equal(added.body.category.slug, 'kesehatan-warga');
  assert.equal((await admin('POST', '/categories', { name: 'kesehatan warga' })).status, 409);
  assert.equal((await admin('POST', '/categories', { name: '' })).status, 422);
  const id = added.body.category.id;

  assert.equal((await admin('PATCH', `/categories/${id}`, { name: 'Kesehatan' })).status, 409, 'another category has that name');
  const renamed = await admin('PATCH', `/categories/${id}`, { name: 'Sehat Bersama' });
  assert.deepEqual(renamed.body.category, { id, slug: 'kesehatan-warga', name: 'Sehat Bersama' });
  const listed = await server.api('GET', '/categories');
  assert.ok(listed.body.items.some((c: { slug: string; name: string }) => c.slug === 'kesehatan-warga' && c.name === 'Sehat Bersama'));

  const storyId = await sendStory({ title: 'Posyandu keliling di kampung', category: 'kesehatan-warga' });
  const article = await approve(storyId);
  const counted = await admin('GET', '/categories');
  assert.equal(counted.body.items.find((c: { id: string }) => c.id === id).articles, 1);

  const refused = await admin('DELETE', `/categories/${id}`);
  assert.equal(refused.status, 409);
  assert.equal(refused.body.error.code, 'category_in_use');
  assert.equal((await admin('DELETE', `/categories/${id}?move_to=${id}`)).status, 422, 'not onto itself');
  assert.equal((await admin('DELETE', `/categories/${id}?move_to=999999`)).status, 422);
  const target = (await server.store.findCategory('komunitas'))!;
  const removed = await admin('DELETE', `/categories/${id}?move_to=${target.id}`);
  assert.deepEqual(removed.body, { deleted: true, category: { id, slug: 'kesehatan-warga', name: 'Sehat Bersama' }, moved: 1 });
  const read = await server.api('GET', `/articles/${article.id}`);
  assert.deepEqual(read.body.categories.map((c: { slug: string }) => c.slug), ['komunitas'], 'the article keeps a valid category');
  assert.equal((await server.api('GET', '/articles?category=kesehatan-warga')).body.total, 0);

  const unused = await admin('POST', '/categories', { name: 'Sementara', slug: 'Sementara Saja' });
  assert.equal(unused.body.category.slug, 'sementara-saja');
  assert.equal((await admin('DELETE', `/categories/${unused.body.category.id}`)).body.moved, 0);
  assert.equal((await admin('DELETE', `/categories/${unused.body.category.id}`)).status, 404);
  assert.deepEqual(
    (await audit(6)).map((e) => [e.action, e.item_id]),
    [
      ['category.remove', unused.body.category.id],
      ['category.add', unused.body.category.id],
      ['category.remove', id],
      ['story.approve', storyId],
      ['category.rename', id],
      ['category.add', id],
    ],
  );
});

test('a published comment is deleted; its replies answer its parent; the log names it', async () => {
  const slug = 'komentar-yang-dihapus';
  const first = await server.api('POST', thread(slug), { json: validComment({ body: 'Komentar pertama.' }) });
  await admin('POST', `/comments/${first.body.id}`, { action: 'approve' });
  const reply = await server.api('POST', thread(slug), { json: validComment({ body: 'Balasan yang tetap.', parent_id: first.body.id }) });
  await admin('POST', `/comments/${reply.body.id}`, { action: 'approve' });

  const deleted = await admin('DELETE', `/comments/${first.body.id}`);
  assert.deepEqual(deleted.body, { deleted: true, id: first.body.id });
  const left = await server.api('GET', thread(slug));
  assert.deepEqual(left.body.items.map((c: { id: string; parent_id: string | null }) => [c.id, c.parent_id]), [[reply.body.id, null]]);
  assert.equal((await admin('DELETE', `/comments/${first.body.id}`)).status, 404);
  assert.deepEqual((await audit(1)).map((e) => [e.actor, e.action, e.item_type, e.item_id]), [['owner', 'comment.delete', 'comment', first.body.id]]);
});

test('erasing an e-mail address: a first call only counts, the confirmed one removes stories, articles, comments and photo files', async () => {
  const email = 'Hapus.Saya@Example.org';
  const published = await approve(await sendStoryWithPhoto({ title: 'Cerita terbit yang akan dihapus', email }));
  const publicPhoto = join(server.config.uploadsDir, fileOf(published.image!.src));
  const waiting = await sendStoryWithPhoto({ title: 'Cerita menunggu yang akan dihapus', email: email.toLowerCase() });
  const heldPhoto = join(heldPhotosDir(server.config.dataDir), fileOf((await admin('GET', '/queue?status=pending&per_page=100')).body.stories.find((s: { id: string }) => s.id === waiting).photo.src));
  // Sent and moderated with Idempotency-Keys: the answers kept for them repeat the person's data.
  const comment = await server.api('POST', thread('utas-lain'), { json: validComment({ author_email: email }), headers: { 'Idempotency-Key': 'komentar-hapus' } });
  await server.api('POST', `/admin/comments/${comment.body.id}`, { json: { action: 'approve' }, headers: { ...headers, 'Idempotency-Key': 'setujui-hapus' } });
  await server.api('POST', `/admin/stories/${waiting}`, { json: { action: 'spam' }, headers: { ...headers, 'Idempotency-Key': 'spam-hapus' } });
  const bystander = await server.api('POST', thread('utas-lain'), { json: validComment({ author_email: 'orang.lain@example.org', body: 'Komentar orang lain.' }) });
  assert.ok(existsSync(publicPhoto) && existsSync(heldPhoto));

  const preview = await admin('POST', '/erase', { email: 'hapus.saya@example.org' });
  assert.equal(preview.status, 200);
  assert.equal(preview.body.erased, false);
  assert.deepEqual(preview.body.found, { stories: 2, articles: 1, comments: 1, photos: 2 });
  assert.ok(existsSync(publicPhoto) && (await server.store.getComment(comment.body.id)), 'asking erases nothing');

  assert.equal((await admin('POST', '/erase', { email, confirm: 'bukan-token' })).status, 409);
  // Something new from the address after the count: the count no longer holds.
  const late = await server.api('POST', thread('utas-lain'), { json: validComment({ author_email: email, body: 'Komentar yang datang kemudian.' }) });
  const stale = await admin('POST', '/erase', { email, confirm: preview.body.confirm });
  assert.equal(stale.status, 409);
  assert.equal(stale.body.error.code, 'confirmation_mismatch');
  assert.ok(await server.store.getComment(late.body.id), 'a refused confirmation erases nothing');

  const again = await admin('POST', '/erase', { email });
  assert.deepEqual(again.body.found, { stories: 2, articles: 1, comments: 2, photos: 2 });
  const erased = await admin('POST', '/erase', { email, confirm: again.body.confirm });
  assert.equal(erased.status, 200);
  assert.equal(erased.body.erased, true);
  assert.equal((await server.api('GET', `/articles/${published.id}`)).status, 404);
  assert.equal(await server.store.getStory(waiting), undefined);
  assert.equal(await server.store.getComment(comment.body.id), undefined);
  assert.equal(await server.store.getComment(late.body.id), undefined);
  assert.ok(await server.store.getComment(bystander.body.id), 'nobody else loses anything');
  const kept = JSON.stringify(await server.query('SELECT * FROM idempotency'));
  assert.ok(!/hapus\.saya/i.test(kept), 'no kept answer repeats the address');
  assert.ok(!existsSync(publicPhoto), 'the published photo is gone from disk');
  assert.ok(!existsSync(heldPhoto), 'the waiting photo is gone from disk');
  assert.deepEqual((await admin('POST', '/erase', { email })).body.found, { stories: 0, articles: 0, comments: 0, photos: 0 });

  // The last look-up is on record too, after the erasure it followed.
  const [lookup, entry] = await audit(2);
  assert.deepEqual([lookup.action, lookup.item_type, lookup.item_id, lookup.detail], ['email.lookup', 'email', 'H***@Example.org', '0 stories, 0 articles, 0 comments, 0 photos']);
  assert.deepEqual([entry.action, entry.item_type, entry.item_id, entry.detail], ['email.erase', 'email', 'H***@Example.org', '2 stories, 1 articles, 2 comments, 2 photos']);
  const log = JSON.stringify(await audit(200));
  assert.ok(!/hapus\.saya/i.test(log), 'the log keeps no address');
  assert.equal((await admin('POST', '/erase', { email: 'bukan alamat' })).status, 422);
});

test('every moderation action is in the audit log once, newest first, paged; a replayed request adds nothing', async () => {
  const [a, b, c] = [await sendStory({ title: 'Cerita untuk ditolak' }), await sendStory({ title: 'Cerita untuk spam' }), await sendStory({ title: 'Cerita untuk dihapus' })];
  const comment = await server.api('POST', thread('log-audit'), { json: validComment({ body: 'Komentar untuk disetujui massal.' }) });
  const retry = { headers: { ...headers, 'Idempotency-Key': 'tolak-a' }, json: { action: 'reject' } };
  assert.equal((await server.api('POST', `/admin/stories/${a}`, retry)).status, 200);
  assert.equal((await server.api('POST', `/admin/stories/${a}`, retry)).headers.get('Idempotent-Replayed'), 'true');
  await admin('POST', `/stories/${b}`, { action: 'spam' });
  await admin('POST', `/stories/${c}`, { action: 'spam' });
  await admin('POST', `/stories/${c}`, { action: 'delete' });
  await admin('POST', '/bulk', { action: 'approve', stories: [a, '999999'], comments: [comment.body.id] });
  await admin('DELETE', '/spam');
  // Emptied again, nothing is left to delete: no second line.
  await admin('DELETE', '/spam');
  await admin('GET', '/queue');

  const newest = await audit(7);
  assert.deepEqual(
    newest.map((e) => [e.actor, e.action, e.item_type, e.item_id]),
    [
      ['owner', 'queue.read', 'queue', 'pending'],
      ['owner', 'spam.empty', 'spam', 'spam'],
      ['owner', 'comment.approve', 'comment', comment.body.id],
      ['owner', 'story.delete', 'story', c],
      ['owner', 'story.spam', 'story', c],
      ['owner', 'story.spam', 'story', b],
      ['owner', 'story.reject', 'story', a],
    ],
    'a rejected story approved in bulk is refused and not logged; reading the queue (senders\u2019 addresses) is',
  );
  assert.equal(newest[1].detail, '1 stories, 0 comments');
  assert.equal(newest[2].detail, 'bulk');

  const first = await admin('GET', '/audit?per_page=2&page=1');
  const second = await admin('GET', '/audit?per_page=2&page=2');
  assert.equal(first.body.total, second.body.total);
  assert.ok(first.body.total >= 7);
  assert.deepEqual([...first.body.items, ...second.body.items].map((e: AuditLine) => e.action), newest.slice(0, 4).map((e) => e.action));
  const times = newest.map((e) => Date.parse((e as unknown as { at: string }).at));
  assert.deepEqual([...times].sort((x, y) => y - x), times, 'newest first');
  assert.equal((await server.api('GET', '/admin/audit')).status, 401);
});

/** A database made before stories could be held as spam is upgraded in place, keeping what it holds. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { MIGRATIONS, SqliteStore } from '../../../server/store/sqlite.js';

test('a version 1 database keeps its stories, photos and published articles, and takes spam afterwards', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kabar-migration-'));
  const path = join(dir, 'old.db');
  try {
    const old = new Database(path);
    old.exec(MIGRATIONS[0]);
    old.pragma('user_version = 1');
    old.exec(`
      INSERT INTO media (file, type, size) VALUES ('0123456789abcdef0123456789abcdef.png', 'image/png', 10);
      INSERT INTO stories (name, email, title, body, photo_file, status, received_at)
        VALUES ('Ani', 'ani@example.org', 'Cerita lama', 'Satu.\n\nDua.', '0123456789abcdef0123456789abcdef.png', 'approved', 1);
      INSERT INTO articles (slug, thread, title, excerpt, body, published_at, story_id)
        VALUES ('cerita-lama', '/artikel/cerita-lama', 'Cerita lama', 'Satu.', 'Satu.\n\nDua.', 2, 1);`);
    old.close();

    const store = new SqliteStore(path);
    try {
      const story = await store.getStory('1');
      assert.equal(story?.status, 'approved');
      assert.equal(story?.photo?.file, '0123456789abcdef0123456789abcdef.png');
      assert.equal(story?.articleId, '1');
      assert.equal(store.db.pragma('foreign_keys', { simple: true }), 1);
      assert.equal(store.db.pragma('user_version', { simple: true }), MIGRATIONS.length);
      const held = await store.once(undefined, async (tx) => {
        const result = await tx.createStory({ name: 'Mesin', email: 'm@example.org', title: 'Kiriman otomatis', body: 'a\n\nb', receivedAt: 3, spamReason: 'honeypot' });
        return { status: result.ok ? 201 : 409, body: result.ok ? result.story : null };
      });
      assert.equal(held.kind === 'fresh' && (held.answer.body as { status: string }).status, 'spam');
    } finally {
      store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

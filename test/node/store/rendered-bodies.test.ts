/**
 * Comments and articles keep their markdown rendered beside the source: a write stores both, a
 * database from before the rendered column gets its rows rendered when it opens, and rows that
 * another renderer version made are rendered again. Both stores.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { RENDERER_VERSION } from '../../../server/render.js';
import { PostgresStore } from '../../../server/store/postgres.js';
import { MIGRATIONS, SqliteStore } from '../../../server/store/sqlite.js';
import { freshDatabase } from './postgres-support.js';

const MARKDOWN = '- satu\n- *dua*\n\n[aman](https://example.org/a) dan [jahat](javascript:alert(1))';

function assertRendered(html: string | undefined): void {
  assert.match(html ?? '', /<ul>\s*<li>satu<\/li>\s*<li><em>dua<\/em><\/li>\s*<\/ul>/);
  assert.match(html ?? '', /<a href="https:\/\/example.org\/a" rel="ugc nofollow noopener">aman<\/a>/);
  assert.doesNotMatch(html ?? '', /javascript:/i);
  assert.match(html ?? '', /jahat/);
}

const ROWS = (renderer: number) => [
  `INSERT INTO articles (slug, thread, title, excerpt, body, published_at, body_html, body_renderer)
     VALUES ('lama', '/artikel/lama', 'Lama', 'Satu.', '${MARKDOWN}', 2, 'stale', ${renderer})`,
  `INSERT INTO comments (thread, author_name, author_email, body, status, created_at, body_html, body_renderer)
     VALUES ('/artikel/lama', 'Ani', 'ani@example.org', '${MARKDOWN}', 'approved', 3, 'stale', ${renderer})`,
];

describe('rendered bodies on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kabar-rendered-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a database from before the rendered column has its comments and articles rendered when it opens', async () => {
    const path = join(dir, 'before.db');
    const old = new Database(path);
    for (const migration of MIGRATIONS.slice(0, -1)) old.exec(migration);
    old.pragma(`user_version = ${MIGRATIONS.length - 1}`);
    old.exec(`INSERT INTO articles (slug, thread, title, excerpt, body, published_at) VALUES ('lama', '/artikel/lama', 'Lama', 'Satu.', '${MARKDOWN}', 2);
      INSERT INTO comments (thread, author_name, author_email, body, status, created_at) VALUES ('/artikel/lama', 'Ani', 'ani@example.org', '${MARKDOWN}', 'approved', 3);`);
    old.close();
    const store = new SqliteStore(path);
    try {
      assertRendered((await store.getArticleBySlug('lama'))?.bodyHtml);
      assertRendered((await store.listComments('/artikel/lama', { page: 1, perPage: 10, sort: 'oldest' })).items[0]?.bodyHtml);
    } finally {
      store.close();
    }
  });

  it('rows rendered by another renderer version are rendered again; rows of this version are left as stored', async () => {
    const path = join(dir, 'versions.db');
    const first = new SqliteStore(path);
    for (const row of ROWS(RENDERER_VERSION + 1)) first.db.exec(row);
    first.db.exec(ROWS(RENDERER_VERSION)[1].replace("'Ani'", "'Budi'"));
    first.close();
    const store = new SqliteStore(path);
    try {
      assertRendered((await store.getArticleBySlug('lama'))?.bodyHtml);
      const comments = (await store.listComments('/artikel/lama', { page: 1, perPage: 10, sort: 'oldest' })).items;
      assertRendered(comments.find((c) => c.authorName === 'Ani')?.bodyHtml);
      assert.equal(comments.find((c) => c.authorName === 'Budi')?.bodyHtml, 'stale');
    } finally {
      store.close();
    }
  });

  it('a comment written is stored rendered', async () => {
    const store = new SqliteStore(':memory:');
    try {
      const result = await store.once(undefined, async (tx) => {
        const created = await tx.createComment({ thread: '/a', parentId: null, authorName: 'Ani', authorEmail: 'ani@example.org', body: MARKDOWN, createdAt: 1 });
        return { status: 201, body: created.ok ? created.comment : null };
      });
      assert.equal(result.kind, 'fresh');
      assertRendered(result.kind === 'fresh' ? (result.answer.body as { bodyHtml: string }).bodyHtml : undefined);
    } finally {
      store.close();
    }
  });
});

describe('rendered bodies on PostgreSQL', () => {
  it('rows from before rendering (renderer 0) and of another version are rendered when the store opens', async () => {
    const database = await freshDatabase();
    try {
      const first = await PostgresStore.open(database.url, { max: 2 });
      try {
        await first.select(ROWS(0)[0]);
        await first.select(ROWS(RENDERER_VERSION + 1)[1]);
      } finally {
        await first.end();
      }
      const store = await PostgresStore.open(database.url, { max: 2 });
      try {
        assertRendered((await store.getArticleBySlug('lama'))?.bodyHtml);
        assertRendered((await store.listComments('/artikel/lama', { page: 1, perPage: 10, sort: 'oldest' })).items[0]?.bodyHtml);
      } finally {
        await store.end();
      }
    } finally {
      await database.drop();
    }
  });
});

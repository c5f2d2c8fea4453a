/**
 * Content management for editors, under `/api/v1/admin` behind the token
 * check: edit a story before approving it; edit, unpublish, republish and
 * delete articles; add, rename and remove categories; delete a comment; erase
 * everything one e-mail address sent; and the audit log of every action, these
 * and the moderation routes' alike.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { checkText, isEmail, LIMITS, validateStory, type StoryField } from '../../src/core/rules/rules.js';
import { paging, readJson } from './request.js';
import type { AdminEnv } from '../editors.js';
import { fail } from '../http.js';
import { excerptOf, slugify } from '../publish.js';
import type { ArticleEdit, ArticleRecord, ArticleResult, AuditEntry, AuditRecord, EmailData, Store, StoryEdit } from '../store/types.js';
import { paged, rfc3339, wireArticle, wireStory } from '../wire.js';

export interface ContentOptions {
  store: Store;
  originOf: (c: Context) => string;
  /** Removes photo files (public or still private) that no record keeps any more. */
  dropPhotos: (files: string[]) => Promise<void>;
  /** Makes an article's photo public while it is published and private while it is not. */
  placePhoto: (article: ArticleRecord) => Promise<void>;
}

/** How long an erasure's confirmation token stays good. */
const CONFIRM_TTL_MS = 10 * 60 * 1000;

/** An article as editors see it: with its body, thread and whether readers can see it. */
export function wireEditorArticle(article: ArticleRecord, origin: string) {
  return {
    ...wireArticle(article, origin, true),
    thread: article.thread,
    status: article.unpublishedAt === undefined ? ('published' as const) : ('unpublished' as const),
    ...(article.unpublishedAt === undefined ? {} : { unpublished_at: rfc3339(article.unpublishedAt) }),
  };
}

export function wireAudit(entry: AuditRecord) {
  return {
    id: entry.id,
    at: rfc3339(entry.at),
    actor: entry.actor,
    action: entry.action,
    item_type: entry.itemType,
    item_id: entry.itemId,
    ...(entry.detail ? { detail: entry.detail } : {}),
  };
}

/** `r***@contoh.id`: enough for an audit line to be recognised, not enough to keep the address. */
export const maskEmail = (email: string): string => email.replace(/^(.)[^@]*/, '$1***');

/** Only the named string fields of a body, trimmed; a field of another type is an error. */
function stringFields<K extends string>(body: Record<string, unknown>, names: Record<K, string>): { values: Partial<Record<K, string>>; errors: Record<string, string> } {
  const values: Partial<Record<K, string>> = {};
  const errors: Record<string, string> = {};
  for (const [key, wire] of Object.entries(names) as Array<[K, string]>) {
    const value = body[wire];
    if (value === undefined) continue;
    if (typeof value !== 'string') errors[wire] = 'invalid';
    else values[key] = key === 'body' ? value.replace(/\r\n?/g, '\n').trim() : value.trim();
  }
  return { values, errors };
}

/**
 * The form's own rules on what an editor changed (title, text, name), so an
 * edit cannot make a story or article that a writer could not have sent.
 * Editors may shorten a text to one paragraph.
 */
function editErrors(edit: { title?: string; body?: string; name?: string }, wire: Record<string, string>): Record<string, string> {
  const all = validateStory(
    { name: edit.name ?? 'Redaksi', email: 'redaksi@example.org', title: edit.title ?? 'Judul yang sah', body: edit.body ?? 'Isi.', consent: true },
    { minParagraphs: 1 },
  );
  const errors: Record<string, string> = {};
  for (const field of ['title', 'body', 'name'] as StoryField[]) {
    const code = all[field];
    if (code && edit[field as 'title' | 'body' | 'name'] !== undefined) errors[wire[field]] = code;
  }
  return errors;
}

const invalid = (c: Context, errors: Record<string, string>) => fail(c, 422, 'validation_failed', 'Some fields need attention.', errors);

export function content({ store, originOf, dropPhotos, placePhoto }: ContentOptions): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const who = (c: Context<AdminEnv>): string => c.get('editor');
  // Made fresh with each start: a confirmation does not outlive the process that showed it.
  const confirmKey = randomBytes(32);

  app.get('/me', (c) => c.json({ name: who(c), role: c.get('role') }));

  // Stories, before they are approved -------------------------------------------

  app.patch('/stories/:id', async (c) => {
    const json = await readJson(c);
    if (!json.ok) return json.response;
    const { values, errors } = stringFields(json.value, { title: 'title', body: 'body', name: 'name' });
    const category = json.value.category;
    if (category !== undefined && category !== null && typeof category !== 'string') errors.category = 'invalid';
    Object.assign(errors, editErrors(values, { title: 'title', body: 'body', name: 'name' }));
    if (Object.keys(errors).length) return invalid(c, errors);
    const edit: StoryEdit = { ...values, ...(category === undefined ? {} : { category: typeof category === 'string' && category.trim() ? category.trim() : null }) };
    const result = await store.editStory(c.req.param('id'), edit, who(c));
    if (result.ok) return c.json({ story: wireStory(result.story, originOf(c)) });
    if (result.reason === 'not_found') return fail(c, 404, 'not_found', 'No such story.');
    if (result.reason === 'unknown_category') return invalid(c, { category: 'not_found' });
    return fail(c, 409, 'already_moderated', 'Only a story still waiting for review can be edited.');
  });

  // Articles ------------------------------------------------------------------------

  app.get('/articles', async (c) => {
    const pages = paging(c, 20, 100);
    if (!pages.ok) return pages.response;
    const { page, perPage } = pages.value;
    const q = c.req.query('q')?.trim().slice(0, 200) || undefined;
    const result = await store.listAllArticles({ page, perPage, q });
    const origin = originOf(c);
    return c.json(paged(result.items.map((a) => wireEditorArticle(a, origin)), page, perPage, result.total));
  });

  app.get('/articles/:id', async (c) => {
    const article = await store.getAnyArticle(c.req.param('id'));
    return article ? c.json({ article: wireEditorArticle(article, originOf(c)) }) : fail(c, 404, 'not_found', 'No such article.');
  });

  /** Fields to change, and `published: false | true` to take it off the site or put it back. */
  app.patch('/articles/:id', async (c) => {
    const json = await readJson(c);
    if (!json.ok) return json.response;
    const body = json.value;
    const { values, errors } = stringFields(body, { title: 'title', body: 'body', excerpt: 'excerpt', authorName: 'author_name' });
    Object.assign(errors, editErrors({ title: values.title, body: values.body, name: values.authorName }, { title: 'title', body: 'body', name: 'author_name' }));
    const excerptCode = values.excerpt === undefined ? undefined : checkText(values.excerpt, 600, false);
    if (excerptCode) errors.excerpt = excerptCode;
    const categories = body.categories;
    if (categories !== undefined && !(Array.isArray(categories) && categories.length > 0 && categories.length <= 10 && categories.every((s) => typeof s === 'string'))) {
      errors.categories = 'invalid';
    }
    if (body.published !== undefined && typeof body.published !== 'boolean') errors.published = 'invalid';
    if (Object.keys(errors).length) return invalid(c, errors);

    const id = c.req.param('id');
    const now = Date.now();
    const edit: ArticleEdit = {
      ...values,
      // A new text gets a new excerpt unless the editor wrote one.
      ...(values.body !== undefined && values.excerpt === undefined ? { excerpt: excerptOf(values.body) } : {}),
      ...(categories ? { categories: categories as string[] } : {}),
    };
    const changes = Object.values(edit).some((value) => value !== undefined);
    if (!changes && body.published === undefined) return invalid(c, { title: 'required' });
    let result: ArticleResult | undefined;
    if (changes) result = await store.editArticle(id, edit, who(c), now);
    if ((!result || result.ok) && typeof body.published === 'boolean') {
      result = await store.setArticlePublished(id, body.published, who(c), now);
      // Once committed, as with an approval. Asked again when nothing changed too: that mends a move that failed.
      if (result.ok) await placePhoto(result.article);
    }
    result = result!;
    if (result.ok) return c.json({ article: wireEditorArticle(result.article, originOf(c)) });
    if (result.reason === 'unknown_category') return invalid(c, { categories: 'not_found' });
    return fail(c, 404, 'not_found', 'No such article.');
  });

  app.delete('/articles/:id', async (c) => {
    const result = await store.deleteArticle(c.req.param('id'), who(c));
    if (!result.ok) return fail(c, 404, 'not_found', 'No such article.');
    if (result.droppedPhoto) await dropPhotos([result.droppedPhoto]);
    return c.json({ deleted: true as const, id: result.article.id, comments: result.comments });
  });

  // Categories ----------------------------------------------------------------------

  app.get('/categories', async (c) => c.json({ items: await store.listCategoriesWithCounts() }));

  const categoryName = (c: Context, body: Record<string, unknown>): { name?: string; response?: Response } => {
    const name = typeof body.name === 'string' ? body.name.trim() : '';
    const code = checkText(name, LIMITS.categoryMax, true);
    if (code) return { response: invalid(c, { name: code }) };
    return { name };
  };

  app.post('/categories', async (c) => {
    const json = await readJson(c);
    if (!json.ok) return json.response;
    const { name, response } = categoryName(c, json.value);
    if (!name) return response!;
    const slug = typeof json.value.slug === 'string' && json.value.slug.trim() ? slugify(json.value.slug) : slugify(name);
    const result = await store.createCategory({ slug, name }, who(c));
    if (!result.ok) return fail(c, 409, 'duplicate', 'A category with this name or slug already exists.');
    return c.json({ category: result.category }, 201);
  });

  app.patch('/categories/:id', async (c) => {
    const json = await readJson(c);
    if (!json.ok) return json.response;
    const { name, response } = categoryName(c, json.value);
    if (!name) return response!;
    const result = await store.renameCategory(c.req.param('id'), name, who(c));
    if (result.ok) return c.json({ category: result.category });
    return result.reason === 'not_found' ? fail(c, 404, 'not_found', 'No such category.') : fail(c, 409, 'duplicate', 'Another category has this name.');
  });

  /** `?move_to=<id>` moves its articles there first; without it a category in use is refused. */
  app.delete('/categories/:id', async (c) => {
    const result = await store.removeCategory(c.req.param('id'), c.req.query('move_to') || undefined, who(c));
    if (result.ok) return c.json({ deleted: true as const, category: result.category, moved: result.moved });
    if (result.reason === 'not_found') return fail(c, 404, 'not_found', 'No such category.');
    if (result.reason === 'bad_target') return invalid(c, { move_to: 'not_found' });
    return fail(c, 409, 'category_in_use', `${result.articles} articles are in this category: name another to move them to (move_to).`);
  });

  // Comments --------------------------------------------------------------------

  app.get('/articles/:id/comments', async (c) => {
    const article = await store.getAnyArticle(c.req.param('id'));
    if (!article) return fail(c, 404, 'not_found', 'No such article.');
    const pages = paging(c, 50, 100);
    if (!pages.ok) return pages.response;
    const { page, perPage } = pages.value;
    const result = await store.listComments(article.thread, { page, perPage, sort: 'newest' });
    return c.json(paged(result.items.map((m) => ({ id: m.id, author: { name: m.authorName }, body: m.body, created_at: rfc3339(m.createdAt) })), page, perPage, result.total));
  });

  /** Whatever its status: a published comment too. */
  app.delete('/comments/:id', async (c) => {
    const result = await store.deleteComment(c.req.param('id'), who(c));
    return result.ok ? c.json({ deleted: true as const, id: result.comment.id }) : fail(c, 404, 'not_found', 'No such comment.');
  });

  // Erasing one person's data -----------------------------------------------------

  const confirmation = (email: string, data: EmailData, expires: number): string =>
    `${expires}.${createHmac('sha256', confirmKey).update(JSON.stringify([email.toLowerCase(), data, expires])).digest('base64url')}`;
  const confirmed = (token: string, email: string, data: EmailData, now: number): boolean => {
    const expires = Number(token.split('.')[0]);
    if (!Number.isSafeInteger(expires) || expires < now) return false;
    const expected = Buffer.from(confirmation(email, data, expires));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  const summary = (found: ReturnType<typeof counts>) => `${found.stories} stories, ${found.articles} articles, ${found.comments} comments, ${found.photos} photos`;
  const counts = (data: EmailData) => ({
    stories: data.stories.length,
    articles: data.articles.length,
    comments: data.comments.length,
    photos: data.photos.length,
  });

  /**
   * Two steps: `{email}` answers what would be erased and a `confirm` token;
   * `{email, confirm}` erases exactly that. If anything arrived or went in
   * between, the token no longer matches (409) and the editor looks again.
   */
  app.post('/erase', async (c) => {
    const json = await readJson(c);
    if (!json.ok) return json.response;
    const email = typeof json.value.email === 'string' ? json.value.email.trim() : '';
    if (!email || email.length > LIMITS.emailMax || !isEmail(email)) return invalid(c, { email: email ? 'invalid_email' : 'required' });
    const token = json.value.confirm;
    if (token !== undefined && typeof token !== 'string') return invalid(c, { confirm: 'invalid' });
    const data = await store.findEmailData(email);
    const now = Date.now();
    if (token === undefined) {
      // A look-up shows what one person sent: it is on record, as the erasure is.
      await store.recordAudit([{ actor: who(c), action: 'email.lookup', itemType: 'email', itemId: maskEmail(email), detail: summary(counts(data)) }], now);
      return c.json({ email, erased: false, found: counts(data), confirm: confirmation(email, data, now + CONFIRM_TTL_MS) });
    }
    if (!confirmed(token, email, data, now)) {
      return fail(c, 409, 'confirmation_mismatch', 'What is stored for this address changed, or the confirmation expired: ask again.');
    }
    const found = counts(data);
    const { droppedPhotos } = await store.eraseEmailData(data, { actor: who(c), action: 'email.erase', itemType: 'email', itemId: maskEmail(email), detail: summary(found) });
    await dropPhotos(droppedPhotos);
    return c.json({ email, erased: true, found });
  });

  // The audit log ---------------------------------------------------------------------

  app.get('/audit', async (c) => {
    const pages = paging(c, 50, 200);
    if (!pages.ok) return pages.response;
    const { page, perPage } = pages.value;
    const result = await store.listAudit({ page, perPage });
    return c.json(paged(result.items.map(wireAudit), page, perPage, result.total));
  });

  return app;
}

type Moderated = { id: string; result: string };

/**
 * Writes the audit entries of the moderation routes (approve, reject, spam,
 * delete, bulk, emptying the spam list), from what was asked and answered.
 * A replayed answer (same Idempotency-Key) did nothing new and is not logged.
 */
export function moderationAudit(store: Store): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    await next();
    if (c.req.method === 'GET' || c.res.status !== 200 || c.res.headers.get('Idempotent-Replayed')) return;
    const single = /\/admin\/(stories|comments)\/([^/]+)$/.exec(c.req.path);
    const actor = c.get('editor');
    // Decisions that found their record so already changed nothing: no line for them.
    const unchanged = c.get('unchanged') ?? new Set<string>();
    let entries: AuditEntry[] = [];
    if (c.req.method === 'POST' && single) {
      if (unchanged.has(`${single[1]}/${decodeURIComponent(single[2])}`)) return;
      // The handler read the body already; Hono keeps it, so this reads no more of the request.
      const { action } = JSON.parse(await c.req.text()) as { action: string };
      const itemType = single[1] === 'stories' ? 'story' : 'comment';
      entries = [{ actor, action: `${itemType}.${action}`, itemType, itemId: decodeURIComponent(single[2]) }];
    } else if (c.req.method === 'POST' && c.req.path.endsWith('/admin/bulk')) {
      const answer = (await c.res.clone().json()) as { action: string; stories: Moderated[]; comments: Moderated[] };
      const done = (list: Moderated[], kind: string) => list.filter((r) => r.result !== 'not_found' && r.result !== 'already_moderated' && !unchanged.has(`${kind}/${r.id}`));
      entries = [
        ...done(answer.stories, 'stories').map((r): AuditEntry => ({ actor, action: `story.${answer.action}`, itemType: 'story', itemId: r.id, detail: 'bulk' })),
        ...done(answer.comments, 'comments').map((r): AuditEntry => ({ actor, action: `comment.${answer.action}`, itemType: 'comment', itemId: r.id, detail: 'bulk' })),
      ];
    } else if (c.req.method === 'DELETE' && c.req.path.endsWith('/admin/spam')) {
      const { deleted } = (await c.res.clone().json()) as { deleted: { stories: number; comments: number } };
      if (!deleted.stories && !deleted.comments) return;
      entries = [{ actor, action: 'spam.empty', itemType: 'spam', itemId: 'spam', detail: `${deleted.stories} stories, ${deleted.comments} comments` }];
    }
    await store.recordAudit(entries, Date.now());
  };
}

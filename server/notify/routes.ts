/**
 * What e-mailed links open, under /api/v1/mail: a GET shows a page whose button POSTs, so a
 * mail scanner following links changes nothing. Moderation links act as the editor they were
 * sent to, once, within their lifetime, and are written to the audit log; confirming and
 * unsubscribing act on the address whose key the link carries. The one-click unsubscribe of
 * RFC 8058 is the same POST. Editors' own choices and the webhook deliveries sit under /admin.
 */
import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { OWNER, type AdminEnv } from '../editors.js';
import { fail, PAGE_CSP } from '../http.js';
import { articleFromStory } from '../publish.js';
import type { RouteContext } from '../routes/context.js';
import { answer, readJson } from '../routes/request.js';
import type { ArticleOf, CommentRecord, ModerateResult, StoryRecord } from '../store/types.js';
import { describeNotify, mailOn } from './config.js';
import { editorNotice, noticeErrors, setEditorNotice } from './editors.js';
import type { MailCatalogue } from './i18n/index.js';
import { verifyLink } from './links.js';
import { listDeliveries } from './outbox.js';
import type { Notices } from './index.js';

const articleOf: ArticleOf = (story, categorySlug) => articleFromStory(story, categorySlug, Date.now());

type Markup = ReturnType<typeof html>;

async function page(c: Context, t: MailCatalogue, site: string, body: Markup, status: 200 | 400 | 404 | 409 | 410 = 200): Promise<Response> {
  c.header('Content-Security-Policy', PAGE_CSP);
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Robots-Tag', 'noindex');
  return c.html(
    await html`<!doctype html>
<html lang="${t.tag}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.pageTitle(site)}</title><link rel="stylesheet" href="/assets/site.css"></head>
<body><header class="site">${site}</header><main class="mail">${body}</main></body></html>`,
    status,
  );
}

/** A form that POSTs back to where it was opened, with the same query. */
const button = (c: Context, label: string, fields: Record<string, string> = {}, quiet = false): Markup =>
  html`<form method="post" action="${new URL(c.req.url).pathname}${new URL(c.req.url).search}">${Object.entries(fields).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`,
  )}<button type="submit"${quiet ? html` class="quiet"` : ''}>${label}</button></form>`;

export function mailRoutes(context: RouteContext, notices: Notices): Hono {
  const { store, config, settleFiles } = context;
  const { planner } = notices;
  const t = planner.t;
  const site = planner.config.siteName;
  const sql = notices.store;
  const app = new Hono();
  const say = (c: Context, text: string, status: 200 | 400 | 404 | 409 | 410 = 200) => page(c, t, site, html`<p>${text}</p>`, status);

  // Moderation -------------------------------------------------------------------

  const linkOf = async (c: Context) => {
    const sent = c.req.method === 'POST' ? (await c.req.parseBody()).t : c.req.query('t');
    const token = typeof sent === 'string' ? sent : '';
    return { token, verified: verifyLink(config.adminToken, token) };
  };
  /** An editor removed since the message went has no say any more. */
  const stillEditor = async (name: string): Promise<boolean> => name === OWNER || (await store.listEditors()).some((e) => e.name === name);

  app.get('/moderate', async (c) => {
    const { token, verified } = await linkOf(c);
    if (!verified.ok) return say(c, verified.reason === 'expired' ? t.linkExpired : t.linkInvalid, verified.reason === 'expired' ? 410 : 400);
    const { kind, id, action } = verified.link;
    const item = kind === 'story' ? await store.getStory(id) : await store.getComment(id);
    if (!item) return say(c, t.notFound, 404);
    const summary =
      kind === 'story'
        ? html`<h1>${(item as StoryRecord).title}</h1><p>${t.from((item as StoryRecord).name, (item as StoryRecord).community)}</p><blockquote>${(item as StoryRecord).body}</blockquote>`
        : html`<p>${t.from((item as CommentRecord).authorName)}</p><blockquote>${(item as CommentRecord).body}</blockquote>`;
    return page(c, t, site, html`<p><strong>${t.moderateQuestion(action, kind)}</strong></p>${summary}${button(c, t.action[action], { t: token })}`);
  });

  app.post('/moderate', async (c) => {
    const { token, verified } = await linkOf(c);
    if (!verified.ok) return say(c, verified.reason === 'expired' ? t.linkExpired : t.linkInvalid, verified.reason === 'expired' ? 410 : 400);
    const { editor, kind, id, action, nonce } = verified.link;
    if (!(await stillEditor(editor))) return say(c, t.linkInvalid, 400);
    let outcome: ModerateResult<StoryRecord> | ModerateResult<CommentRecord> | undefined;
    // The nonce is an idempotency claim: a second use finds the first one's answer.
    const claim = { scope: 'POST /mail/moderate', key: nonce, requestHash: createHash('sha256').update(token).digest('hex') };
    const once = await store.once(claim, async (tx) => {
      const result = kind === 'story' ? await tx.moderateStory(id, action, articleOf) : await tx.moderateComment(id, action);
      outcome = result;
      return result.ok ? answer(200, { done: true }) : answer(result.reason === 'not_found' ? 404 : 409, { reason: result.reason });
    });
    if (once.kind !== 'fresh') return say(c, t.linkUsed, 409);
    if (!outcome?.ok) return say(c, outcome?.reason === 'not_found' ? t.notFound : t.alreadyModerated, outcome?.reason === 'not_found' ? 404 : 409);
    await settleFiles(outcome);
    await store.recordAudit([{ actor: editor, action: `${kind}.${action}`, itemType: kind, itemId: id, detail: 'e-mail link' }], Date.now());
    return say(c, t.moderated(action, kind));
  });

  // Readers' addresses --------------------------------------------------------------

  const keyOf = (c: Context): string => c.req.query('a') ?? '';

  app.get('/confirm', async (c) => {
    const row = sql && (await sql.own.reads().get('SELECT 1 AS ok FROM mail_addresses WHERE key = ?', keyOf(c)));
    if (!row) return say(c, t.linkInvalid, 404);
    return page(c, t, site, html`<p>${t.confirmQuestion}</p>${button(c, t.confirmButton)}`);
  });

  app.post('/confirm', async (c) => {
    const done = sql && (await sql.own.write((db) => db.run('UPDATE mail_addresses SET confirmed_at = COALESCE(confirmed_at, ?) WHERE key = ?', Date.now(), keyOf(c))));
    return done ? say(c, t.confirmed) : say(c, t.linkInvalid, 404);
  });

  app.get('/unsubscribe', async (c) => {
    const row = sql && (await sql.own.reads().get('SELECT 1 AS ok FROM mail_addresses WHERE key = ?', keyOf(c)));
    if (!row) return say(c, t.linkInvalid, 404);
    const thread = c.req.query('thread');
    return page(c, t, site, html`<p><strong>${t.unsubscribeQuestion}</strong></p>${button(c, thread ? t.unsubscribeThread.replace(/:$/, '') : t.unsubscribeAll(site).replace(/:$/, ''))}`);
  });

  // The page's button and RFC 8058's one-click POST (`List-Unsubscribe=One-Click`) alike.
  app.post('/unsubscribe', async (c) => {
    const key = keyOf(c);
    const thread = c.req.query('thread');
    const done = await sql?.own.write(async (db) => {
      const row = await db.get<{ email: string }>('SELECT email FROM mail_addresses WHERE key = ?', key);
      if (!row) return false;
      if (thread) await db.run('DELETE FROM mail_subscriptions WHERE email = ? AND thread = ?', row.email, thread);
      else {
        // Everything, for good: the address counts as unconfirmed and its one confirmation was sent.
        await db.run('DELETE FROM mail_subscriptions WHERE email = ?', row.email);
        await db.run('UPDATE mail_addresses SET confirmed_at = NULL WHERE email = ?', row.email);
      }
      return true;
    });
    return done ? say(c, thread ? t.unsubscribedThread : t.unsubscribedAll) : say(c, t.linkInvalid, 404);
  });

  return app;
}

/** /admin/notifications (the signed-in editor's own choices) and /admin/webhooks (the last deliveries). */
export function notifyAdminRoutes(notices: Notices): Hono<AdminEnv> {
  const admin = new Hono<AdminEnv>();
  const sql = notices.store;
  const { config } = notices.planner;
  const wireNotice = (editor: string, notice: Awaited<ReturnType<typeof editorNotice>>) => ({
    editor,
    mail: mailOn(config),
    email: notice?.email ?? null,
    stories: notice?.stories ?? true,
    comments: notice?.comments ?? true,
    digest_minutes: notice?.digestMinutes ?? 0,
  });

  admin.get('/notifications', async (c) => {
    const editor = c.get('editor');
    return c.json(wireNotice(editor, sql && (await editorNotice(sql.own.reads(), editor))));
  });

  admin.put('/notifications', async (c) => {
    if (!sql) return fail(c, 404, 'not_found', 'This store keeps no notices.');
    const json = await readJson(c);
    if (!json.ok) return json.response;
    const editor = c.get('editor');
    const body = json.value;
    const email = typeof body.email === 'string' ? body.email.trim() : body.email;
    if (email === null || email === '') {
      await sql.own.write((db) => setEditorNotice(db, editor, undefined));
      return c.json(wireNotice(editor, undefined));
    }
    const flag = (name: string): boolean | undefined => (body[name] === undefined ? true : typeof body[name] === 'boolean' ? body[name] : undefined);
    const notice = { email: typeof email === 'string' ? email : '', stories: flag('stories'), comments: flag('comments'), digestMinutes: body.digest_minutes === undefined ? 0 : Number(body.digest_minutes) };
    const errors = noticeErrors({ ...notice, stories: !!notice.stories, comments: !!notice.comments });
    if (notice.stories === undefined) errors.stories = 'invalid';
    if (notice.comments === undefined) errors.comments = 'invalid';
    if (Object.keys(errors).length) return fail(c, 422, 'validation_failed', 'Some fields need attention.', errors);
    const kept = { ...notice, email: notice.email.toLowerCase(), stories: notice.stories!, comments: notice.comments! };
    await sql.own.write((db) => setEditorNotice(db, editor, kept));
    await sql.recordAudit([{ actor: editor, action: 'editor.notices', itemType: 'editor', itemId: editor }], Date.now());
    return c.json(wireNotice(editor, { editor, ...kept }));
  });

  admin.get('/webhooks', async (c) => {
    const deliveries = sql ? await listDeliveries(sql.own.reads(), 50) : [];
    const time = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return c.json({
      receivers: config.webhookUrls.length,
      status: describeNotify(config).map((line) => line.trim()),
      deliveries: deliveries.map((d) => ({ ...d, created_at: time(d.created_at), sent_at: time(d.sent_at), next_attempt_at: time(d.next_attempt_at) })),
    });
  });

  return admin;
}

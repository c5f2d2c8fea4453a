/**
 * A WordPress REST API replayed from recorded answers (fixtures/wordpress/,
 * captured from a real WordPress 6.1), so the demo pages show the WordPress
 * adapter with no WordPress site and no network. Mounted at /wp-replay, it
 * answers like the real thing where the feed looks: `/wp-json/wp/v2/posts`
 * paged with X-WP-Total/X-WP-TotalPages (400 rest_post_invalid_page_number past
 * the end), `?rest_route=`, single posts, categories, tags, a post's comments.
 * The recorded site's URL is rewritten to the replay's own, and the pictures,
 * which were not recorded, are drawn as placeholders of the recorded sizes.
 */
import { readFileSync } from 'node:fs';
import { Hono, type Context } from 'hono';

const RECORDED_SITE = 'http://127.0.0.1:8881';
const fixtures = new URL('../fixtures/wordpress/', import.meta.url);

interface Capture {
  response: { status: number; headers: Record<string, string>; body: unknown };
}

type Post = Record<string, unknown> & {
  id: number;
  date_gmt: string;
  title?: { rendered?: string };
  excerpt?: { rendered?: string };
  categories?: number[];
  tags?: number[];
  sticky?: boolean;
  _embedded?: Record<string, unknown>;
};

type Term = { id: number; slug: string };

function capture(name: string): Capture {
  return JSON.parse(readFileSync(new URL(`${name}.json`, fixtures), 'utf8')) as Capture;
}

/** Read once, on the first request: the server starts as fast without it. */
let recorded: { posts: Post[]; categories: Term[]; tags: Term[]; comments: Map<number, unknown[]>; index: unknown; invalidPage: unknown; noRoute: unknown; noPost: unknown } | undefined;

function load(): NonNullable<typeof recorded> {
  if (recorded) return recorded;
  const byId = new Map<number, Post>();
  // Embedded pages first: where the same post was recorded twice, the richer copy stays.
  for (const name of ['posts-embed-page1', 'posts-embed-page2', 'post-single', 'posts-last-page']) {
    const body = capture(name).response.body;
    for (const post of (Array.isArray(body) ? body : [body]) as Post[]) if (!byId.has(post.id)) byId.set(post.id, post);
  }
  const comments = new Map<number, unknown[]>();
  for (const name of ['comments-post-default', 'comments-post-threaded']) {
    const list = capture(name).response.body as Array<{ post: number }>;
    if (list[0]) comments.set(list[0].post, list);
  }
  recorded = {
    posts: [...byId.values()].sort((a, b) => b.date_gmt.localeCompare(a.date_gmt)),
    categories: capture('categories').response.body as Term[],
    tags: capture('tags').response.body as Term[],
    comments,
    index: capture('site-index').response.body,
    invalidPage: capture('posts-invalid-page').response.body,
    noRoute: capture('route-404').response.body,
    noPost: capture('post-404').response.body,
  };
  return recorded;
}

interface Answer {
  status: number;
  body: unknown;
  total?: number;
  totalPages?: number;
}

const text = (value: { rendered?: string } | undefined) => (value?.rendered ?? '').toLowerCase();

/** `_embed` alone embeds everything; `_embed=author,wp:term` only those. */
function embedded(post: Post, query: URLSearchParams): Post {
  const { _embedded, ...rest } = post;
  if (!query.has('_embed') || !_embedded) return rest;
  const wanted = (query.get('_embed') ?? '').split(',').filter(Boolean);
  if (!wanted.length) return post;
  return { ...rest, _embedded: Object.fromEntries(Object.entries(_embedded).filter(([key]) => wanted.includes(key))) };
}

function termIds(value: string | null): number[] {
  return (value ?? '').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
}

function listPosts(query: URLSearchParams): Answer {
  const data = load();
  const perPage = Number(query.get('per_page') ?? 10);
  const page = Number(query.get('page') ?? 1);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
    return { status: 400, body: { code: 'rest_invalid_param', message: 'Invalid parameter(s): per_page', data: { status: 400, params: { per_page: 'per_page must be between 1 (inclusive) and 100 (inclusive)' } } } };
  }
  const categories = termIds(query.get('categories'));
  const tags = termIds(query.get('tags'));
  const search = (query.get('search') ?? '').trim().toLowerCase();
  const sticky = query.get('sticky');
  const matching = data.posts.filter(
    (post) =>
      (!categories.length || post.categories?.some((id) => categories.includes(id))) &&
      (!tags.length || post.tags?.some((id) => tags.includes(id))) &&
      (!search || text(post.title).includes(search) || text(post.excerpt).includes(search)) &&
      (sticky === null || String(!!post.sticky) === sticky),
  );
  const totalPages = Math.ceil(matching.length / perPage);
  if (!Number.isInteger(page) || page < 1 || (page > totalPages && page > 1)) return { status: 400, body: data.invalidPage };
  const items = matching.slice((page - 1) * perPage, page * perPage).map((post) => embedded(post, query));
  return { status: 200, body: items, total: matching.length, totalPages };
}

function listTerms(list: Term[], query: URLSearchParams): Answer {
  const slugs = (query.get('slug') ?? '').split(',').filter(Boolean);
  const items = slugs.length ? list.filter((term) => slugs.includes(term.slug)) : list;
  return { status: 200, body: items, total: items.length, totalPages: items.length ? 1 : 0 };
}

/** What WordPress answers for a REST route, from the recordings. */
function answer(route: string, query: URLSearchParams, method: string): Answer {
  const data = load();
  const path = route.replace(/\/+$/, '') || '/';
  if (method === 'POST' && path === '/wp/v2/comments') {
    // A stock WordPress: anonymous REST comments are off unless a plugin turns them on.
    return { status: 401, body: { code: 'rest_comment_login_required', message: 'Sorry, you must be logged in to comment.', data: { status: 401 } } };
  }
  if (method !== 'GET' && method !== 'HEAD') return { status: 404, body: data.noRoute };
  if (path === '/') return { status: 200, body: data.index };
  if (path === '/wp/v2/posts') return listPosts(query);
  const single = /^\/wp\/v2\/posts\/(\d+)$/.exec(path);
  if (single) {
    const post = data.posts.find((p) => p.id === Number(single[1]));
    return post ? { status: 200, body: embedded(post, query) } : { status: 404, body: data.noPost };
  }
  if (path === '/wp/v2/categories') return listTerms(data.categories, query);
  if (path === '/wp/v2/tags') return listTerms(data.tags, query);
  if (path === '/wp/v2/comments') {
    const list = data.comments.get(Number(query.get('post'))) ?? [];
    return { status: 200, body: list, total: list.length, totalPages: list.length ? 1 : 0 };
  }
  return { status: 404, body: data.noRoute };
}

/** The replay's own root, e.g. `http://127.0.0.1:8080/wp-replay`, from where it was mounted. */
function rootOf(c: Context, marker: string): string {
  const url = new URL(c.req.url);
  const at = url.pathname.indexOf(marker);
  return `${url.origin}${at >= 0 ? url.pathname.slice(0, at) : ''}`;
}

function respond(c: Context, result: Answer, root: string): Response {
  const headers = new Headers({ 'Content-Type': 'application/json; charset=UTF-8', Vary: 'Origin' });
  if (result.total !== undefined) headers.set('X-WP-Total', String(result.total));
  if (result.totalPages !== undefined) headers.set('X-WP-TotalPages', String(result.totalPages));
  // Like WordPress core: any origin may read, and the totals are exposed to it.
  const origin = c.req.header('Origin');
  if (origin) {
    headers.set('Access-Control-Allow-Origin', origin);
    headers.set('Access-Control-Expose-Headers', 'X-WP-Total, X-WP-TotalPages, Link');
  }
  const body = JSON.stringify(result.body).replaceAll(RECORDED_SITE, root);
  return new Response(c.req.method === 'HEAD' ? null : body, { status: result.status, headers });
}

/** A picture of the recorded size (from `-640x360` in the name, else 640×360), drawn instead of the file that was not recorded. */
function placeholder(name: string): string {
  const size = /-(\d+)x(\d+)\.\w+$/.exec(name);
  const [width, height] = size ? [Number(size[1]), Number(size[2])] : [640, 360];
  let hash = 0;
  for (const char of name.replace(/-\d+x\d+(?=\.\w+$)/, '')) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  const hue = hash % 360;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue} 55% 62%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360} 50% 38%)"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/></svg>`;
}

export const wordpressReplay = new Hono();

wordpressReplay.on(['GET', 'HEAD', 'POST'], '/wp-json/*', (c) => {
  const url = new URL(c.req.url);
  const at = url.pathname.indexOf('/wp-json');
  const route = decodeURIComponent(url.pathname.slice(at + '/wp-json'.length)) || '/';
  return respond(c, answer(route, url.searchParams, c.req.method), rootOf(c, '/wp-json'));
});

wordpressReplay.get('/wp-content/uploads/*', (c) => {
  const name = c.req.path.split('/').pop() ?? '';
  if (!/^[\w.-]+\.(jpe?g|png|gif|webp)$/i.test(name)) return c.text('Not found', 404);
  c.header('Content-Type', 'image/svg+xml');
  c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
  c.header('Cache-Control', 'public, max-age=86400');
  c.header('Cross-Origin-Resource-Policy', 'cross-origin');
  return c.body(placeholder(name));
});

// Sites without pretty permalinks: the same API behind `/?rest_route=`.
wordpressReplay.on(['GET', 'HEAD', 'POST'], '*', (c) => {
  const url = new URL(c.req.url);
  const route = url.searchParams.get('rest_route');
  if (!route) return c.text('Warta Warga: a recorded WordPress site for the Kabar demo.', url.pathname.replace(/\/$/, '').endsWith('/wp-replay') ? 200 : 404);
  url.searchParams.delete('rest_route');
  return respond(c, answer(route, url.searchParams, c.req.method), `${url.origin}${url.pathname.replace(/\/$/, '')}`);
});

// The moderation page. Everything readers sent is shown as text (textContent),
// never parsed as HTML; links only when they are http(s). The token lives in
// sessionStorage, so it is gone when the browser session ends.

const API = '/api/v1/admin';
const TOKEN_KEY = 'kabar-admin-token';

const $ = (id) => document.getElementById(id);
const status = $('status');

const dateFormat = new Intl.DateTimeFormat('id-ID', { dateStyle: 'medium', timeStyle: 'short' });

function announce(message) {
  // Clearing first makes a repeated message be read again.
  status.textContent = '';
  requestAnimationFrame(() => {
    status.textContent = message;
  });
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'className') node.className = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Paragraphs of plain text: the markdown source is shown as typed, not rendered. */
function textBlock(text) {
  const paragraphs = String(text ?? '')
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .filter((p) => p.trim());
  return el('div', { className: 'text' }, paragraphs.map((p) => el('p', {}, p)));
}

function safeLink(url, label) {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') {
      return el('a', { href: parsed.href, rel: 'noopener noreferrer nofollow', target: '_blank' }, label ?? parsed.href);
    }
  } catch {
    // not a URL: shown as text below
  }
  return document.createTextNode(String(url));
}

function when(iso) {
  const date = new Date(iso);
  return el('time', { datetime: iso }, Number.isNaN(date.getTime()) ? iso : dateFormat.format(date));
}

function meta(rows) {
  return el(
    'dl',
    { className: 'meta' },
    rows.filter(([, value]) => value !== undefined && value !== null && value !== '').flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]),
  );
}

const token = () => sessionStorage.getItem(TOKEN_KEY);

async function call(method, path, body) {
  const response = await fetch(API + path, {
    method,
    headers: {
      Authorization: `Bearer ${token()}`,
      Accept: 'application/json',
      ...(body ? { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  let data = null;
  try {
    data = await response.json();
  } catch {
    // an empty or non-JSON answer: the status says enough
  }
  return { status: response.status, data };
}

function showLogin(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  $('queue').hidden = true;
  $('logout').hidden = true;
  $('login').hidden = false;
  if (message) announce(message);
  $('token').focus();
}

function actionButtons(kind, item, actions) {
  const labels = {
    approve: ['Setujui', 'approve'],
    reject: ['Tolak', 'reject'],
    spam: ['Spam', 'spam'],
  };
  const what = kind === 'stories' ? `cerita “${item.title}”` : `komentar dari ${item.author.name}`;
  return el(
    'div',
    { className: 'actions' },
    actions.map((action) => {
      const [label, english] = labels[action];
      const button = el('button', { type: 'button', className: action, 'aria-label': `${label} ${what}` }, label, ' ', el('span', { lang: 'en' }, `(${english})`));
      button.addEventListener('click', () => moderate(kind, item, action, button));
      return button;
    }),
  );
}

function storyItem(story) {
  const photo = story.photo
    ? el(
        'figure',
        {},
        el('img', { src: story.photo.src, alt: story.photo.alt, width: story.photo.width, height: story.photo.height, loading: 'lazy' }),
        el('figcaption', {}, 'Keterangan foto: ', story.photo.alt || '(kosong)'),
      )
    : null;
  return el(
    'li',
    { 'data-id': story.id },
    el(
      'article',
      { 'aria-labelledby': `story-${story.id}`, tabindex: '-1' },
      el('h3', { id: `story-${story.id}` }, story.title),
      meta([
        ['Pengirim', `${story.name} <${story.email}>`],
        ['Komunitas', story.community],
        ['Kategori', story.category],
        ['Tautan asli', story.original_url ? safeLink(story.original_url) : null],
        ['Diterima', when(story.received_at)],
      ]),
      photo,
      textBlock(story.body),
      actionButtons('stories', story, ['approve', 'reject']),
    ),
  );
}

function commentItem(comment) {
  const thread = comment.thread.startsWith('/') ? el('a', { href: comment.thread }, comment.thread) : comment.thread;
  return el(
    'li',
    { 'data-id': comment.id },
    el(
      'article',
      { 'aria-labelledby': `comment-${comment.id}`, tabindex: '-1' },
      el('h3', { id: `comment-${comment.id}` }, `Komentar dari ${comment.author.name}`),
      meta([
        ['Utas', thread],
        ['E-mail', comment.author_email],
        ['Situs web', comment.author.url ? safeLink(comment.author.url) : null],
        ['Membalas', comment.parent ? `${comment.parent.author.name}: ${comment.parent.body.slice(0, 140)}` : null],
        ['Dikirim', when(comment.created_at)],
      ]),
      textBlock(comment.body),
      actionButtons('comments', comment, ['approve', 'reject', 'spam']),
    ),
  );
}

function fill(kind, items, render) {
  $(kind).replaceChildren(...items.map(render));
  updateCounts(kind);
}

function updateCounts(kind) {
  const count = $(kind).children.length;
  $(`${kind}-count`).textContent = `(${count})`;
  $(`${kind}-empty`).hidden = count > 0;
}

async function loadQueue() {
  announce('Memuat antrean…');
  let answer;
  try {
    answer = await call('GET', '/queue');
  } catch {
    announce('Server tidak dapat dihubungi. Coba lagi sebentar lagi.');
    return;
  }
  if (answer.status === 401) return showLogin('Token tidak cocok. Periksa lagi token admin.');
  if (answer.status === 429) return announce('Terlalu banyak percobaan. Tunggu sebentar lalu coba lagi.');
  if (answer.status !== 200) return announce(`Antrean gagal dimuat (HTTP ${answer.status}).`);
  $('login').hidden = true;
  $('queue').hidden = false;
  $('logout').hidden = false;
  fill('stories', answer.data.stories, storyItem);
  fill('comments', answer.data.comments, commentItem);
  announce(`${answer.data.stories.length} cerita dan ${answer.data.comments.length} komentar menunggu.`);
}

const DONE = {
  // GET /articles may be kept by browsers 60 s, then shown stale while refreshed for 300 s.
  stories: { approve: 'disetujui dan diterbitkan. Pembaca baru langsung melihatnya; yang baru saja membuka halaman mitra, paling lama dalam 6 menit', reject: 'ditolak' },
  comments: { approve: 'disetujui', reject: 'ditolak', spam: 'ditandai spam' },
};

async function moderate(kind, item, action, button) {
  const buttons = [...button.parentElement.querySelectorAll('button')];
  buttons.forEach((b) => (b.disabled = true));
  const what = kind === 'stories' ? `Cerita “${item.title}”` : `Komentar dari ${item.author.name}`;
  let answer;
  try {
    answer = await call('POST', `/${kind}/${encodeURIComponent(item.id)}`, { action });
  } catch {
    buttons.forEach((b) => (b.disabled = false));
    announce(`${what} belum diproses: server tidak dapat dihubungi.`);
    return;
  }
  if (answer.status === 401) return showLogin('Sesi berakhir: token tidak lagi diterima.');
  if (answer.status !== 200 && answer.status !== 409 && answer.status !== 404) {
    buttons.forEach((b) => (b.disabled = false));
    announce(`${what} belum diproses (HTTP ${answer.status}). Coba lagi.`);
    return;
  }
  // Done, or already handled elsewhere: either way it leaves the queue.
  const li = button.closest('li');
  const next = li.nextElementSibling ?? li.previousElementSibling;
  li.remove();
  updateCounts(kind);
  (next?.querySelector('article') ?? $(`${kind}-heading`)).focus();
  if (answer.status === 200) announce(`${what} ${DONE[kind][action]}.`);
  else announce(`${what} sudah dimoderasi sebelumnya.`);
}

$('login').addEventListener('submit', (event) => {
  event.preventDefault();
  const value = $('token').value.trim();
  if (!value) {
    $('token').setAttribute('aria-invalid', 'true');
    announce('Isi token admin terlebih dahulu.');
    $('token').focus();
    return;
  }
  $('token').removeAttribute('aria-invalid');
  sessionStorage.setItem(TOKEN_KEY, value);
  $('token').value = '';
  void loadQueue();
});
$('logout').addEventListener('click', () => showLogin('Anda sudah keluar.'));
$('refresh').addEventListener('click', () => void loadQueue());

if (token()) void loadQueue();

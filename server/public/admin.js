// The moderation page. Everything readers sent is shown as text (textContent),
// never parsed as HTML; links only when they are http(s), and thread links only
// to this server's own pages. The token lives in sessionStorage, so it is gone
// when the browser session ends. The queue is read a page at a time: two tabs
// (waiting, spam), each list with its own selection and bulk actions. The tabs after them
// (articles, categories, erasing an address, the audit log) come from admin-content.js.

import { CONTENT_TABS, contentViews } from './admin-content.js';

const API = '/api/v1/admin';
const TOKEN_KEY = 'kabar-admin-token';

const $ = (id) => document.getElementById(id);
const status = $('status');

const dateFormat = new Intl.DateTimeFormat('id-ID', { dateStyle: 'medium', timeStyle: 'short' });
const PER_PAGE = 20;
const view = { tab: 'pending', status: 'pending', sort: 'oldest', page: 1, totalPages: 0, counts: null, role: undefined };
/** The tabs only the owner can use: managing categories and erasing an address. */
const OWNER_TABS = ['categories', 'erase'];
const SPAM_REASONS = {
  honeypot: 'kolom jebakan terisi',
  instant: 'dikirim seketika, kurang dari sedetik setelah formulir tampil',
  too_fast: 'dikirim lebih cepat dari biasanya: mungkin mesin, mungkin orang',
  no_timing: 'tanpa catatan waktu pengisian (mis. formulir tanpa JavaScript)',
};
/** Held as spam, the reason; waiting for review, the timing alone flagged it: a marker to look closer. */
const reasonRow = (item) => [item.status === 'spam' ? 'Alasan spam' : 'Periksa dulu', SPAM_REASONS[item.spam_reason] ?? item.spam_reason];

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

/** A thread names a page of this site: linked only when it stays on this origin, otherwise shown as text. */
function threadLink(thread) {
  try {
    const url = new URL(thread, location.origin);
    if (thread.startsWith('/') && !thread.startsWith('//') && url.origin === location.origin) {
      return el('a', { href: url.pathname + url.search + url.hash }, thread);
    }
  } catch {
    // not a path: shown as text below
  }
  return document.createTextNode(String(thread));
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

/** Photos of unpublished stories need the token: fetched with it and shown from a data: URL. */
async function loadPhoto(img, src) {
  try {
    const response = await fetch(src, { headers: { Authorization: `Bearer ${token()}` } });
    if (!response.ok) throw new Error(String(response.status));
    const blob = await response.blob();
    const reader = new FileReader();
    reader.onload = () => img.setAttribute('src', String(reader.result));
    reader.readAsDataURL(blob);
  } catch {
    img.replaceWith(el('p', { className: 'help' }, 'Foto tidak dapat dimuat.'));
  }
}

function showLogin(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  view.role = undefined;
  delete document.body.dataset.role;
  $('queue').hidden = true;
  $('logout').hidden = true;
  $('login').hidden = false;
  if (message) announce(message);
  $('token').focus();
}

const QUEUE_TABS = ['pending', 'spam'];
const TABS = [...QUEUE_TABS, ...CONTENT_TABS.map(([name]) => name)];
const CONTENT_LABELS = Object.fromEntries(CONTENT_TABS);

const LABELS = {
  approve: ['Setujui', 'approve'],
  reject: ['Tolak', 'reject'],
  spam: ['Spam', 'spam'],
  delete: ['Hapus', 'delete'],
};

/** What each tab offers: waiting items can be sent to spam; held spam can be rescued or deleted. */
const ACTIONS = {
  pending: ['approve', 'reject', 'spam'],
  spam: ['approve', 'reject', 'delete'],
};

function selectBox(item, what) {
  return el('input', { type: 'checkbox', className: 'pick', 'data-id': item.id, 'aria-label': `Pilih ${what}` });
}

function actionButtons(kind, item, actions) {
  const what = kind === 'stories' ? `cerita “${item.title}”` : `komentar dari ${item.author.name}`;
  return el(
    'div',
    { className: 'actions' },
    actions.map((action) => {
      const [label, english] = LABELS[action];
      const button = el('button', { type: 'button', className: action, 'aria-label': `${label} ${what}` }, label, ' ', el('span', { lang: 'en' }, `(${english})`));
      button.addEventListener('click', () => moderate(kind, item, action, button));
      return button;
    }),
  );
}

/** Opens the story's editor in its place; saving or cancelling shows the story again. */
async function editStory(story, li) {
  const form = await content.storyEditor(story, (saved) => {
    const fresh = storyItem(saved ?? story);
    li.replaceWith(fresh);
    fresh.querySelector('article').focus();
  });
  li.replaceChildren(form);
}

/** A name that mixes look-alike scripts in one word may be posing as someone: said in words, not only by a sign. */
function mixedScriptMark() {
  return el('mark', { className: 'mixed-script' }, 'Nama mencampur aksara mirip ', el('span', { lang: 'en' }, '(name mixes look-alike scripts)'));
}

function sender(item, text) {
  return item.mixed_script ? el('span', {}, text, ' ', mixedScriptMark()) : text;
}

function storyItem(story) {
  let photo = null;
  if (story.photo) {
    const img = el('img', { alt: story.photo.alt, width: story.photo.width, height: story.photo.height });
    void loadPhoto(img, story.photo.src);
    photo = el('figure', {}, img, el('figcaption', {}, 'Keterangan foto: ', story.photo.alt || '(kosong)'));
  }
  const edit = el('button', { type: 'button', 'aria-label': `Sunting cerita “${story.title}”` }, 'Sunting ', el('span', { lang: 'en' }, '(edit)'));
  const li = el(
    'li',
    { 'data-id': story.id },
    el(
      'article',
      { 'aria-labelledby': `story-${story.id}`, tabindex: '-1' },
      selectBox(story, `cerita “${story.title}”`),
      el('h3', { id: `story-${story.id}` }, story.title),
      meta([
        reasonRow(story),
        ['Pengirim', sender(story, `${story.name} <${story.email}>`)],
        ['Komunitas', story.community],
        ['Kategori', story.category],
        ['Tautan asli', story.original_url ? safeLink(story.original_url) : null],
        ['Diterima', when(story.received_at)],
      ]),
      photo,
      textBlock(story.body),
      actionButtons('stories', story, ACTIONS[view.status]),
    ),
  );
  edit.addEventListener('click', () => void editStory(story, li));
  li.querySelector('.actions').append(edit);
  return li;
}

function commentItem(comment) {
  // The thread's page on the site the comment came from when the server vouches for it; else this site's own path rule.
  const thread = comment.thread_url ? safeLink(comment.thread_url) : threadLink(comment.thread);
  return el(
    'li',
    { 'data-id': comment.id },
    el(
      'article',
      { 'aria-labelledby': `comment-${comment.id}`, tabindex: '-1' },
      selectBox(comment, `komentar dari ${comment.author.name}`),
      el('h3', { id: `comment-${comment.id}` }, `Komentar dari ${comment.author.name}`, comment.mixed_script ? [' ', mixedScriptMark()] : []),
      meta([
        reasonRow(comment),
        ['Utas', thread],
        ['E-mail', comment.author_email],
        ['Situs web', comment.author.url ? safeLink(comment.author.url) : null],
        ['Membalas', comment.parent ? `${comment.parent.author.name}: ${comment.parent.body.slice(0, 140)}` : null],
        ['Dikirim', when(comment.created_at)],
      ]),
      textBlock(comment.body),
      actionButtons('comments', comment, ACTIONS[view.status]),
    ),
  );
}

function fill(kind, items, render) {
  $(kind).replaceChildren(...items.map(render));
  updateCounts(kind);
}

const HEADINGS = {
  pending: { stories: 'Cerita menunggu tinjauan', comments: 'Komentar menunggu moderasi' },
  spam: { stories: 'Cerita yang ditahan sebagai spam', comments: 'Komentar yang ditahan sebagai spam' },
};
const EMPTY = {
  pending: { stories: 'Tidak ada cerita yang menunggu.', comments: 'Tidak ada komentar yang menunggu.' },
  spam: { stories: 'Tidak ada cerita di daftar spam.', comments: 'Tidak ada komentar di daftar spam.' },
};

function updateCounts(kind) {
  const shown = $(kind).children.length;
  const total = view.counts?.[kind]?.[view.status] ?? shown;
  $(`${kind}-count`).textContent = `(${total})`;
  $(`${kind}-empty`).hidden = shown > 0;
  $(`${kind}-empty`).textContent = EMPTY[view.status][kind];
  const heading = $(`${kind}-heading`);
  heading.firstChild.textContent = `${HEADINGS[view.status][kind]} `;
  $(`${kind}-bulk`).hidden = shown === 0;
  $(`${kind}-all`).checked = false;
  updateTabs();
}

/** The tabs, paging and bulk bars are made here, so the page's markup stays a plain skeleton. */
function buildControls() {
  if ($('tabs')) return;
  const tabs = el(
    'div',
    { id: 'tabs', role: 'tablist', 'aria-label': 'Daftar moderasi', className: 'tabs' },
    TABS.map((name, i) => {
      const queue = QUEUE_TABS.includes(name);
      const tab = el('button', {
        type: 'button',
        role: 'tab',
        id: `tab-${name}`,
        'aria-controls': queue ? 'lists' : 'content-panel',
        'data-status': name,
        className: OWNER_TABS.includes(name) ? 'owner-only' : undefined,
      });
      if (!queue) tab.textContent = CONTENT_LABELS[name];
      tab.addEventListener('click', () => switchTab(name));
      tab.addEventListener('keydown', (event) => {
        if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
        // Only the tabs this role sees: an editor's arrows skip the owner's.
        const shown = TABS.filter((n) => view.role === 'owner' || !OWNER_TABS.includes(n));
        const at = shown.indexOf(name);
        const other = shown[(at + (event.key === 'ArrowRight' ? 1 : shown.length - 1)) % shown.length];
        $(`tab-${other}`).focus();
        switchTab(other);
      });
      return tab;
    }),
  );
  const sort = el(
    'select',
    { id: 'sort' },
    el('option', { value: 'oldest' }, 'Terlama dulu'),
    el('option', { value: 'newest' }, 'Terbaru dulu'),
  );
  sort.addEventListener('change', () => {
    view.sort = sort.value;
    view.page = 1;
    void loadQueue();
  });
  const empty = el('button', { type: 'button', id: 'empty-spam', className: 'reject owner-only' }, 'Kosongkan daftar spam ', el('span', { lang: 'en' }, '(empty spam)'));
  empty.addEventListener('click', () => void emptySpam());
  const toolbar = document.querySelector('.toolbar');
  toolbar.before(tabs);
  toolbar.append(' ', el('label', { for: 'sort' }, 'Urutan '), sort, ' ', empty);

  const lists = el('div', { id: 'lists', role: 'tabpanel' });
  const sections = [...$('queue').querySelectorAll('section')];
  sections[0].before(lists);
  lists.append(...sections);
  for (const kind of ['stories', 'comments']) {
    const all = el('input', { type: 'checkbox', id: `${kind}-all` });
    all.addEventListener('change', () => $(kind).querySelectorAll('.pick').forEach((box) => (box.checked = all.checked)));
    const bar = el(
      'div',
      { id: `${kind}-bulk`, className: 'actions bulk', role: 'group', 'aria-label': `Tindakan untuk ${kind === 'stories' ? 'cerita' : 'komentar'} terpilih` },
      el('label', { for: `${kind}-all` }, all, ' Pilih semua di halaman ini'),
      Object.entries(LABELS).map(([action, [label]]) => {
        // Deleting in bulk is emptying the spam a page at a time: the owner's.
        const button = el('button', { type: 'button', className: action === 'delete' ? `${action} owner-only` : action, 'data-action': action }, `${label} yang dipilih`);
        button.addEventListener('click', () => void bulk(kind, action));
        return button;
      }),
    );
    $(kind).before(bar);
  }
  const pager = el(
    'nav',
    { id: 'pager', 'aria-label': 'Halaman antrean', className: 'pager' },
    el('button', { type: 'button', id: 'prev' }, 'Sebelumnya'),
    el('span', { id: 'page-of' }),
    el('button', { type: 'button', id: 'next' }, 'Berikutnya'),
  );
  lists.append(pager);
  lists.after(el('div', { id: 'content-panel', role: 'tabpanel', hidden: true }));
  $('prev').addEventListener('click', () => turnPage(-1));
  $('next').addEventListener('click', () => turnPage(1));
}

function updateTabs() {
  for (const name of TABS) {
    const tab = $(`tab-${name}`);
    const selected = name === view.tab;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    if (!QUEUE_TABS.includes(name)) continue;
    const total = view.counts ? view.counts.stories[name] + view.counts.comments[name] : '';
    tab.textContent = `${name === 'pending' ? 'Menunggu' : 'Spam'} (${total})`;
  }
  const queue = QUEUE_TABS.includes(view.tab);
  $('lists').hidden = !queue;
  document.querySelector('.toolbar').hidden = !queue;
  $('content-panel').hidden = queue;
  $('content-panel').setAttribute('aria-labelledby', `tab-${view.tab}`);
  $('lists').setAttribute('aria-labelledby', `tab-${view.status}`);
  $('empty-spam').hidden = view.status !== 'spam';
  for (const kind of ['stories', 'comments']) {
    $(`${kind}-bulk`).querySelector('[data-action="spam"]').hidden = view.status === 'spam';
  }
  $('pager').hidden = view.totalPages <= 1;
  $('page-of').textContent = ` Halaman ${view.page} dari ${Math.max(view.totalPages, 1)} `;
  $('prev').disabled = view.page <= 1;
  $('next').disabled = view.page >= view.totalPages;
}

function switchTab(name) {
  if (view.tab === name) return;
  view.tab = name;
  if (!QUEUE_TABS.includes(name)) {
    updateTabs();
    void content.show(name, $('content-panel'));
    return;
  }
  view.status = name;
  view.page = 1;
  void loadQueue();
}

function turnPage(step) {
  view.page = Math.min(Math.max(1, view.page + step), Math.max(view.totalPages, 1));
  void loadQueue();
}

async function loadQueue() {
  announce('Memuat antrean…');
  let answer;
  try {
    const query = new URLSearchParams({ status: view.status, sort: view.sort, page: String(view.page), per_page: String(PER_PAGE) });
    answer = await call('GET', `/queue?${query}`);
  } catch {
    announce('Server tidak dapat dihubungi. Coba lagi sebentar lagi.');
    return;
  }
  if (answer.status === 401) return showLogin('Token tidak cocok. Periksa lagi token admin.');
  if (answer.status === 429) return announce('Terlalu banyak percobaan. Tunggu sebentar lalu coba lagi.');
  if (answer.status !== 200) return announce(`Antrean gagal dimuat (HTTP ${answer.status}).`);
  if (!view.role) await learnRole();
  $('login').hidden = true;
  $('queue').hidden = false;
  $('logout').hidden = false;
  buildControls();
  view.counts = answer.data.counts;
  view.totalPages = answer.data.total_pages;
  if (view.page > 1 && view.page > view.totalPages) {
    // The last page emptied: show the one before it.
    view.page = Math.max(view.totalPages, 1);
    return loadQueue();
  }
  fill('stories', answer.data.stories, storyItem);
  fill('comments', answer.data.comments, commentItem);
  const counts = view.counts;
  announce(
    view.status === 'spam'
      ? `Daftar spam: ${counts.stories.spam} cerita dan ${counts.comments.spam} komentar.`
      : `${counts.stories.pending} cerita dan ${counts.comments.pending} komentar menunggu.`,
  );
}

async function bulk(kind, action) {
  const ids = [...$(kind).querySelectorAll('.pick:checked')].map((box) => box.dataset.id);
  const what = kind === 'stories' ? 'cerita' : 'komentar';
  if (!ids.length) return announce(`Pilih dulu ${what} yang akan diproses.`);
  let answer;
  try {
    answer = await call('POST', '/bulk', { action, [kind]: ids });
  } catch {
    return announce(`${ids.length} ${what} belum diproses: server tidak dapat dihubungi.`);
  }
  if (answer.status === 401) return showLogin('Sesi berakhir: token tidak lagi diterima.');
  if (answer.status !== 200) return announce(`${ids.length} ${what} belum diproses (HTTP ${answer.status}). Coba lagi.`);
  const done = answer.data[kind].filter((r) => r.result !== 'not_found' && r.result !== 'already_moderated').length;
  await loadQueue();
  $(`${kind}-heading`).focus();
  announce(`${done} ${what} ${DONE[kind][action]}${done < ids.length ? `; ${ids.length - done} sudah dimoderasi sebelumnya` : ''}.`);
}

async function emptySpam() {
  if (!window.confirm('Hapus semua cerita dan komentar di daftar spam? Ini tidak dapat dibatalkan.')) return;
  let answer;
  try {
    answer = await call('DELETE', '/spam');
  } catch {
    return announce('Daftar spam belum dikosongkan: server tidak dapat dihubungi.');
  }
  if (answer.status === 401) return showLogin('Sesi berakhir: token tidak lagi diterima.');
  if (answer.status !== 200) return announce(`Daftar spam belum dikosongkan (HTTP ${answer.status}).`);
  await loadQueue();
  announce(`Daftar spam dikosongkan: ${answer.data.deleted.stories} cerita dan ${answer.data.deleted.comments} komentar dihapus.`);
}

const DONE = {
  // GET /articles may be kept by browsers 60 s, then shown stale while refreshed for 300 s.
  stories: {
    approve: 'disetujui dan diterbitkan. Pembaca baru langsung melihatnya; yang baru saja membuka halaman mitra, paling lama dalam 6 menit',
    reject: 'ditolak',
    spam: 'ditandai spam',
    delete: 'dihapus',
  },
  comments: { approve: 'disetujui', reject: 'ditolak', spam: 'ditandai spam', delete: 'dihapus' },
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
  if (view.counts && answer.status === 200) view.counts[kind][view.status] -= 1;
  updateCounts(kind);
  (next?.querySelector('article') ?? $(`${kind}-heading`)).focus();
  if (answer.status === 200) announce(`${what} ${DONE[kind][action]}.`);
  else announce(`${what} sudah dimoderasi sebelumnya.`);
}

/**
 * Who signed in decides what is offered: an editor is not shown what only the owner may do
 * (the server refuses it anyway, 403 owner_only). Until the answer comes, nothing of the owner's shows.
 */
async function learnRole() {
  let me;
  try {
    me = await call('GET', '/me');
  } catch {
    me = undefined;
  }
  view.role = me?.status === 200 && me.data?.role === 'owner' ? 'owner' : 'editor';
  document.body.dataset.role = view.role;
  if (view.role !== 'owner' && OWNER_TABS.includes(view.tab)) switchTab('pending');
}

const content = contentViews({ el, call, announce, when, showLogin });

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

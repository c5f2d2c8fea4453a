// Content management in /admin: articles (edit, take off the site, put back, delete, their
// comments), categories, erasing everything one e-mail address sent, the audit log, and editing a
// story before it is approved; partners' feeds come from admin-sources.js. Everything is set as
// text (textContent), never parsed as HTML.

import { sourcesView } from './admin-sources.js';

import { showNotices } from './admin-notify.js';

const ACTIONS = {
  'story.approve': 'menyetujui cerita',
  'story.reject': 'menolak cerita',
  'story.spam': 'menandai cerita sebagai spam',
  'story.delete': 'menghapus cerita',
  'story.edit': 'menyunting cerita',
  'comment.approve': 'menyetujui komentar',
  'comment.reject': 'menolak komentar',
  'comment.spam': 'menandai komentar sebagai spam',
  'comment.delete': 'menghapus komentar',
  'article.edit': 'menyunting artikel',
  'article.unpublish': 'menarik artikel dari situs',
  'article.republish': 'menerbitkan lagi artikel',
  'article.delete': 'menghapus artikel',
  'category.add': 'menambah kategori',
  'category.rename': 'mengganti nama kategori',
  'category.remove': 'menghapus kategori',
  'spam.empty': 'mengosongkan daftar spam',
  'email.erase': 'menghapus semua data sebuah alamat e-mail',
  'editor.add': 'menambah akun redaksi',
  'editor.remove': 'mencabut akun redaksi',
  'source.add': 'menambah sumber mitra',
  'source.remove': 'menghapus sumber mitra',
  'editor.notices': 'mengubah pilihan email',
  'email.lookup': 'melihat data sebuah alamat e-mail',
  'queue.read': 'membaca antrean (dengan alamat e-mail pengirim)',
  'photo.view': 'melihat foto kiriman',
  'signin.fail': 'gagal masuk (token salah)',
};
const ITEMS = {
  story: 'cerita',
  comment: 'komentar',
  article: 'artikel',
  category: 'kategori',
  spam: 'daftar spam',
  email: 'alamat',
  editor: 'redaksi',
  queue: 'antrean',
  photo: 'foto',
  signin: 'dari alamat',
  source: 'sumber mitra',
};

/** The tabs this module adds beside Menunggu and Spam, in order. */
export const CONTENT_TABS = [
  ['articles', 'Artikel'],
  ['categories', 'Kategori'],
  ['sources', 'Sumber mitra'],
  ['erase', 'Hapus data'],
  ['audit', 'Log'],
  ['notices', 'Email & webhook'],
];

export function contentViews({ el, call, announce, when, showLogin }) {
  const state = { articles: { page: 1, q: '' }, audit: { page: 1 }, categories: [] };

  /** One admin call with every failure said in words; answers the data of a 2xx, else null. */
  async function send(method, path, body, what) {
    let answer;
    try {
      answer = await call(method, path, body);
    } catch {
      announce(`${what}: server tidak dapat dihubungi. Coba lagi.`);
      return null;
    }
    if (answer.status === 401) {
      showLogin('Sesi berakhir: token tidak lagi diterima.');
      return null;
    }
    if (answer.status >= 300) {
      const fields = answer.data?.error?.fields;
      const detail = fields ? ` (${Object.entries(fields).map(([f, code]) => `${f}: ${code}`).join(', ')})` : '';
      announce(`${what}: gagal, HTTP ${answer.status}${detail}.`);
      return null;
    }
    return answer.data ?? {};
  }

  function field(id, label, control) {
    control.id = id;
    return el('p', { className: 'field' }, el('label', { for: id }, label), control);
  }
  const input = (value, extra = {}) => {
    const node = el('input', { type: 'text', ...extra });
    node.value = value ?? '';
    return node;
  };
  const textarea = (value) => {
    const node = el('textarea', { rows: '8' });
    node.value = value ?? '';
    return node;
  };
  function button(label, onClick, className) {
    const node = el('button', { type: 'button', className }, label);
    node.addEventListener('click', () => void onClick(node));
    return node;
  }
  function categorySelect(selected, { none } = {}) {
    const select = el('select', {});
    if (none) select.append(el('option', { value: '' }, none));
    for (const c of state.categories) {
      const option = el('option', { value: c.slug }, c.name);
      if (c.slug === selected || c.name === selected) option.selected = true;
      select.append(option);
    }
    return select;
  }
  async function loadCategories() {
    const data = await send('GET', '/categories', undefined, 'Kategori gagal dimuat');
    if (data) state.categories = data.items;
    return data;
  }
  function pager(label, page, totalPages, go) {
    if (totalPages <= 1) return null;
    const prev = button('Sebelumnya', () => go(page - 1));
    const next = button('Berikutnya', () => go(page + 1));
    prev.disabled = page <= 1;
    next.disabled = page >= totalPages;
    return el('nav', { className: 'pager', 'aria-label': label }, prev, el('span', {}, ` Halaman ${page} dari ${totalPages} `), next);
  }

  // Editing a story before approving it ------------------------------------------------

  /** A form in place of the story's text; `onSaved(story)` gets the story as the server now has it. */
  async function storyEditor(story, onSaved) {
    if (!state.categories.length) await loadCategories();
    const prefix = `edit-story-${story.id}`;
    const title = input(story.title);
    const name = input(story.name);
    const category = categorySelect(story.category, { none: '(tanpa kategori)' });
    const body = textarea(story.body);
    const form = el(
      'form',
      { className: 'editor', 'aria-label': `Sunting cerita “${story.title}”` },
      field(`${prefix}-title`, 'Judul', title),
      field(`${prefix}-name`, 'Nama yang ditampilkan', name),
      field(`${prefix}-category`, 'Kategori', category),
      field(`${prefix}-body`, 'Isi (Markdown)', body),
      el('p', { className: 'actions' }, el('button', { type: 'submit', className: 'approve' }, 'Simpan suntingan'), button('Batal', () => onSaved(null))),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const data = await send(
        'PATCH',
        `/stories/${encodeURIComponent(story.id)}`,
        { title: title.value, name: name.value, body: body.value, category: category.value || null },
        'Suntingan cerita',
      );
      if (!data) return;
      announce(`Suntingan cerita “${data.story.title}” disimpan.`);
      onSaved(data.story);
    });
    queueMicrotask(() => title.focus());
    return form;
  }

  // Articles --------------------------------------------------------------------------------

  async function showArticles(panel) {
    if (!state.categories.length) await loadCategories();
    const { page, q } = state.articles;
    const query = new URLSearchParams({ page: String(page), per_page: '20', ...(q ? { q } : {}) });
    const data = await send('GET', `/articles?${query}`, undefined, 'Artikel gagal dimuat');
    if (!data) return;
    const search = input(q, { type: 'search' });
    const searchForm = el('form', { role: 'search', className: 'actions' }, field('articles-q', 'Cari artikel', search), el('button', { type: 'submit' }, 'Cari'));
    searchForm.addEventListener('submit', (event) => {
      event.preventDefault();
      state.articles = { page: 1, q: search.value.trim() };
      void showArticles(panel);
    });
    const list = el('ol', { className: 'items', id: 'articles' }, data.items.map((article) => articleItem(article, panel)));
    panel.replaceChildren(
      el('h2', { id: 'articles-heading', tabindex: '-1' }, 'Artikel ', el('span', { className: 'count' }, `(${data.total})`)),
      searchForm,
      data.items.length ? list : el('p', { className: 'empty' }, 'Tidak ada artikel.'),
      pager('Halaman artikel', page, data.total_pages, (to) => {
        state.articles.page = to;
        void showArticles(panel);
      }),
    );
    announce(`${data.total} artikel.`);
  }

  function articleItem(article, panel) {
    const li = el('li', { 'data-id': article.id });
    const render = (a) => {
      const published = a.status === 'published';
      li.replaceChildren(
        el(
          'article',
          { 'aria-labelledby': `article-${a.id}`, tabindex: '-1' },
          el('h3', { id: `article-${a.id}` }, a.title),
          el(
            'dl',
            { className: 'meta' },
            el('dt', {}, 'Status'),
            el('dd', {}, published ? 'Terbit' : 'Ditarik dari situs'),
            el('dt', {}, 'Terbit'),
            el('dd', {}, when(a.published_at)),
            el('dt', {}, 'Penulis'),
            el('dd', {}, a.author?.name ?? '—'),
            el('dt', {}, 'Kategori'),
            el('dd', {}, a.categories.map((c) => c.name).join(', ') || '—'),
            el('dt', {}, 'Alamat'),
            el('dd', {}, published ? el('a', { href: new URL(a.url).pathname }, new URL(a.url).pathname) : new URL(a.url).pathname),
          ),
          el(
            'div',
            { className: 'actions' },
            button(`Sunting`, () => editArticle(a, li, render)),
            button(published ? 'Tarik dari situs' : 'Terbitkan lagi', async () => {
              const data = await send('PATCH', `/articles/${a.id}`, { published: !published }, `Artikel “${a.title}”`);
              if (!data) return;
              render(data.article);
              announce(`Artikel “${a.title}” ${published ? 'ditarik dari situs: pembaca tidak lagi melihatnya' : 'terbit lagi'}.`);
            }),
            button('Komentar', () => showComments(a, li)),
            button(
              'Hapus',
              async () => {
                if (!window.confirm(`Hapus artikel “${a.title}” beserta komentar dan fotonya? Ini tidak dapat dibatalkan.`)) return;
                const data = await send('DELETE', `/articles/${a.id}`, undefined, `Artikel “${a.title}”`);
                if (!data) return;
                li.remove();
                panel.querySelector('h2')?.focus();
                announce(`Artikel “${a.title}” dihapus, dengan ${data.comments} komentar.`);
              },
              // Deleting cannot be undone: the owner's. An editor takes an article off the site instead.
              'reject owner-only',
            ),
          ),
        ),
      );
    };
    render(article);
    return li;
  }

  function editArticle(article, li, render) {
    const prefix = `edit-article-${article.id}`;
    const title = input(article.title);
    const author = input(article.author?.name ?? '');
    // An article without a category keeps none unless the editor picks one.
    const category = categorySelect(article.categories[0]?.slug, { none: article.categories.length ? undefined : '(tanpa kategori)' });
    const excerpt = textarea(article.excerpt);
    excerpt.rows = 3;
    const body = textarea(article.body);
    const form = el(
      'form',
      { className: 'editor', 'aria-label': `Sunting artikel “${article.title}”` },
      field(`${prefix}-title`, 'Judul', title),
      field(`${prefix}-author`, 'Nama penulis', author),
      field(`${prefix}-category`, 'Kategori', category),
      field(`${prefix}-body`, 'Isi (Markdown)', body),
      field(`${prefix}-excerpt`, 'Ringkasan (kosongkan agar dibuat dari paragraf pertama)', excerpt),
      el('p', { className: 'actions' }, el('button', { type: 'submit', className: 'approve' }, 'Simpan artikel'), button('Batal', () => render(article))),
    );
    const originalExcerpt = article.excerpt;
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const changes = { title: title.value, author_name: author.value, body: body.value, ...(category.value ? { categories: [category.value] } : {}) };
      // An untouched excerpt is made again from the new text; one the editor wrote is kept.
      if (excerpt.value.trim() && excerpt.value !== originalExcerpt) changes.excerpt = excerpt.value;
      const data = await send('PATCH', `/articles/${article.id}`, changes, 'Suntingan artikel');
      if (!data) return;
      render(data.article);
      li.querySelector('article')?.focus();
      announce(`Artikel “${data.article.title}” disimpan.`);
    });
    li.replaceChildren(form);
    title.focus();
  }

  async function showComments(article, li) {
    const data = await send('GET', `/articles/${article.id}/comments?per_page=100`, undefined, 'Komentar gagal dimuat');
    if (!data) return;
    li.querySelector('.article-comments')?.remove();
    const section = el(
      'section',
      { className: 'article-comments', 'aria-label': `Komentar artikel “${article.title}”` },
      data.items.length
        ? el(
            'ol',
            { className: 'items' },
            data.items.map((comment) => {
              const item = el('li', {}, el('p', {}, el('strong', {}, comment.author.name), ' · ', when(comment.created_at)), el('p', { className: 'text' }, comment.body));
              item.append(
                button(
                  `Hapus komentar`,
                  async () => {
                    const done = await send('DELETE', `/comments/${comment.id}`, undefined, `Komentar dari ${comment.author.name}`);
                    if (!done) return;
                    item.remove();
                    announce(`Komentar dari ${comment.author.name} dihapus.`);
                  },
                  'reject',
                ),
              );
              return item;
            }),
          )
        : el('p', { className: 'empty' }, 'Belum ada komentar terbit.'),
    );
    li.querySelector('article')?.append(section);
    announce(`${data.total} komentar pada artikel “${article.title}”.`);
  }

  // Categories ------------------------------------------------------------------------

  async function showCategories(panel) {
    if (!(await loadCategories())) return;
    const name = input('');
    const add = el('form', { className: 'actions', 'aria-label': 'Tambah kategori' }, field('category-new', 'Kategori baru', name), el('button', { type: 'submit' }, 'Tambah'));
    add.addEventListener('submit', async (event) => {
      event.preventDefault();
      const data = await send('POST', '/categories', { name: name.value }, 'Kategori baru');
      if (!data) return;
      await showCategories(panel);
      announce(`Kategori “${data.category.name}” ditambahkan.`);
    });
    panel.replaceChildren(
      el('h2', { tabindex: '-1' }, 'Kategori'),
      add,
      el('ol', { className: 'items', id: 'categories' }, state.categories.map((category) => categoryItem(category, panel))),
    );
  }

  function categoryItem(category, panel) {
    const prefix = `category-${category.id}`;
    const rename = input(category.name);
    const others = state.categories.filter((c) => c.id !== category.id);
    const target = el('select', {}, others.map((c) => el('option', { value: c.id }, c.name)));
    const renameForm = el('form', { className: 'actions' }, field(`${prefix}-name`, `Nama kategori (${category.slug})`, rename), el('button', { type: 'submit' }, 'Ganti nama'));
    renameForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      const data = await send('PATCH', `/categories/${category.id}`, { name: rename.value }, `Kategori “${category.name}”`);
      if (!data) return;
      await showCategories(panel);
      announce(`Kategori “${category.name}” kini bernama “${data.category.name}”.`);
    });
    const inUse = category.articles > 0;
    const remove = button(
      inUse ? 'Pindahkan artikelnya lalu hapus' : 'Hapus kategori',
      async () => {
        const moveTo = inUse ? target.value : '';
        const data = await send('DELETE', `/categories/${category.id}${moveTo ? `?move_to=${encodeURIComponent(moveTo)}` : ''}`, undefined, `Kategori “${category.name}”`);
        if (!data) return;
        await showCategories(panel);
        announce(`Kategori “${category.name}” dihapus${data.moved ? `; ${data.moved} artikel dipindahkan` : ''}.`);
      },
      'reject',
    );
    return el(
      'li',
      {},
      el(
        'article',
        { 'aria-label': category.name },
        renameForm,
        el('p', { className: 'meta' }, `${category.articles} artikel`),
        inUse && others.length ? field(`${prefix}-move`, 'Pindahkan artikelnya ke', target) : null,
        inUse && !others.length ? null : el('div', { className: 'actions' }, remove),
      ),
    );
  }

  // Erasing one address ------------------------------------------------------------------

  function showErase(panel) {
    const email = input('', { type: 'email', autocomplete: 'off' });
    const result = el('div', { id: 'erase-result' });
    const form = el(
      'form',
      { className: 'actions', 'aria-label': 'Cari data sebuah alamat e-mail' },
      field('erase-email', 'Alamat e-mail', email),
      el('button', { type: 'submit' }, 'Periksa'),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const data = await send('POST', '/erase', { email: email.value }, 'Pemeriksaan');
      if (!data) return;
      const { stories, articles, comments, photos } = data.found;
      const summary = `${stories} cerita (${articles} sudah terbit sebagai artikel), ${comments} komentar, ${photos} foto`;
      if (!stories && !comments) {
        result.replaceChildren(el('p', {}, `Tidak ada data dari ${data.email}.`));
        return announce(`Tidak ada data dari ${data.email}.`);
      }
      const confirm = button(
        `Hapus semuanya dari ${data.email}`,
        async () => {
          const done = await send('POST', '/erase', { email: data.email, confirm: data.confirm }, 'Penghapusan');
          if (!done) return;
          result.replaceChildren(el('p', {}, `Terhapus: ${summary}.`));
          announce(`Semua data dari ${data.email} dihapus: ${summary}.`);
        },
        'reject',
      );
      result.replaceChildren(el('p', {}, `Tersimpan dari ${data.email}: ${summary}. Belum ada yang dihapus.`), confirm);
      announce(`Tersimpan dari ${data.email}: ${summary}. Tekan tombol hapus untuk menghapusnya.`);
    });
    panel.replaceChildren(
      el('h2', { tabindex: '-1' }, 'Hapus semua data sebuah alamat e-mail'),
      el('p', { className: 'help' }, 'Untuk permintaan penghapusan data: cerita (juga yang sudah terbit), komentar dan foto dari alamat ini. Periksa dulu; penghapusan baru terjadi setelah dikonfirmasi.'),
      form,
      result,
    );
  }

  // The audit log ------------------------------------------------------------------------

  async function showAudit(panel) {
    const { page } = state.audit;
    const data = await send('GET', `/audit?page=${page}&per_page=50`, undefined, 'Log gagal dimuat');
    if (!data) return;
    const rows = data.items.map((entry) =>
      el(
        'tr',
        {},
        el('td', {}, when(entry.at)),
        el('td', {}, entry.actor),
        el('td', {}, ACTIONS[entry.action] ?? entry.action),
        el('td', {}, `${ITEMS[entry.item_type] ?? entry.item_type} ${entry.item_type === 'spam' ? '' : entry.item_id}`.trim()),
        el('td', {}, entry.detail ?? ''),
      ),
    );
    panel.replaceChildren(
      el('h2', { tabindex: '-1' }, 'Log tindakan redaksi ', el('span', { className: 'count' }, `(${data.total})`)),
      data.items.length
        ? el(
            'table',
            { id: 'audit' },
            el('caption', {}, 'Terbaru di atas'),
            el('thead', {}, el('tr', {}, ['Waktu', 'Siapa', 'Tindakan', 'Item', 'Keterangan'].map((h) => el('th', { scope: 'col' }, h)))),
            el('tbody', {}, rows),
          )
        : el('p', { className: 'empty' }, 'Belum ada tindakan.'),
      pager('Halaman log', page, data.total_pages, (to) => {
        state.audit.page = to;
        void showAudit(panel);
      }),
    );
    announce(`Log: ${data.total} tindakan.`);
  }

  const sources = sourcesView({ el, send, field, input, button, announce, when });
  const views = {
    articles: showArticles,
    categories: showCategories,
    sources: sources.show,
    erase: showErase,
    audit: showAudit,
    notices: (panel) => showNotices(panel, { el, send, announce, when, field, button }),
  };
  return {
    storyEditor,
    show(name, panel) {
      return views[name](panel);
    },
  };
}

// Partner sources in /admin: the feeds the server fetches, how each fetch went (in plain words),
// adding one by its address and a label, fetching one now, removing one. Text only (textContent).

/** The fetch errors the server names, in the editors' words. */
const ERRORS = {
  timeout: 'situs terlalu lama menjawab, pengambilan dihentikan',
  network: 'situs tidak dapat dihubungi',
  not_found_host: 'nama situs tidak dikenal',
  private_address: 'alamat menunjuk ke jaringan dalam, yang tidak diambil Kabar',
  http_error: 'situs menjawab dengan galat, bukan feed',
  gone: 'feed tidak ada lagi (404/410): periksa alamatnya',
  too_large: 'feed lebih besar dari batas yang dibaca Kabar',
  redirect_refused: 'situs mengalihkan ke situs atau alamat lain, yang tidak diikuti Kabar',
  not_a_feed: 'alamat menjawab, tetapi bukan dengan feed RSS, Atom atau JSON',
  bad_url: 'alamat bukan URL http(s)',
};

export function sourcesView({ el, send, field, input, button, announce, when }) {
  async function show(panel) {
    const data = await send('GET', '/sources', undefined, 'Sumber mitra gagal dimuat');
    if (!data) return;
    const url = input('', { type: 'url', placeholder: 'https://blog-mitra.example/feed/' });
    const label = input('', { maxlength: '80' });
    const form = el(
      'form',
      { className: 'actions', 'aria-label': 'Tambah sumber mitra' },
      field('source-url', 'Alamat feed (RSS, Atom, JSON Feed) atau situs WordPress', url),
      field('source-label', 'Label di kartu artikel', label),
      el('button', { type: 'submit' }, 'Tambah'),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const added = await send('POST', '/sources', { url: url.value, label: label.value }, 'Sumber baru');
      if (!added) return;
      await show(panel);
      announce(`Sumber “${added.source.label}” ditambahkan; artikelnya diambil sebentar lagi.`);
    });
    panel.replaceChildren(
      el('h2', { tabindex: '-1' }, 'Sumber mitra ', el('span', { className: 'count' }, `(${data.items.length})`)),
      el('p', { className: 'help' }, 'Artikel dari feed mitra tampil di daftar artikel, berlabel, terbaru dulu. Kabar mengambil tiap feed secara berkala dengan sopan dan membatasi waktu serta ukurannya.'),
      form,
      data.items.length
        ? el('ol', { className: 'items', id: 'sources' }, data.items.map((source) => item(source, panel)))
        : el('p', { className: 'empty' }, 'Belum ada sumber mitra.'),
    );
  }

  function state(source) {
    if (source.last_error) return `Gagal ${source.failures}× berturut-turut: ${ERRORS[source.last_error.code] ?? source.last_error.message}.`;
    if (source.last_ok_at) return `Terakhir berhasil ${when(source.last_ok_at)}.`;
    return 'Belum diambil.';
  }

  function item(source, panel) {
    const fetchNow = button('Ambil sekarang', async (node) => {
      node.disabled = true;
      const data = await send('POST', `/sources/${source.id}/fetch`, undefined, `Sumber “${source.label}”`);
      node.disabled = false;
      if (!data) return;
      await show(panel);
      announce(`Sumber “${source.label}”: ${state(data.source)}`);
    });
    const remove = button(
      'Hapus sumber',
      async () => {
        if (!window.confirm(`Hapus sumber “${source.label}” beserta artikelnya dari daftar?`)) return;
        if (!(await send('DELETE', `/sources/${source.id}`, undefined, `Sumber “${source.label}”`))) return;
        await show(panel);
        announce(`Sumber “${source.label}” dihapus.`);
      },
      'reject',
    );
    return el(
      'li',
      {},
      el(
        'article',
        { 'aria-label': source.label },
        el('h3', {}, source.label),
        el('p', { className: 'meta' }, el('a', { href: /^https?:\/\//.test(source.feed_url) ? source.feed_url : undefined, rel: 'noopener noreferrer' }, source.feed_url)),
        el(
          'p',
          { className: source.last_error ? 'meta error' : 'meta' },
          `${source.items} artikel · ${state(source)}`,
          source.last_fetch_at ? ` Diambil terakhir ${when(source.last_fetch_at)}; berikutnya ${when(source.next_fetch_at)}.` : '',
        ),
        el('div', { className: 'actions' }, fetchNow, remove),
      ),
    );
  }

  return { show };
}

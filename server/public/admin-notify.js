// E-mail and webhooks in /admin: what the signed-in editor receives (an address, stories and/or
// comments, one message each or a digest every N minutes), and the last webhook deliveries.
// Everything is set as text (textContent), never parsed as HTML.

const STATUS = { sent: 'terkirim', waiting: 'menunggu', failed: 'gagal' };

export async function showNotices(panel, { el, send, announce, when, field, button }) {
  const [mine, hooks] = await Promise.all([
    send('GET', '/notifications', undefined, 'Pilihan email gagal dimuat'),
    send('GET', '/webhooks', undefined, 'Pengiriman webhook gagal dimuat'),
  ]);
  if (!mine || !hooks) return;

  const email = el('input', { type: 'email', autocomplete: 'email' });
  email.value = mine.email ?? '';
  const check = (id, label, checked) => {
    const box = el('input', { type: 'checkbox', id });
    box.checked = checked;
    return { box, row: el('p', { className: 'check' }, box, el('label', { for: id }, label)) };
  };
  const stories = check('notice-stories', 'Cerita baru yang menunggu', mine.stories);
  const comments = check('notice-comments', 'Komentar baru yang menunggu', mine.comments);
  const minutes = el('input', { type: 'number', min: '0', max: '1440', step: '1', inputmode: 'numeric' });
  minutes.value = String(mine.digest_minutes ?? 0);

  const form = el(
    'form',
    { id: 'notices', className: 'notices', novalidate: true },
    el('h2', { tabindex: '-1' }, `Email untuk ${mine.editor}`),
    mine.mail
      ? el('p', {}, 'Alamat ini hanya dilihat Anda dan pemilik server. Tautan setujui/tolak di email membuka halaman konfirmasi dan berlaku sekali.')
      : el('p', { className: 'empty' }, 'Email mati di server ini (KABAR_SMTP_URL belum diatur): pilihan disimpan, tetapi belum ada yang dikirim.'),
    field('notice-email', 'Alamat email', email),
    el('fieldset', {}, el('legend', {}, 'Kabari saya tentang'), stories.row, comments.row),
    field('notice-minutes', 'Ringkasan tiap berapa menit (0: satu email untuk tiap kiriman)', minutes),
    el(
      'p',
      { className: 'actions' },
      el('button', { type: 'submit', className: 'approve' }, 'Simpan'),
      button('Berhenti menerima email', async () => {
        if (await send('PUT', '/notifications', { email: null }, 'Berhenti gagal')) {
          email.value = '';
          announce('Anda tidak akan menerima email redaksi lagi.');
        }
      }),
    ),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const saved = await send(
      'PUT',
      '/notifications',
      { email: email.value.trim() || null, stories: stories.box.checked, comments: comments.box.checked, digest_minutes: Number(minutes.value || 0) },
      'Pilihan email gagal disimpan',
    );
    if (saved) announce(saved.email ? `Tersimpan: email ke ${saved.email}${saved.digest_minutes ? `, ringkasan tiap ${saved.digest_minutes} menit` : ''}.` : 'Tersimpan: tanpa email.');
  });

  const rows = hooks.deliveries.map((d) =>
    el(
      'tr',
      {},
      el('td', {}, when(d.created_at)),
      el('td', {}, d.event),
      el('td', {}, d.url),
      el('td', {}, `${STATUS[d.status] ?? d.status}${d.status === 'waiting' && d.next_attempt_at ? `, dicoba lagi ${when(d.next_attempt_at)}` : ''}`),
      el('td', {}, String(d.attempts)),
      el('td', {}, d.last_error ?? ''),
    ),
  );
  panel.replaceChildren(
    form,
    el('h2', {}, 'Webhook ', el('span', { className: 'count' }, `(${hooks.receivers} penerima)`)),
    el('p', {}, hooks.status.join(' · ')),
    hooks.deliveries.length
      ? el(
          'table',
          { id: 'webhook-deliveries' },
          el('caption', {}, '50 pengiriman terakhir, terbaru di atas'),
          el('thead', {}, el('tr', {}, ['Waktu', 'Peristiwa', 'Penerima', 'Status', 'Percobaan', 'Galat terakhir'].map((h) => el('th', { scope: 'col' }, h)))),
          el('tbody', {}, rows),
        )
      : el('p', { className: 'empty' }, 'Belum ada pengiriman webhook.'),
  );
  announce(`Email dan webhook: ${hooks.deliveries.length} pengiriman terakhir.`);
}

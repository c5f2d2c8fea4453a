/**
 * Bahasa Indonesia: the reference catalogue. Its keys define the catalogue
 * type, so `en.ts` fails to compile when a key is missing or extra.
 * Keys are grouped by area; messages with values are functions.
 */
export const id = {
  // common
  'common.required': 'wajib diisi',
  'common.requiredNote': 'Kolom bertanda * wajib diisi.',
  'common.retry': 'Coba lagi',
  'common.loading': 'Memuat…',
  'common.cancel': 'Batal',
  'common.close': 'Tutup',
  'common.draftSaved': (p: { time: string }) => `Draf tersimpan ${p.time}`,
  'common.draftRestored': 'Draf Anda sebelumnya dipulihkan.',
  'common.discardDraft': 'Buang draf',
  'common.preview': 'Pratinjau',
  'common.write': 'Tulis',
  'common.previewEmpty': 'Belum ada yang bisa dipratinjau.',
  'common.sending': 'Mengirim…',
  'common.offlineWaiting': 'Anda sedang luring. Kami akan mengirim begitu koneksi kembali; tulisan Anda aman.',
  'common.retryingIn': (p: { seconds: number }) => `Gagal terkirim. Mencoba lagi dalam ${p.seconds} detik…`,
  'common.honeypotLabel': 'Jangan isi kolom ini',
  'common.errorSummary': (p: { count: number }) => `Ada ${p.count} isian yang perlu diperbaiki:`,
  'common.markdownHint': 'Bisa memakai Markdown: **tebal**, _miring_, [tautan](https://…).',

  // errors by kind (never the server's own text)
  'error.network': 'Tidak dapat terhubung. Periksa koneksi internet Anda.',
  'error.offline': 'Anda sedang luring.',
  'error.timeout': 'Server terlalu lama menjawab.',
  'error.http': 'Server sedang bermasalah. Silakan coba lagi nanti.',
  'error.notFound': 'Tidak ditemukan.',
  'error.forbidden': 'Situs ini tidak mengizinkan permintaan ini.',
  'error.parse': 'Jawaban server tidak dapat dibaca.',
  'error.validation': 'Ada isian yang perlu diperbaiki.',
  'error.rateLimited': 'Terlalu banyak permintaan. Tunggu sebentar lalu coba lagi.',
  'error.rateLimitedFor': (p: { seconds: number }) => `Terlalu banyak permintaan. Coba lagi dalam ${p.seconds} detik.`,
  'error.unsupported': 'Sumber ini tidak mendukung fitur ini.',
  'error.aborted': 'Permintaan dibatalkan.',
  'error.noBackend': 'Alamat sumber berita belum diatur.',
  'error.tooLarge': 'Kiriman terlalu besar.',
  'error.duplicate': 'Kiriman yang sama sudah pernah diterima.',

  // field errors by rule code
  'field.required': 'Kolom ini wajib diisi.',
  'field.too_long': 'Isian ini terlalu panjang.',
  'field.too_short': 'Isian ini terlalu pendek.',
  'field.invalid_email': 'Masukkan alamat email yang benar, misalnya nama@contoh.id.',
  'field.invalid_url': 'Masukkan tautan lengkap yang diawali http:// atau https://.',
  'field.too_few_paragraphs': (p: { min: number }) => `Tulisan minimal ${p.min} paragraf. Pisahkan paragraf dengan satu baris kosong.`,
  'field.photo_type': 'Foto harus berupa JPEG, PNG, WebP, atau GIF.',
  'field.photo_too_large': (p: { mb: number }) => `Foto terlalu besar; maksimal ${p.mb} MB.`,
  'field.alt_required': 'Tuliskan keterangan foto untuk pembaca yang tidak dapat melihatnya.',
  'field.consent_required': 'Centang persetujuan ini untuk mengirim.',
  'field.invalid': 'Isian ini tidak dapat diterima.',

  // counts and units
  'unit.words': (p: { count: string }) => `${p.count} kata`,
  'unit.comments': (p: { count: number; formatted: string }) => `${p.formatted} komentar`,

  // feed, card and source (filled by the feed)

  // story form (filled by the story form)
  'story.formLabel': 'Kirim cerita',
  'story.name': 'Nama',
  'story.email': 'Email',
  'story.emailHint': 'Tidak dimuat; hanya untuk redaksi menghubungi Anda.',
  'story.community': 'Komunitas atau organisasi',
  'story.title': 'Judul',
  'story.body': 'Cerita',
  'story.bodyHint': (p: { min: number }) => `Minimal ${p.min} paragraf. Pisahkan paragraf dengan satu baris kosong.`,
  'story.paragraphCount': (p: { count: string; min: string }) => `${p.count} dari minimal ${p.min} paragraf`,
  'story.editorTabs': 'Tulis atau pratinjau cerita',
  'story.category': 'Kategori',
  'story.categoryNone': 'Tanpa kategori',
  'story.publishedElsewhere': 'Sudah pernah dimuat di media lain?',
  'story.yes': 'Ya, sudah',
  'story.no': 'Belum',
  'story.originalUrl': 'Tautan ke tulisan aslinya',
  'story.originalUrlHint': 'Misalnya https://blog-anda.id/tulisan-saya',
  'story.photo': 'Foto',
  'story.photoHint': (p: { mb: number }) =>
    `JPEG, PNG, WebP, atau GIF, maksimal ${p.mb} MB. Foto besar diperkecil sebelum dikirim. Foto tidak ikut tersimpan dalam draf.`,
  'story.photoChecking': 'Memeriksa foto…',
  'story.photoReady': (p: { size: string }) => `Foto siap dikirim (${p.size}).`,
  'story.photoResized': (p: { from: string; to: string }) => `Foto diperkecil dari ${p.from} menjadi ${p.to}.`,
  'story.removePhoto': 'Hapus foto',
  'story.photoAlt': 'Keterangan foto',
  'story.photoAltHint': 'Jelaskan isi foto untuk pembaca yang tidak dapat melihatnya.',
  'story.consent': 'Saya setuju cerita ini dimuat bersama nama dan komunitas saya setelah ditinjau redaksi, dan email saya disimpan untuk keperluan itu.',
  'story.consentShort': 'Persetujuan',
  'story.privacy': 'Kebijakan privasi',
  'story.submit': 'Kirim cerita',
  'story.progress': 'Pengiriman',
  'story.sendFailed': 'Cerita belum terkirim; tulisan Anda tetap tersimpan di sini.',
  'story.notConfirmed': 'Server tidak memastikan bahwa cerita diterima, jadi kami anggap belum terkirim.',
  'story.sentTitle': 'Terima kasih! Cerita Anda sudah kami terima dan akan ditinjau redaksi.',
  'story.sentNext': 'Cerita belum terbit: redaksi membacanya dulu dan akan menghubungi Anda lewat email bila perlu.',
  'story.receiptId': (p: { id: string }) => `Nomor tanda terima: ${p.id}`,
  'story.receivedAt': (p: { time: string }) => `Diterima ${p.time}`,
  'story.emailOpenedTitle': 'Program email Anda sudah dibuka dengan cerita ini.',
  'story.emailOpenedNext': 'Kirim email itu untuk menyelesaikan. Draf tetap tersimpan di sini sampai Anda membuangnya.',
  'story.sendAnother': 'Kirim cerita lain',
  'story.tooLongForEmail': (p: { to: string }) => `Cerita ini terlalu panjang untuk dikirim lewat tautan email. Salin teksnya, lalu kirim ke ${p.to}.`,
  'story.copyText': 'Salin teks',
  'story.copied': 'Teks tersalin.',
  'story.copyFailed': 'Tidak dapat menyalin otomatis; pilih teks di bawah lalu salin.',
  'story.storyText': 'Teks cerita',

  // comment box and count (filled by the comment box)
};

type Widen<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => string ? (...args: A) => string : string;
};

/** The shape every catalogue must have: the keys of `id`, strings or functions with the same parameters. */
export type Catalogue = Widen<typeof id>;
export type MessageKey = keyof Catalogue;

/**
 * The demo content: community news from fictional villages and groups,
 * written for this project. Bodies are markdown.
 */

export interface SeedComment {
  name: string;
  url?: string;
  body: string;
  replies?: SeedComment[];
}

export interface SeedArticle {
  slug: string;
  title: string;
  category: string;
  author: string;
  daysAgo: number;
  tags: string[];
  alt: string;
  body: string;
  comments?: SeedComment[];
}

export const CATEGORIES = [
  { slug: 'komunitas', name: 'Komunitas' },
  { slug: 'lingkungan', name: 'Lingkungan' },
  { slug: 'pendidikan', name: 'Pendidikan' },
  { slug: 'kesehatan', name: 'Kesehatan' },
  { slug: 'perempuan', name: 'Perempuan' },
  { slug: 'ekonomi-warga', name: 'Ekonomi Warga' },
];

const p = (...paragraphs: string[]): string => paragraphs.join('\n\n');

export const SEED_ARTICLES: SeedArticle[] = [
  {
    slug: 'bank-sampah-rw-05-sukamaju',
    title: 'Bank Sampah RW 05 Sukamaju Kini Melayani Tiga Kampung',
    category: 'lingkungan',
    author: 'Sari Wulandari',
    daysAgo: 1,
    tags: ['Sampah', 'Gotong Royong'],
    alt: 'Ilustrasi bukit hijau dengan deretan pohon di bawah matahari, lambang kampung yang bersih',
    body: p(
      'Bank sampah yang dirintis ibu-ibu RW 05 Desa Sukamaju dua tahun lalu kini melayani tiga kampung sekaligus. Setiap Sabtu pagi, warga membawa plastik, kardus dan botol yang sudah dipilah dari rumah.',
      'Pengurus mencatat tabungan setiap nasabah di buku kecil. Hasil penjualan ke pengepul dibagikan menjelang Lebaran, dan sebagian disisihkan untuk kas kebersihan kampung.',
    ),
  },
];

export const SEED_PENDING_STORIES = [
  {
    name: 'Hendra Kurniawan',
    email: 'hendra.kurniawan@example.org',
    community: 'Karang Taruna Tunas Muda',
    title: 'Turnamen Voli Antar-RT untuk Dana Perbaikan Jembatan',
    body: p(
      'Karang Taruna Tunas Muda menggelar turnamen voli antar-RT selama dua pekan. Uang pendaftaran dan hasil penjualan makanan dikumpulkan untuk memperbaiki jembatan bambu di ujung kampung.',
      'Dua belas tim ikut bertanding. Panitia berharap jembatan sudah bisa dilewati anak-anak sekolah sebelum musim hujan tiba.',
    ),
    category: 'Komunitas',
    originalUrl: 'https://example.org/tunas-muda/turnamen-voli',
  },
];

export const SEED_PENDING_COMMENTS = [
  { slug: 'bank-sampah-rw-05-sukamaju', name: 'Wahyu Hidayat', body: 'Apakah bank sampah ini juga menerima minyak jelantah? Di kampung kami banyak yang bingung membuangnya ke mana.' },
];

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
      '"Dulu selokan kami mampet tiap musim hujan. Sekarang anak-anak malah berebut mengantar botol ke pos timbang," kata **Bu Tini**, bendahara bank sampah.',
      'Tahun depan pengurus ingin menambah satu mesin pencacah plastik agar harga jualnya lebih baik. Warga kampung lain yang ingin belajar dipersilakan datang setiap Sabtu pukul tujuh pagi.',
    ),
    comments: [
      {
        name: 'Rahmat Hidayat',
        body: 'Salut untuk ibu-ibu RW 05! Kampung kami di RW 08 sedang belajar memulai hal yang sama.',
        replies: [
          {
            name: 'Sari Wulandari',
            body: 'Terima kasih, Pak Rahmat. Silakan datang Sabtu pagi, pengurus senang berbagi cara mencatat tabungannya.',
            replies: [
              {
                name: 'Rahmat Hidayat',
                body: 'Siap, Sabtu ini saya ajak dua pengurus karang taruna.',
                replies: [{ name: 'Bu Tini', body: 'Ditunggu, Pak. Bawa karung bekas kalau ada, ya.' }],
              },
            ],
          },
          { name: 'Lina Marlina', body: 'RW 08 pasti bisa. Kuncinya konsisten jadwal timbangnya.' },
        ],
      },
      {
        name: 'Agus Prasetyo',
        url: 'https://example.org/agus',
        body: 'Berapa harga plastik per kilo di pengepul sekarang? Di tempat kami turun terus.',
        replies: [{ name: 'Bu Tini', body: 'Plastik campur sekitar seribu lima ratus, botol bening lebih mahal kalau sudah dipisah tutupnya.' }],
      },
      { name: 'Nur Aisyah', body: 'Anak saya jadi rajin memilah sampah di rumah sejak ikut menimbang. Terima kasih pengurus!' },
    ],
  },
  {
    slug: 'posyandu-remaja-kampung-pesisir',
    title: 'Posyandu Remaja Kampung Pesisir Ramai Didatangi Pelajar',
    category: 'kesehatan',
    author: 'Yohanes Lamba',
    daysAgo: 2,
    tags: ['Posyandu', 'Remaja', 'Gizi'],
    alt: 'Ilustrasi tanda palang kesehatan di dalam lingkaran merah dan sebuah hati berwarna hijau',
    body: p(
      'Posyandu remaja di Kampung Pesisir Tanjung Lestari kini dibuka dua kali sebulan, setiap Minggu sore. Pelajar SMP dan SMA datang untuk menimbang berat badan, mengukur tekanan darah dan mengobrol dengan kader kesehatan.',
      'Kader mencatat banyak remaja putri yang kurang darah. Karena itu puskesmas membagikan tablet tambah darah dan mengajak orang tua memasak ikan laut yang mudah didapat di kampung.',
      'Setiap pertemuan ditutup dengan kelas singkat. Bulan ini temanya kesehatan mental: bagaimana menolong teman yang sedang sedih tanpa menghakimi.',
    ),
    comments: [
      {
        name: 'Maria Goreti Nona',
        body: 'Kelas kesehatan mental untuk remaja itu penting sekali. Apakah materinya boleh kami pakai di sekolah?',
        replies: [
          {
            name: 'Yohanes Lamba',
            body: 'Boleh, Bu Maria. Kader sedang menyusun versi cetaknya, nanti saya kabari.',
            replies: [{ name: 'Maria Goreti Nona', body: 'Terima kasih banyak, kami tunggu.' }],
          },
        ],
      },
      { name: 'Dimas Saputra', body: 'Saya ikut bulan lalu, kadernya ramah dan tidak menggurui. Mantap.' },
      {
        name: 'Ibu Halimah',
        body: 'Semoga jadwalnya tidak bentrok dengan les sore anak-anak.',
        replies: [{ name: 'Yohanes Lamba', body: 'Masukan yang baik, Bu. Kader akan tanya pendapat pelajar soal jam yang paling cocok.' }],
      },
    ],
  },
  {
    slug: 'perpustakaan-keliling-sepeda-kampung-baca',
    title: 'Perpustakaan Keliling dengan Sepeda Menyapa Anak-Anak Kampung Baca',
    category: 'pendidikan',
    author: 'Rini Hapsari',
    daysAgo: 3,
    tags: ['Literasi', 'Anak', 'Relawan'],
    alt: 'Ilustrasi papan tulis gelap dengan coretan kapur, buku terbuka dan sebatang pensil',
    body: p(
      'Setiap sore, Mas Fajar mengayuh sepeda yang di boncengannya terpasang rak berisi dua ratus buku. Ia berkeliling empat dusun dan berhenti di pos ronda, teras masjid dan lapangan voli.',
      'Anak-anak boleh meminjam dua buku sekaligus tanpa kartu anggota. Yang penting, kata Fajar, buku kembali dalam seminggu dan ceritanya dibagikan ke teman.',
      'Koleksi buku berasal dari sumbangan alumni sekolah dasar setempat. Buku cerita bergambar dan komik sains paling cepat habis dipinjam.',
    ),
    comments: [
      {
        name: 'Teguh Wibowo',
        body: 'Ada rekening untuk donasi buku? Saya punya satu kardus buku anak yang masih bagus.',
        replies: [
          {
            name: 'Rini Hapsari',
            body: 'Tidak perlu uang, Pak Teguh. Bukunya bisa diantar ke balai dusun, nanti Mas Fajar yang menjemput.',
            replies: [
              {
                name: 'Teguh Wibowo',
                body: 'Baik, minggu depan saya antar.',
                replies: [{ name: 'Fajar Nugroho', body: 'Terima kasih, Pak! Anak-anak pasti senang.' }],
              },
            ],
          },
        ],
      },
      { name: 'Siti Rahayu', body: 'Ide sederhana yang luar biasa. Semoga ada yang meniru di kecamatan lain.' },
    ],
  },
  {
    slug: 'kelompok-tenun-perempuan-desa-watublapi',
    title: 'Kelompok Tenun Perempuan Menghidupkan Motif Lama',
    category: 'perempuan',
    author: 'Maria Goreti Nona',
    daysAgo: 4,
    tags: ['Tenun', 'Budaya', 'UMKM'],
    alt: 'Ilustrasi tiga perempuan berkerudung warna-warni berdiri berdampingan di bawah bunga jingga',
    body: p(
      'Dua puluh tiga perempuan di sebuah desa di lereng bukit bergabung dalam kelompok tenun ikat. Mereka menenun di kolong rumah panggung sambil bergantian menjaga anak.',
      'Para tetua mengajarkan kembali motif lama yang hampir terlupakan, lengkap dengan cerita di balik setiap garis. Pewarnaan memakai akar mengkudu dan daun tarum yang ditanam sendiri.',
      'Kain yang selesai dijual lewat pameran dan pesanan langsung. Kelompok sepakat menyisihkan sepuluh persen hasil penjualan untuk biaya sekolah anak-anak anggota.',
    ),
    comments: [
      {
        name: 'Dewi Anggraini',
        body: 'Pewarna alami dari mengkudu itu tahan lama tidak, Bu?',
        replies: [
          {
            name: 'Maria Goreti Nona',
            body: 'Tahan, asal proses celupnya berulang dan kain dijemur di tempat teduh.',
            replies: [{ name: 'Dewi Anggraini', body: 'Wah, ilmu baru. Terima kasih, Bu Maria.' }],
          },
        ],
      },
      { name: 'Made Sudarsana', body: 'Kain seperti ini layak dihargai tinggi. Semoga pemasarannya makin luas.' },
      { name: 'Yohanes Lamba', body: 'Bangga sekali dengan mama-mama penenun!' },
    ],
  },
  {
    slug: 'koperasi-nelayan-es-balok-bersama',
    title: 'Koperasi Nelayan Membeli Mesin Es Balok Bersama',
    category: 'ekonomi-warga',
    author: 'Budi Santoso',
    daysAgo: 5,
    tags: ['Koperasi', 'Nelayan'],
    alt: 'Ilustrasi deretan lapak pasar beratap warna-warni dengan bulatan hasil bumi di atas meja',
    body: p(
      'Selama bertahun-tahun nelayan kecil di pantai utara membeli es balok dari luar kampung dengan harga yang naik turun. Kini koperasi nelayan patungan membeli mesin es sendiri.',
      'Setiap anggota menabung sedikit demi sedikit dari hasil melaut selama delapan bulan. Mesin dipasang di gudang koperasi dan dijalankan bergantian oleh pengurus.',
      'Ikan yang dibawa pulang kini lebih segar saat tiba di pelelangan. Harga jualnya pun ikut membaik, kata ketua koperasi.',
    ),
    comments: [
      { name: 'Agus Prasetyo', url: 'https://example.org/agus', body: 'Koperasi yang sehat memang jalan keluar. Listriknya pakai PLN atau tenaga surya?' },
      {
        name: 'Budi Santoso',
        body: 'Masih PLN, Mas. Pengurus sedang menghitung biaya panel surya untuk tahun depan.',
        replies: [{ name: 'Lina Marlina', body: 'Coba hubungi program energi desa di kabupaten, kadang ada bantuan.' }],
      },
    ],
  },
  {
    slug: 'kerja-bakti-saluran-air-menjelang-hujan',
    title: 'Kerja Bakti Membersihkan Saluran Air Menjelang Musim Hujan',
    category: 'komunitas',
    author: 'Agus Prasetyo',
    daysAgo: 6,
    tags: ['Gotong Royong', 'Banjir'],
    alt: 'Ilustrasi lima orang berdiri berjajar dengan tinggi berbeda, lambang warga yang bekerja bersama',
    body: p(
      'Lebih dari seratus warga Kelurahan Rawa Indah turun ke jalan pada Minggu pagi. Mereka mengangkat lumpur dan sampah dari saluran air sepanjang hampir dua kilometer.',
      'Ketua RT membagi warga ke dalam kelompok kecil. Ada yang mengangkut lumpur, ada yang memasak, dan ada yang mencatat titik-titik saluran yang rusak untuk dilaporkan ke kelurahan.',
      'Kerja bakti ditutup dengan makan bersama nasi liwet di halaman balai warga.',
    ),
    comments: [
      { name: 'Siti Rahayu', body: 'Semoga tahun ini tidak banjir lagi. Terima kasih bapak-bapak dan ibu-ibu semua.' },
      {
        name: 'Hendra Kurniawan',
        body: 'Titik saluran yang rusak sudah dilaporkan? Di dekat jembatan kecil itu parah sekali.',
        replies: [{ name: 'Agus Prasetyo', body: 'Sudah, Mas. Kelurahan menjanjikan perbaikan bulan depan.' }],
      },
    ],
  },
  {
    slug: 'sekolah-alam-belajar-dari-sawah',
    title: 'Sekolah Alam Mengajak Murid Belajar dari Sawah',
    category: 'pendidikan',
    author: 'Rini Hapsari',
    daysAgo: 7,
    tags: ['Sekolah', 'Pertanian', 'Anak'],
    alt: 'Ilustrasi buku terbuka di depan papan tulis dengan tiga garis kapur',
    body: p(
      'Murid kelas empat sebuah sekolah alam menghabiskan satu semester di petak sawah milik warga. Mereka menanam padi, mengukur tinggi tanaman setiap minggu dan mencatat hasilnya di buku harian.',
      'Pelajaran matematika, bahasa dan ilmu alam dirangkai dari kegiatan itu. Menghitung jarak tanam menjadi pelajaran pecahan, sementara menulis laporan panen melatih bahasa.',
      'Petani pemilik sawah ikut menjadi guru tamu. Ia bercerita tentang hama wereng dan cara mengusirnya tanpa racun.',
    ),
  },
  {
    slug: 'kader-tbc-mengetuk-pintu',
    title: 'Kader TBC Mengetuk Pintu demi Menemukan Kasus Lebih Awal',
    category: 'kesehatan',
    author: 'Nur Aisyah',
    daysAgo: 8,
    tags: ['TBC', 'Kader', 'Puskesmas'],
    alt: 'Ilustrasi lingkaran merah bertanda palang putih di samping bentuk hati hijau',
    body: p(
      'Sebelas kader kesehatan di kecamatan kami mendatangi rumah warga satu per satu. Mereka menanyakan batuk yang tak kunjung sembuh dan mengajak warga memeriksakan dahak ke puskesmas.',
      'Banyak warga enggan karena takut dikucilkan. Kader lalu menjelaskan bahwa TBC bisa sembuh total bila obat diminum teratur selama enam bulan.',
      'Hingga bulan ini, kader sudah menemani belasan pasien menjalani pengobatan sampai tuntas. Mereka juga mengingatkan jadwal minum obat lewat pesan singkat.',
    ),
    comments: [
      { name: 'Dimas Saputra', body: 'Kerja kader seperti ini jarang terlihat, padahal menyelamatkan banyak orang.' },
      { name: 'Ibu Halimah', body: 'Tetangga saya sembuh berkat kader yang rajin mengingatkan. Terima kasih.' },
    ],
  },
  {
    slug: 'kebun-gizi-pekarangan-ibu-ibu-pkk',
    title: 'Kebun Gizi di Pekarangan Rumah, Gerakan Ibu-Ibu PKK',
    category: 'perempuan',
    author: 'Dewi Anggraini',
    daysAgo: 9,
    tags: ['Pangan', 'Gizi', 'PKK'],
    alt: 'Ilustrasi tiga perempuan berkerudung berdiri berdampingan dengan matahari jingga di langit',
    body: p(
      'Ibu-ibu PKK di Dusun Karanganyar menanam sayur di polybag dan pot bekas. Kangkung, bayam, cabai dan terong tumbuh di pekarangan yang sempit sekalipun.',
      'Setiap bulan mereka bertukar bibit dan resep. Hasil panen yang berlebih dijual murah ke tetangga atau dimasak untuk makanan tambahan balita di posyandu.',
    ),
  },
  {
    slug: 'pasar-tani-jumat-pagi',
    title: 'Pasar Tani Jumat Pagi Mempertemukan Petani dan Pembeli',
    category: 'ekonomi-warga',
    author: 'Budi Santoso',
    daysAgo: 10,
    tags: ['Pasar', 'Petani', 'UMKM'],
    alt: 'Ilustrasi lapak-lapak pasar dengan atap belang dan hasil panen bulat di meja',
    body: p(
      'Setiap Jumat pagi, halaman balai desa berubah menjadi pasar kecil. Petani menjual sayur, buah dan beras langsung kepada pembeli tanpa perantara.',
      'Panitia melarang kantong plastik sekali pakai. Pembeli diminta membawa tas belanja sendiri atau meminjam keranjang bambu yang disediakan.',
      'Dalam tiga bulan, jumlah pedagang bertambah dari sembilan menjadi dua puluh enam.',
    ),
    comments: [
      { name: 'Lina Marlina', body: 'Sayurnya segar-segar dan harganya bersahabat. Langganan tiap Jumat!' },
    ],
  },
  {
    slug: 'pemuda-menanam-mangrove-pantai-timur',
    title: 'Pemuda Menanam Lima Ribu Bibit Mangrove di Pantai Timur',
    category: 'lingkungan',
    author: 'Made Sudarsana',
    daysAgo: 12,
    tags: ['Mangrove', 'Pesisir', 'Pemuda'],
    alt: 'Ilustrasi deretan pohon hijau tua di atas bukit dengan matahari kuning di langit biru muda',
    body: p(
      'Komunitas pemuda pesisir menanam lima ribu bibit mangrove di sepanjang pantai timur yang mulai tergerus abrasi. Bibit disemai sendiri selama empat bulan di kolam bekas tambak.',
      'Penanaman dilakukan saat air surut. Setiap relawan bertanggung jawab merawat dua puluh bibit dan memeriksanya sebulan sekali.',
      'Nelayan setempat mendukung karena hutan mangrove menjadi tempat ikan dan kepiting berkembang biak.',
      '## Ikut menanam\n\nRelawan baru bisa bergabung pada penanaman berikutnya. Bawa sepatu bot, topi dan botol minum sendiri.',
    ),
    comments: [
      {
        name: 'Rahmat Hidayat',
        body: 'Berapa persen bibit yang biasanya bertahan hidup?',
        replies: [
          {
            name: 'Made Sudarsana',
            body: 'Tahun lalu sekitar tujuh puluh persen. Yang mati biasanya tersapu ombak besar.',
            replies: [{ name: 'Rahmat Hidayat', body: 'Lumayan tinggi. Semangat terus!' }],
          },
        ],
      },
      { name: 'Nur Aisyah', body: 'Anak-anak sekolah boleh ikut menanam?' },
    ],
  },
  {
    slug: 'kelas-bahasa-isyarat-balai-warga',
    title: 'Kelas Bahasa Isyarat Gratis di Balai Warga',
    category: 'komunitas',
    author: 'Sari Wulandari',
    daysAgo: 13,
    tags: ['Inklusi', 'Disabilitas', 'Relawan'],
    alt: 'Ilustrasi sekelompok orang berdiri berdekatan dengan warna jingga dan cokelat',
    body: p(
      'Dua relawan Tuli membuka kelas bahasa isyarat setiap Kamis malam di balai warga. Pesertanya beragam: pedagang, guru, pengemudi ojek hingga pengurus masjid.',
      'Kelas dimulai dari isyarat sehari-hari seperti salam, angka dan nama hari. Peserta juga belajar cara menyapa dan menghormati teman Tuli.',
      'Penyelenggara berharap suatu hari setiap pelayanan di kelurahan punya setidaknya satu petugas yang bisa berbahasa isyarat.',
    ),
  },
  {
    slug: 'bimbingan-belajar-gratis-mahasiswa-kkn',
    title: 'Bimbingan Belajar Gratis Berlanjut Setelah KKN Usai',
    category: 'pendidikan',
    author: 'Fajar Nugroho',
    daysAgo: 15,
    tags: ['Anak', 'Relawan', 'Sekolah'],
    alt: 'Ilustrasi papan tulis dengan tulisan kapur, buku terbuka dan pensil kuning',
    body: p(
      'Bimbingan belajar yang dimulai mahasiswa KKN tahun lalu tidak berhenti setelah mereka pulang. Pemuda desa melanjutkannya di rumah kepala dusun tiga malam seminggu.',
      'Mahasiswa tetap membantu dari jauh dengan mengirim lembar latihan dan sesekali mengajar lewat panggilan video.',
    ),
  },
  {
    slug: 'senam-lansia-dan-cek-tensi',
    title: 'Senam Lansia dan Cek Tensi Setiap Rabu',
    category: 'kesehatan',
    author: 'Nur Aisyah',
    daysAgo: 16,
    tags: ['Lansia', 'Posyandu'],
    alt: 'Ilustrasi palang kesehatan putih dalam lingkaran merah dan hati berwarna hijau tosca',
    body: p(
      'Para lansia di kompleks kami berkumpul setiap Rabu pagi untuk senam ringan selama tiga puluh menit. Setelah itu kader memeriksa tekanan darah dan gula darah.',
      'Hasil pemeriksaan dicatat di kartu masing-masing. Lansia yang tekanannya tinggi diantar ke puskesmas oleh relawan muda.',
      'Banyak peserta mengaku senang karena bisa bertemu teman sebaya dan mengobrol setelah senam.',
    ),
    comments: [
      { name: 'Ibu Halimah', body: 'Ibu saya jadi semangat bangun pagi setiap Rabu. Terima kasih kader.' },
    ],
  },
  {
    slug: 'sekolah-perempuan-desa-hak-atas-tanah',
    title: 'Sekolah Perempuan Desa Membahas Hak atas Tanah',
    category: 'perempuan',
    author: 'Dewi Anggraini',
    daysAgo: 17,
    tags: ['Hak Perempuan', 'Pendidikan Warga'],
    alt: 'Ilustrasi tiga perempuan dengan kerudung jingga berdiri berdampingan',
    body: p(
      'Sekolah perempuan di desa kami bertemu setiap dua minggu. Kali ini pesertanya belajar membaca sertifikat tanah dan memahami hak waris.',
      'Seorang paralegal desa menjelaskan langkah-langkah mengurus dokumen bila suami meninggal atau pergi merantau. Peserta bertanya banyak hal yang selama ini sungkan ditanyakan.',
      'Sekolah perempuan ini juga membuka pos konsultasi di kantor desa setiap Senin siang.',
    ),
  },
  {
    slug: 'warung-kopi-petani-muda',
    title: 'Petani Muda Membuka Warung Kopi dari Kebun Sendiri',
    category: 'ekonomi-warga',
    author: 'Made Sudarsana',
    daysAgo: 18,
    tags: ['Kopi', 'Petani', 'Pemuda'],
    alt: 'Ilustrasi lapak beratap belang hijau dan jingga dengan bulatan cokelat di meja',
    body: p(
      'Tiga petani muda mengolah kopi dari kebun keluarga mereka sendiri, mulai dari petik merah, penjemuran hingga sangrai. Hasilnya disajikan di warung kecil di pinggir jalan desa.',
      'Mereka juga mengajari petani lain cara memetik hanya buah yang matang agar harga jual biji kopi lebih tinggi.',
      'Warung itu kini menjadi tempat singgah pesepeda dan wisatawan yang melewati desa.',
    ),
    comments: [
      { name: 'Teguh Wibowo', body: 'Kopinya enak, saya sudah mampir waktu bersepeda. Rekomendasi!' },
    ],
  },
  {
    slug: 'lomba-kampung-bebas-asap-rokok',
    title: 'Lomba Kampung Bebas Asap Rokok Diikuti Dua Belas RT',
    category: 'komunitas',
    author: 'Hendra Kurniawan',
    daysAgo: 20,
    tags: ['Kesehatan', 'Lomba'],
    alt: 'Ilustrasi lima sosok orang dalam warna jingga dan cokelat tua berdiri berjajar',
    body: p(
      'Dua belas RT mengikuti lomba kampung bebas asap rokok yang diadakan karang taruna. Penilaian meliputi tanda larangan merokok di ruang bersama dan jumlah warga yang berhasil berhenti merokok.',
      'RT yang menang akan mendapat bantuan tanaman hias dan bangku taman untuk ruang bermain anak.',
    ),
  },
  {
    slug: 'sungai-bersih-pemancing-dan-warga',
    title: 'Pemancing dan Warga Bersama Menjaga Sungai',
    category: 'lingkungan',
    author: 'Agus Prasetyo',
    daysAgo: 22,
    tags: ['Sungai', 'Sampah', 'Gotong Royong'],
    alt: 'Ilustrasi perbukitan hijau dan pepohonan di bawah matahari kuning',
    body: p(
      'Komunitas pemancing di tepi sungai bergabung dengan warga untuk memunguti sampah setiap bulan. Dalam satu pagi mereka mengumpulkan puluhan karung plastik dan popok bekas.',
      'Mereka memasang papan ajakan agar tidak membuang sampah ke sungai dan menaruh tong sampah di dekat jembatan.',
      'Jumlah ikan yang tertangkap pemancing disebut mulai bertambah sejak kegiatan ini berjalan.',
    ),
    comments: [
      { name: 'Dimas Saputra', body: 'Kolaborasi yang keren. Pemancing paling tahu kondisi sungai.' },
    ],
  },
  {
    slug: 'kelas-menulis-cerita-rakyat',
    title: 'Anak-Anak Menulis Ulang Cerita Rakyat Kampung Mereka',
    category: 'pendidikan',
    author: 'Fajar Nugroho',
    daysAgo: 24,
    tags: ['Literasi', 'Budaya', 'Anak'],
    alt: 'Ilustrasi buku terbuka berwarna biru di depan papan tulis hitam',
    body: p(
      'Dalam kelas menulis akhir pekan, anak-anak mewawancarai kakek dan nenek mereka tentang cerita rakyat kampung. Cerita itu kemudian ditulis ulang dengan bahasa mereka sendiri.',
      'Kumpulan cerita terbaik dicetak sederhana dan dibagikan ke perpustakaan sekolah. Beberapa anak juga menggambar ilustrasinya.',
      'Guru pendamping berkata kegiatan ini membuat anak lebih dekat dengan orang tua dan sejarah kampungnya.',
    ),
  },
  {
    slug: 'donor-darah-rutin-masjid',
    title: 'Donor Darah Rutin di Halaman Masjid',
    category: 'kesehatan',
    author: 'Yohanes Lamba',
    daysAgo: 26,
    tags: ['Donor Darah', 'Relawan'],
    alt: 'Ilustrasi hati hijau di samping lingkaran merah bertanda palang',
    body: p(
      'Remaja masjid bekerja sama dengan unit transfusi darah setempat mengadakan donor darah tiga bulan sekali. Kali ini terkumpul enam puluh kantong darah.',
      'Panitia menyediakan makanan ringan dan tempat istirahat bagi pendonor. Warga dari berbagai agama ikut antre sejak pagi.',
    ),
  },
  {
    slug: 'ibu-ibu-nelayan-olah-ikan-asap',
    title: 'Ibu-Ibu Nelayan Mengolah Ikan Asap untuk Dijual ke Kota',
    category: 'perempuan',
    author: 'Maria Goreti Nona',
    daysAgo: 28,
    tags: ['UMKM', 'Pesisir', 'Pangan'],
    alt: 'Ilustrasi tiga perempuan berkerudung jingga berdiri di bawah bulatan jingga seperti matahari',
    body: p(
      'Saat tangkapan melimpah, harga ikan segar sering jatuh. Ibu-ibu nelayan lalu mengolahnya menjadi ikan asap yang bisa bertahan berhari-hari.',
      'Mereka membangun tungku pengasapan bersama dan belajar mengemas produk dengan rapi. Pesanan dari rumah makan di kota kini datang setiap minggu.',
      'Pendapatan tambahan itu dipakai untuk biaya sekolah dan tabungan keluarga saat musim angin kencang.',
    ),
  },
  {
    slug: 'lumbung-pangan-desa-hadapi-kemarau',
    title: 'Lumbung Pangan Desa Disiapkan Menghadapi Kemarau Panjang',
    category: 'ekonomi-warga',
    author: 'Budi Santoso',
    daysAgo: 31,
    tags: ['Pangan', 'Petani', 'Koperasi'],
    alt: 'Ilustrasi lapak pasar dengan atap bergaris dan bulatan hasil panen',
    body: p(
      'Warga menghidupkan kembali lumbung pangan desa yang lama tidak terpakai. Setiap keluarga petani menyetor sebagian gabah setelah panen.',
      'Saat kemarau dan harga beras naik, warga boleh meminjam gabah dan mengembalikannya setelah panen berikutnya.',
      'Pengurus mencatat semua pinjaman di papan yang dipasang di depan lumbung agar semua orang bisa melihat.',
    ),
  },
  {
    slug: 'ronda-malam-dan-pos-baca',
    title: 'Pos Ronda yang Kini Juga Menjadi Pos Baca',
    category: 'komunitas',
    author: 'Hendra Kurniawan',
    daysAgo: 34,
    tags: ['Literasi', 'Keamanan'],
    alt: 'Ilustrasi lima orang berbeda tinggi berdiri berjajar di depan latar jingga muda',
    body: p(
      'Pos ronda di ujung gang kami kini dilengkapi rak buku kecil dan lampu yang lebih terang. Bapak-bapak yang berjaga malam membaca koran dan buku sambil menunggu giliran keliling.',
      'Siang hari, pos itu dipakai anak-anak untuk membaca sepulang sekolah.',
    ),
  },
  {
    slug: 'sumur-resapan-sekolah-dasar',
    title: 'Murid Sekolah Dasar Membuat Sumur Resapan di Halaman Sekolah',
    category: 'lingkungan',
    author: 'Rini Hapsari',
    daysAgo: 37,
    tags: ['Air', 'Sekolah', 'Banjir'],
    alt: 'Ilustrasi bukit hijau bergelombang dengan lima pohon segitiga dan matahari',
    body: p(
      'Halaman sekolah dasar kami selalu tergenang setiap hujan deras. Bersama guru dan orang tua, murid kelas enam membuat tiga sumur resapan sederhana.',
      'Mereka mengukur berapa lama genangan surut sebelum dan sesudah sumur dibuat, lalu mempresentasikan hasilnya di depan kelas.',
      'Kini genangan hilang dalam hitungan menit. Sekolah tetangga sudah datang untuk belajar.',
    ),
  },
  {
    slug: 'kelompok-difabel-produksi-sabun',
    title: 'Kelompok Difabel Memproduksi Sabun Cuci dari Minyak Jelantah',
    category: 'ekonomi-warga',
    author: 'Sari Wulandari',
    daysAgo: 40,
    tags: ['Disabilitas', 'UMKM', 'Sampah'],
    alt: 'Ilustrasi deretan lapak dengan atap warna-warni dan bulatan di atas meja',
    body: p(
      'Kelompok difabel di kecamatan kami mengumpulkan minyak jelantah dari warung makan dan rumah tangga. Minyak itu disaring dan diolah menjadi sabun cuci piring.',
      'Produksi dibagi sesuai kemampuan anggota: ada yang menimbang bahan, mengaduk, mencetak dan mengemas.',
      'Sabun dijual di warung-warung sekitar dan lewat pesanan kantor kecamatan.',
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
  {
    name: 'Wulan Sari Dewi',
    email: 'wulan.dewi@example.org',
    community: 'Kelompok Wanita Tani Melati',
    title: 'Panen Perdana Jahe Merah Kelompok Wanita Tani Melati',
    body: p(
      'Kelompok Wanita Tani Melati memanen jahe merah untuk pertama kalinya dari lahan pinjaman desa seluas seperempat hektare. Hasilnya hampir satu ton.',
      'Sebagian jahe dijual segar ke pasar kecamatan, sebagian lagi diolah menjadi minuman serbuk. Anggota kelompok sedang mengurus izin edar agar produknya bisa masuk toko oleh-oleh.',
      'Kami mengundang warga yang ingin belajar menanam jahe di polybag untuk datang ke pertemuan kelompok setiap Selasa sore.',
    ),
    category: 'Perempuan',
    photo: { color: [201, 92, 60] as [number, number, number], alt: 'Gambar pengganti berwarna merah bata untuk foto panen jahe' },
  },
];

export const SEED_PENDING_COMMENTS = [
  { slug: 'bank-sampah-rw-05-sukamaju', name: 'Wahyu Hidayat', body: 'Apakah bank sampah ini juga menerima minyak jelantah? Di kampung kami banyak yang bingung membuangnya ke mana.' },
];

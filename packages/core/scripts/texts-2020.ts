// Indonesian texts for the PermenPANRB 59/2020 framework, written for Matang in our own words
// from the regulation's level tables and the 2024 evaluation guideline (see shared/reference).
// English criteria come from the reference file; these are what users read by default.

type Five = [string, string, string, string, string];

/** Level 1–5 criteria per indicator code, in Bahasa Indonesia. */
export const criteriaId: Record<string, Five> = {
  "1": [
    "Kebijakan internal tentang Arsitektur SPBE belum ada atau masih berupa rancangan/konsep.",
    "Kebijakan sudah ditetapkan, tetapi belum mengatur seluruh referensi dan domain arsitektur (proses bisnis, data dan informasi, infrastruktur, aplikasi, keamanan, layanan).",
    "Kebijakan yang ditetapkan sudah mengatur seluruh referensi dan domain arsitektur SPBE.",
    "Kebijakan juga mengatur keterpaduan SPBE antar-instansi pusat dan/atau pemerintah daerah, dan direviu/dievaluasi secara berkala.",
    "Tingkat 4 terpenuhi dan hasil reviu/evaluasi kebijakan sudah ditindaklanjuti dengan kebijakan baru atau perubahan kebijakan.",
  ],
  "2": [
    "Kebijakan internal tentang Peta Rencana SPBE belum ada atau masih berupa rancangan/konsep.",
    "Kebijakan sudah ditetapkan, tetapi belum mengatur seluruh muatan peta rencana (tata kelola, manajemen, layanan, infrastruktur, aplikasi, keamanan, audit TIK).",
    "Kebijakan sudah mengatur seluruh muatan peta rencana SPBE.",
    "Kebijakan mewajibkan keselarasan dengan Peta Rencana SPBE Nasional dan direviu/dievaluasi secara berkala.",
    "Tingkat 4 terpenuhi dan hasil reviu/evaluasi kebijakan sudah ditindaklanjuti dengan kebijakan baru atau perubahan kebijakan.",
  ],
  "3": [
    "Kebijakan internal tentang manajemen data belum ada atau masih berupa rancangan/konsep.",
    "Kebijakan manajemen data sudah ditetapkan.",
    "Kebijakan yang ditetapkan baru mengatur sebagian proses manajemen data (arsitektur data, data induk, data referensi, basis data, kualitas data, interoperabilitas data).",
    "Tingkat 2 terpenuhi dan kebijakan sudah mengatur seluruh proses manajemen data tersebut. Catatan: tabel regulasi untuk indikator ini tidak mencantumkan syarat reviu berkala di tingkat 4.",
    "Tingkat 4 terpenuhi dan hasil reviu/evaluasi sudah ditindaklanjuti dengan kebijakan baru.",
  ],
  "4": [
    "Kebijakan internal tentang pembangunan aplikasi SPBE belum ada atau masih berupa rancangan/konsep.",
    "Kebijakan tentang siklus pembangunan aplikasi SPBE sudah ditetapkan.",
    "Kebijakan juga mewajibkan setiap pembangunan aplikasi dikonsultasikan dengan unit pengelola TIK.",
    "Kebijakan menjadikan pembangunan aplikasi terpadu dan dikendalikan oleh unit pengelola TIK, serta direviu/dievaluasi secara berkala.",
    "Tingkat 4 terpenuhi dan hasil reviu/evaluasi kebijakan sudah ditindaklanjuti dengan kebijakan baru atau perubahan kebijakan.",
  ],
  "5": [
    "Kebijakan internal tentang layanan pusat data belum ada atau masih berupa rancangan/konsep.",
    "Kebijakan sudah ditetapkan, tetapi baru mengatur penggunaan pusat data oleh sebagian unit kerja/perangkat daerah.",
    "Kebijakan mengatur penggunaan pusat data oleh seluruh unit kerja/perangkat daerah.",
    "Kebijakan mengatur keterhubungan dengan Pusat Data Nasional (PDN) dan/atau pemanfaatan layanan PDN, serta direviu secara berkala.",
    "Tingkat 4 terpenuhi dan hasil reviu/evaluasi kebijakan sudah ditindaklanjuti dengan kebijakan baru atau perubahan kebijakan.",
  ],
  "6": [
    "Kebijakan internal tentang Jaringan Intra instansi belum ada atau masih berupa rancangan/konsep.",
    "Kebijakan sudah ditetapkan, tetapi baru mencakup jaringan intra pada sebagian unit kerja/perangkat daerah.",
    "Kebijakan mencakup jaringan intra pada seluruh unit kerja/perangkat daerah.",
    "Kebijakan mengatur keterhubungan dengan Jaringan Intra Pemerintah dan/atau jaringan intra instansi lain, serta direviu secara berkala.",
    "Tingkat 4 terpenuhi dan hasil reviu/evaluasi kebijakan sudah ditindaklanjuti dengan kebijakan baru atau perubahan kebijakan.",
  ],
  "7": [
    "Kebijakan internal tentang Sistem Penghubung Layanan belum ada atau masih berupa rancangan/konsep.",
    "Kebijakan sudah ditetapkan, tetapi baru mengatur penggunaan sistem penghubung layanan oleh sebagian unit kerja/perangkat daerah.",
    "Kebijakan mengatur penggunaan sistem penghubung layanan oleh seluruh unit kerja/perangkat daerah.",
    "Kebijakan mengatur keterhubungan dengan Sistem Penghubung Layanan Pemerintah (SPLP), serta direviu secara berkala.",
    "Tingkat 4 terpenuhi dan hasil reviu/evaluasi kebijakan sudah ditindaklanjuti dengan kebijakan baru atau perubahan kebijakan.",
  ],
  "8": [
    "Kebijakan internal tentang manajemen keamanan informasi belum ada atau masih berupa rancangan/konsep.",
    "Kebijakan sudah ditetapkan, tetapi belum mencakup seluruh unsur sistem manajemen keamanan informasi (ruang lingkup, tanggung jawab, perencanaan, dukungan operasional, evaluasi kinerja, perbaikan berkelanjutan).",
    "Kebijakan sudah mencakup seluruh unsur sistem manajemen keamanan informasi tersebut.",
    "Kebijakan berlaku bagi seluruh unit kerja/perangkat daerah dan direviu/dievaluasi secara berkala.",
    "Tingkat 4 terpenuhi dan hasil reviu/evaluasi kebijakan sudah ditindaklanjuti dengan kebijakan baru atau perubahan kebijakan.",
  ],
  "9": [
    "Kebijakan internal tentang audit TIK belum ada atau masih berupa rancangan/konsep.",
    "Kebijakan sudah ditetapkan, tetapi baru mencakup sebagian jenis audit (audit infrastruktur, audit aplikasi, audit keamanan).",
    "Kebijakan mencakup ketiga jenis audit TIK.",
    "Tingkat 3 terpenuhi dan kebijakan direviu/dievaluasi secara berkala.",
    "Tingkat 4 terpenuhi dan hasil reviu/evaluasi kebijakan sudah ditindaklanjuti dengan kebijakan baru atau perubahan kebijakan.",
  ],
  "10": [
    "Kebijakan internal tentang Tim Koordinasi SPBE belum ada atau masih berupa rancangan/konsep.",
    "Kebijakan sudah ditetapkan, tetapi tugas tim baru mendukung SPBE di sebagian unit kerja/perangkat daerah.",
    "Tugas tim mencakup penerapan SPBE di seluruh unit kerja/perangkat daerah.",
    "Kebijakan juga mengatur koordinasi dengan instansi pusat/pemerintah daerah lain, serta direviu secara berkala.",
    "Tingkat 4 terpenuhi dan hasil reviu/evaluasi kebijakan sudah ditindaklanjuti dengan kebijakan baru atau perubahan kebijakan.",
  ],
  "11": [
    "Dokumen Arsitektur SPBE belum ada atau masih berupa rancangan/konsep.",
    "Dokumen arsitektur sudah ada, tetapi baru memuat sebagian referensi dan domain arsitektur.",
    "Dokumen memuat seluruh referensi dan domain arsitektur (proses bisnis, data dan informasi, infrastruktur, aplikasi, keamanan, layanan).",
    "Dokumen mengacu pada Arsitektur SPBE Nasional dan direviu/dievaluasi secara berkala.",
    "Dokumen arsitektur sudah diperbarui sebagai tindak lanjut hasil reviu/evaluasi.",
  ],
  "12": [
    "Dokumen Peta Rencana SPBE belum ada atau masih berupa rancangan/konsep.",
    "Dokumen peta rencana sudah ada, tetapi muatannya belum lengkap.",
    "Peta rencana memuat seluruh muatan yang dipersyaratkan (tata kelola, manajemen, layanan, infrastruktur, aplikasi, keamanan, audit TIK).",
    "Peta rencana diterapkan secara konsisten dalam rencana kerja dan anggaran tiga tahun terakhir, serta direviu secara berkala.",
    "Peta rencana sudah diperbarui sebagai tindak lanjut hasil reviu/evaluasi.",
  ],
  "13": [
    "Rencana dan anggaran SPBE belum tentu tercantum dalam rencana kerja dan anggaran tahunan.",
    "Tingkat 1 terpenuhi, tetapi rencana dan anggaran SPBE belum seluruhnya dikonsultasikan dengan unit pengelola TIK.",
    "Rencana dan anggaran SPBE seluruh unit kerja/perangkat daerah dikonsultasikan dengan unit pengelola TIK.",
    "Seluruh rencana dan anggaran SPBE terpadu dan dikendalikan oleh unit perencanaan/penganggaran, serta direviu secara berkala.",
    "Rencana dan anggaran tahun berikutnya sudah diperbaiki sebagai tindak lanjut hasil reviu.",
  ],
  "14": [
    "Dokumentasi proses bisnis belum ada atau belum memenuhi standar.",
    "Dokumentasi proses bisnis sudah memenuhi standar.",
    "Proses bisnis sudah diperbaiki melalui inovasi untuk meningkatkan efisiensi.",
    "Inovasi proses bisnis sudah diterapkan dalam sistem elektronik/aplikasi dan direviu secara berkala.",
    "Inovasi yang diterapkan sudah ditingkatkan lagi sebagai tindak lanjut hasil reviu.",
  ],
  "15": [
    "Pembangunan aplikasi dilakukan sewaktu-waktu dan tidak mengikuti siklus pembangunan aplikasi.",
    "Pembangunan aplikasi mengikuti siklus pembangunan aplikasi.",
    "Pembangunan aplikasi dikonsultasikan dengan unit pengelola TIK.",
    "Pembangunan aplikasi terpadu dan dikendalikan oleh unit pengelola TIK, serta direviu secara berkala.",
    "Aplikasi sudah dioptimalkan terhadap perubahan lingkungan, teknologi dan kebutuhan sebagai tindak lanjut hasil reviu.",
  ],
  "16": [
    "Layanan pusat data belum tentu tersedia.",
    "Layanan pusat data belum dimanfaatkan oleh seluruh unit kerja/perangkat daerah.",
    "Layanan pusat data dimanfaatkan oleh seluruh unit kerja/perangkat daerah dan memiliki prosedur operasional standar.",
    "Pusat data terhubung dengan Pusat Data Nasional atau pusat data instansi lain dan/atau memanfaatkan PDN, serta direviu secara berkala.",
    "Layanan pusat data sudah ditingkatkan sebagai tindak lanjut hasil reviu.",
  ],
  "17": [
    "Jaringan intra belum tentu tersedia.",
    "Jaringan intra belum menjangkau seluruh unit kerja/perangkat daerah.",
    "Jaringan intra sudah menjangkau seluruh unit kerja/perangkat daerah.",
    "Jaringan intra terhubung dengan Jaringan Intra Pemerintah dan/atau jaringan intra instansi lain, serta direviu secara berkala.",
    "Jaringan intra sudah ditingkatkan sebagai tindak lanjut hasil reviu.",
  ],
  "18": [
    "Sistem penghubung layanan belum tentu tersedia.",
    "Sistem penghubung layanan belum digunakan oleh seluruh unit kerja/perangkat daerah.",
    "Sistem penghubung layanan digunakan oleh seluruh unit kerja/perangkat daerah.",
    "Sistem penghubung layanan terintegrasi dengan SPLP dan/atau sistem penghubung instansi lain, serta direviu secara berkala.",
    "Sistem penghubung layanan sudah ditingkatkan sebagai tindak lanjut hasil reviu.",
  ],
  "19": [
    "Tim Koordinasi SPBE belum tentu ada; tugasnya dijalankan tanpa rencana.",
    "Tugas dan program kerja tim dijalankan sesuai rencana, tetapi belum seluruhnya terlaksana.",
    "Seluruh tugas tim terlaksana, tetapi program kerjanya belum dikomunikasikan/dikoordinasikan dengan seluruh unit kerja/perangkat daerah.",
    "Program kerja tim dikomunikasikan/dikoordinasikan dengan seluruh unit kerja/perangkat daerah, dan pelaksanaan tugasnya direviu/dievaluasi.",
    "Tugas dan program kerja tim sudah diperbaiki sebagai tindak lanjut hasil reviu.",
  ],
  "20": [
    "Kolaborasi antar-unit dalam penerapan SPBE belum ada atau berlangsung tanpa rencana.",
    "Kolaborasi sudah direncanakan, tetapi belum ada tim yang ditetapkan secara resmi.",
    "Kolaborasi berjalan melalui tim/forum yang ditetapkan resmi, tetapi baru melibatkan sebagian unit dan berbasis kegiatan.",
    "Kolaborasi terpadu melibatkan seluruh unit, dikoordinasikan oleh menteri/kepala daerah atau sekretaris, serta direviu/dievaluasi.",
    "Kolaborasi sudah ditingkatkan sebagai tindak lanjut hasil reviu.",
  ],
  "21": [
    "Kegiatan manajemen risiko SPBE dilakukan sewaktu-waktu tanpa program yang terarah.",
    "Program manajemen risiko sudah direncanakan dan terarah, tetapi belum mengikuti pedoman manajemen risiko SPBE.",
    "Manajemen risiko dilaksanakan sesuai pedoman manajemen risiko SPBE.",
    "Kebijakan risiko strategis ditetapkan oleh Komite Manajemen Risiko/Tim Koordinasi SPBE dan diterapkan di seluruh unit, serta direviu secara berkala.",
    "Manajemen risiko sudah ditingkatkan sebagai tindak lanjut hasil reviu.",
  ],
  "22": [
    "Kendali keamanan informasi belum ada atau masih dalam tahap pembangunan.",
    "Kendali keamanan informasi sudah diterapkan di sebagian unit kerja/perangkat daerah.",
    "Kendali keamanan informasi sudah diterapkan di seluruh unit kerja/perangkat daerah berdasarkan risiko.",
    "Kendali keamanan mengikuti strategi keamanan informasi yang ditetapkan Tim Koordinasi SPBE (berbasis risiko), serta direviu secara berkala.",
    "Kendali keamanan informasi sudah ditingkatkan sebagai tindak lanjut hasil reviu.",
  ],
  "23": [
    "Kegiatan manajemen data dilakukan sewaktu-waktu tanpa program yang terarah.",
    "Program manajemen data sudah direncanakan, tetapi belum mengikuti pedoman manajemen data.",
    "Manajemen data mengikuti pedoman yang mencakup arsitektur data, data induk dan referensi, basis data, kualitas data dan interoperabilitas.",
    "Strategi data ditetapkan oleh forum Satu Data atau Tim Koordinasi SPBE dan diterapkan di seluruh unit, serta direviu secara berkala.",
    "Manajemen data sudah ditingkatkan sebagai tindak lanjut hasil reviu.",
  ],
  "24": [
    "Manajemen aset TIK dilakukan sewaktu-waktu tanpa program yang terarah.",
    "Program manajemen aset TIK sudah direncanakan, tetapi belum ada pedoman yang mencakup perencanaan, pengadaan, pemanfaatan dan penghapusan aset TIK.",
    "Manajemen aset TIK mengikuti pedoman yang mencakup seluruh siklus tersebut.",
    "Strategi dari unit pengelola TIK diterapkan di seluruh unit dan direviu secara berkala.",
    "Manajemen aset TIK sudah ditingkatkan sebagai tindak lanjut hasil reviu.",
  ],
  "25": [
    "Pengembangan kompetensi dilakukan tanpa perencanaan sumber daya manusia.",
    "Pengembangan kompetensi mengikuti perencanaan SDM, tetapi belum memenuhi keenam bidang kompetensi SPBE (proses bisnis, arsitektur, data dan informasi, keamanan, aplikasi, infrastruktur).",
    "Keenam bidang kompetensi SPBE sudah terpenuhi.",
    "Pengembangan dan penilaian kompetensi sudah dilaksanakan dan direviu secara berkala.",
    "Perencanaan SDM/model kompetensi sudah diperbaiki sebagai tindak lanjut hasil reviu.",
  ],
  "26": [
    "Manajemen pengetahuan belum ada atau tidak direncanakan.",
    "Manajemen pengetahuan sudah direncanakan, tetapi belum memiliki pedoman.",
    "Manajemen pengetahuan mengikuti pedoman dan menggunakan aplikasi manajemen pengetahuan.",
    "Seluruh unit menggunakan aplikasi manajemen pengetahuan yang terpadu, serta direviu/dievaluasi.",
    "Manajemen pengetahuan sudah ditingkatkan sebagai tindak lanjut hasil reviu.",
  ],
  "27": [
    "Manajemen perubahan belum ada atau tidak direncanakan.",
    "Manajemen perubahan sudah direncanakan, tetapi belum dilaksanakan oleh seluruh unit terkait (masing-masing dengan caranya sendiri).",
    "Manajemen perubahan dilaksanakan oleh seluruh unit terkait sesuai pedoman manajemen perubahan.",
    "Pelaksanaan manajemen perubahan direviu/dievaluasi.",
    "Manajemen perubahan sudah ditingkatkan sebagai tindak lanjut hasil reviu.",
  ],
  "28": [
    "Manajemen layanan SPBE belum ada atau tidak direncanakan.",
    "Manajemen layanan sudah direncanakan, tetapi belum mencakup kedua proses (pelayanan pengguna dan pengoperasian layanan).",
    "Manajemen layanan mencakup pelayanan pengguna dan pengoperasian layanan.",
    "Manajemen layanan menggunakan aplikasi manajemen layanan dan direviu/dievaluasi.",
    "Manajemen layanan sudah ditingkatkan sebagai tindak lanjut hasil reviu.",
  ],
  "29": [
    "Audit infrastruktur SPBE belum ada atau dilakukan sewaktu-waktu tanpa perencanaan berkelanjutan.",
    "Audit infrastruktur direncanakan secara berkelanjutan, tetapi belum menggunakan pedoman audit.",
    "Audit infrastruktur mengikuti pedoman dan dilaksanakan oleh auditor TI/SI internal.",
    "Audit infrastruktur dilaksanakan oleh auditor TI/SI eksternal yang bersertifikat.",
    "Hasil audit sudah ditindaklanjuti dengan perbaikan infrastruktur.",
  ],
  "30": [
    "Audit aplikasi SPBE belum ada atau dilakukan sewaktu-waktu tanpa perencanaan berkelanjutan.",
    "Audit aplikasi direncanakan secara berkelanjutan, tetapi belum menggunakan pedoman audit.",
    "Audit aplikasi mengikuti pedoman dan dilaksanakan oleh auditor TI/SI internal.",
    "Audit aplikasi dilaksanakan oleh auditor TI/SI eksternal yang bersertifikat.",
    "Hasil audit sudah ditindaklanjuti dengan perbaikan aplikasi.",
  ],
  "31": [
    "Audit keamanan SPBE belum ada atau dilakukan sewaktu-waktu tanpa perencanaan berkelanjutan.",
    "Audit keamanan direncanakan secara berkelanjutan, tetapi belum menggunakan pedoman audit.",
    "Audit keamanan mengikuti pedoman dan dilaksanakan oleh auditor TI/keamanan informasi internal.",
    "Audit keamanan dilaksanakan oleh auditor eksternal bersertifikat (menurut pedoman 2024 juga dapat oleh badan siber nasional).",
    "Hasil audit sudah ditindaklanjuti dengan perbaikan keamanan.",
  ],
};

/** Services 32–47 share one pattern; what differs is the service and its integration examples. */
export const services: Record<string, { object: string; integration: string; sectoral?: boolean }> = {
  "32": {
    object: "perencanaan",
    integration: "layanan penganggaran, keuangan atau pengadaan, atau layanan perencanaan instansi lain",
  },
  "33": {
    object: "penganggaran",
    integration: "layanan perencanaan, keuangan atau pengadaan, atau layanan penganggaran instansi lain",
  },
  "34": {
    object: "keuangan",
    integration: "layanan penganggaran, pengadaan atau perencanaan, atau layanan keuangan instansi lain",
  },
  "35": {
    object: "pengadaan barang dan jasa",
    integration: "layanan penganggaran, perencanaan atau keuangan, atau layanan pengadaan instansi lain",
  },
  "36": {
    object: "kepegawaian",
    integration: "layanan kinerja atau keuangan, atau layanan kepegawaian instansi lain",
  },
  "37": {
    object: "kearsipan dinamis",
    integration:
      "layanan pengadaan, kepegawaian, perencanaan atau keuangan, atau layanan kearsipan instansi lain",
  },
  "38": {
    object: "pengelolaan barang milik negara/daerah (BMN/BMD)",
    integration: "layanan penganggaran, pengadaan atau keuangan, atau layanan aset instansi lain",
  },
  "39": {
    object: "pengawasan internal pemerintah",
    integration:
      "layanan kepegawaian atau akuntabilitas kinerja, juga penganggaran, pengadaan, perencanaan atau keuangan",
  },
  "40": {
    object: "akuntabilitas kinerja organisasi",
    integration:
      "layanan penganggaran, pengadaan, perencanaan atau keuangan, atau layanan akuntabilitas instansi lain",
  },
  "41": {
    object: "kinerja pegawai",
    integration: "layanan perencanaan atau akuntabilitas, atau layanan kinerja pegawai instansi lain",
  },
  "42": {
    object: "pengaduan pelayanan publik",
    integration: "layanan kepegawaian atau layanan pengaduan instansi lain (misalnya SP4N-LAPOR!)",
  },
  "43": {
    object: "data terbuka",
    integration: "layanan data terbuka instansi lain (misalnya portal Satu Data) atau layanan SPBE lainnya",
  },
  "44": {
    object: "dokumentasi dan informasi hukum (JDIH)",
    integration: "JDIH instansi lain (misalnya JDIHN) atau layanan SPBE lainnya",
  },
  "45": {
    object: "publik sektoral",
    integration:
      "layanan sektoral instansi lain, misalnya kependudukan, perizinan atau Mal Pelayanan Publik Digital",
    sectoral: true,
  },
  "46": {
    object: "publik sektoral",
    integration:
      "layanan sektoral instansi lain, misalnya kependudukan, perizinan atau Mal Pelayanan Publik Digital",
    sectoral: true,
  },
  "47": {
    object: "publik sektoral",
    integration:
      "layanan sektoral instansi lain, misalnya kependudukan, perizinan atau Mal Pelayanan Publik Digital",
    sectoral: true,
  },
};

export function serviceCriteriaId(code: string): Five {
  const s = services[code];
  if (!s) throw new Error(`no service text for indicator ${code}`);
  const tail = s.sectoral
    ? " Dukungan layanan terhadap RB Tematik juga dapat menjadi bukti di tingkat ini."
    : "";
  return [
    `Layanan ${s.object} berbasis elektronik baru menyajikan informasi satu arah.`,
    `Interaksi: pengguna dapat mencari informasi serta mengunggah/mengunduh dokumen layanan ${s.object}.`,
    "Transaksi: sistem memproses permohonan dari awal sampai akhir (alur kerja otomatis, transaksi basis data, validasi data, persetujuan, analitik data).",
    `Kolaborasi: layanan terintegrasi dengan layanan elektronik lain, misalnya ${s.integration}.`,
    `Layanan sudah ditingkatkan berdasarkan reviu/evaluasi atas perubahan lingkungan, regulasi, teknologi atau kebutuhan instansi.${tail}`,
  ];
}

type Text = { id: string; en: string };
type Guidance = [Text, Text, Text, Text, Text];

/** Evidence (bukti dukung) expected per level, by indicator group (DOMAIN.md, "Evidence, level by level"). */
export const evidenceByGroup: Record<"policy" | "governance" | "audit" | "service", Guidance> = {
  policy: [
    {
      id: "Rancangan/konsep kebijakan internal tentang topik indikator.",
      en: "A draft/concept of the internal policy on the indicator's topic.",
    },
    {
      id: "Kebijakan yang sudah ditetapkan (peraturan, keputusan, surat edaran) yang mengatur sebagian topik; sebutkan nomor, tahun dan pasal.",
      en: "An enacted policy (regulation, decree, circular) covering part of the topic; cite number, year and article.",
    },
    {
      id: "Kebijakan yang sudah ditetapkan dan mengatur seluruh topik; tunjukkan pasal-pasal yang memuat setiap unsur.",
      en: "An enacted policy covering the whole topic; point to the articles for each element.",
    },
    {
      id: "Kebijakan yang juga mengatur keterpaduan/integrasi, dan laporan reviu/evaluasi kebijakan yang berumur kurang dari 2 tahun.",
      en: "The policy also governs integration, plus a policy review/evaluation report younger than 2 years.",
    },
    {
      id: "Kebijakan baru atau perubahan kebijakan yang ditetapkan setelah reviu, beserta keterkaitannya dengan rekomendasi reviu.",
      en: "A new or revised policy enacted after the review, linked to the review's recommendations.",
    },
  ],
  governance: [
    {
      id: "Rancangan dokumen atau bukti kegiatan yang dilakukan tanpa perencanaan.",
      en: "A draft document or evidence of activities done without planning.",
    },
    {
      id: "Dokumen perencanaan dan pelaksanaan, walaupun belum sesuai pedoman atau belum di seluruh unit.",
      en: "Planning and execution documents, even if not yet per guideline or not in all units.",
    },
    {
      id: "Dokumen yang menunjukkan pelaksanaan sesuai pedoman nasional di seluruh unit (misalnya laporan per unit, SOP yang berlaku).",
      en: "Documents showing execution per the national guideline in all units (e.g. per-unit reports, SOPs in force).",
    },
    {
      id: "Strategi yang ditetapkan tim koordinasi dan diterapkan di seluruh unit, serta laporan reviu/evaluasi berumur kurang dari 2 tahun.",
      en: "A strategy set by the coordination team and applied to all units, plus a review/evaluation report younger than 2 years.",
    },
    {
      id: "Bukti perbaikan yang dilaksanakan setelah reviu (rencana tindak lanjut dan hasil pelaksanaannya).",
      en: "Evidence of improvement implemented after the review (follow-up plan and its results).",
    },
  ],
  audit: [
    {
      id: "Bukti audit yang dilakukan sewaktu-waktu, atau pernyataan bahwa audit belum dilakukan.",
      en: "Evidence of ad hoc audits, or a statement that no audit has been done yet.",
    },
    {
      id: "Rencana audit dan laporan audit yang dilakukan paling sedikit sekali dalam 2 tahun, walaupun cakupannya belum menyeluruh.",
      en: "An audit plan and audit reports at least every 2 years, even if the scope is partial.",
    },
    {
      id: "Laporan audit dengan cakupan penuh sesuai pedoman oleh auditor internal, beserta surat tugas auditor.",
      en: "Full-scope audit reports per the guideline by internal auditors, with the auditors' assignment letters.",
    },
    {
      id: "Laporan audit oleh auditor eksternal bersertifikat, beserta bukti sertifikasi auditor.",
      en: "Audit reports by certified external auditors, with proof of the auditors' certification.",
    },
    {
      id: "Bukti tindak lanjut temuan audit (rencana aksi dan laporan penyelesaiannya).",
      en: "Evidence that audit findings were followed up (action plan and completion report).",
    },
  ],
  service: [
    {
      id: "Tangkapan layar informasi layanan yang dipublikasikan (alamat situs, tanggal akses).",
      en: "Screenshots of the published service information (site address, date accessed).",
    },
    {
      id: "Tangkapan layar fitur interaksi: pencarian, unggah/unduh dokumen.",
      en: "Screenshots of interaction features: search, document upload/download.",
    },
    {
      id: "Tangkapan layar transaksi lengkap: validasi, persetujuan, status permohonan, notifikasi.",
      en: "Screenshots of a full transaction: validation, approval, request status, notification.",
    },
    {
      id: "Dokumen integrasi dengan layanan lain: arsitektur, spesifikasi API, berita acara/dokumen integrasi, tangkapan layar data yang dipertukarkan.",
      en: "Integration with other services: architecture, API specification, integration records, screenshots of exchanged data.",
    },
    {
      id: "Laporan reviu/evaluasi layanan dan bukti peningkatan layanan yang dilakukan sesudahnya.",
      en: "A service review/evaluation report and evidence of the improvements made after it.",
    },
  ],
};

export function groupOf(code: number): keyof typeof evidenceByGroup {
  if (code <= 10) return "policy";
  if (code <= 28) return "governance";
  if (code <= 31) return "audit";
  return "service";
}

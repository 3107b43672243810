// Texts for the PermenPANRB 5/2018 framework. The regulation's own level tables were not
// available, so criteria are written per indicator group on the same maturity ladder as 2020.

export type Group2018 = "policy" | "governance" | "service";
type Text = { id: string; en: string };

export const level0 = {
  value: 0,
  name: { id: "Tidak Ada", en: "None" },
  meaning: { id: "Belum ada sama sekali.", en: "Not present at all." },
  // Nothing to prove for "not present": level 0 never needs evidence.
  evidenceRequired: false,
};

function topicOf(name: string): string {
  return name.replace(/^Kebijakan Internal /, "");
}

export function criteria2018(group: Group2018, name: string, value: number): Text {
  const t = topicOf(name);
  const table: Record<Group2018, Text[]> = {
    policy: [
      { id: `Belum ada kebijakan internal tentang ${t}.`, en: `No internal policy on "${t}" exists.` },
      {
        id: `Kebijakan internal tentang ${t} masih berupa rancangan/konsep.`,
        en: `The internal policy on "${t}" is only a draft.`,
      },
      {
        id: `Kebijakan tentang ${t} sudah ditetapkan, tetapi baru mengatur sebagian hal atau sebagian unit.`,
        en: `The policy on "${t}" is enacted but covers only part of the topic or some units.`,
      },
      {
        id: `Kebijakan tentang ${t} sudah ditetapkan dan mengatur seluruh hal untuk seluruh unit.`,
        en: `The policy on "${t}" is enacted and covers the whole topic for all units.`,
      },
      {
        id: `Kebijakan juga mengatur keterpaduan antar-unit/instansi dan direviu secara berkala.`,
        en: "The policy also governs integration across units/agencies and is reviewed periodically.",
      },
      {
        id: `Hasil reviu kebijakan sudah ditindaklanjuti dengan kebijakan baru atau perubahan kebijakan.`,
        en: "The policy review has been followed up with a new or revised policy.",
      },
    ],
    governance: [
      { id: `${t} belum ada.`, en: `"${t}" does not exist.` },
      {
        id: `${t} dijalankan sewaktu-waktu tanpa perencanaan.`,
        en: `"${t}" is done ad hoc without planning.`,
      },
      {
        id: `${t} sudah direncanakan dan dijalankan, tetapi belum di seluruh unit atau belum sesuai pedoman.`,
        en: `"${t}" is planned and done, but not in all units or not per guideline.`,
      },
      {
        id: `${t} dijalankan sesuai pedoman di seluruh unit.`,
        en: `"${t}" is done per guideline in all units.`,
      },
      {
        id: `${t} terpadu antar-unit, terukur dan direviu secara berkala.`,
        en: `"${t}" is integrated across units, measured and reviewed periodically.`,
      },
      {
        id: `${t} sudah ditingkatkan sebagai tindak lanjut hasil reviu.`,
        en: `"${t}" has been improved as a follow-up to the review.`,
      },
    ],
    service: [
      { id: `${t} berbasis elektronik belum ada.`, en: `No electronic "${t}" exists.` },
      { id: `${t} baru menyajikan informasi satu arah.`, en: `"${t}" only publishes one-way information.` },
      {
        id: `${t} memungkinkan interaksi dua arah (pencarian, unggah/unduh).`,
        en: `"${t}" allows two-way interaction (search, upload/download).`,
      },
      {
        id: `${t} memproses transaksi secara utuh (alur kerja, validasi, persetujuan, status).`,
        en: `"${t}" processes full transactions (workflow, validation, approval, status).`,
      },
      {
        id: `${t} terintegrasi/berkolaborasi dengan layanan elektronik lain.`,
        en: `"${t}" is integrated with other electronic services.`,
      },
      {
        id: `${t} sudah ditingkatkan berdasarkan reviu kebutuhan pengguna, regulasi dan teknologi.`,
        en: `"${t}" has been improved based on a review of user needs, regulation and technology.`,
      },
    ],
  };
  const text = table[group][value];
  if (!text) throw new Error(`no 2018 criteria for level ${value}`);
  return text;
}

/** Evidence expected for levels 1–5 (level 0 needs none). */
export const evidence2018: Record<Group2018, Text[]> = {
  policy: [
    { id: "Rancangan/konsep kebijakan.", en: "The draft policy." },
    {
      id: "Kebijakan yang ditetapkan (nomor, tahun, pasal) yang mengatur sebagian topik.",
      en: "The enacted policy (number, year, article) covering part of the topic.",
    },
    {
      id: "Kebijakan yang ditetapkan dan mengatur seluruh topik untuk seluruh unit.",
      en: "The enacted policy covering the whole topic for all units.",
    },
    {
      id: "Pasal yang mengatur keterpaduan dan laporan reviu kebijakan.",
      en: "Articles governing integration and a policy review report.",
    },
    {
      id: "Kebijakan baru/perubahan yang ditetapkan setelah reviu.",
      en: "The new or revised policy enacted after the review.",
    },
  ],
  governance: [
    { id: "Bukti kegiatan yang pernah dilakukan.", en: "Evidence of activities done." },
    { id: "Dokumen perencanaan dan laporan pelaksanaan.", en: "Planning documents and execution reports." },
    {
      id: "Pedoman dan laporan pelaksanaan di seluruh unit.",
      en: "The guideline and execution reports from all units.",
    },
    {
      id: "Dokumen keterpaduan dan laporan reviu berkala.",
      en: "Integration documents and periodic review reports.",
    },
    { id: "Bukti perbaikan setelah reviu.", en: "Evidence of improvements after the review." },
  ],
  service: [
    {
      id: "Tangkapan layar informasi layanan yang dipublikasikan.",
      en: "Screenshots of the published service information.",
    },
    {
      id: "Tangkapan layar fitur interaksi (pencarian, unggah/unduh).",
      en: "Screenshots of interaction features (search, upload/download).",
    },
    {
      id: "Tangkapan layar transaksi lengkap (validasi, persetujuan, status).",
      en: "Screenshots of a full transaction (validation, approval, status).",
    },
    {
      id: "Dokumen integrasi (arsitektur, API, berita acara integrasi).",
      en: "Integration documents (architecture, API, integration records).",
    },
    {
      id: "Laporan reviu layanan dan bukti peningkatannya.",
      en: "A service review report and evidence of the improvements.",
    },
  ],
};

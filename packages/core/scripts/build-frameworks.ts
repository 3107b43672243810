// Builds packages/core/frameworks/*.json from the reference data in ../shared/reference and
// the Indonesian texts in texts-*.ts. The output is committed; run this only to regenerate:
//   node --import tsx packages/core/scripts/build-frameworks.ts [REFERENCE_DIR]
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { criteria2018, evidence2018, type Group2018, level0 } from "./texts-2018.js";
import { criteriaId, evidenceByGroup, groupOf, serviceCriteriaId } from "./texts-2020.js";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "../../..");
const referenceDir = resolve(process.argv[2] ?? join(repoRoot, "../shared/reference"));
const outDir = resolve(here, "../frameworks");

type Text = { id: string; en?: string };
type AnyJson = Record<string, any>;

const predicateEn: Record<string, string> = {
  Memuaskan: "Satisfactory",
  "Sangat Baik": "Very good",
  Baik: "Good",
  Cukup: "Fair",
  Kurang: "Poor",
};

const processLevels = [
  {
    value: 1,
    name: { id: "Rintisan", en: "Initial" },
    meaning: {
      id: "Proses SPBE dilakukan sewaktu-waktu tanpa perencanaan; kebijakan internal belum ada atau masih rancangan.",
    },
  },
  {
    value: 2,
    name: { id: "Terkelola", en: "Managed" },
    meaning: {
      id: "Proses dijalankan dengan fungsi manajemen (perencanaan, pelaksanaan, pemantauan) di sebagian unit; kebijakan sudah ditetapkan tetapi sebagian/sektoral.",
    },
  },
  {
    value: 3,
    name: { id: "Terdefinisi", en: "Defined" },
    meaning: {
      id: "Proses dijalankan sesuai pedoman standar di seluruh unit; kebijakan lengkap, tetapi keterpaduan antar-unit belum diatur.",
    },
  },
  {
    value: 4,
    name: { id: "Terpadu dan Terukur", en: "Integrated and measured" },
    meaning: {
      id: "Proses terpadu antar-unit, berkontribusi pada kinerja organisasi, dan diukur melalui reviu/evaluasi berkala.",
    },
  },
  {
    value: 5,
    name: { id: "Optimum", en: "Optimised" },
    meaning: {
      id: "Perbaikan berkelanjutan berdasarkan hasil reviu/evaluasi, disertai manajemen perubahan.",
    },
  },
];
const serviceLevels = [
  {
    value: 1,
    name: { id: "Informasi", en: "Information" },
    meaning: { id: "Layanan hanya menyajikan informasi satu arah." },
  },
  {
    value: 2,
    name: { id: "Interaksi", en: "Interaction" },
    meaning: { id: "Layanan memungkinkan interaksi dua arah (pencarian, unggah/unduh)." },
  },
  {
    value: 3,
    name: { id: "Transaksi", en: "Transaction" },
    meaning: {
      id: "Layanan memproses satu transaksi utuh dengan beberapa sumber daya SPBE (alur kerja otomatis, validasi, persetujuan, pembayaran, notifikasi).",
    },
  },
  {
    value: 4,
    name: { id: "Kolaborasi", en: "Collaboration" },
    meaning: {
      id: "Layanan terintegrasi/berkolaborasi dengan layanan SPBE lain, secara horizontal maupun vertikal.",
    },
  },
  {
    value: 5,
    name: { id: "Optimum", en: "Optimised" },
    meaning: {
      id: "Layanan terus ditingkatkan untuk menambah nilai berdasarkan reviu kebutuhan pengguna, regulasi dan teknologi.",
    },
  },
];

function readJson(name: string): AnyJson {
  return JSON.parse(readFileSync(join(referenceDir, name), "utf8"));
}

function withEnglish(levels: typeof processLevels, reference: AnyJson[]): AnyJson[] {
  return levels.map((l) => {
    const ref = reference.find((r) => r.level === l.value);
    return { ...l, meaning: { id: l.meaning.id, en: ref?.meaning_en } };
  });
}

function predicates(ref: AnyJson[], lowest: number): AnyJson[] {
  return ref.map((p, i) => ({
    name: { id: p.name, en: predicateEn[p.name] },
    // The lowest band must reach the scale's floor (0 for the 2018 framework).
    min: i === ref.length - 1 ? lowest : p.min,
    max: p.max,
  }));
}

/**
 * The calendar the 2020 criteria imply, for the multi-year planner: enacting a policy goes through
 * the legal bureau; a level 5 follows up the level-4 review in a later cycle; applications, data
 * centre, network, audits and integrated services cost money and enter the year before's budget.
 * Higher levels take more effort.
 */
function planOf2020(no: number, level: number): AnyJson {
  const plan: AnyJson = {};
  if (no <= 10 && level === 2) {
    plan.effort = 2;
    plan.reason = {
      id: "Penetapan kebijakan (Perkada/keputusan) melewati bagian hukum dan memakan waktu berbulan-bulan.",
      en: "Enacting a policy (regional head regulation/decree) goes through the legal bureau and takes months.",
    };
  }
  if (level === 4) plan.effort = 2;
  if (level === 5) {
    plan.effort = 3;
    plan.afterPrevious = 1;
    plan.reason = {
      id: "Tingkat 5 menindaklanjuti hasil reviu/evaluasi tingkat 4: reviu pada satu siklus, tindak lanjutnya pada siklus berikutnya.",
      en: "Level 5 follows up the level-4 review/evaluation: the review in one cycle, its follow-up in the next.",
    };
  }
  const costly =
    (no >= 15 && no <= 18) || (no >= 29 && no <= 31) ? level >= 3 : no >= 32 && level >= 3 && level <= 4;
  if (costly) plan.budget = true;
  return Object.keys(plan).length > 0 ? { plan } : {};
}

function build2020(): AnyJson {
  const ref = readJson("framework-permenpanrb-59-2020.json");
  const domains = ref.domains.map((d: AnyJson) => ({
    code: d.code,
    name: { id: d.name },
    weight: d.weight,
    aspects: d.aspects.map((a: AnyJson) => ({
      code: a.code,
      name: { id: a.name },
      weight: a.weight,
      indicators: a.indicators.map((ind: AnyJson) => {
        const code = String(ind.no);
        const ids = criteriaId[code] ?? serviceCriteriaId(code);
        const guidance = evidenceByGroup[groupOf(ind.no)];
        return {
          code,
          name: { id: ind.name },
          weight: ind.weight,
          scale: ind.scale,
          levels: [1, 2, 3, 4, 5].map((value, i) => ({
            value,
            criteria: { id: ids[i], en: ind.level_criteria_en[String(value)] },
            evidence: guidance[i],
            ...planOf2020(ind.no, value),
          })),
        };
      }),
    })),
  }));
  return {
    format: "matang.framework/v1",
    version: 1,
    id: ref.id,
    title: { id: ref.title, en: "SPBE Monitoring and Evaluation (PermenPANRB No. 59 of 2020)" },
    indexName: { id: "Indeks SPBE", en: "SPBE Index" },
    legalBasis: "Peraturan Menteri PANRB Nomor 59 Tahun 2020",
    years: ref.used_for_years,
    portal: {
      name: "eval.spbe.go.id",
      url: "https://eval.spbe.go.id",
      acceptedTypes: ["pdf", "jpg", "jpeg", "png"],
      maxFileMb: 10,
      fileName: "{code}-L{level}_{title}",
      note: {
        id: "Portal evaluasi nasional. Jenis dan batas ukuran berkas belum terbaca dari sumber publik: nilai ini perkiraan hati-hati (PDF dan gambar, 10 MB) agar berkas yang mungkin ditolak terlihat lebih dulu. Koreksi lewat MATANG_FRAMEWORKS_DIR bila batas resminya diketahui.",
        en: "The national evaluation portal. Its accepted file types and size limit were not found in public sources: these are cautious guesses (PDF and images, 10 MB) so that files it might refuse show up first. Correct them through MATANG_FRAMEWORKS_DIR once the official limits are known.",
      },
    },
    notes: [
      {
        id: "Laporan evaluasi 2023 dan 2024 mencetak bobot indikator 42–47 sebesar 3,50%; regulasi menetapkan 3,00% dan hanya nilai itu yang membuat aspek 8 = 18% dan total = 100%.",
        en: "The 2023 and 2024 evaluation reports print 3.50% as the weight of indicators 42–47; the regulation says 3.00%, the only value that makes aspect 8 = 18% and the total 100%.",
      },
      {
        id: "Kriteria tingkat 3 dan 4 indikator 3 mengikuti tabel regulasi apa adanya, yang tampaknya bergeser satu baris.",
        en: "Indicator 3's level 3 and 4 criteria follow the regulation's table as printed, which appears shifted by one row.",
      },
    ],
    scales: [
      {
        id: "process",
        name: { id: "Kapabilitas proses", en: "Process capability" },
        levels: withEnglish(processLevels, ref.scales.process.levels),
      },
      {
        id: "service",
        name: { id: "Kapabilitas layanan", en: "Service capability" },
        levels: withEnglish(serviceLevels, ref.scales.service.levels),
      },
    ],
    predicates: predicates(ref.predicates, 1),
    domains,
  };
}

function build2018(): AnyJson {
  const ref = readJson("framework-permenpanrb-5-2018.json");
  const groupOfAspect: Record<string, Group2018> = {
    A1: "policy",
    A2: "policy",
    A3: "governance",
    A4: "governance",
    A5: "governance",
    A6: "service",
    A7: "service",
  };
  const ref2020 = readJson("framework-permenpanrb-59-2020.json");
  return {
    format: "matang.framework/v1",
    version: 1,
    id: ref.id,
    title: { id: ref.title, en: "SPBE Evaluation Guideline (PermenPANRB No. 5 of 2018)" },
    indexName: { id: "Indeks SPBE", en: "SPBE Index" },
    legalBasis: "Peraturan Menteri PANRB Nomor 5 Tahun 2018",
    years: ref.used_for_years,
    notes: [
      {
        id: "Daftar indikator dan bobot berasal dari basis data pemantauan sebuah instansi yang mereproduksi indeks resmi 2018 dan 2019; naskah regulasi tidak tersedia. Kriteria per tingkat ditulis umum per kelompok indikator, dan nama tingkat mengikuti kerangka 2020.",
        en: "Indicators and weights come from an instansi's monitoring database that reproduces its official 2018 and 2019 indices; the regulation text was not available. Level criteria are written per indicator group, and level names follow the 2020 framework.",
      },
      {
        id: "Indikator 35 dinilai untuk tiga layanan publik (35.1–35.3); bobot aspek 7 dibagi rata atas enam entri.",
        en: "Indicator 35 is scored for three public services (35.1–35.3); aspect 7's weight is split equally over its six entries.",
      },
    ],
    scales: [
      {
        id: "maturity",
        name: { id: "Tingkat kematangan", en: "Maturity level" },
        levels: [level0, ...withEnglish(processLevels, ref2020.scales.process.levels)],
      },
    ],
    predicates: predicates(ref2020.predicates, 0),
    domains: ref.domains.map((d: AnyJson) => ({
      code: d.code,
      name: { id: d.name },
      weight: d.weight,
      aspects: d.aspects.map((a: AnyJson) => {
        const group = groupOfAspect[a.code];
        if (!group) throw new Error(`no group for aspect ${a.code}`);
        return {
          code: a.code,
          name: { id: a.name },
          weight: a.weight,
          indicators: a.indicators.map((ind: AnyJson) => ({
            code: String(ind.no),
            name: { id: ind.name },
            weight: ind.weight,
            scale: "maturity",
            levels: [0, 1, 2, 3, 4, 5].map((value) => ({
              value,
              criteria: criteria2018(group, ind.name, value),
              ...(value > 0 ? { evidence: evidence2018[group][value - 1] as Text } : {}),
            })),
          })),
        };
      }),
    })),
  };
}

for (const fw of [build2020(), build2018()]) {
  const file = join(outDir, `${fw.id}.json`);
  writeFileSync(file, `${JSON.stringify(fw, null, 2)}\n`);
  console.log(`wrote ${file}`);
}

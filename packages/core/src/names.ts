// Official names of the same body vary between years and lists ("Pemerintah Kab. Aceh Besar",
// "Kabupaten Aceh Besar"); a normalised key lets imports recognise it without merging silently.

const ABBREVIATIONS: [RegExp, string][] = [
  [/\bkab\b/g, "kabupaten"],
  [/\bprov\b/g, "provinsi"],
  [/\bkep\b/g, "kepulauan"],
  [/\bkemen\b/g, "kementerian"],
  [/\bdi\b/g, "d i"],
];

/** Lower-case, accents removed, punctuation to spaces, common abbreviations expanded. */
export function normalizeName(name: string): string {
  let s = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
  for (const [pattern, replacement] of ABBREVIATIONS) s = s.replace(pattern, replacement);
  // "Pemerintah …" prefixes regional governments in some lists and not in others.
  s = s.replace(/^pemerintah /, "");
  return s.replace(/\s+/g, " ").trim();
}

/** Edit distance (insertions, deletions, substitutions) between two short strings. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j] as number;
      prev[j] = Math.min(above + 1, (prev[j - 1] as number) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return prev[b.length] as number;
}

/**
 * The province a table means when it spells it differently or mistypes it ("Kepulauan Bangka
 * Belitung" for "Bangka Belitung", "Nusa Tenggara Tlmur"): provinces are a small closed set, so a
 * name that is one of them with a prefix, or within a couple of typing errors of exactly one of
 * them, is that one. `known` maps normalised names to province ids; undefined when unsure.
 */
export function closestProvince(region: string, known: ReadonlyMap<string, string>): string | undefined {
  const given = normalizeName(region).replace(/^provinsi /, "");
  if (given.length < 4) return undefined;
  for (const [name, id] of known) if (name.replace(/^provinsi /, "") === given) return id;
  const found = new Set<string>();
  for (const [name, id] of known) {
    const n = name.replace(/^provinsi /, "");
    const allowed = n.length >= 10 ? 2 : 1;
    if (
      n === given ||
      given.endsWith(` ${n}`) ||
      n.endsWith(` ${given}`) ||
      editDistance(n, given) <= allowed
    )
      found.add(id);
  }
  return found.size === 1 ? [...found][0] : undefined;
}

/**
 * Other forms under which a state institution appears in some years' lists: its secretariat
 * ("Sekretariat Jenderal X", "Kepaniteraan dan Sekretariat Jenderal X", "Sekretariat X") stands
 * for the institution X. Only tried when the name as given matches nothing.
 */
export function institutionForms(normalized: string): string[] {
  const prefixes = [
    "kepaniteraan dan sekretariat jenderal ",
    "sekretariat jenderal ",
    "setjen ",
    "sekretariat utama ",
    "sekretariat ",
  ];
  // The longest prefix only ("sekretariat jenderal X" is X, not "jenderal X").
  const prefix = prefixes.find((p) => normalized.startsWith(p));
  return prefix ? [normalized.slice(prefix.length)] : [];
}

/**
 * Provinces formed by splitting another: a regency listed under the old province in one year's
 * table and under the new one in another is the same body. From the laws that formed them.
 */
export const PROVINCE_SPLITS: readonly {
  readonly year: number;
  readonly from: string;
  readonly to: readonly string[];
  readonly law: string;
}[] = [
  { year: 2012, from: "Kalimantan Timur", to: ["Kalimantan Utara"], law: "UU 20 Tahun 2012" },
  {
    year: 2022,
    from: "Papua",
    to: ["Papua Selatan", "Papua Tengah", "Papua Pegunungan"],
    law: "UU 14, 15 dan 16 Tahun 2022",
  },
  { year: 2022, from: "Papua Barat", to: ["Papua Barat Daya"], law: "UU 29 Tahun 2022" },
];

export interface ProvinceMove {
  /** The other province to look in. */
  readonly province: string;
  readonly from: string;
  readonly to: string;
  readonly year: number;
}

/** The provinces split from this one, or the one it was split from: where its regencies may be listed. */
export function relatedProvinces(province: string): ProvinceMove[] {
  const p = normalizeName(province).replace(/^provinsi /, "");
  const out: ProvinceMove[] = [];
  for (const split of PROVINCE_SPLITS) {
    if (normalizeName(split.from) === p)
      for (const to of split.to) out.push({ province: to, from: split.from, to, year: split.year });
    for (const to of split.to)
      if (normalizeName(to) === p) out.push({ province: split.from, from: split.from, to, year: split.year });
  }
  return out;
}

const MINISTRY_WORDS = new Set(["kementerian", "dan", "bidang", "republik", "indonesia", "ri"]);

/** The words that tell a ministry's remit, in order ("kementerian", "dan" and the like left out). */
const remit = (normalized: string) =>
  normalized.split(" ").filter((w) => w.length > 1 && !MINISTRY_WORDS.has(w));

/**
 * A ministry whose name gained or lost a part: the given name holds all of a known ministry's
 * remit ("Kementerian Pendidikan, Kebudayaan, Riset, dan Teknologi" for "… Pendidikan dan
 * Kebudayaan"), or is the head of it ("Kementerian Pariwisata" for "… Pariwisata dan Ekonomi
 * Kreatif"). A part split off as its own ministry is not the head ("Kementerian Hak Asasi Manusia"
 * is not "… Hukum dan Hak Asasi Manusia"). Undefined unless exactly one ministry answers.
 */
export function renamedMinistry(
  normalized: string,
  ministries: readonly { readonly id: string; readonly names: readonly string[] }[],
): string | undefined {
  const given = remit(normalized);
  if (given.length === 0) return undefined;
  const found = ministries.filter((m) =>
    m.names.some((n) => {
      const known = remit(n);
      if (known.length === 0) return false;
      const gained = known.every((w) => given.includes(w));
      const head = given.length < known.length && given.every((w, i) => known[i] === w);
      return gained || head;
    }),
  );
  return found.length === 1 ? found[0]?.id : undefined;
}

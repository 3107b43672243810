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

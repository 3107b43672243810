// The national portal's side of evidence: how a document must be named and what the portal
// refuses, decided before anyone uploads (pure: the server streams the files, the web shows this).
import type { LocalizedText, PortalProfileDef } from "./framework/schema.js";

export type PortalProblemCode = "too_large" | "wrong_type" | "not_a_file" | "returned";

export interface PortalProblem {
  readonly code: PortalProblemCode;
  /** What is wrong and what to do, in both languages. */
  readonly message: LocalizedText;
}

/** One document linked to an item (or an indicator level) of an assessment, as the package sees it. */
export interface PackageSource {
  /** The item code (I9-L1-01), or the indicator code in a framework without items. */
  readonly code: string;
  readonly level: number;
  readonly title: string;
  readonly kind: "file" | "link";
  readonly originalName?: string | null;
  readonly mediaType?: string | null;
  readonly size?: number | null;
  /** The internal review: a document returned inside the instansi is fixed before it goes out. */
  readonly review?: "pending" | "accepted" | "revision";
}

export interface PackageEntry<S extends PackageSource = PackageSource> {
  readonly source: S;
  /** The name in the package (folder by indicator is the caller's), unique; null for a link. */
  readonly fileName: string | null;
  readonly problems: readonly PortalProblem[];
  /** In the ZIP: a file the portal would take. */
  readonly included: boolean;
}

const MEDIA_EXTENSIONS: Readonly<Record<string, string>> = {
  "application/pdf": "pdf",
  "image/jpeg": "jpg",
  "image/png": "png",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
  "application/msword": "doc",
  "application/vnd.ms-excel": "xls",
  "application/zip": "zip",
};

/** A file's extension: from its original name, else from its media type; "" when unknown. */
export function extensionOf(originalName: string | null | undefined, mediaType?: string | null): string {
  const match = /\.([A-Za-z0-9]{1,8})$/.exec(originalName ?? "");
  if (match?.[1]) return match[1].toLowerCase();
  return (mediaType && MEDIA_EXTENSIONS[mediaType]) ?? "";
}

const TITLE_MAX = 80;

/**
 * A title made safe for a file name on every system and on the portal: no path separators,
 * reserved characters or control characters, spaces collapsed, at most 80 characters.
 */
export function safeTitle(title: string): string {
  const cleaned = title
    .normalize("NFC")
    .replace(/[\\/:*?"<>|\p{Cc}\p{Cf}\uFFFD]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  const cut = [...cleaned]
    .slice(0, TITLE_MAX)
    .join("")
    .trim()
    .replace(/[. ]+$/, "");
  return cut || "dokumen";
}

/**
 * The title part of a portal file name: without a leading copy of the code or a trailing file
 * ending ("I9-L1-01_SK Tim.pdf" uploaded as its own title is named once, not twice).
 */
export function titleForName(code: string, title: string, extension: string): string {
  let t = title.trim();
  if (extension && t.toLowerCase().endsWith(`.${extension}`)) t = t.slice(0, -(extension.length + 1));
  const after = t.slice(code.length);
  if (t.toUpperCase().startsWith(code.toUpperCase()) && /^([\s_\-–:.]|$)/.test(after))
    t = after.replace(/^[\s_\-–:.]+/, "");
  return safeTitle(t);
}

const mb = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1).replace(".", ",");

/** What the portal would refuse in one document, with what to do about it. */
export function portalProblems(profile: PortalProfileDef, source: PackageSource): PortalProblem[] {
  if (source.review === "revision")
    return [
      {
        code: "returned",
        message: {
          id: "Dikembalikan pada pemeriksaan internal: perbaiki dan periksa ulang sebelum diunggah ke portal.",
          en: "Returned in the internal review: fix it and have it reviewed again before it goes to the portal.",
        },
      },
    ];
  if (source.kind === "link")
    return [
      {
        code: "not_a_file",
        message: {
          id: "Bukti berupa tautan: tempel alamatnya di catatan unggah, atau unggah dokumennya sebagai berkas.",
          en: "The evidence is a link: paste its address into the upload note, or upload the document as a file.",
        },
      },
    ];
  const problems: PortalProblem[] = [];
  const extension = extensionOf(source.originalName, source.mediaType);
  if (!profile.acceptedTypes.includes(extension)) {
    const accepted = profile.acceptedTypes.join(", ");
    problems.push({
      code: "wrong_type",
      message: {
        id: `Jenis berkas ${extension || "tidak dikenal"} tidak diterima portal (hanya ${accepted}): simpan ulang sebagai ${profile.acceptedTypes[0]}, lalu unggah versi barunya.`,
        en: `The portal does not take ${extension || "unknown"} files (only ${accepted}): save it again as ${profile.acceptedTypes[0]} and upload the new version.`,
      },
    });
  }
  const limit = profile.maxFileMb * 1024 * 1024;
  if ((source.size ?? 0) > limit)
    problems.push({
      code: "too_large",
      message: {
        id: `Berkas ${mb(source.size ?? 0)} MB melebihi batas portal ${profile.maxFileMb} MB: kompres PDF-nya atau pecah menjadi beberapa berkas, lalu unggah versi barunya.`,
        en: `The file is ${mb(source.size ?? 0)} MB, over the portal's ${profile.maxFileMb} MB: compress the PDF or split it, then upload the new version.`,
      },
    });
  return problems;
}

/**
 * Every document of a package with its name as the portal wants it ({code}_{title}.ext by the
 * profile), unique within the package (a second "I9-L1-01_SK.pdf" becomes "I9-L1-01_SK (2).pdf"),
 * and what the portal would refuse. Files with a problem stay out of the ZIP but stay listed.
 */
export function packageEntries<S extends PackageSource>(
  profile: PortalProfileDef,
  sources: readonly S[],
): PackageEntry<S>[] {
  const taken = new Set<string>();
  return sources.map((source) => {
    const problems = portalProblems(profile, source);
    if (source.kind === "link") return { source, fileName: null, problems, included: false };
    const extension = extensionOf(source.originalName, source.mediaType);
    const base = profile.fileName
      .replaceAll("{code}", source.code)
      .replaceAll("{level}", String(source.level))
      .replaceAll("{title}", titleForName(source.code, source.title, extension));
    const dot = extension ? `.${extension}` : "";
    let fileName = `${base}${dot}`;
    for (let n = 2; taken.has(fileName.toLowerCase()); n++) fileName = `${base} (${n})${dot}`;
    taken.add(fileName.toLowerCase());
    return { source, fileName, problems, included: problems.length === 0 };
  });
}

/**
 * Whether the documents behind a code changed since it was marked uploaded to the portal: another
 * file version, a document added or removed (both as newest file ids, in any order).
 */
export function changedSinceUpload(marked: readonly string[], current: readonly string[]): boolean {
  const a = [...new Set(marked)].sort();
  const b = [...new Set(current)].sort();
  return a.length !== b.length || a.some((id, i) => id !== b[i]);
}

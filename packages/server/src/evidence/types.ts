import { fileTypeFromBuffer } from "file-type";

/** What evidence may be: documents and pictures. Decided from the bytes, never the file name. */
const ALLOWED = new Set([
  "application/pdf",
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  "application/vnd.oasis.opendocument.text",
  "application/vnd.oasis.opendocument.spreadsheet",
  "application/vnd.oasis.opendocument.presentation",
  "application/x-cfb", // legacy .doc / .xls / .ppt
]);

/** Shown inline in the browser; everything else downloads. */
export const INLINE_TYPES = new Set([
  "application/pdf",
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
]);

export interface Typed {
  readonly ok: boolean;
  readonly mediaType: string;
}

/** Type a file by its first bytes; plain text (CSV, TXT) is accepted when it looks like text. */
export async function typeOf(head: Buffer, fileName: string): Promise<Typed> {
  const detected = await fileTypeFromBuffer(head);
  if (detected) return { ok: ALLOWED.has(detected.mime), mediaType: detected.mime };
  const looksText = head.length > 0 && !head.includes(0);
  if (looksText && /\.(csv|txt)$/i.test(fileName)) {
    return { ok: true, mediaType: fileName.toLowerCase().endsWith(".csv") ? "text/csv" : "text/plain" };
  }
  return { ok: false, mediaType: "application/octet-stream" };
}

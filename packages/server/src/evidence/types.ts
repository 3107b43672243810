import { fileTypeFromBuffer } from "file-type";

/**
 * What evidence may be: documents and pictures, each type with the file-name endings it may
 * carry. A file is accepted only when the type found in its bytes *and* its ending agree, so an
 * installer (an OLE file named setup.msi) is refused though Word 97 files share its format.
 */
export const ACCEPTED_TYPES: readonly {
  readonly mediaType: string;
  readonly extensions: readonly string[];
}[] = [
  { mediaType: "application/pdf", extensions: ["pdf"] },
  { mediaType: "image/png", extensions: ["png"] },
  { mediaType: "image/jpeg", extensions: ["jpg", "jpeg"] },
  { mediaType: "image/gif", extensions: ["gif"] },
  { mediaType: "image/webp", extensions: ["webp"] },
  { mediaType: "image/tiff", extensions: ["tif", "tiff"] },
  {
    mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extensions: ["docx"],
  },
  { mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extensions: ["xlsx"] },
  {
    mediaType: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    extensions: ["pptx"],
  },
  { mediaType: "application/vnd.oasis.opendocument.text", extensions: ["odt"] },
  { mediaType: "application/vnd.oasis.opendocument.spreadsheet", extensions: ["ods"] },
  { mediaType: "application/vnd.oasis.opendocument.presentation", extensions: ["odp"] },
  // Office 97–2003 files are OLE compound files, as are installers and other things: by ending only.
  { mediaType: "application/x-cfb", extensions: ["doc", "xls", "ppt"] },
  // Plain text has no signature: accepted when it has no NUL byte and the ending says text.
  { mediaType: "text/csv", extensions: ["csv"] },
  { mediaType: "text/plain", extensions: ["txt"] },
];

/** "PDF, PNG, …": what the refusal and the drop zone list. */
export const ACCEPTED_LIST = [...new Set(ACCEPTED_TYPES.flatMap((t) => t.extensions))]
  .map((e) => e.toUpperCase())
  .join(", ");

const extensionOf = (fileName: string) => /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? "";

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

/** Type a file by its first bytes and check its ending against that type. */
export async function typeOf(head: Buffer, fileName: string): Promise<Typed> {
  const extension = extensionOf(fileName);
  const detected = await fileTypeFromBuffer(head);
  const mediaType =
    detected?.mime ??
    (head.length > 0 && !head.includes(0) && (extension === "csv" || extension === "txt")
      ? extension === "csv"
        ? "text/csv"
        : "text/plain"
      : "application/octet-stream");
  const accepted = ACCEPTED_TYPES.find((t) => t.mediaType === mediaType);
  return { ok: Boolean(accepted?.extensions.includes(extension)), mediaType };
}

// Responses that are files: their content types, how they are declared (what the OpenAPI
// document, and so the web's generated types, says a PDF, Excel or CSV route answers), and how
// they are sent as downloads.
import type { Readable } from "node:stream";
import type { FastifyReply } from "fastify";
import { z } from "zod";

export const PDF_TYPE = "application/pdf";
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const CSV_TYPE = "text/csv; charset=utf-8";
export const ZIP_TYPE = "application/zip";

// The body is bytes (a Buffer or a stream); OpenAPI calls that a binary string.
const binary = () => z.custom<Buffer | Readable>().meta({ type: "string", format: "binary" });

const file = (contentType: string, description: string) => ({
  description,
  content: { [contentType]: { schema: binary() } },
});

export const PDF = file(PDF_TYPE, "A PDF document");
export const XLSX = file(XLSX_TYPE, "An Excel workbook");
export const CSV = file("text/csv", "CSV text, UTF-8");
export const ZIP = file(ZIP_TYPE, "A ZIP archive");
/** A stored file in its own type (evidence): whatever was uploaded. */
export const ANY_FILE = file("application/octet-stream", "The file, with its own content type");

/** A generated file as a download. */
export const download = (reply: FastifyReply, type: string, fileName: string, body: Buffer | Readable) =>
  reply
    .header("content-type", type)
    .header("content-disposition", `attachment; filename="${fileName}"`)
    .send(body);

/** tus's "created": the Location header names the new upload, and the body is empty. */
export const UPLOAD_CREATED = file(
  "text/plain",
  "Created: the Location header names the upload (tus 1.0.0); no body",
);

/** A 206 answer carries part of the file. */
export const PARTIAL_FILE = file("application/octet-stream", "Part of the file (a Range request)");

/**
 * The one byte range a `Range` header asks of a file of `size` bytes (RFC 9110): null to send the
 * whole file (no header, a form Matang does not serve, such as several ranges), "unsatisfiable"
 * for a range wholly past the end.
 */
export function byteRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | null | "unsatisfiable" {
  const m = header?.trim().match(/^bytes=(\d*)-(\d*)$/);
  if (!m || (m[1] === "" && m[2] === "")) return null;
  if (m[1] === "") {
    // The last N bytes.
    const suffix = Number(m[2]);
    if (suffix === 0) return "unsatisfiable";
    return size === 0 ? "unsatisfiable" : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (!Number.isSafeInteger(start) || start >= size) return "unsatisfiable";
  if (end < start) return null;
  return { start, end };
}

/** A file name from an instansi's name: letters and digits only. */
export const fileSafe = (name: string) => name.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "");

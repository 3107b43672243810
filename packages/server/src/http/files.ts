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

/** A file name from an instansi's name: letters and digits only. */
export const fileSafe = (name: string) => name.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "");

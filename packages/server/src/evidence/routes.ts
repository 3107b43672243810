import multipart from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../db/client.js";
import type { Frameworks } from "../frameworks/service.js";
import { contextOf } from "../http/context.js";
import { ApiError, notFound } from "../http/errors.js";
import { ANY_FILE, byteRange, PARTIAL_FILE, UPLOAD_CREATED } from "../http/files.js";
import { invalidText, uncleanField } from "../http/text.js";
import { importZip, parseMapping } from "./bulk.js";
import { FindingsSchema } from "./findings.js";
import { OWNER_KEY, type ResumableUploads, UPLOAD_ID, UPLOADS_PATH } from "./resumable.js";
import {
  addLink,
  evidenceVersions,
  openContent,
  quotaExceeded,
  readingProgress,
  recordUpload,
  reviewLink,
  searchEvidence,
  uploadRoom,
  withdrawLink,
} from "./service.js";
import { type EvidenceStorage, type Staged, TooLargeError } from "./storage.js";
import { ACCEPTED_TYPES } from "./types.js";

const UploadFields = z.strictObject({
  indicator: z.string().min(1).max(32),
  /** Required unless `item` is given (the item's level is then used). */
  level: z.coerce.number().int().optional(),
  /** The evidence item ("butir", e.g. I9-L1-01) it answers; required where the indicator has items. */
  item: z.string().trim().min(1).max(32).optional(),
  /** The upload note for this item. */
  note: z.string().max(5000).optional(),
  title: z.string().trim().min(1).max(300),
  evidenceId: z.uuid().optional(),
  /** The unit a coordinator or internal assessor uploads on behalf of (one of the indicator's). */
  unitId: z.uuid().optional(),
});

/** RFC 6266 / 5987: an ASCII fallback and the exact UTF-8 name. */
function contentDisposition(kind: "inline" | "attachment", name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const UPLOADED = z.object({
  evidenceId: z.string(),
  fileId: z.string(),
  linkId: z.string().nullable(),
  sha256: z.string(),
  size: z.number(),
  mediaType: z.string(),
});

/** tus's Upload-Metadata: "key base64value" pairs separated by commas. */
function parseUploadMetadata(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const pair of (header ?? "").split(",")) {
    const [key, value] = pair.trim().split(" ");
    if (key) out.set(key, value ? Buffer.from(value, "base64").toString("utf8") : "");
  }
  return out;
}

export function evidenceRoutes(
  db: Db,
  frameworks: Frameworks,
  storage: EvidenceStorage,
  maxBytes: number,
  quotaBytes: number = Number.POSITIVE_INFINITY,
  resumable: ResumableUploads | null = null,
): FastifyPluginAsyncZod {
  /** A refused size: the instansi's room when that is what it exceeds, else the file limit. */
  const tooLarge = (limit: number, used: number, error: TooLargeError) =>
    limit < maxBytes && error.limit === limit
      ? quotaExceeded(quotaBytes, used)
      : new ApiError(413, "file_too_large", error.message);

  /** The fields of an upload checked, then the staged file recorded (or discarded). */
  async function record(
    ctx: ReturnType<typeof contextOf>,
    assessmentId: string,
    staged: Staged,
    fileName: string,
    fields: Record<string, unknown>,
  ) {
    const unclean = uncleanField({ ...fields, fileName });
    if (unclean !== null) {
      await storage.discard(staged);
      throw invalidText("multipart", unclean === "fileName" ? "file" : unclean);
    }
    const parsed = UploadFields.safeParse(fields);
    if (!parsed.success) {
      await storage.discard(staged);
      throw new ApiError(
        400,
        "validation_error",
        "Invalid upload fields",
        parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
      );
    }
    return recordUpload(
      db,
      frameworks,
      storage,
      ctx,
      assessmentId,
      parsed.data,
      { staged, fileName },
      quotaBytes,
    );
  }

  return async (app) => {
    await app.register(multipart, {
      limits: { fileSize: maxBytes + 1, files: 1, fields: 10, fieldSize: 10_000, parts: 20 },
      throwFileSizeLimit: false,
    });

    app.post(
      "/api/assessments/:id/evidence",
      {
        schema: {
          tags: ["evidence"],
          summary:
            "Upload a file (multipart: file, indicator, level or item, title[, note][, evidenceId for a new version][, unitId uploaded on behalf of])",
          description: `PDF, images or office documents up to ${Math.round(maxBytes / 1024 / 1024)} MB, typed by their content.`,
          params: z.object({ id: z.uuid() }),
          consumes: ["multipart/form-data"],
          response: { 201: UPLOADED },
        },
      },
      async (request, reply) => {
        const ctx = contextOf(request);
        // Access and room are checked before reading a possibly large body.
        const { used, room } = await uploadRoom(db, ctx, request.params.id, quotaBytes);
        if (!request.isMultipart())
          throw new ApiError(415, "multipart_required", "Send the file as multipart/form-data");
        const limit = Math.min(maxBytes, room);
        const fields: Record<string, string> = {};
        let staged: Staged | null = null;
        let fileName = "";
        try {
          for await (const part of request.parts()) {
            if (part.type === "file") {
              if (staged) throw new ApiError(400, "one_file", "Send one file per upload");
              fileName = part.filename || "unnamed";
              staged = await storage.stage(part.file, limit);
              if (part.file.truncated) throw new TooLargeError(maxBytes);
            } else {
              fields[part.fieldname] = String(part.value);
            }
          }
        } catch (error) {
          if (staged) await storage.discard(staged);
          if (error instanceof TooLargeError) throw tooLarge(limit, used, error);
          throw error;
        }
        if (!staged) throw new ApiError(400, "file_required", "The upload has no file");
        return reply.status(201).send(await record(ctx, request.params.id, staged, fileName, fields));
      },
    );

    if (resumable) {
      const uploads = resumable;
      // A tus body is read by the tus server as it arrives, never by Fastify.
      app.addContentTypeParser("application/offset+octet-stream", (_request, _payload, done) => done(null));

      /** Only the person who began an upload may see or continue it; to anyone else it does not exist. */
      const ownUpload = async (request: FastifyRequest, id: string) => {
        const ctx = contextOf(request);
        if (!ctx.principal) throw new ApiError(401, "unauthenticated", "Log in first");
        const upload = await uploads.find(id);
        if (!upload || upload.metadata?.[OWNER_KEY] !== ctx.principal.userId) throw notFound("Upload");
        return upload;
      };

      // A browser's preflight for the tus headers: tus answers it; nothing to document.
      app.route({
        method: "OPTIONS",
        url: UPLOADS_PATH,
        schema: { hide: true },
        handler: async (request, reply) => {
          reply.hijack();
          await uploads.handle(request.raw, reply.raw);
        },
      });

      app.route({
        method: "POST",
        url: UPLOADS_PATH,
        schema: {
          response: { 201: UPLOAD_CREATED },
          tags: ["evidence"],
          summary:
            "Begin a resumable upload (tus 1.0.0: Upload-Length, Upload-Metadata with filename and assessment); then PATCH /api/uploads/{id} with the bytes, HEAD to learn where to go on after a cut, and POST /api/assessments/{id}/evidence/resumable to record it",
        },
        handler: async (request, reply) => {
          const ctx = contextOf(request);
          if (!ctx.principal) throw new ApiError(401, "unauthenticated", "Log in first");
          const metadata = parseUploadMetadata(request.headers["upload-metadata"] as string | undefined);
          const assessmentId = metadata.get("assessment") ?? "";
          if (!z.uuid().safeParse(assessmentId).success)
            throw new ApiError(400, "validation_error", "Upload-Metadata needs the assessment it is for", [
              { path: "assessment", message: "a UUID" },
            ]);
          const length = Number(request.headers["upload-length"]);
          if (!Number.isSafeInteger(length) || length < 0)
            throw new ApiError(400, "validation_error", "Upload-Length must be the file's size in bytes", [
              { path: "Upload-Length", message: "an integer" },
            ]);
          // Room and the file limit are checked before a byte is sent.
          const { used, room } = await uploadRoom(db, ctx, assessmentId, quotaBytes);
          const limit = Math.min(maxBytes, room);
          if (length > limit) throw tooLarge(limit, used, new TooLargeError(limit));
          reply.hijack();
          await uploads.handle(request.raw, reply.raw, ctx.principal.userId);
        },
      });

      app.route({
        method: ["HEAD", "PATCH", "DELETE"],
        url: `${UPLOADS_PATH}/:uploadId`,
        schema: {
          tags: ["evidence"],
          summary:
            "A resumable upload (tus 1.0.0): HEAD its offset, PATCH the next bytes, DELETE to give it up",
          params: z.object({ uploadId: z.string().regex(UPLOAD_ID) }),
          response: {
            200: z.null().describe("HEAD: Upload-Offset and Upload-Length say how far it got"),
            204: z.null().describe("PATCH: received, Upload-Offset is the new offset; DELETE: given up"),
          },
        },
        handler: async (request, reply) => {
          await ownUpload(request, request.params.uploadId);
          reply.hijack();
          await uploads.handle(request.raw, reply.raw);
        },
      });

      app.post(
        "/api/assessments/:id/evidence/resumable",
        {
          schema: {
            tags: ["evidence"],
            summary:
              "Record a finished resumable upload as evidence (the same fields as a multipart upload, and the upload's id): checked, typed and stored as any upload",
            params: z.object({ id: z.uuid() }),
            body: UploadFields.extend({ upload: z.string().regex(UPLOAD_ID) }),
            response: { 201: UPLOADED },
          },
        },
        async (request, reply) => {
          const ctx = contextOf(request);
          const { used, room } = await uploadRoom(db, ctx, request.params.id, quotaBytes);
          const { upload: id, ...fields } = request.body;
          const upload = await ownUpload(request, id);
          if (upload.metadata?.assessment !== request.params.id) throw notFound("Upload");
          if (upload.size === undefined || upload.offset !== upload.size)
            throw new ApiError(
              409,
              "upload_incomplete",
              `The upload has ${upload.offset} of ${upload.size ?? "?"} bytes; send the rest first`,
              { offset: upload.offset, size: upload.size ?? null },
            );
          const limit = Math.min(maxBytes, room);
          let staged: Staged;
          try {
            const file = await uploads.localFile(id);
            staged = file
              ? await storage.stageFile(file, limit)
              : await storage.stage(await uploads.read(id), limit);
          } catch (error) {
            if (error instanceof TooLargeError) throw tooLarge(limit, used, error);
            throw error;
          }
          try {
            const result = await record(
              ctx,
              request.params.id,
              staged,
              upload.metadata?.filename || "unnamed",
              fields,
            );
            await uploads.remove(id).catch(() => undefined);
            return reply.status(201).send(result);
          } catch (error) {
            // Bytes no one can use (a refused type, an empty file) do not wait for the sweep.
            if (error instanceof ApiError && (error.statusCode === 415 || error.code === "empty_file"))
              await uploads.remove(id).catch(() => undefined);
            throw error;
          }
        },
      );
    }

    app.post(
      "/api/assessments/:id/evidence/zip",
      {
        schema: {
          tags: ["evidence"],
          summary:
            "Import a ZIP of evidence files named by item code (I9-L1-01_…), or matched by a mapping sheet (multipart: file, optional mapping CSV `file,item`); each matched file becomes evidence for its item, awaiting review, and every other file is listed with why",
          params: z.object({ id: z.uuid() }),
          consumes: ["multipart/form-data"],
          response: {
            200: z.object({
              files: z.number(),
              imported: z.array(z.object({ file: z.string(), item: z.string(), evidenceId: z.string() })),
              unmatched: z.array(z.object({ file: z.string(), reason: z.string(), code: z.string() })),
            }),
          },
        },
      },
      async (request) => {
        const ctx = contextOf(request);
        const { used, room } = await uploadRoom(db, ctx, request.params.id, quotaBytes);
        if (!request.isMultipart())
          throw new ApiError(415, "multipart_required", "Send the archive as multipart/form-data");
        // An archive holds many files: up to ten times one file's limit, within the quota.
        const limit = Math.min(maxBytes * 10, room);
        let staged: Staged | null = null;
        let zipName = "bukti.zip";
        let mappingText: string | null = null;
        try {
          for await (const part of request.parts({ limits: { fileSize: limit + 1, files: 1 } })) {
            if (part.type === "file") {
              if (staged) throw new ApiError(400, "one_file", "Send one archive per import");
              zipName = part.filename || zipName;
              // Read at random places, so kept on this instance's disk whatever the storage.
              staged = await storage.scratch.stage(part.file, limit);
              if (part.file.truncated) throw new TooLargeError(limit);
            } else if (part.fieldname === "mapping") mappingText = String(part.value);
          }
        } catch (error) {
          if (staged) await storage.scratch.discard(staged);
          if (error instanceof TooLargeError) {
            if (limit < maxBytes * 10 && error.limit === limit) throw quotaExceeded(quotaBytes, used);
            throw new ApiError(413, "file_too_large", error.message);
          }
          throw error;
        }
        if (!staged) throw new ApiError(400, "file_required", "The import has no archive");
        const zip: Staged = staged;
        try {
          const unclean = uncleanField({ zipName, mapping: mappingText ?? "" });
          if (unclean !== null) throw invalidText("multipart", unclean);
          return await importZip(db, frameworks, storage, ctx, request.params.id, {
            zip,
            zipName,
            ...(mappingText ? { mapping: parseMapping(mappingText) } : {}),
            maxBytes,
            quotaBytes,
          });
        } finally {
          await storage.scratch.discard(zip);
        }
      },
    );

    app.post(
      "/api/assessments/:id/evidence-links",
      {
        schema: {
          tags: ["evidence"],
          summary:
            "Let existing evidence, or a web address, support a level of an indicator (or one of its evidence items)",
          params: z.object({ id: z.uuid() }),
          body: z.strictObject({
            indicator: z.string().min(1).max(32),
            level: z.number().int().optional(),
            item: z.string().trim().min(1).max(32).optional(),
            note: z.string().max(5000).optional(),
            evidenceId: z.uuid().optional(),
            url: z
              .url({ protocol: /^https?$/ })
              .max(2000)
              .optional(),
            title: z.string().trim().min(1).max(300).optional(),
          }),
          response: { 201: z.object({ linkId: z.string(), evidenceId: z.string() }) },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await addLink(db, frameworks, contextOf(request), request.params.id, request.body)),
    );

    app.put(
      "/api/assessments/:id/evidence-links/:linkId/review",
      {
        schema: {
          tags: ["evidence"],
          summary: "Accept a piece of evidence for its level, or return it for revision with a reason",
          params: z.object({ id: z.uuid(), linkId: z.uuid() }),
          body: z.strictObject({
            review: z.enum(["accepted", "revision"]),
            reason: z.enum(["wrong_document", "not_uploaded", "outdated", "other"]).optional(),
            note: z.string().max(5000).optional(),
            version: z.number().int().positive(),
          }),
          response: {
            200: z.object({
              id: z.string(),
              review: z.string(),
              reason: z.string().nullable(),
              note: z.string().nullable(),
              selfAccepted: z.boolean(),
              version: z.number(),
            }),
          },
        },
      },
      async (request) =>
        reviewLink(
          db,
          frameworks,
          contextOf(request),
          request.params.id,
          request.params.linkId,
          request.body,
        ),
    );

    app.delete(
      "/api/assessments/:id/evidence-links/:linkId",
      {
        schema: {
          tags: ["evidence"],
          summary:
            "Withdraw a piece of evidence from its level before it is accepted (the unit that provided it or the coordinator, during the self-assessment); the file stays in the instansi's evidence",
          params: z.object({ id: z.uuid(), linkId: z.uuid() }),
          response: { 200: z.object({ id: z.string(), withdrawn: z.literal(true) }) },
        },
      },
      async (request) =>
        withdrawLink(db, frameworks, contextOf(request), request.params.id, request.params.linkId),
    );

    app.get(
      "/api/evidence/accepted-types",
      {
        schema: {
          tags: ["evidence"],
          summary: "What evidence uploads accept: file types with their endings, and the largest size",
          response: {
            200: z.object({
              types: z.array(z.object({ mediaType: z.string(), extensions: z.array(z.string()) })),
              maxBytes: z.number(),
            }),
          },
        },
      },
      // Not secret: the drop zone shows it before anyone tries an upload.
      async () => ({ types: ACCEPTED_TYPES.map((t) => ({ ...t, extensions: [...t.extensions] })), maxBytes }),
    );

    app.get(
      "/api/evidence/search",
      {
        schema: {
          tags: ["evidence"],
          summary: "Search the text of evidence you may read (Indonesian stemming, ranked, with snippets)",
          description:
            'Words are matched on their stem ("peraturan" finds "pengaturan"); quotes search a phrase, a minus sign excludes a word. ' +
            "Each result is one evidence linked to one indicator level (the newest file version's text). " +
            "`snippet` is plain text; `marks` are the [start, end) ranges of the matches in it.",
          querystring: z.object({
            q: z
              .string()
              .trim()
              .min(2)
              .max(200)
              .optional()
              .describe("Words to find; without them, the evidence the filters leave, newest first"),
            assessment: z.uuid().optional(),
            organization: z.uuid().optional().describe("The instansi: every year of its evidence"),
            year: z.coerce.number().int().min(2000).max(2100).optional(),
            indicator: z.string().trim().min(1).max(32).optional(),
            level: z.coerce.number().int().min(0).max(100).optional(),
            unit: z.uuid().optional().describe("The unit (OPD) that provided it"),
            status: z
              .enum(["pending", "accepted", "revision"])
              .optional()
              .describe("The assessor's verdict on it"),
            page: z.coerce.number().int().min(1).max(1000).default(1),
            pageSize: z.coerce.number().int().min(1).max(50).default(20),
          }),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  evidenceId: z.string(),
                  versionId: z.string().describe("The file version whose text matched"),
                  title: z.string(),
                  assessmentId: z.string(),
                  organizationName: z.string(),
                  indicator: z.string(),
                  level: z.number(),
                  item: z.string().nullable(),
                  year: z.number(),
                  snippet: z.string(),
                  marks: z.array(z.object({ start: z.number(), end: z.number() })),
                  rank: z.number(),
                  status: z.enum(["pending", "accepted", "revision"]),
                  unitName: z.string().nullable().describe("The unit that provided it"),
                }),
              ),
              total: z.number(),
              page: z.number(),
              pageSize: z.number(),
            }),
          },
        },
      },
      async (request) => {
        const field = uncleanField(request.query.q, "q");
        if (field) throw invalidText("query", field);
        return searchEvidence(db, contextOf(request), request.query);
      },
    );

    app.get(
      "/api/assessments/:id/evidence-reading",
      {
        schema: {
          tags: ["evidence"],
          summary:
            "How far the text of the assessment's evidence files has been read (for search and pre-checks)",
          description:
            "Counts over the newest file of each evidence on each indicator the caller may read: read (done), waiting (pending), scans without text (noText), types whose text is not read (skipped), failed; and pages read by OCR.",
          params: z.object({ id: z.uuid() }),
          response: {
            200: z.object({
              files: z.number(),
              done: z.number(),
              pending: z.number(),
              noText: z.number(),
              skipped: z.number(),
              failed: z.number(),
              ocrPages: z.number(),
            }),
          },
        },
      },
      async (request) => readingProgress(db, frameworks, contextOf(request), request.params.id),
    );

    app.get(
      "/api/evidence/:id",
      {
        schema: {
          tags: ["evidence"],
          summary: "An evidence and all its file versions, and whether you may add a version",
          params: z.object({ id: z.uuid() }),
          response: {
            200: z.object({
              id: z.string(),
              title: z.string(),
              kind: z.enum(["file", "link"]),
              url: z.string().nullable(),
              files: z.array(
                z.object({
                  id: z.string(),
                  sha256: z.string(),
                  size: z.number(),
                  mediaType: z.string(),
                  originalName: z.string(),
                  createdAt: z.date(),
                  findings: FindingsSchema,
                }),
              ),
              can: z.object({ replace: z.boolean() }),
            }),
          },
        },
      },
      async (request) => evidenceVersions(db, frameworks, contextOf(request), request.params.id),
    );

    app.get(
      "/api/evidence/:id/content",
      {
        // Sent as stored, so byte ranges are ranges of the file (and PDFs and scans gain nothing).
        compress: false,
        schema: {
          tags: ["evidence"],
          summary: "Download a file (newest version unless ?file=), or preview PDF and images inline",
          params: z.object({ id: z.uuid() }),
          querystring: z.strictObject({
            file: z.uuid().optional(),
            download: z.enum(["true", "false"]).optional(),
          }),
          response: { 200: ANY_FILE, 206: PARTIAL_FILE },
        },
      },
      async (request, reply) => {
        const { open, file, inline } = await openContent(
          db,
          storage,
          contextOf(request),
          request.params.id,
          request.query.file,
        );
        const asInline = inline && request.query.download !== "true";
        // A download cut on a weak connection goes on from where it stopped, and a PDF viewer
        // fetches the pages it shows.
        const range = byteRange(request.headers.range, file.size);
        if (range === "unsatisfiable") {
          reply.header("content-range", `bytes */${file.size}`);
          throw new ApiError(416, "range_not_satisfiable", `The file has ${file.size} bytes`);
        }
        if (range)
          reply
            .code(206)
            .header("content-range", `bytes ${range.start}-${range.end}/${file.size}`)
            .header("content-length", String(range.end - range.start + 1));
        else reply.header("content-length", String(file.size));
        reply
          .header("content-type", file.mediaType)
          .header("accept-ranges", "bytes")
          .header(
            "content-disposition",
            contentDisposition(asInline ? "inline" : "attachment", file.originalName),
          )
          .header("etag", `"${file.sha256}"`)
          .header("cache-control", "private, max-age=0")
          .header("x-content-type-options", "nosniff")
          // A preview can show the document but never run anything from it.
          .header(
            "content-security-policy",
            "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; plugin-types application/pdf",
          );
        return reply.send(open(range ?? undefined));
      },
    );
  };
}

import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../db/client.js";
import type { EvidenceStorage } from "../evidence/storage.js";
import type { Frameworks } from "../frameworks/service.js";
import { contextOf } from "../http/context.js";
import { download, ZIP, ZIP_TYPE } from "../http/files.js";
import { markUpload, packagePreview, packageZip } from "./service.js";

const Text = z.object({ id: z.string(), en: z.string().optional() });
const Id = z.object({ id: z.uuid() });
const Filter = z.strictObject({
  indicator: z.string().trim().min(1).max(32).optional(),
  unit: z.uuid().optional(),
  accepted: z.enum(["1", "0"]).optional(),
});
const filterOf = (q: z.infer<typeof Filter>) => ({
  indicator: q.indicator,
  unit: q.unit,
  acceptedOnly: q.accepted === "1",
});

export function portalRoutes(
  db: Db,
  frameworks: Frameworks,
  storage: EvidenceStorage,
): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/assessments/:id/portal/package",
      {
        schema: {
          tags: ["portal"],
          summary:
            "What a portal package would hold: every document with its name as the portal wants it, its upload note and unit, and what the portal would refuse (too large, wrong type, a link, returned internally) with what to do",
          params: Id,
          querystring: Filter,
          response: {
            200: z.object({
              profile: z.object({
                name: z.string(),
                url: z.string().optional(),
                acceptedTypes: z.array(z.string()),
                maxFileMb: z.number(),
                fileName: z.string(),
                note: Text.optional(),
              }),
              entries: z.array(
                z.object({
                  code: z.string(),
                  indicator: z.string(),
                  level: z.number(),
                  title: z.string(),
                  kind: z.enum(["file", "link"]),
                  url: z.string().nullable(),
                  evidenceId: z.string(),
                  fileId: z.string().nullable(),
                  path: z.string().nullable(),
                  fileName: z.string().nullable(),
                  size: z.number().nullable(),
                  review: z.enum(["pending", "accepted", "revision"]),
                  units: z.array(z.string()),
                  note: z.string(),
                  problems: z.array(
                    z.object({
                      code: z.enum(["too_large", "wrong_type", "not_a_file", "returned"]),
                      message: Text,
                    }),
                  ),
                  included: z.boolean(),
                }),
              ),
              totals: z.object({
                documents: z.number(),
                files: z.number(),
                bytes: z.number(),
                held: z.number(),
              }),
            }),
          },
        },
      },
      async (request) =>
        packagePreview(db, frameworks, contextOf(request), request.params.id, filterOf(request.query)),
    );

    app.get(
      "/api/assessments/:id/portal/package.zip",
      {
        schema: {
          tags: ["portal"],
          summary:
            "The portal package as a ZIP: a folder per indicator with each file named {item}_{title}, the index sheet (Excel) and the upload notes; files the portal would refuse stay out and are listed",
          params: Id,
          querystring: Filter,
          response: { 200: ZIP },
        },
      },
      async (request, reply) => {
        const { stream, fileName } = await packageZip(
          db,
          frameworks,
          storage,
          contextOf(request),
          request.params.id,
          filterOf(request.query),
        );
        return download(reply, ZIP_TYPE, fileName, stream);
      },
    );

    app.put(
      "/api/assessments/:id/portal/uploads/:code",
      {
        schema: {
          tags: ["portal"],
          summary:
            "Mark an evidence item (or an indicator without items) as uploaded to the portal, or take the mark back; the version seen is checked (409 when someone changed it first)",
          params: z.object({ id: z.uuid(), code: z.string().trim().min(1).max(32) }),
          body: z.strictObject({ uploaded: z.boolean(), version: z.number().int().min(0) }),
          response: {
            200: z.object({ code: z.string(), uploaded: z.boolean(), version: z.number() }),
          },
        },
      },
      async (request) =>
        markUpload(db, frameworks, contextOf(request), request.params.id, request.params.code, request.body),
    );
  };
}

import type { Framework } from "@matang/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../db/client.js";
import { contextOf } from "../http/context.js";
import { ApiError } from "../http/errors.js";
import { organizationHistory } from "../results/history.js";
import { OrganizationHistory } from "../results/schemas.js";
import { importRegistryFile } from "./import.js";
import {
  configureOrganization,
  createOrganization,
  getOrganization,
  listOrganizations,
  moveOrganization,
  ORGANIZATION_KINDS,
  renameOrganization,
} from "./service.js";

const Organization = z.object({
  id: z.string(),
  kind: z.string(),
  category: z.string().nullable(),
  name: z.string(),
  parentId: z.string().nullable(),
  /** Whether an uploader may accept their own evidence here (see PUT …/settings). */
  allowSelfAcceptance: z.boolean(),
  version: z.number(),
});
const Name = z.string().trim().min(1).max(300);
const Id = z.object({ id: z.uuid() });
const Version = z.number().int().positive();

export function organizationRoutes(
  db: Db,
  frameworks: ReadonlyMap<string, Framework>,
): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/organizations",
      {
        schema: {
          tags: ["organizations"],
          summary: "Search and list the organizations you may see",
          querystring: z.strictObject({
            q: z.string().max(200).optional(),
            kind: z
              .union([z.enum(ORGANIZATION_KINDS), z.array(z.enum(ORGANIZATION_KINDS))])
              .optional()
              .transform((k) => (k === undefined ? undefined : Array.isArray(k) ? k : [k])),
            province: z.uuid().optional(),
            parent: z.uuid().optional(),
            page: z.coerce.number().int().min(1).max(100_000).default(1),
            pageSize: z.coerce.number().int().min(1).max(500).default(50),
          }),
          response: {
            200: z.object({
              items: z.array(
                Organization.extend({
                  children: z.number(),
                  /** The name of the organization above it (null at the top). */
                  parentName: z.string().nullable(),
                  can: z.object({ configure: z.boolean() }),
                }),
              ),
              total: z.number(),
              page: z.number(),
              pageSize: z.number(),
            }),
          },
        },
      },
      async (request) => listOrganizations(db, contextOf(request), request.query),
    );

    app.get(
      "/api/organizations/:id",
      {
        schema: {
          tags: ["organizations"],
          summary: "One organization, with its parent and every name it has carried",
          params: Id,
          response: {
            200: Organization.extend({
              parent: z.object({ id: z.string(), name: z.string(), kind: z.string() }).nullable(),
              names: z.array(
                z.object({
                  name: z.string(),
                  fromYear: z.number().nullable(),
                  source: z.string().nullable(),
                }),
              ),
              children: z.number(),
            }),
          },
        },
      },
      async (request) => getOrganization(db, contextOf(request), request.params.id),
    );

    app.get(
      "/api/organizations/:id/history",
      {
        schema: {
          tags: ["organizations"],
          summary:
            "Published results over the years (index, predicate, domains, rank nationally, by type and within the province, rank change) joined with Matang's own assessments",
          params: Id,
          response: { 200: OrganizationHistory },
        },
      },
      async (request) => organizationHistory(db, frameworks, contextOf(request), request.params.id),
    );

    app.post(
      "/api/organizations",
      {
        schema: {
          tags: ["organizations"],
          summary: "Create an instansi or a unit (OPD)",
          body: z.strictObject({
            kind: z.enum(ORGANIZATION_KINDS),
            name: Name,
            parentId: z.uuid().optional(),
            category: z.string().trim().max(200).optional(),
          }),
          response: { 201: Organization },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createOrganization(db, contextOf(request), request.body)),
    );

    app.put(
      "/api/organizations/:id/settings",
      {
        schema: {
          tags: ["organizations"],
          summary:
            "An instansi's settings, by its coordinator: whether whoever uploaded evidence may also accept it (off by default); 409 if the version is stale",
          params: Id,
          body: z.strictObject({ allowSelfAcceptance: z.boolean(), version: Version }),
          response: { 200: Organization },
        },
      },
      async (request) => configureOrganization(db, contextOf(request), request.params.id, request.body),
    );

    app.patch(
      "/api/organizations/:id",
      {
        schema: {
          tags: ["organizations"],
          summary: "Rename (the old name stays in its history); 409 if the version is stale",
          params: Id,
          body: z.strictObject({ name: Name, version: Version }),
          response: { 200: Organization },
        },
      },
      async (request) => renameOrganization(db, contextOf(request), request.params.id, request.body),
    );

    // The registry CSV comes as the raw request body (text/csv), up to 10 MB.
    app.addContentTypeParser(
      "text/csv",
      { parseAs: "string", bodyLimit: 10 * 1024 * 1024 },
      (_request, body, done) => done(null, body),
    );
    app.post(
      "/api/organizations/import",
      {
        schema: {
          tags: ["organizations"],
          summary:
            "Import the instansi registry (CSV like the official results: instansi, type, region[, group])",
          consumes: ["text/csv"],
          querystring: z.strictObject({
            year: z.coerce.number().int().min(1900).max(2200).optional(),
            name: z.string().max(200).optional(),
          }),
          response: {
            200: z.object({
              total: z.number(),
              created: z.number(),
              matched: z.number(),
              linked: z.number(),
              byKind: z.record(z.string(), z.number()),
            }),
          },
        },
      },
      async (request) => {
        if (typeof request.body !== "string")
          throw new ApiError(415, "csv_required", "Send the registry as text/csv");
        return importRegistryFile(db, contextOf(request), request.body, {
          source: request.query.name ?? "upload.csv",
          year: request.query.year ?? null,
        });
      },
    );

    app.post(
      "/api/organizations/:id/move",
      {
        schema: {
          tags: ["organizations"],
          summary: "Move under another parent, with its whole subtree; 409 if the version is stale",
          params: Id,
          body: z.strictObject({ parentId: z.uuid(), version: Version }),
          response: { 200: Organization },
        },
      },
      async (request) => moveOrganization(db, contextOf(request), request.params.id, request.body),
    );
  };
}

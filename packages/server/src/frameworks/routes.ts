import { FrameworkSchema } from "@matang/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../db/client.js";
import { contextOf } from "../http/context.js";
import { notFound } from "../http/errors.js";
import { type FrameworkMap, importFramework, shippedMappings } from "./service.js";

const Text = z.object({ id: z.string(), en: z.string().optional() });

export function frameworkRoutes(db: Db, frameworks: FrameworkMap): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/frameworks",
      {
        schema: {
          tags: ["frameworks"],
          summary: "The evaluation frameworks Matang knows",
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.string(),
                  title: Text,
                  years: z.array(z.number()),
                  domains: z.number(),
                  aspects: z.number(),
                  indicators: z.number(),
                  /** Decimals an indicator value takes (0: whole levels). */
                  decimals: z.number(),
                  /** Compiled from secondary sources before the official text: the short note to show. */
                  provisional: z.object({ note: Text }).nullable(),
                }),
              ),
            }),
          },
        },
      },
      async () => ({
        items: [...frameworks.values()].map((f) => ({
          id: f.id,
          title: f.title,
          years: [...f.years],
          domains: f.domains.length,
          aspects: f.aspects.length,
          indicators: f.indicators.length,
          decimals: f.valuePlaces,
          provisional: f.provisional ? { note: f.provisional.note } : null,
        })),
      }),
    );
    app.get(
      "/api/frameworks/:id",
      {
        schema: {
          tags: ["frameworks"],
          summary:
            "A framework's full tree: domains, aspects, indicators, levels, criteria, evidence guidance",
          params: z.object({ id: z.string().max(64) }),
          response: { 200: FrameworkSchema },
        },
      },
      async (request) => {
        const framework = frameworks.get(request.params.id);
        if (!framework) throw notFound(`Framework "${request.params.id}"`);
        return framework.definition;
      },
    );

    app.get(
      "/api/framework-mappings",
      {
        schema: {
          tags: ["frameworks"],
          summary:
            "The shipped mappings between frameworks (which new items an old indicator's evidence likely answers), for review",
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.string(),
                  title: Text,
                  from: z.string(),
                  to: z.string(),
                  note: Text,
                  entries: z.array(
                    z.object({
                      from: z.string(),
                      fromName: Text,
                      /** Levels of the old indicator whose evidence this covers; null: all. */
                      levels: z.array(z.number()).nullable(),
                      items: z.array(z.object({ code: z.string(), text: Text })),
                      note: Text,
                    }),
                  ),
                }),
              ),
            }),
          },
        },
      },
      async () => ({
        items: shippedMappings(frameworks).map((m) => {
          const from = frameworks.get(m.from);
          const to = frameworks.get(m.to);
          return {
            ...m,
            entries: m.entries.map((e) => ({
              from: e.from,
              fromName: from?.indicatorByCode.get(e.from)?.name ?? { id: e.from },
              levels: e.levels ?? null,
              items: e.items.map((code) => ({ code, text: to?.itemByCode.get(code)?.text ?? { id: code } })),
              note: e.note,
            })),
          };
        }),
      }),
    );

    app.post(
      "/api/frameworks",
      {
        // Framework files are large (criteria for every level of every indicator).
        bodyLimit: 5 * 1024 * 1024,
        schema: {
          tags: ["frameworks"],
          summary: "Import a framework file (matang.framework/v1); 422 lists every problem with its path",
          body: z.unknown(),
          response: { 201: z.object({ id: z.string(), indicators: z.number() }) },
        },
      },
      async (request, reply) => {
        const framework = await importFramework(db, frameworks, contextOf(request), request.body);
        return reply.status(201).send({ id: framework.id, indicators: framework.indicators.length });
      },
    );
  };
}

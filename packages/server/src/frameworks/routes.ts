import type { Framework } from "@matang/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { notFound } from "../http/errors.js";

const Text = z.object({ id: z.string(), en: z.string().optional() });

export function frameworkRoutes(frameworks: ReadonlyMap<string, Framework>): FastifyPluginAsyncZod {
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
        },
      },
      async (request) => {
        const framework = frameworks.get(request.params.id);
        if (!framework) throw notFound(`Framework "${request.params.id}"`);
        return framework.definition;
      },
    );
  };
}

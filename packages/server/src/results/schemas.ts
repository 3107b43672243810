// What the results routes answer (published results, an organization's history).
import { STATES } from "@matang/core";
import { z } from "zod";
import { Headline } from "../assessments/schemas.js";

export const LocalText = z.object({ id: z.string(), en: z.string().optional() });

export const SpreadSchema = z.object({
  count: z.number(),
  mean: z.string().nullable(),
  min: z.string().nullable(),
  max: z.string().nullable(),
  range: z.string().nullable(),
  stddev: z.string().nullable(),
});
export const Item = z.object({
  organizationId: z.string(),
  organization: z.string(),
  nameAsPublished: z.string(),
  type: z.string(),
  province: z.string().nullable(),
  index: z.string(),
  predicate: z.string(),
  /** Domain values as published (D1, D2, …), or aspect values (A1, A2, …) on an index without domains. */
  domains: z.record(z.string(), z.string()),
  rank: z.number(),
  of: z.number(),
  rankInType: z.number(),
  ofType: z.number(),
  rankInProvince: z.number().nullable(),
  ofProvince: z.number().nullable(),
  percentile: z.number(),
  previousRank: z.number().nullable(),
  rankChange: z.number().nullable(),
  previousIndex: z.string().nullable(),
});

/** An organization's published results over the years, joined with Matang's own assessments. */
export const OrganizationHistory = z.object({
  organization: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  can: z.object({ readTargets: z.boolean() }),
  years: z.array(
    z.object({
      year: z.number(),
      /** The index the year's official results are on (from the framework of that year). */
      indexName: LocalText.nullable(),
      /** The official national index of the year, as published. */
      national: z.object({ index: z.string(), source: z.string() }).nullable(),
      published: Item.pick({
        index: true,
        predicate: true,
        domains: true,
        nameAsPublished: true,
        rank: true,
        of: true,
        rankInType: true,
        ofType: true,
        rankInProvince: true,
        ofProvince: true,
        percentile: true,
        rankChange: true,
      }).nullable(),
      assessments: z.array(
        z.object({
          id: z.string(),
          cycle: z.string(),
          indexName: LocalText.nullable(),
          state: z.enum(STATES),
          headline: Headline,
          stage: z.string().nullable(),
          index: z.string().nullable(),
          predicate: z.string().nullable(),
        }),
      ),
    }),
  ),
});

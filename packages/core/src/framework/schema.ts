import { z } from "zod";

/** The format tag every framework file carries, so a future v2 can be told apart. */
export const FRAMEWORK_FORMAT = "matang.framework/v1";

const nonBlank = z.string().trim().min(1, "must not be empty");

/** Human text: Indonesian (`id`, required) and English (`en`, optional). */
export const LocalizedTextSchema = z.strictObject({
  id: nonBlank,
  en: nonBlank.optional(),
});

const code = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(32)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "use letters, digits, '.', '_' or '-'");

const weight = z.number().positive("must be greater than 0").finite();

export const ScaleLevelSchema = z.strictObject({
  value: z.number().int("must be a whole number"),
  name: LocalizedTextSchema,
  meaning: LocalizedTextSchema.optional(),
  /** false for a level such as "not present" that needs no evidence; default true. */
  evidenceRequired: z.boolean().optional(),
});

export const ScaleSchema = z.strictObject({
  id: code,
  name: LocalizedTextSchema,
  levels: z.array(ScaleLevelSchema).min(2, "a scale needs at least two levels").max(100),
});

export const IndicatorLevelSchema = z.strictObject({
  value: z.number().int("must be a whole number"),
  criteria: LocalizedTextSchema,
  evidence: LocalizedTextSchema.optional(),
});

export const IndicatorSchema = z.strictObject({
  code,
  name: LocalizedTextSchema,
  weight,
  scale: code,
  description: LocalizedTextSchema.optional(),
  levels: z.array(IndicatorLevelSchema),
});

export const AspectSchema = z.strictObject({
  code,
  name: LocalizedTextSchema,
  weight,
  indicators: z.array(IndicatorSchema).min(1, "an aspect needs at least one indicator"),
});

export const DomainSchema = z.strictObject({
  code,
  name: LocalizedTextSchema,
  weight,
  aspects: z.array(AspectSchema).min(1, "a domain needs at least one aspect"),
});

/** A predicate band: `min` inclusive, `max` exclusive except for the band that ends at the top. */
export const PredicateSchema = z.strictObject({
  name: LocalizedTextSchema,
  min: z.number().finite(),
  max: z.number().finite(),
});

export const FrameworkSchema = z.strictObject({
  format: z.literal(FRAMEWORK_FORMAT, { error: `must be "${FRAMEWORK_FORMAT}"` }),
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{0,63}$/, "use lower-case letters, digits, '.' or '-' (at most 64)"),
  /**
   * The file's edition, raised with every correction. Only texts may change under the same id once
   * a cycle used it: weights, codes, scales and bands are a new framework id.
   */
  version: z.number().int().min(1, "must be 1 or more").optional(),
  title: LocalizedTextSchema,
  legalBasis: z.string().optional(),
  years: z.array(z.number().int().min(1900).max(2200)).min(1, "name at least one year"),
  notes: z.array(LocalizedTextSchema).optional(),
  scales: z.array(ScaleSchema).min(1, "define at least one scale"),
  predicates: z.array(PredicateSchema).min(1, "define at least one predicate band"),
  domains: z.array(DomainSchema).min(1, "a framework needs at least one domain"),
});

export type LocalizedText = z.infer<typeof LocalizedTextSchema>;
export type ScaleLevelDef = z.infer<typeof ScaleLevelSchema>;
export type ScaleDef = z.infer<typeof ScaleSchema>;
export type IndicatorLevelDef = z.infer<typeof IndicatorLevelSchema>;
export type IndicatorDef = z.infer<typeof IndicatorSchema>;
export type AspectDef = z.infer<typeof AspectSchema>;
export type DomainDef = z.infer<typeof DomainSchema>;
export type PredicateDef = z.infer<typeof PredicateSchema>;
export type FrameworkDef = z.infer<typeof FrameworkSchema>;

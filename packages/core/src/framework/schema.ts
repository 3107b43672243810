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
  /**
   * Absent: a value is one of the levels. A number: any value from the lowest to the highest
   * level with at most this many decimals (Pemdi: 1.00–5.00, 2); the levels stay the named
   * steps that criteria, evidence items and plans speak of.
   */
  decimals: z
    .number()
    .int("must be a whole number")
    .min(1, "must be 1 to 4")
    .max(4, "must be 1 to 4")
    .optional(),
});

/**
 * What a level (or an item) asks of its documents, checked when their text is read: the kinds of
 * document that fit, and how old a review report or an instrument may be at the self-assessment's
 * start. Findings inform; they never refuse a document.
 */
export const EvidenceCheckSchema = z.strictObject({
  /** Ids of `evidenceChecks.documentKinds`: a document recognised as another kind is flagged. */
  kinds: z.array(code).min(1, "name at least one kind").max(20).optional(),
  /** A review report (a kind with `review`) older than this many months is flagged. */
  reviewWithinMonths: z.number().int().positive().max(600).optional(),
  /** A document (an instrument, an external index's result) older than this many months is flagged. */
  instrumentWithinMonths: z.number().int().positive().max(600).optional(),
});

/** A kind of document (a decree, a regional regulation, a review report, a screenshot…). */
export const DocumentKindSchema = z.strictObject({
  id: code,
  name: LocalizedTextSchema,
  /** Regular expressions, case-insensitive, one of which the document's opening matches. */
  patterns: z.array(z.string().min(1).max(200)).max(20).optional(),
  /** Media types that are this kind whatever they say ("image/" for every picture). */
  mediaTypes: z.array(z.string().min(1).max(100)).max(20).optional(),
  /** A review or evaluation report: its age counts where a level asks for a recent review. */
  review: z.boolean().optional(),
});

/** The framework's pre-check rules for evidence documents. */
export const EvidenceChecksSchema = z.strictObject({
  /** In order: a document is the first kind that fits (list the specific before the general). */
  documentKinds: z.array(DocumentKindSchema).max(100).optional(),
  /** A file smaller than this many bytes is near-empty. */
  tinyBytes: z.number().int().positive().optional(),
  /** A document with fewer characters of text than this per page is near-empty. */
  minTextChars: z.number().int().positive().optional(),
});

/** One piece of evidence a level asks for ("butir"), with the code the national portal uses. */
export const EvidenceItemSchema = z.strictObject({
  code,
  text: LocalizedTextSchema,
  check: EvidenceCheckSchema.optional(),
});

/**
 * What the calendar asks of reaching a level, for the multi-year planner (defaults an instansi may
 * change per indicator). Years count from the plan's first year (0).
 */
export const LevelPlanSchema = z.strictObject({
  /** Years that must pass after the level below is reached (a review, then its follow-up: 1). */
  afterPrevious: z.number().int().min(0).max(5).optional(),
  /** The first plan year in which it can be reached (a regulation through the legal bureau). */
  earliest: z.number().int().min(0).max(5).optional(),
  /** Costs money: it must be in the work plan and budget (Renja/APBD) of the year before. */
  budget: z.boolean().optional(),
  /** Effort of this level step where the instansi gives none (default 1). */
  effort: z.number().positive().max(1000).optional(),
  /** Why, in words a coordinator reads. */
  reason: LocalizedTextSchema.optional(),
});

export const IndicatorLevelSchema = z.strictObject({
  value: z.number().int("must be a whole number"),
  criteria: LocalizedTextSchema,
  evidence: LocalizedTextSchema.optional(),
  /** The evidence items of this level, each reviewed on its own. */
  items: z.array(EvidenceItemSchema).optional(),
  plan: LevelPlanSchema.optional(),
  /** What its documents are checked for (an item's own check replaces it). */
  check: EvidenceCheckSchema.optional(),
});

export const IndicatorSchema = z.strictObject({
  code,
  name: LocalizedTextSchema,
  weight,
  scale: code,
  description: LocalizedTextSchema.optional(),
  /** Other codes people use for this indicator (e.g. "1.1", "IK-01"); input accepts them too. */
  aliases: z.array(code).optional(),
  /** The code of an external index (`externalIndices`) whose value sets this indicator's level. */
  external: code.optional(),
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

/**
 * A range of values. Bounds are inclusive or exclusive as written; by default `min` is inclusive
 * and `max` exclusive, except the top band of a list, whose `max` is inclusive.
 */
const band = {
  min: z.number().finite(),
  max: z.number().finite(),
  minInclusive: z.boolean().optional(),
  maxInclusive: z.boolean().optional(),
};

/** A predicate band, its name and its labels in other label sets (`labelSets`). */
export const PredicateSchema = z.strictObject({
  name: LocalizedTextSchema,
  ...band,
  labels: z.record(z.string(), LocalizedTextSchema).optional(),
});

/** Another way of naming the predicate bands (e.g. Merintis…Unggul / Initiate…Leading). */
export const LabelSetSchema = z.strictObject({
  id: code,
  name: LocalizedTextSchema,
});

/** A band of an external index and the indicator level it gives. */
export const ExternalBandSchema = z.strictObject({
  level: z.number().int("must be a whole number"),
  ...band,
});

/** Another agency's index that sets the level of the indicators naming it in `external`. */
export const ExternalIndexSchema = z.strictObject({
  code,
  name: LocalizedTextSchema,
  /** Who publishes it (e.g. BSSN). */
  owner: z.string().trim().min(1).optional(),
  min: z.number().finite(),
  max: z.number().finite(),
  /** How many decimals a value has at most. */
  decimals: z.number().int().min(0).max(4).optional(),
  bands: z.array(ExternalBandSchema).min(1, "define at least one band"),
  /** A value older than this many months no longer counts (IKASANDI: 12). */
  maxAgeMonths: z.number().int().positive().optional(),
  /** The level the fed indicators count while no value is recorded; absent: they are unanswered. */
  missingLevel: z.number().int().optional(),
});

const confidence = z.enum(["high", "medium", "low", "unknown"]);

/**
 * A framework compiled from secondary sources before its official text could be read: shown as
 * such wherever it appears, with its sources, how sure each part is, and what is still open.
 */
export const ProvisionalSchema = z.strictObject({
  note: LocalizedTextSchema,
  sources: z.array(z.strictObject({ code, text: nonBlank })).optional(),
  confidence: z
    .array(
      z.strictObject({ subject: LocalizedTextSchema, level: confidence, sources: z.array(code).optional() }),
    )
    .optional(),
  openQuestions: z.array(LocalizedTextSchema).optional(),
});

/**
 * What the national portal accepts for an uploaded document, so that files that would be refused
 * there are found before export: file types (extensions), the largest size, how files are named.
 */
export const PortalProfileSchema = z.strictObject({
  name: z.string().min(1),
  url: z.url().optional(),
  /** Lower-case file extensions without the dot, e.g. "pdf". */
  acceptedTypes: z
    .array(z.string().regex(/^[a-z0-9]{1,8}$/, "a lower-case extension without the dot, e.g. pdf"))
    .min(1, "name at least one file type"),
  maxFileMb: z.number().positive().max(10_000),
  /** File name in the package, without extension: {code} (item, else indicator), {level}, {title}. */
  fileName: z
    .string()
    .regex(/\{title\}/, "must contain {title}")
    .max(100),
  /** Where these limits come from, or that they are not confirmed. */
  note: LocalizedTextSchema.optional(),
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
  /** The name of the index it produces (e.g. Indeks Pemerintah Digital), for reports' titles. */
  indexName: LocalizedTextSchema.optional(),
  legalBasis: z.string().optional(),
  years: z.array(z.number().int().min(1900).max(2200)).min(1, "name at least one year"),
  notes: z.array(LocalizedTextSchema).optional(),
  provisional: ProvisionalSchema.optional(),
  scales: z.array(ScaleSchema).min(1, "define at least one scale"),
  predicates: z.array(PredicateSchema).min(1, "define at least one predicate band"),
  labelSets: z.array(LabelSetSchema).optional(),
  /** Either domains (each with aspects) or, for a framework without domains, aspects. */
  domains: z.array(DomainSchema).min(1, "a framework needs at least one domain").optional(),
  aspects: z.array(AspectSchema).min(1, "a framework needs at least one aspect").optional(),
  externalIndices: z.array(ExternalIndexSchema).optional(),
  /** The national portal the evaluation is uploaded to, as it accepts documents. */
  portal: PortalProfileSchema.optional(),
  /**
   * How accepted evidence items become an indicator's value. `null` while the official rule is
   * not known: values are then entered by people and nothing computes one in its place.
   */
  valueFromItems: z.null().optional(),
  /** Pre-checks of uploaded documents: kinds of document, near-empty files. */
  evidenceChecks: EvidenceChecksSchema.optional(),
});

export type LocalizedText = z.infer<typeof LocalizedTextSchema>;
export type ScaleLevelDef = z.infer<typeof ScaleLevelSchema>;
export type ScaleDef = z.infer<typeof ScaleSchema>;
export type IndicatorLevelDef = z.infer<typeof IndicatorLevelSchema>;
export type LevelPlanDef = z.infer<typeof LevelPlanSchema>;
export type IndicatorDef = z.infer<typeof IndicatorSchema>;
export type AspectDef = z.infer<typeof AspectSchema>;
export type DomainDef = z.infer<typeof DomainSchema>;
export type PredicateDef = z.infer<typeof PredicateSchema>;
export type EvidenceItemDef = z.infer<typeof EvidenceItemSchema>;
export type ExternalIndexDef = z.infer<typeof ExternalIndexSchema>;
export type ExternalBandDef = z.infer<typeof ExternalBandSchema>;
export type LabelSetDef = z.infer<typeof LabelSetSchema>;
export type ProvisionalDef = z.infer<typeof ProvisionalSchema>;
export type PortalProfileDef = z.infer<typeof PortalProfileSchema>;
export type FrameworkDef = z.infer<typeof FrameworkSchema>;
export type EvidenceCheckDef = z.infer<typeof EvidenceCheckSchema>;
export type EvidenceChecksDef = z.infer<typeof EvidenceChecksSchema>;
export type DocumentKindDef = z.infer<typeof DocumentKindSchema>;

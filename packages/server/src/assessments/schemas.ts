// What the assessment routes answer: the contract the web's generated types come from.
import {
  ASSESSMENT_ACTIONS,
  EVIDENCE_STATUSES,
  ITEM_STATUSES,
  LEVEL_STAGES,
  NOT_EVALUATED_REASONS,
  SCORE_STAGES,
  STATES,
  TRANSITION_OPERATIONS,
} from "@matang/core";
import { z } from "zod";
import { FindingsSchema } from "../evidence/findings.js";

const Label = z.object({ id: z.string(), en: z.string() });

/** core's Figure: the exact index when complete, else the floor–ceiling range. */
export const Figure = z.object({
  complete: z.boolean(),
  index: z.number().nullable(),
  indexDisplay: z.string().nullable(),
  predicate: z.string().nullable(),
  /** The predicate in both languages (English where the framework gives it). */
  predicateName: z.object({ id: z.string(), en: z.string().optional() }).nullable(),
  /** Its labels in the framework's other label sets (Pemdi: Merintis…Unggul / Initiate…Leading). */
  predicateLabels: z.record(z.string(), z.object({ id: z.string(), en: z.string().optional() })),
  floor: z.number(),
  ceiling: z.number(),
  floorDisplay: z.string(),
  ceilingDisplay: z.string(),
  answered: z.number(),
  total: z.number(),
});

/** core's Headline: the one figure every page shows, with its label and source. */
export const Headline = Figure.extend({
  source: z.literal("stage"),
  stage: z.enum(LEVEL_STAGES),
  label: Label,
}).meta({ id: "Headline" });

const GroupScore = z.object({
  code: z.string(),
  name: z.string(),
  index: z.number().nullable(),
  indexDisplay: z.string().nullable(),
  floor: z.number(),
  ceiling: z.number(),
});

const StageScore = Figure.extend({
  missing: z.number(),
  domains: z.array(GroupScore),
  aspects: z.array(GroupScore),
});

/** core's Blocked: why a permitted action cannot be done now. */
export const Blocked = z
  .discriminatedUnion("code", [
    z.object({ code: z.literal("wrong_state"), states: z.array(z.enum(STATES)) }),
    z.object({ code: z.literal("stage_closed"), end: z.string().nullable() }),
    z.object({ code: z.literal("incomplete"), missing: z.array(z.string()) }),
    z.object({ code: z.literal("validation_open"), indicators: z.array(z.string()) }),
  ])
  .meta({ id: "Blocked" });

const actionFlags = Object.fromEntries(ASSESSMENT_ACTIONS.map((a) => [a, z.boolean()])) as Record<
  (typeof ASSESSMENT_ACTIONS)[number],
  z.ZodBoolean
>;

export const Assessment = z
  .object({
    id: z.string(),
    state: z.enum(STATES),
    version: z.number(),
    submittedAt: z.string().nullable(),
    reopenedUntil: z.string().nullable(),
    stageOpen: z.boolean(),
    /** What the caller may do now: permission, state, schedule and preconditions together. */
    can: z.object({
      ...actionFlags,
      overview: z.boolean(),
      readTargets: z.boolean(),
      setTargets: z.boolean(),
      /** Read the instansi's calibration beside its peers (GET /api/cycles/{id}/calibration?organization=). */
      calibrate: z.boolean(),
      /** Export packages for, and mark uploads to, the national portal. */
      portal: z.boolean(),
      /** Read the improvement checklist (an operator: its units' items). */
      checklist: z.boolean(),
      /** Build it, assign owners and due dates, verify. */
      manageChecklist: z.boolean(),
      /** Record whether the instansi is evaluated in this cycle. */
      setEvaluation: z.boolean(),
    }),
    /** For what the caller is permitted but cannot do now: what is missing. */
    blocked: z.object(
      Object.fromEntries(ASSESSMENT_ACTIONS.map((a) => [a, Blocked.optional()])) as Record<
        (typeof ASSESSMENT_ACTIONS)[number],
        z.ZodOptional<typeof Blocked>
      >,
    ),
    /** The moves the caller may make now. */
    moves: z.array(
      z.object({
        to: z.enum(STATES),
        operation: z.enum(TRANSITION_OPERATIONS),
        direction: z.enum(["forward", "back"]),
        /** Indicators this stage did not score: moving on keeps their earlier level, once confirmed. */
        unscored: z.array(z.string()),
      }),
    ),
    cycle: z.object({
      id: z.string(),
      year: z.number(),
      name: z.string(),
      frameworkId: z.string(),
      schedule: z.record(z.string(), z.object({ start: z.string(), end: z.string() })),
    }),
    organization: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
    scores: z.object(
      Object.fromEntries(LEVEL_STAGES.map((stage) => [stage, StageScore])) as Record<
        (typeof LEVEL_STAGES)[number],
        typeof StageScore
      >,
    ),
    headline: Headline,
    /** The review team's verdicts: valid, sent back (not valid), corrected and awaiting a new look. */
    validation: z.object({ valid: z.number(), notValid: z.number(), corrected: z.number() }),
    /** false: not evaluated in this cycle (its own monitoring, never published), and why. */
    evaluation: z.object({ evaluated: z.boolean(), reason: z.enum(NOT_EVALUATED_REASONS).nullable() }),
  })
  .meta({ id: "Assessment" });

export const AssessmentSummary = z
  .object({
    id: z.string(),
    cycleId: z.string(),
    organizationId: z.string(),
    organizationName: z.string(),
    cycleName: z.string(),
    year: z.number(),
    state: z.enum(STATES),
    version: z.number(),
  })
  .meta({ id: "AssessmentSummary" });

export const StageValue = z
  .object({
    level: z.number().nullable(),
    note: z.string(),
    verdict: z.string().nullable(),
    version: z.number(),
  })
  .meta({ id: "StageValue" });

export const EvidenceLink = z
  .object({
    id: z.string(),
    level: z.number(),
    /** The evidence item it answers (e.g. I9-L1-01), where the framework lists items. */
    item: z.string().nullable(),
    /** The uploader's note for the item. */
    uploadNote: z.string(),
    evidenceId: z.string(),
    title: z.string(),
    kind: z.enum(["file", "link"]),
    url: z.string().nullable(),
    review: z.enum(["pending", "accepted", "revision"]),
    reason: z.string().nullable(),
    note: z.string().nullable(),
    /** The unit it is from, and who put it there ("uploaded by X on behalf of unit Y"). */
    unitId: z.string().nullable(),
    uploadedBy: z.string().nullable(),
    /** Accepted by its own uploader, as the instansi's settings allow. */
    selfAccepted: z.boolean(),
    version: z.number(),
    /** The newest file (null for a web address): name, size in bytes, type, when and by whom. */
    file: z
      .object({
        name: z.string(),
        size: z.number(),
        mediaType: z.string(),
        uploadedAt: z.string(),
        uploadedBy: z.string().nullable(),
        /**
         * Its text, read in the background for search: pending (not yet), done, no_text (a scan
         * OCR could not read), skipped (a type not read), failed; pages, and pages read by OCR.
         */
        text: z
          .object({
            status: z.enum(["pending", "done", "no_text", "skipped", "failed"]),
            pages: z.number().nullable(),
            ocrPages: z.number(),
          })
          .nullable(),
        findings: FindingsSchema,
      })
      .nullable(),
    /** Which version of the evidence the newest file is (1 for the first upload). */
    fileVersion: z.number(),
    /** When it was put against this level. */
    addedAt: z.string(),
    /**
     * review: give a verdict now; accept: accepting is among them (not one's own upload); replace:
     * upload a new version; withdraw: take it off this level (not once accepted).
     */
    can: z.object({ review: z.boolean(), accept: z.boolean(), replace: z.boolean(), withdraw: z.boolean() }),
  })
  .meta({ id: "EvidenceLink" });

export const UnitAnswer = z
  .object({
    unitId: z.string(),
    level: z.number().nullable(),
    explanation: z.string(),
    status: z.enum(["in_progress", "ready", "returned"]),
    returnNote: z.string().nullable(),
    version: z.number(),
  })
  .meta({ id: "UnitAnswer" });

/** One evidence item of an indicator: where it stands with the assessor, and who provides it. */
export const ItemRow = z
  .object({
    code: z.string(),
    level: z.number(),
    text: z.object({ id: z.string(), en: z.string().optional() }),
    status: z.enum(ITEM_STATUSES),
    reason: z.string().nullable(),
    note: z.string().nullable(),
    /** For an automatic rejection: the lower levels' items not accepted yet. */
    blockedBy: z.array(z.string()),
    links: z.number(),
    unitId: z.string().nullable(),
    unitName: z.string().nullable(),
    dueDate: z.string().nullable(),
    /** Provided by one of the caller's own units. */
    mine: z.boolean(),
  })
  .meta({ id: "ItemRow" });

/** An external index feeding an indicator, as recorded for the assessment (core's standing). */
export const ExternalFeed = z
  .object({
    index: z.string(),
    name: z.object({ id: z.string(), en: z.string().optional() }),
    owner: z.string().nullable(),
    value: z.number().nullable(),
    measuredOn: z.string().nullable(),
    expiresOn: z.string().nullable(),
    state: z.enum(["recorded", "missing", "expired"]),
    /** The level the value's band gives; null while missing or expired. */
    level: z.number().nullable(),
    /** What the indicator counts (the band's level, or the framework's level for a missing value). */
    counted: z.number().nullable(),
  })
  .meta({ id: "ExternalFeed" });

export const IndicatorRow = z
  .object({
    code: z.string(),
    name: z.string(),
    names: z.object({ id: z.string(), en: z.string().optional() }),
    weight: z.number(),
    aspect: z.string(),
    domain: z.string().nullable(),
    scale: z.string(),
    /** Decimals a value of this indicator takes (0: whole levels only), from its scale. */
    decimals: z.number(),
    status: z.enum(["not_started", "in_progress", "ready", "returned", "done"]),
    assignments: z.array(
      z.object({ unitId: z.string(), unitName: z.string(), dueDate: z.string().nullable() }),
    ),
    assignmentVersion: z.number(),
    unitAnswers: z.array(UnitAnswer),
    stages: z.object(
      Object.fromEntries(SCORE_STAGES.map((stage) => [stage, StageValue.optional()])) as Record<
        (typeof SCORE_STAGES)[number],
        z.ZodOptional<typeof StageValue>
      >,
    ),
    claimedLevel: z.number().nullable(),
    /** What the indicator lacks before submission: the answer is required; evidence and proposals are expected. */
    gaps: z.array(
      z.discriminatedUnion("gap", [
        z.object({ gap: z.literal("level") }),
        z.object({ gap: z.literal("explanation") }),
        z.object({ gap: z.literal("evidence"), levels: z.array(z.number()) }),
        z.object({ gap: z.literal("proposal"), units: z.array(z.string()) }),
      ]),
    ),
    /** During the review: who acts next on this indicator (the review team, the assessor, nobody). */
    review: z.object({ next: z.enum(["review", "assessor"]).nullable() }).nullable(),
    supportedLevel: z.number().nullable(),
    /** The first level without accepted evidence, and where its evidence stands (core). */
    gating: z.object({ blockedAt: z.number().nullable(), blockedBy: z.enum(EVIDENCE_STATUSES).nullable() }),
    evidence: z.array(EvidenceLink),
    /** Its evidence items, where the framework lists them (the caller's units' items for an operator). */
    items: z.array(ItemRow),
    /** Accepted items of how many, per level ("L1 3/3 · L2 1/4"). */
    itemCounts: z.array(z.object({ level: z.number(), accepted: z.number(), total: z.number() })),
    /** The external index its level comes from, if any. */
    external: ExternalFeed.nullable(),
    /** The unit whose proposal the caller writes, when they answer for one. */
    answerUnitId: z.string().nullable(),
    /** What the caller may do with this indicator now. */
    can: z.object({
      answer: z.boolean(),
      consolidate: z.boolean(),
      returnProposal: z.boolean(),
      assign: z.boolean(),
      addEvidence: z.boolean(),
      reviewEvidence: z.boolean(),
      score: z.boolean(),
      validate: z.boolean(),
    }),
  })
  .meta({ id: "IndicatorRow" });

export const HistoryItem = z
  .object({
    assessmentId: z.string(),
    year: z.number(),
    cycle: z.string(),
    indexName: z.object({ id: z.string(), en: z.string().optional() }).nullable(),
    state: z.enum(STATES),
    headline: Headline,
    stage: z.enum(LEVEL_STAGES).nullable(),
    index: z.number().nullable(),
    indexDisplay: z.string().nullable(),
    predicate: z.string().nullable(),
  })
  .meta({ id: "HistoryItem" });

export const Comment = z
  .object({
    id: z.string(),
    author: z.string(),
    body: z.string(),
    createdAt: z.date(),
  })
  .meta({ id: "Comment" });

export const Thread = z
  .object({
    comments: z.array(Comment),
    history: z.array(
      z.object({
        at: z.date(),
        actor: z.string(),
        action: z.string(),
        before: z.unknown(),
        after: z.unknown(),
      }),
    ),
  })
  .meta({ id: "Thread" });

export const Moved = z.object({
  state: z.enum(STATES),
  version: z.number(),
  reopenedUntil: z.date().nullable(),
});

export const CopyReport = z.object({
  from: z.string(),
  copied: z.array(z.string()),
  evidenceLinks: z.number(),
  skipped: z.array(z.object({ code: z.string(), reason: z.string() })),
  /** The shipped mapping between the two frameworks that placed the evidence, when one did. */
  mapping: z
    .object({ id: z.string(), title: z.object({ id: z.string(), en: z.string().optional() }) })
    .nullable(),
  /** Evidence items of the new framework that received evidence, with how many documents each. */
  items: z.array(z.object({ code: z.string(), evidence: z.number() })),
});

import type { Scale } from "./framework/model.js";

/** Where an indicator level's evidence stands with the assessor. */
export const EVIDENCE_STATUSES = ["accepted", "returned", "pending", "missing"] as const;
export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number];

export interface SupportedLevel {
  /** The highest level whose evidence, and every lower level's, is accepted; null when none is. */
  readonly level: number | null;
  /** The first level (ascending) that breaks the chain, or null when every level is supported. */
  readonly blockedAt: number | null;
  /** The status that breaks the chain at `blockedAt`. */
  readonly blockedBy: EvidenceStatus | null;
}

/**
 * Evidence gating: levels are cumulative, so a level counts only when it and every lower level
 * have accepted evidence. Levels a scale marks `evidenceRequired: false` (such as "not present")
 * count without evidence. Levels absent from `statuses` have no evidence ("missing").
 */
export function supportedLevel(
  scale: Scale,
  statuses: Readonly<Record<number, EvidenceStatus | undefined>>,
): SupportedLevel {
  let level: number | null = null;
  for (const def of scale.levels) {
    const status = statuses[def.value] ?? "missing";
    if (def.evidenceRequired === false || status === "accepted") {
      level = def.value;
      continue;
    }
    return { level, blockedAt: def.value, blockedBy: status };
  }
  return { level, blockedAt: null, blockedBy: null };
}

/**
 * What an indicator still lacks before the instansi submits. The answer (a level and an
 * explanation) is required to submit; evidence for every level up to the claim (each level needs
 * its own) and the assigned units' proposals are expected, and shown so they can be chased.
 */
export type SubmissionGap =
  | { readonly gap: "level" }
  | { readonly gap: "explanation" }
  /** Levels up to the claim with no evidence, or only evidence that went back. */
  | { readonly gap: "evidence"; readonly levels: number[] }
  /** Units assigned to the indicator whose proposal is not marked ready. */
  | { readonly gap: "proposal"; readonly units: string[] };

export interface SubmissionFacts {
  readonly level: number | null;
  readonly explained: boolean;
  /** Evidence per level, as `supportedLevel` reads it; null for an indicator fed by an index. */
  readonly statuses: Readonly<Record<number, EvidenceStatus | undefined>> | null;
  /** Assigned units whose proposal is not ready yet (names). */
  readonly unitsNotReady: readonly string[];
}

export function submissionGaps(scale: Scale, facts: SubmissionFacts): SubmissionGap[] {
  const gaps: SubmissionGap[] = [];
  if (facts.level === null) gaps.push({ gap: "level" });
  if (!facts.explained) gaps.push({ gap: "explanation" });
  const claimed = facts.level;
  const statuses = facts.statuses;
  if (claimed !== null && statuses) {
    const levels = scale.levels
      .filter((l) => l.value <= claimed && l.evidenceRequired !== false)
      .filter((l) => {
        const status = statuses[l.value] ?? "missing";
        return status === "missing" || status === "returned";
      })
      .map((l) => l.value);
    if (levels.length) gaps.push({ gap: "evidence", levels });
  }
  if (facts.unitsNotReady.length) gaps.push({ gap: "proposal", units: [...facts.unitsNotReady] });
  return gaps;
}

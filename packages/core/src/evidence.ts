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

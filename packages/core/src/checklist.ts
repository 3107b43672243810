// The improvement checklist after an evaluation: every shortcoming an instansi must fix before
// the next one — levels not reached, evidence returned by its assessors or by the national
// portal, evidence items still missing — each with an owner unit, a due date and a status, kept
// across years until the coordinator verifies it.
import type { Framework } from "./framework/model.js";
import type { LocalizedText } from "./framework/schema.js";

export const CHECKLIST_STATUSES = ["open", "in_progress", "done", "verified"] as const;
export type ChecklistStatus = (typeof CHECKLIST_STATUSES)[number];

/** Where an item comes from: a level's criteria, an assessor's or the portal's return, the plan. */
export const CHECKLIST_SOURCES = ["framework", "plan", "assessor", "official"] as const;
export type ChecklistSource = (typeof CHECKLIST_SOURCES)[number];

export const CHECKLIST_KINDS = ["criteria", "item", "evidence_returned", "official_return"] as const;
export type ChecklistKind = (typeof CHECKLIST_KINDS)[number];

export interface ChecklistEvidence {
  readonly indicator: string;
  readonly level: number;
  readonly item: string | null;
  readonly title: string;
  /** The assessor's review. */
  readonly review: "pending" | "accepted" | "revision";
  readonly reason: string | null;
  readonly note: string | null;
}

export interface ChecklistVerdict {
  readonly indicator: string;
  readonly item: string;
  /** The portal's verdict; anything but "accepted" is a return. */
  readonly status: string;
  readonly note: string;
}

export interface ChecklistInput {
  /** The result's level per indicator (the headline stage's). */
  readonly levels: Readonly<Record<string, number>>;
  /** The level each indicator should reach (target or plan); default the next level. */
  readonly goals?: Readonly<Record<string, number>>;
  /** Indicators whose goal comes from the roadmap's coming year (marked as such). */
  readonly planned?: ReadonlySet<string>;
  readonly evidence?: readonly ChecklistEvidence[];
  readonly verdicts?: readonly ChecklistVerdict[];
  /** Names of the portal's verdicts, for the item's title. */
  readonly verdictNames?: Readonly<Record<string, string>>;
}

export interface ChecklistCandidate {
  /** Stable across rebuilds and years: the same shortcoming is one item until verified. */
  readonly key: string;
  readonly indicator: string;
  readonly level: number | null;
  readonly item: string | null;
  readonly kind: ChecklistKind;
  readonly source: ChecklistSource;
  readonly title: LocalizedText;
  readonly detail: string;
}

const clip = (s: string, n = 2000) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * What must be fixed, from a result: for each indicator below its goal, the criteria of each
 * level up to the goal (or, where the framework lists evidence items, each item of those levels
 * not yet accepted); every piece of evidence the assessors returned; every item the portal did not
 * accept, with its note. Ordered by the framework's indicator order.
 */
export function checklistCandidates(framework: Framework, input: ChecklistInput): ChecklistCandidate[] {
  const out: ChecklistCandidate[] = [];
  const accepted = new Set(
    (input.evidence ?? [])
      .filter((e) => e.review === "accepted")
      .map((e) => `${e.indicator}|${e.item ?? `L${e.level}`}`),
  );
  for (const indicator of framework.indicators) {
    const code = indicator.code;
    const level = input.levels[code];
    if (level === undefined) continue;
    const next = indicator.scale.values.find((v) => v > level);
    const goal = Math.min(input.goals?.[code] ?? next ?? level, indicator.scale.max);
    const source: ChecklistSource = input.planned?.has(code) ? "plan" : "framework";
    for (const def of indicator.levels) {
      if (def.value <= level || def.value > goal) continue;
      const items = def.items ?? [];
      if (items.length === 0) {
        out.push({
          key: `${code}:L${def.value}`,
          indicator: code,
          level: def.value,
          item: null,
          kind: "criteria",
          source,
          title: {
            id: `Penuhi kriteria tingkat ${def.value}: ${def.criteria.id}`,
            en: `Meet the level ${def.value} criteria: ${def.criteria.en ?? def.criteria.id}`,
          },
          detail: def.evidence ? `Bukti yang diminta: ${def.evidence.id}` : "",
        });
        continue;
      }
      for (const item of items) {
        if (accepted.has(`${code}|${item.code}`)) continue;
        out.push({
          key: `${code}:${item.code}`,
          indicator: code,
          level: def.value,
          item: item.code,
          kind: "item",
          source,
          title: {
            id: `Siapkan butir ${item.code} (tingkat ${def.value}): ${item.text.id}`,
            en: `Prepare item ${item.code} (level ${def.value}): ${item.text.en ?? item.text.id}`,
          },
          detail: `Kriteria tingkat ${def.value}: ${def.criteria.id}`,
        });
      }
    }
    for (const e of input.evidence ?? []) {
      if (e.indicator !== code || e.review !== "revision") continue;
      const what = e.item ? `butir ${e.item}` : `tingkat ${e.level}`;
      out.push({
        key: `${code}:returned:${e.item ?? `L${e.level}`}`,
        indicator: code,
        level: e.level,
        item: e.item,
        kind: "evidence_returned",
        source: "assessor",
        title: {
          id: `Perbaiki bukti ${what} yang dikembalikan asesor: ${e.title}`,
          en: `Fix the evidence for ${e.item ? `item ${e.item}` : `level ${e.level}`} returned by the assessors: ${e.title}`,
        },
        detail: clip([e.reason, e.note].filter((x) => x?.trim()).join(" — ")),
      });
    }
    for (const v of input.verdicts ?? []) {
      if (v.indicator !== code || v.status === "accepted") continue;
      const name = input.verdictNames?.[v.status] ?? v.status;
      const level = indicator.items.find((i) => i.code === v.item)?.level ?? null;
      out.push({
        key: `${code}:official:${v.item}`,
        indicator: code,
        level,
        item: v.item,
        kind: "official_return",
        source: "official",
        title: {
          id: `Butir ${v.item} dikembalikan portal nasional (${name})`,
          en: `Item ${v.item} returned by the national portal (${name})`,
        },
        detail: clip(v.note),
      });
    }
  }
  // One item per key: an item both missing and returned stays the returned one (it says why).
  const byKey = new Map<string, ChecklistCandidate>();
  for (const c of out) if (!byKey.has(c.key)) byKey.set(c.key, c);
  return [...byKey.values()];
}

export interface ChecklistProgressItem {
  readonly indicator: string;
  readonly ownerUnitId: string | null;
  readonly ownerUnitName: string | null;
  readonly status: ChecklistStatus;
  /** YYYY-MM-DD, or null. */
  readonly dueDate: string | null;
}

export interface ProgressGroup {
  readonly key: string;
  readonly name: string;
  readonly total: number;
  readonly byStatus: Readonly<Record<ChecklistStatus, number>>;
  readonly overdue: number;
}

export interface ChecklistProgress extends ProgressGroup {
  readonly units: readonly ProgressGroup[];
  readonly aspects: readonly ProgressGroup[];
}

/** Overdue: due before today (WIB) and neither done nor verified. */
export function isOverdue(item: Pick<ChecklistProgressItem, "status" | "dueDate">, today: string): boolean {
  return (
    item.dueDate !== null && item.dueDate < today && (item.status === "open" || item.status === "in_progress")
  );
}

/** Progress of the whole list, per owner unit and per aspect of the framework. */
export function checklistProgress(
  framework: Framework,
  items: readonly ChecklistProgressItem[],
  today: string,
): ChecklistProgress {
  const group = (key: string, name: string, of: readonly ChecklistProgressItem[]): ProgressGroup => ({
    key,
    name,
    total: of.length,
    byStatus: Object.fromEntries(
      CHECKLIST_STATUSES.map((s) => [s, of.filter((i) => i.status === s).length]),
    ) as Record<ChecklistStatus, number>,
    overdue: of.filter((i) => isOverdue(i, today)).length,
  });
  const units = new Map<string, { name: string; items: ChecklistProgressItem[] }>();
  for (const i of items) {
    const key = i.ownerUnitId ?? "";
    const entry = units.get(key) ?? { name: i.ownerUnitName ?? "", items: [] };
    entry.items.push(i);
    units.set(key, entry);
  }
  const aspectOf = (code: string) => framework.indicatorByCode.get(code)?.aspectCode ?? "";
  return {
    ...group("", "", items),
    units: [...units]
      .map(([key, u]) => group(key, u.name, u.items))
      .sort((a, b) => (a.key === "" ? 1 : b.key === "" ? -1 : a.name.localeCompare(b.name, "id"))),
    aspects: framework.aspects
      .map((a) =>
        group(
          a.code,
          a.name.id,
          items.filter((i) => aspectOf(i.indicator) === a.code),
        ),
      )
      .filter((g) => g.total > 0),
  };
}

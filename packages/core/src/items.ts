// Evidence by item ("butir"): in a framework whose levels list evidence items, each item is
// uploaded and reviewed on its own, and an item counts only once every item of the levels below
// is accepted — the national portal rejects it automatically otherwise.
import type { EvidenceStatus } from "./evidence.js";
import type { EvidenceItem, Framework, Indicator } from "./framework/model.js";

export const ITEM_STATUSES = ["accepted", "returned", "pending", "not_uploaded", "auto_rejected"] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** An evidence link as far as an item's standing needs it. */
export interface ItemLink {
  readonly itemCode: string;
  readonly review: "pending" | "accepted" | "revision";
  readonly reason?: string | null;
  readonly note?: string | null;
}

export interface ItemStanding {
  readonly code: string;
  readonly level: number;
  readonly text: EvidenceItem["text"];
  readonly status: ItemStatus;
  /** The assessor's reason and note for a returned item. */
  readonly reason: string | null;
  readonly note: string | null;
  /** For `auto_rejected`: the lower levels' items not accepted yet. */
  readonly blockedBy: readonly string[];
  /** How many pieces of evidence are linked to it. */
  readonly links: number;
}

/**
 * Where each of an indicator's items stands: accepted when any of its evidence is accepted,
 * returned when all of it was returned, pending while any awaits review, not uploaded without
 * evidence — and automatically rejected, whatever its own review, while an item of a lower level
 * is not accepted.
 */
export function itemStandings(indicator: Indicator, links: readonly ItemLink[]): ItemStanding[] {
  const out: ItemStanding[] = [];
  const notAcceptedBelow: string[] = [];
  for (const level of indicator.levels) {
    const items = indicator.items.filter((i) => i.level === level.value);
    const here: ItemStanding[] = items.map((item) => {
      const own = links.filter((l) => l.itemCode === item.code);
      const base = { code: item.code, level: item.level, text: item.text, links: own.length };
      if (own.length === 0)
        return { ...base, status: "not_uploaded", reason: null, note: null, blockedBy: [] };
      if (notAcceptedBelow.length > 0)
        return {
          ...base,
          status: "auto_rejected",
          reason: null,
          note: null,
          blockedBy: [...notAcceptedBelow],
        };
      const accepted = own.find((l) => l.review === "accepted");
      if (accepted) return { ...base, status: "accepted", reason: null, note: null, blockedBy: [] };
      const pending = own.some((l) => l.review === "pending");
      const returned = own.find((l) => l.review === "revision");
      if (pending || !returned)
        return { ...base, status: "pending", reason: null, note: null, blockedBy: [] };
      return {
        ...base,
        status: "returned",
        reason: returned.reason ?? null,
        note: returned.note ?? null,
        blockedBy: [],
      };
    });
    out.push(...here);
    notAcceptedBelow.push(...here.filter((s) => s.status !== "accepted").map((s) => s.code));
  }
  return out;
}

export interface LevelItemCount {
  readonly level: number;
  readonly accepted: number;
  readonly total: number;
}

/** Accepted items of how many, per level that has items ("L1 3/3 · L2 1/4"). */
export function itemCounts(standings: readonly ItemStanding[]): LevelItemCount[] {
  const levels = [...new Set(standings.map((s) => s.level))].sort((a, b) => a - b);
  return levels.map((level) => {
    const at = standings.filter((s) => s.level === level);
    return { level, accepted: at.filter((s) => s.status === "accepted").length, total: at.length };
  });
}

export function formatItemCounts(counts: readonly LevelItemCount[]): string {
  return counts.map((c) => `L${c.level} ${c.accepted}/${c.total}`).join(" · ");
}

/**
 * A level's evidence status from its items, for evidence gating: accepted when every item is;
 * returned when any was returned or rejected; pending while any awaits review; else missing.
 */
export function levelStatusesFromItems(standings: readonly ItemStanding[]): Record<number, EvidenceStatus> {
  const out: Record<number, EvidenceStatus> = {};
  for (const { level } of itemCounts(standings)) {
    const at = standings.filter((s) => s.level === level);
    out[level] = at.every((s) => s.status === "accepted")
      ? "accepted"
      : at.some((s) => s.status === "returned" || s.status === "auto_rejected")
        ? "returned"
        : at.some((s) => s.status === "pending")
          ? "pending"
          : "missing";
  }
  return out;
}

// The national portal names evidence files by item code ("I9-L1-01_SK Tim Audit.pdf"); an
// instansi's shared folders usually follow it.
const ITEM_IN_NAME = /(?:^|[^A-Za-z0-9])(I\d{1,2}-L\d-\d{2})(?![0-9])/i;

/**
 * The evidence item a file belongs to: from a mapping sheet (file name → item code or alias-free
 * item code) when it names the file, else from the item code in the file's own name. Returns the
 * code the framework knows, or why none matched.
 */
export function itemForFile(
  framework: Framework,
  path: string,
  mapping?: ReadonlyMap<string, string>,
): { item: string } | { problem: "no_code" | "unknown_item"; code?: string } {
  const name = path.split("/").pop() ?? path;
  const mapped = mapping?.get(name) ?? mapping?.get(path);
  const code = (mapped ?? ITEM_IN_NAME.exec(name)?.[1] ?? "").toUpperCase();
  if (!code) return { problem: "no_code" };
  return framework.itemByCode.has(code) ? { item: code } : { problem: "unknown_item", code };
}

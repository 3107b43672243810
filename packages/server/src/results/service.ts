import {
  type Bin,
  type Framework,
  frameworkOfYear,
  histogram,
  type LocalizedText,
  nationalIndexOf,
  type Ranking,
  rankResults,
  type Spread,
  spread,
} from "@matang/core";
import type { Db } from "../db/client.js";
import { publishedYears, resultsOfYears, type YearRow } from "./repository.js";

export interface RankedResult {
  readonly organizationId: string;
  readonly organization: string;
  readonly nameAsPublished: string;
  readonly type: string;
  readonly provinceId: string | null;
  readonly province: string | null;
  readonly index: string;
  readonly predicate: string;
  readonly domains: Record<string, string>;
  readonly rank: number;
  readonly of: number;
  readonly rankInType: number;
  readonly ofType: number;
  readonly rankInProvince: number | null;
  readonly ofProvince: number | null;
  readonly percentile: number;
  /** Year compared with: the latest earlier year with published results. */
  readonly previousYear: number | null;
  readonly previousRank: number | null;
  /** Places gained since the previous year (positive = moved up). */
  readonly rankChange: number | null;
  readonly previousIndex: string | null;
}

/** A body not evaluated in the year: its last result on the same index, shown as carried. */
export interface CarriedResult {
  readonly organizationId: string;
  readonly organization: string;
  readonly type: string;
  readonly province: string | null;
  readonly index: string;
  readonly predicate: string;
  /** The year the value comes from. */
  readonly fromYear: number;
}

export interface RankedYear {
  readonly year: number;
  /**
   * Bodies without a result this year (not evaluated: above a threshold, not a locus, off-year)
   * whose last result is on the same framework: never ranked, never in the mean.
   */
  readonly carried: readonly CarriedResult[];
  /** The index the year's results are on (e.g. Indeks SPBE, Indeks Pemerintah Digital), when known. */
  readonly indexName: LocalizedText | null;
  readonly previousYear: number | null;
  readonly previousIndexName: LocalizedText | null;
  /** The official national index of the year as published (not the mean of the listed bodies). */
  readonly national: { readonly index: string; readonly source: string } | null;
  readonly items: readonly RankedResult[];
  readonly summary: { readonly all: Spread; readonly byType: Record<string, Spread> };
  /** How the indices spread over the scale, in half-point bins. */
  readonly distribution: readonly Bin[];
  readonly predicates: Record<string, number>;
}

const rankEntries = (list: readonly YearRow[]) =>
  rankResults(
    list.map((r) => ({ id: r.organizationId, index: r.index, kind: r.kind, province: r.provinceId })),
  );

/**
 * A year's published results ranked nationally, by type and within each province (core's
 * competition ranking on the printed index), with rank change against the previous published year,
 * per-type means and the distribution. Null when nothing was published that year. Across a change
 * of index (Indeks SPBE 2025 → Indeks Pemerintah Digital 2026) places still compare, values do not:
 * the previous index is left out.
 */
export async function rankedYear(
  db: Db,
  year: number,
  frameworks: ReadonlyMap<string, Framework>,
): Promise<RankedYear | null> {
  const years = await publishedYears(db);
  if (!years.some((y) => y.year === year)) return null;
  const previousYear = years.map((y) => y.year).find((y) => y < year) ?? null;
  const framework = frameworkOfYear(frameworks.values(), year);
  const previousFramework =
    previousYear === null ? undefined : frameworkOfYear(frameworks.values(), previousYear);
  const sameIndex = framework?.id === previousFramework?.id;
  // Earlier years on the same framework: where a body's last result can be carried from. An SPBE
  // index is never carried into a Pemdi year, and a year of unknown framework carries nothing.
  const carryYears = framework
    ? years
        .map((y) => y.year)
        .filter((y) => y < year && frameworkOfYear(frameworks.values(), y)?.id === framework.id)
    : [];
  const all = await resultsOfYears(db, [
    ...new Set([year, ...(previousYear === null ? [] : [previousYear]), ...carryYears]),
  ]);
  const current = all.filter((r) => r.year === year);
  const evaluated = new Set(current.map((r) => r.organizationId));
  const lastOf = new Map<string, YearRow & { year: number }>();
  for (const r of all)
    if (carryYears.includes(r.year) && !evaluated.has(r.organizationId)) {
      const seen = lastOf.get(r.organizationId);
      if (!seen || seen.year < r.year) lastOf.set(r.organizationId, r);
    }
  const carried: CarriedResult[] = [...lastOf.values()]
    .map((r) => ({
      organizationId: r.organizationId,
      organization: r.name,
      type: r.kind,
      province: r.province,
      index: r.index,
      predicate: r.predicate,
      fromYear: r.year,
    }))
    .sort((a, b) => a.organization.localeCompare(b.organization, "id"));
  const previous = all.filter((r) => r.year === previousYear);
  const ranks = rankEntries(current);
  const previousRanks = rankEntries(previous);
  const previousIndex = new Map(previous.map((r) => [r.organizationId, r.index]));
  const items = current
    .map((r): RankedResult => {
      const rank = ranks.get(r.organizationId) as Ranking;
      const before = previousRanks.get(r.organizationId);
      return {
        organizationId: r.organizationId,
        organization: r.name,
        nameAsPublished: r.nameAsPublished,
        type: r.kind,
        provinceId: r.provinceId,
        province: r.province,
        index: r.index,
        predicate: r.predicate,
        domains: r.domains,
        ...rank,
        previousYear,
        previousRank: before?.rank ?? null,
        rankChange: before ? before.rank - rank.rank : null,
        previousIndex: sameIndex ? (previousIndex.get(r.organizationId) ?? null) : null,
      };
    })
    .sort((a, b) => a.rank - b.rank || a.organization.localeCompare(b.organization, "id"));
  const kinds = [...new Set(current.map((r) => r.kind))].sort();
  const top = current.reduce((m, r) => Math.max(m, Math.ceil(Number(r.index))), 1);
  const predicates: Record<string, number> = {};
  for (const r of current) predicates[r.predicate] = (predicates[r.predicate] ?? 0) + 1;
  return {
    year,
    carried,
    indexName: framework?.definition.indexName ?? null,
    previousYear,
    previousIndexName: previousFramework?.definition.indexName ?? null,
    national: nationalIndexOf(year),
    items,
    summary: {
      all: spread(current.map((r) => r.index)),
      byType: Object.fromEntries(
        kinds.map((k) => [k, spread(current.filter((r) => r.kind === k).map((r) => r.index))]),
      ),
    },
    distribution: histogram(
      current.map((r) => r.index),
      0,
      top,
      "0.5",
    ),
    predicates,
  };
}

export { publishedYears };

// Rankings and spreads of published indices. Published figures are decimals as printed ("3.62");
// they are compared and averaged exactly (as integers in their smallest printed unit), so two
// bodies printed with the same index always share a rank and an average never drifts.
import { ratio, toFixed } from "./exact.js";

export interface RankEntry {
  readonly id: string;
  /** The index as printed, e.g. "3.62". */
  readonly index: string;
  /** Peer group for the per-type rank (provinsi, kabupaten, kota, kementerian, lembaga). */
  readonly kind: string;
  /** The province a kabupaten/kota lies in; null for bodies ranked only nationally and by type. */
  readonly province: string | null;
}

export interface Ranking {
  /** Competition ranking ("1224"): equal indices share a rank, the next rank skips. */
  readonly rank: number;
  readonly of: number;
  readonly rankInType: number;
  readonly ofType: number;
  readonly rankInProvince: number | null;
  readonly ofProvince: number | null;
  /** Share of its peers (same type) with a lower index, in whole percent; 100 when alone. */
  readonly percentile: number;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** A printed decimal as an exact integer count of 10^-places. */
function scaled(value: string, places: number): bigint {
  if (!DECIMAL.test(value)) throw new RangeError(`not a decimal: ${value}`);
  const negative = value.startsWith("-");
  const [int = "0", frac = ""] = (negative ? value.slice(1) : value).split(".");
  const digits = BigInt(int + frac.padEnd(places, "0").slice(0, places));
  return negative ? -digits : digits;
}

const placesOf = (values: readonly string[]) =>
  values.reduce((m, v) => Math.max(m, v.split(".")[1]?.length ?? 0), 0);

/** Compare two printed decimals ("3.5", "3.50", "2.79") exactly. */
export function compareDecimals(a: string, b: string): -1 | 0 | 1 {
  const places = placesOf([a, b]);
  const x = scaled(a, places);
  const y = scaled(b, places);
  return x < y ? -1 : x > y ? 1 : 0;
}

interface Scored {
  readonly entry: RankEntry;
  readonly value: bigint;
}

/** Rank within each group: 1 + the number of members with a strictly higher index. */
function rankWithin(members: readonly Scored[]): Map<string, { rank: number; below: number }> {
  const sorted = [...members].sort((a, b) => (a.value > b.value ? -1 : a.value < b.value ? 1 : 0));
  const out = new Map<string, { rank: number; below: number }>();
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j < sorted.length && sorted[j]?.value === sorted[i]?.value) j++;
    for (let k = i; k < j; k++) {
      const s = sorted[k] as Scored;
      out.set(s.entry.id, { rank: i + 1, below: sorted.length - j });
    }
    i = j;
  }
  return out;
}

/** Items by key, in first-seen order (Map.groupBy, which Node 20 lacks). */
export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const s of items) {
    const k = key(s);
    const list = groups.get(k);
    if (list) list.push(s);
    else groups.set(k, [s]);
  }
  return groups;
}

/** Every entry's rank nationally, among its type and within its province, and its percentile. */
export function rankResults(entries: readonly RankEntry[]): Map<string, Ranking> {
  const places = placesOf(entries.map((e) => e.index));
  const scoredEntries = entries.map((entry) => ({ entry, value: scaled(entry.index, places) }));
  const national = rankWithin(scoredEntries);
  const byType = new Map<string, { rank: number; below: number; of: number }>();
  for (const members of groupBy(scoredEntries, (s) => s.entry.kind).values()) {
    for (const [id, r] of rankWithin(members)) byType.set(id, { ...r, of: members.length });
  }
  const byProvince = new Map<string, { rank: number; of: number }>();
  const regional = scoredEntries.filter((s) => s.entry.province !== null);
  for (const members of groupBy(regional, (s) => s.entry.province).values()) {
    for (const [id, r] of rankWithin(members)) byProvince.set(id, { rank: r.rank, of: members.length });
  }
  const out = new Map<string, Ranking>();
  for (const { entry } of scoredEntries) {
    const n = national.get(entry.id) as { rank: number };
    const t = byType.get(entry.id) as { rank: number; below: number; of: number };
    const p = byProvince.get(entry.id);
    out.set(entry.id, {
      rank: n.rank,
      of: entries.length,
      rankInType: t.rank,
      ofType: t.of,
      rankInProvince: p?.rank ?? null,
      ofProvince: p?.of ?? null,
      percentile: t.of <= 1 ? 100 : Math.round((100 * t.below) / (t.of - 1)),
    });
  }
  return out;
}

export interface Spread {
  readonly count: number;
  /** Exact mean, rounded half away from zero to the printed places. */
  readonly mean: string | null;
  readonly min: string | null;
  readonly max: string | null;
  /** max − min. */
  readonly range: string | null;
  /** Population standard deviation, to the printed places. */
  readonly stddev: string | null;
}

/** Mean, extremes, range and standard deviation of printed indices. */
export function spread(values: readonly string[]): Spread {
  if (values.length === 0) return { count: 0, mean: null, min: null, max: null, range: null, stddev: null };
  const places = Math.max(2, placesOf(values));
  const xs = values.map((v) => scaled(v, places));
  const n = BigInt(xs.length);
  const unit = 10n ** BigInt(places);
  const sum = xs.reduce((s, x) => s + x, 0n);
  // Math.min/max do not take bigints.
  // biome-ignore lint/complexity/useMathMinMax: bigint
  const min = xs.reduce((m, x) => (x < m ? x : m));
  // biome-ignore lint/complexity/useMathMinMax: bigint
  const max = xs.reduce((m, x) => (x > m ? x : m));
  // Variance = (n·Σx² − (Σx)²) / n², exact; only the final square root is floating point.
  const sumSq = xs.reduce((s, x) => s + x * x, 0n);
  const variance = Number(n * sumSq - sum * sum) / Number(n * n) / Number(unit * unit);
  return {
    count: xs.length,
    mean: toFixed(ratio(sum, n * unit), places),
    min: toFixed(ratio(min, unit), places),
    max: toFixed(ratio(max, unit), places),
    range: toFixed(ratio(max - min, unit), places),
    stddev: Math.sqrt(Math.max(0, variance)).toFixed(places),
  };
}

export interface Bin {
  /** Inclusive lower bound. */
  readonly from: string;
  /** Exclusive upper bound, except the last bin, which includes it. */
  readonly to: string;
  readonly count: number;
}

/** How many indices fall in each bin of `width`, from `min` to `max` of the scale. */
export function histogram(values: readonly string[], min: number, max: number, width: string): Bin[] {
  const places = Math.max(placesOf([...values, width]), 0);
  const w = scaled(width, places);
  if (w <= 0n) throw new RangeError("the bin width must be positive");
  const lo = scaled(String(min), places);
  const hi = scaled(String(max), places);
  const bins: { from: bigint; to: bigint; count: number }[] = [];
  for (let from = lo; from < hi; from += w) {
    // biome-ignore lint/complexity/useMathMinMax: bigint
    const to = from + w > hi ? hi : from + w;
    bins.push({ from, to, count: 0 });
  }
  for (const v of values) {
    const x = scaled(v, places);
    const i = x >= hi ? bins.length - 1 : Number((x - lo) / w);
    const bin = bins[Math.max(0, Math.min(bins.length - 1, i))];
    if (bin) bin.count++;
  }
  const unit = 10n ** BigInt(places);
  const show = (x: bigint) => toFixed(ratio(x, unit), Math.min(places, 2));
  return bins.map((b) => ({ from: show(b.from), to: show(b.to), count: b.count }));
}

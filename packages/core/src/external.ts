// Indicators whose level comes from another agency's index (Pemdi: SDI, SJIG, IPS, IKASANDI):
// which band a recorded value falls in, when it stops counting, what the fed indicators count
// while it is missing, and what a change of the value would do to the index.
import { decimalPlaces, type Ratio, ratio, scaleDecimal, toFixed } from "./exact.js";
import type { ExternalIndex, Framework } from "./framework/model.js";
import { inBand } from "./framework/validate.js";
import { type Levels, levelOf, score } from "./scoring.js";

/** A recorded value of an external index and the date it was measured (ISO `YYYY-MM-DD`). */
export interface ExternalReading {
  readonly value: number;
  readonly measuredOn?: string | null;
}

export type ExternalState = "recorded" | "missing" | "expired";

export interface ExternalStanding {
  readonly code: string;
  readonly value: number | null;
  readonly measuredOn: string | null;
  /** The last day the value counts (measuredOn + maxAgeMonths), if it expires. */
  readonly expiresOn: string | null;
  readonly state: ExternalState;
  /** The level the value's band gives; null when missing or expired. */
  readonly level: number | null;
  /** What the fed indicators count: `level`, else the framework's `missingLevel` (null: unanswered). */
  readonly counted: number | null;
  readonly indicators: readonly string[];
}

function exact(value: number): Ratio {
  const places = decimalPlaces(value);
  return ratio(scaleDecimal(value, places), 10n ** BigInt(places));
}

/** The level a value of the index gives, or null when it is outside every band. */
export function externalLevel(index: ExternalIndex, value: number): number | null {
  if (!Number.isFinite(value)) return null;
  const v = exact(value);
  return index.bands.find((b) => inBand(v, b))?.level ?? null;
}

/** Why a value cannot be recorded for the index (out of range, too many decimals), or null. */
export function externalValueProblem(index: ExternalIndex, value: number): string | null {
  if (!Number.isFinite(value)) return "not a number";
  if (value < index.min || value > index.max) return `${index.code} runs from ${index.min} to ${index.max}`;
  const places = index.decimals ?? 4;
  if (decimalPlaces(value) > places) return `${index.code} has at most ${places} decimals`;
  return null;
}

/** `date` plus `months` calendar months (ISO dates; the day is kept, or the month's last day). */
export function addMonths(date: string, months: number): string {
  const [y = 0, m = 1, d = 1] = date.split("-").map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

/** Where an external index stands for an instansi on `today` (ISO date). */
export function externalStanding(
  framework: Framework,
  code: string,
  reading: ExternalReading | null | undefined,
  today: string,
): ExternalStanding {
  const index = framework.externalIndices.get(code);
  if (!index) throw new RangeError(`framework ${framework.id} has no external index ${code}`);
  const measuredOn = reading?.measuredOn ?? null;
  const expiresOn =
    measuredOn && index.maxAgeMonths !== undefined ? addMonths(measuredOn, index.maxAgeMonths) : null;
  const missingLevel = index.missingLevel ?? null;
  const base = { code, value: reading?.value ?? null, measuredOn, expiresOn, indicators: index.indicators };
  if (!reading) return { ...base, state: "missing", level: null, counted: missingLevel };
  if (expiresOn !== null && today > expiresOn)
    return { ...base, state: "expired", level: null, counted: missingLevel };
  const level = externalLevel(index, reading.value);
  return { ...base, state: "recorded", level, counted: level ?? missingLevel };
}

/**
 * The levels with every externally fed indicator set from its index's standing: the band's level,
 * or the framework's level for a missing or expired value. Other indicators are left as given.
 */
export function withExternalLevels(
  framework: Framework,
  levels: Levels,
  readings: Readonly<Record<string, ExternalReading | null | undefined>>,
  today: string,
): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const i of framework.indicators) out[i.code] = levelOf(levels, i.code) ?? null;
  for (const code of framework.externalIndices.keys()) {
    const standing = externalStanding(framework, code, readings[code], today);
    for (const indicator of standing.indicators) out[indicator] = standing.counted;
  }
  return out;
}

export interface ExternalEffect {
  readonly code: string;
  readonly from: number | null;
  readonly to: number;
  readonly indicators: readonly {
    readonly code: string;
    readonly from: number | null;
    readonly to: number | null;
  }[];
  /** The index (or its floor while incomplete) before and after, to two decimals. */
  readonly indexBefore: string;
  readonly indexAfter: string;
  /** Exact after − before, to four decimals (e.g. "+0.0800"). */
  readonly difference: string;
}

/**
 * What changing an external index's value would do: the fed indicators' levels and the index,
 * all else equal ("IKASANDI 2,4 → 2,5 raises I10 to level 3 and the index by 0.04").
 */
export function externalEffect(
  framework: Framework,
  levels: Levels,
  readings: Readonly<Record<string, ExternalReading | null | undefined>>,
  code: string,
  to: number,
  today: string,
): ExternalEffect {
  const before = withExternalLevels(framework, levels, readings, today);
  const after = withExternalLevels(
    framework,
    levels,
    { ...readings, [code]: { value: to, measuredOn: today } },
    today,
  );
  const a = score(framework, before).exact.floor;
  const b = score(framework, after).exact.floor;
  const diff = ratio(b.num * a.den - a.num * b.den, a.den * b.den);
  const text = toFixed(diff, 4);
  return {
    code,
    from: readings[code]?.value ?? null,
    to,
    indicators: (framework.externalIndices.get(code)?.indicators ?? []).map((i) => ({
      code: i,
      from: before[i] ?? null,
      to: after[i] ?? null,
    })),
    indexBefore: toFixed(a, 2),
    indexAfter: toFixed(b, 2),
    difference: text.startsWith("-") ? text : `+${text}`,
  };
}

import { decimalPlaces, ratio, scaleDecimal } from "../exact.js";
import type { Aspect, Domain, Framework, FrameworkProblem, Indicator, Scale } from "./model.js";
import { type FrameworkDef, FrameworkSchema, type PredicateDef } from "./schema.js";

/** Children's weights may differ from their parent's by this much (e.g. six × 3.3333333333 = 20). */
export const WEIGHT_TOLERANCE = 1e-6;
/** Domains' weights add up to this. */
export const TOTAL_WEIGHT = 100;
const MAX_WEIGHT_PLACES = 10;

export type LoadResult =
  | { readonly ok: true; readonly framework: Framework; readonly problems: readonly [] }
  | { readonly ok: false; readonly problems: readonly FrameworkProblem[] };

export class FrameworkError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly FrameworkProblem[],
  ) {
    super(
      `${source}: ${problems.length} problem${problems.length === 1 ? "" : "s"}\n${problems
        .map((p) => `  ${p.path || "(file)"}: ${p.message}`)
        .join("\n")}`,
    );
    this.name = "FrameworkError";
  }
}

/**
 * Check a framework definition (parsed JSON) and prepare it for scoring. Every problem is
 * reported at once: the structural ones from the schema and the semantic ones (weights, codes,
 * scales, predicate bands, criteria), each with its path.
 */
export function loadFramework(input: unknown): LoadResult {
  const problems: FrameworkProblem[] = [];
  const parsed = FrameworkSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({ path: formatPath(issue.path), code: "schema", message: issue.message });
    }
  }
  // Semantic checks run on the raw input too, so one pass reports everything it can.
  problems.push(...semanticProblems(input));
  if (problems.length > 0 || !parsed.success) return { ok: false, problems: dedupe(problems) };
  return { ok: true, framework: compile(parsed.data), problems: [] };
}

/** Like `loadFramework`, but throws a `FrameworkError` listing every problem. */
export function requireFramework(input: unknown, source = "framework"): Framework {
  const result = loadFramework(input);
  if (!result.ok) throw new FrameworkError(source, result.problems);
  return result.framework;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

function dedupe(problems: FrameworkProblem[]): FrameworkProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Semantic checks, written against untyped input so they also run when the schema fails.

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === "object" && x !== null && !Array.isArray(x);
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const num = (x: unknown): number | undefined => (typeof x === "number" && Number.isFinite(x) ? x : undefined);
const str = (x: unknown): string | undefined => (typeof x === "string" ? x : undefined);

/** Exact |a − b| ≤ tolerance for decimals. */
function closeEnough(a: number, b: number, tolerance: number): boolean {
  const places = Math.max(decimalPlaces(a), decimalPlaces(b), decimalPlaces(tolerance));
  const diff = scaleDecimal(a, places) - scaleDecimal(b, places);
  const abs = diff < 0n ? -diff : diff;
  return abs <= scaleDecimal(tolerance, places);
}

/** Exact sum of decimals, returned as a number for messages. */
function sum(values: number[]): number {
  const places = Math.max(0, ...values.map(decimalPlaces));
  const total = values.reduce((acc, v) => acc + scaleDecimal(v, places), 0n);
  return Number(total) / 10 ** places;
}

/** Report (through `fail`) when parts do not add up to `expected` within the tolerance. */
function checkSum(parts: number[], expected: number | undefined, fail: (total: number) => void): void {
  if (expected === undefined || parts.length === 0) return;
  const total = sum(parts);
  if (!closeEnough(total, expected, WEIGHT_TOLERANCE)) fail(total);
}

function semanticProblems(input: unknown): FrameworkProblem[] {
  const problems: FrameworkProblem[] = [];
  const add = (path: string, code: string, message: string) => problems.push({ path, code, message });
  if (!isObj(input)) {
    if (input !== undefined) add("", "schema", "a framework file must contain a JSON object");
    return problems;
  }

  // Scales: unique ids, unique level values.
  const scales = new Map<string, number[]>();
  arr(input.scales).forEach((s, i) => {
    if (!isObj(s)) return;
    const id = str(s.id);
    if (id === undefined) return;
    if (scales.has(id)) add(`scales[${i}].id`, "duplicate_code", `scale id "${id}" is used twice`);
    const values: number[] = [];
    arr(s.levels).forEach((l, j) => {
      const v = isObj(l) ? num(l.value) : undefined;
      if (v === undefined) return;
      if (values.includes(v))
        add(
          `scales[${i}].levels[${j}].value`,
          "duplicate_level",
          `level ${v} is defined twice in scale "${id}"`,
        );
      else values.push(v);
    });
    scales.set(id, values);
  });

  // Weights, codes, scales and criteria along the tree.
  const domainWeights: number[] = [];
  const codes = {
    domain: new Map<string, string>(),
    aspect: new Map<string, string>(),
    indicator: new Map<string, string>(),
  };
  const unique = (kind: keyof typeof codes, code: unknown, path: string) => {
    const c = str(code);
    if (c === undefined) return;
    const first = codes[kind].get(c);
    if (first !== undefined) add(path, "duplicate_code", `${kind} code "${c}" is already used at ${first}`);
    else codes[kind].set(c, path);
  };
  let minIndexNum = 0;
  let maxIndexNum = 0;
  let totalIndicatorWeight = 0;
  let indexRangeKnown = true;

  arr(input.domains).forEach((d, di) => {
    const dPath = `domains[${di}]`;
    if (!isObj(d)) return;
    unique("domain", d.code, `${dPath}.code`);
    const dWeight = num(d.weight);
    if (dWeight !== undefined) domainWeights.push(dWeight);
    const aspectWeights: number[] = [];
    arr(d.aspects).forEach((a, ai) => {
      const aPath = `${dPath}.aspects[${ai}]`;
      if (!isObj(a)) return;
      unique("aspect", a.code, `${aPath}.code`);
      const aWeight = num(a.weight);
      if (aWeight !== undefined) aspectWeights.push(aWeight);
      const indicatorWeights: number[] = [];
      arr(a.indicators).forEach((ind, ii) => {
        const iPath = `${aPath}.indicators[${ii}]`;
        if (!isObj(ind)) return;
        unique("indicator", ind.code, `${iPath}.code`);
        const w = num(ind.weight);
        if (w !== undefined) {
          indicatorWeights.push(w);
          if (decimalPlaces(w) > MAX_WEIGHT_PLACES)
            add(`${iPath}.weight`, "precision", `weight ${w} has more than ${MAX_WEIGHT_PLACES} decimals`);
        }
        const scaleId = str(ind.scale);
        const values = scaleId === undefined ? undefined : scales.get(scaleId);
        if (scaleId !== undefined && values === undefined) {
          add(
            `${iPath}.scale`,
            "unknown_scale",
            `indicator ${str(ind.code) ?? ii}: scale "${scaleId}" is not defined in "scales"`,
          );
        }
        if (values && values.length > 0) {
          if (w !== undefined) {
            minIndexNum += Math.min(...values) * w;
            maxIndexNum += Math.max(...values) * w;
            totalIndicatorWeight += w;
          }
          checkIndicatorLevels(ind, iPath, scaleId ?? "", values, add);
        } else {
          indexRangeKnown = false;
        }
      });
      checkSum(indicatorWeights, aWeight, (total) =>
        add(
          `${aPath}.weight`,
          "weight_sum",
          `aspect ${str(a.code) ?? ai}: its indicators' weights add up to ${total}, but the aspect's weight is ${aWeight}`,
        ),
      );
    });
    checkSum(aspectWeights, dWeight, (total) =>
      add(
        `${dPath}.weight`,
        "weight_sum",
        `domain ${str(d.code) ?? di}: its aspects' weights add up to ${total}, but the domain's weight is ${dWeight}`,
      ),
    );
  });
  checkSum(domainWeights, TOTAL_WEIGHT, (total) =>
    add("domains", "weight_sum", `the domains' weights add up to ${total}, expected ${TOTAL_WEIGHT}`),
  );

  // Predicate bands: well-formed, contiguous, non-overlapping, covering the index's range.
  const bands: { band: PredicateDef; i: number }[] = [];
  const names = new Set<string>();
  arr(input.predicates).forEach((p, i) => {
    if (!isObj(p)) return;
    const min = num(p.min);
    const max = num(p.max);
    const name = isObj(p.name) ? str(p.name.id) : undefined;
    if (name !== undefined) {
      if (names.has(name))
        add(`predicates[${i}].name`, "duplicate_code", `predicate "${name}" is defined twice`);
      names.add(name);
    }
    if (min === undefined || max === undefined) return;
    if (min >= max) {
      add(
        `predicates[${i}]`,
        "predicate_range",
        `predicate "${name ?? i}": min ${min} must be below max ${max}`,
      );
      return;
    }
    bands.push({ band: { name: { id: name ?? String(i) }, min, max }, i });
  });
  bands.sort((x, y) => x.band.min - y.band.min);
  for (let k = 0; k + 1 < bands.length; k++) {
    const lo = bands[k];
    const hi = bands[k + 1];
    if (!lo || !hi) continue;
    if (lo.band.max > hi.band.min) {
      add(
        `predicates[${hi.i}]`,
        "predicate_overlap",
        `predicates "${lo.band.name.id}" (${lo.band.min}–${lo.band.max}) and "${hi.band.name.id}" (${hi.band.min}–${hi.band.max}) overlap`,
      );
    } else if (lo.band.max < hi.band.min) {
      add(
        `predicates[${hi.i}]`,
        "predicate_gap",
        `no predicate covers ${lo.band.max} to ${hi.band.min} (between "${lo.band.name.id}" and "${hi.band.name.id}")`,
      );
    }
  }
  const first = bands[0];
  const last = bands[bands.length - 1];
  if (first && last && indexRangeKnown && totalIndicatorWeight > 0) {
    // The index runs from every indicator at its lowest level to every one at its highest.
    const lowest = round12(minIndexNum / totalIndicatorWeight);
    const highest = round12(maxIndexNum / totalIndicatorWeight);
    if (first.band.min > lowest)
      add(
        `predicates[${first.i}].min`,
        "predicate_coverage",
        `the lowest predicate starts at ${first.band.min}, but the index can be as low as ${lowest}`,
      );
    if (last.band.max < highest)
      add(
        `predicates[${last.i}].max`,
        "predicate_coverage",
        `the highest predicate ends at ${last.band.max}, but the index can reach ${highest}`,
      );
  }
  return problems;
}

const round12 = (x: number) => Math.round(x * 1e12) / 1e12;

function checkIndicatorLevels(
  ind: Obj,
  path: string,
  scaleId: string,
  values: number[],
  add: (path: string, code: string, message: string) => void,
): void {
  const code = str(ind.code) ?? path;
  const seen = new Set<number>();
  arr(ind.levels).forEach((l, j) => {
    if (!isObj(l)) return;
    const v = num(l.value);
    if (v === undefined) return;
    if (seen.has(v))
      add(
        `${path}.levels[${j}].value`,
        "duplicate_level",
        `indicator ${code}: level ${v} is described twice`,
      );
    seen.add(v);
    if (!values.includes(v))
      add(
        `${path}.levels[${j}].value`,
        "unknown_level",
        `indicator ${code}: level ${v} is not on scale "${scaleId}" (${values.join(", ")})`,
      );
  });
  const missing = values.filter((v) => !seen.has(v));
  if (missing.length > 0) {
    add(
      `${path}.levels`,
      "missing_criteria",
      `indicator ${code}: no criteria for level${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------

function compile(def: FrameworkDef): Framework {
  const scales = new Map<string, Scale>();
  for (const s of def.scales) {
    const levels = [...s.levels].sort((a, b) => a.value - b.value);
    const values = levels.map((l) => l.value);
    scales.set(s.id, {
      id: s.id,
      name: s.name,
      levels,
      values,
      min: values[0] ?? 0,
      max: values[values.length - 1] ?? 0,
    });
  }
  const weightPlaces = Math.max(
    0,
    ...def.domains.flatMap((d) => d.aspects.flatMap((a) => a.indicators.map((i) => decimalPlaces(i.weight)))),
  );
  const toUnits = (w: number) => Number(scaleDecimal(w, weightPlaces));

  const indicators: Indicator[] = [];
  const aspects: Aspect[] = [];
  const domains: Domain[] = def.domains.map((d) => {
    const domainAspects = d.aspects.map((a) => {
      const aspectIndicators = a.indicators.map((i) => {
        const scale = scales.get(i.scale);
        if (!scale) throw new Error(`unreachable: scale ${i.scale} was validated`);
        const indicator: Indicator = {
          code: i.code,
          name: i.name,
          weight: i.weight,
          units: toUnits(i.weight),
          scale,
          aspectCode: a.code,
          domainCode: d.code,
          position: indicators.length,
          levels: [...i.levels].sort((x, y) => x.value - y.value),
        };
        indicators.push(indicator);
        return indicator;
      });
      const aspect: Aspect = {
        code: a.code,
        name: a.name,
        weight: a.weight,
        domainCode: d.code,
        indicators: aspectIndicators,
        units: aspectIndicators.reduce((s, i) => s + i.units, 0),
      };
      aspects.push(aspect);
      return aspect;
    });
    return {
      code: d.code,
      name: d.name,
      weight: d.weight,
      aspects: domainAspects,
      units: domainAspects.reduce((s, a) => s + a.units, 0),
    };
  });
  const units = domains.reduce((s, d) => s + d.units, 0);
  const maxAbsLevel = Math.max(...[...scales.values()].flatMap((s) => s.values.map(Math.abs)), 1);
  if (!Number.isSafeInteger(units * maxAbsLevel * 10)) {
    // Guarded by MAX_WEIGHT_PLACES for any realistic framework; refuse rather than lose exactness.
    throw new Error(`framework ${def.id}: weights are too precise to score exactly`);
  }
  let minSum = 0n;
  let maxSum = 0n;
  for (const i of indicators) {
    minSum += BigInt(i.scale.min) * BigInt(i.units);
    maxSum += BigInt(i.scale.max) * BigInt(i.units);
  }
  return {
    id: def.id,
    title: def.title,
    years: def.years,
    definition: def,
    scales,
    domains,
    aspects,
    indicators,
    indicatorByCode: new Map(indicators.map((i) => [i.code, i])),
    predicates: [...def.predicates].sort((a, b) => a.min - b.min),
    weightPlaces,
    units,
    indexMin: ratio(minSum, BigInt(units)),
    indexMax: ratio(maxSum, BigInt(units)),
  };
}

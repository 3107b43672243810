import { compareToDecimal, decimalPlaces, type Ratio, ratio, scaleDecimal } from "../exact.js";
import type {
  Aspect,
  Band,
  Domain,
  EvidenceItem,
  ExternalIndex,
  Framework,
  FrameworkProblem,
  Indicator,
  Scale,
} from "./model.js";
import { type AspectDef, type FrameworkDef, FrameworkSchema } from "./schema.js";

/** Children's weights may differ from their parent's by this much (e.g. six × 3.3333333333 = 20). */
export const WEIGHT_TOLERANCE = 1e-6;
/** The top level's weights (domains, or aspects without domains) add up to this. */
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

  // Weights, codes, scales and criteria along the tree: domains → aspects → indicators, or
  // aspects → indicators in a framework without domains.
  const codes = {
    domain: new Map<string, string>(),
    aspect: new Map<string, string>(),
    indicator: new Map<string, string>(),
    item: new Map<string, string>(),
  };
  const unique = (kind: keyof typeof codes, code: unknown, path: string) => {
    const c = str(code);
    if (c === undefined) return;
    const first = codes[kind].get(c);
    if (first !== undefined) add(path, "duplicate_code", `${kind} code "${c}" is already used at ${first}`);
    else codes[kind].set(c, path);
  };
  const externalCodes = new Set(
    arr(input.externalIndices).flatMap((x) => (isObj(x) && str(x.code) ? [str(x.code) as string] : [])),
  );
  /** Indicators fed by each external index, with their scales' level values, for the bands' check. */
  const fed = new Map<string, { code: string; values: number[] }[]>();
  let minIndexNum = 0;
  let maxIndexNum = 0;
  let totalIndicatorWeight = 0;
  let indexRangeKnown = true;
  /** The levels' and items' evidence checks, for their kinds' check against `documentKinds`. */
  const checks: { check: Obj; path: string }[] = [];

  const checkAspect = (a: unknown, aPath: string, label: string | number): number | undefined => {
    if (!isObj(a)) return undefined;
    unique("aspect", a.code, `${aPath}.code`);
    const aWeight = num(a.weight);
    const indicatorWeights: number[] = [];
    arr(a.indicators).forEach((ind, ii) => {
      const iPath = `${aPath}.indicators[${ii}]`;
      if (!isObj(ind)) return;
      unique("indicator", ind.code, `${iPath}.code`);
      arr(ind.aliases).forEach((alias, k) => {
        unique("indicator", alias, `${iPath}.aliases[${k}]`);
      });
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
      const external = str(ind.external);
      if (external !== undefined) {
        if (!externalCodes.has(external))
          add(
            `${iPath}.external`,
            "unknown_external",
            `indicator ${str(ind.code) ?? ii}: external index "${external}" is not defined in "externalIndices"`,
          );
        else {
          const list = fed.get(external) ?? [];
          list.push({ code: str(ind.code) ?? String(ii), values: values ?? [] });
          fed.set(external, list);
        }
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
      arr(ind.levels).forEach((l, j) => {
        if (!isObj(l)) return;
        if (isObj(l.check)) checks.push({ check: l.check, path: `${iPath}.levels[${j}].check` });
        arr(l.items).forEach((item, k) => {
          if (!isObj(item)) return;
          unique("item", item.code, `${iPath}.levels[${j}].items[${k}].code`);
          if (isObj(item.check))
            checks.push({ check: item.check, path: `${iPath}.levels[${j}].items[${k}].check` });
        });
      });
    });
    checkSum(indicatorWeights, aWeight, (total) =>
      add(
        `${aPath}.weight`,
        "weight_sum",
        `aspect ${str(a.code) ?? label}: its indicators' weights add up to ${total}, but the aspect's weight is ${aWeight}`,
      ),
    );
    return aWeight;
  };

  const hasDomains = input.domains !== undefined;
  const hasAspects = input.aspects !== undefined;
  if (hasDomains === hasAspects)
    add(
      "",
      "hierarchy",
      hasDomains
        ? 'give either "domains" or "aspects", not both'
        : 'a framework needs "domains" (with aspects) or, without domains, "aspects"',
    );
  const topWeights: number[] = [];
  if (hasDomains) {
    arr(input.domains).forEach((d, di) => {
      const dPath = `domains[${di}]`;
      if (!isObj(d)) return;
      unique("domain", d.code, `${dPath}.code`);
      const dWeight = num(d.weight);
      if (dWeight !== undefined) topWeights.push(dWeight);
      const aspectWeights: number[] = [];
      arr(d.aspects).forEach((a, ai) => {
        const w = checkAspect(a, `${dPath}.aspects[${ai}]`, ai);
        if (w !== undefined) aspectWeights.push(w);
      });
      checkSum(aspectWeights, dWeight, (total) =>
        add(
          `${dPath}.weight`,
          "weight_sum",
          `domain ${str(d.code) ?? di}: its aspects' weights add up to ${total}, but the domain's weight is ${dWeight}`,
        ),
      );
    });
  } else {
    arr(input.aspects).forEach((a, ai) => {
      const w = checkAspect(a, `aspects[${ai}]`, ai);
      if (w !== undefined) topWeights.push(w);
    });
  }
  const top = hasDomains || !hasAspects ? "domains" : "aspects";
  checkSum(topWeights, TOTAL_WEIGHT, (total) =>
    add(top, "weight_sum", `the ${top}' weights add up to ${total}, expected ${TOTAL_WEIGHT}`),
  );

  // Predicate bands: well-formed, contiguous, non-overlapping, covering the index's range; their
  // labels name declared label sets, and every band has one in each set.
  const labelSets = arr(input.labelSets).flatMap((x) => (isObj(x) && str(x.id) ? [str(x.id) as string] : []));
  const names = new Set<string>();
  const predicateBands: NamedBand[] = [];
  arr(input.predicates).forEach((p, i) => {
    if (!isObj(p)) return;
    const name = isObj(p.name) ? str(p.name.id) : undefined;
    if (name !== undefined) {
      if (names.has(name))
        add(`predicates[${i}].name`, "duplicate_code", `predicate "${name}" is defined twice`);
      names.add(name);
    }
    const labels = isObj(p.labels) ? Object.keys(p.labels) : [];
    for (const key of labels)
      if (!labelSets.includes(key))
        add(
          `predicates[${i}].labels.${key}`,
          "unknown_label_set",
          `label set "${key}" is not defined in "labelSets"`,
        );
    for (const set of labelSets)
      if (!labels.includes(set))
        add(
          `predicates[${i}].labels`,
          "missing_label",
          `predicate "${name ?? i}" has no label in set "${set}"`,
        );
    const b = bandOf(p, name ?? String(i), `predicates[${i}]`);
    if (b) predicateBands.push(b);
  });
  const range =
    indexRangeKnown && totalIndicatorWeight > 0
      ? {
          // The index runs from every indicator at its lowest level to every one at its highest.
          lowest: round12(minIndexNum / totalIndicatorWeight),
          highest: round12(maxIndexNum / totalIndicatorWeight),
          what: "the index",
        }
      : undefined;
  checkBands(predicateBands, range, "predicate", add);

  checkEvidenceRules(input, checks, add);

  // External indices: bands over the index's own range, giving levels of the indicators it feeds.
  arr(input.externalIndices).forEach((x, xi) => {
    const xPath = `externalIndices[${xi}]`;
    if (!isObj(x)) return;
    const code = str(x.code) ?? String(xi);
    if (arr(input.externalIndices).findIndex((y) => isObj(y) && y.code === x.code) !== xi)
      add(`${xPath}.code`, "duplicate_code", `external index "${code}" is defined twice`);
    const min = num(x.min);
    const max = num(x.max);
    if (min !== undefined && max !== undefined && min >= max)
      add(xPath, "band_range", `external index ${code}: min ${min} must be below max ${max}`);
    const bands: NamedBand[] = [];
    const feeds = fed.get(code) ?? [];
    if (feeds.length === 0) add(xPath, "unused_external", `external index ${code} feeds no indicator`);
    arr(x.bands).forEach((b, bi) => {
      if (!isObj(b)) return;
      const level = num(b.level);
      const nb = bandOf(b, `${code} ${str(b.min) ?? b.min}–${b.max}`, `${xPath}.bands[${bi}]`);
      if (nb) bands.push(nb);
      for (const f of feeds)
        if (level !== undefined && f.values.length > 0 && !f.values.includes(level))
          add(
            `${xPath}.bands[${bi}].level`,
            "unknown_level",
            `external index ${code}: level ${level} is not on the scale of indicator ${f.code}`,
          );
    });
    const missing = num(x.missingLevel);
    for (const f of feeds)
      if (missing !== undefined && f.values.length > 0 && !f.values.includes(missing))
        add(
          `${xPath}.missingLevel`,
          "unknown_level",
          `external index ${code}: level ${missing} is not on the scale of indicator ${f.code}`,
        );
    const places = num(x.decimals);
    if (places !== undefined)
      bands.forEach((b) => {
        if (decimalPlaces(b.min) > places || decimalPlaces(b.max) > places)
          add(b.path, "precision", `external index ${code}: a bound has more than ${places} decimals`);
      });
    if (min !== undefined && max !== undefined && min < max)
      checkBands(bands, { lowest: min, highest: max, what: `external index ${code}` }, "band", add);
  });
  return problems;
}

/** Document kinds: unique ids, patterns that compile; checks name only kinds that exist. */
function checkEvidenceRules(
  input: Obj,
  checks: readonly { check: Obj; path: string }[],
  add: (path: string, code: string, message: string) => void,
): void {
  const rules = isObj(input.evidenceChecks) ? input.evidenceChecks : {};
  const kinds = new Set<string>();
  arr(rules.documentKinds).forEach((k, i) => {
    if (!isObj(k)) return;
    const path = `evidenceChecks.documentKinds[${i}]`;
    const id = str(k.id);
    if (id !== undefined) {
      if (kinds.has(id)) add(`${path}.id`, "duplicate_code", `document kind "${id}" is defined twice`);
      kinds.add(id);
    }
    arr(k.patterns).forEach((p, j) => {
      if (typeof p !== "string") return;
      try {
        new RegExp(p, "iu");
      } catch (error) {
        add(
          `${path}.patterns[${j}]`,
          "invalid_pattern",
          `document kind ${id ?? i}: pattern ${JSON.stringify(p)} is not a regular expression (${(error as Error).message})`,
        );
      }
    });
  });
  for (const { check, path } of checks)
    arr(check.kinds).forEach((k, j) => {
      if (typeof k === "string" && !kinds.has(k))
        add(
          `${path}.kinds[${j}]`,
          "unknown_document_kind",
          `document kind "${k}" is not defined in "evidenceChecks.documentKinds"`,
        );
    });
}

interface NamedBand {
  min: number;
  max: number;
  minInclusive: boolean;
  maxInclusive: boolean;
  name: string;
  path: string;
  /** Whether the inclusiveness was written (else it is the default, settled once sorted). */
  maxWritten: boolean;
}

function bandOf(x: Obj, name: string, path: string): NamedBand | undefined {
  const min = num(x.min);
  const max = num(x.max);
  if (min === undefined || max === undefined) return undefined;
  return {
    name,
    path,
    min,
    max,
    minInclusive: x.minInclusive !== false,
    maxInclusive: x.maxInclusive === true,
    maxWritten: typeof x.maxInclusive === "boolean",
  };
}

/** The top band's `max` is inclusive unless written otherwise. */
export function settleBands<T extends { max: number; maxInclusive?: boolean | undefined }>(
  sorted: readonly T[],
): (T & { minInclusive: boolean; maxInclusive: boolean })[] {
  return sorted.map((b, k) => ({
    ...b,
    minInclusive: (b as { minInclusive?: boolean }).minInclusive !== false,
    maxInclusive: b.maxInclusive ?? k === sorted.length - 1,
  }));
}

/**
 * Bands must follow each other without gap or overlap — where one ends at the value the next
 * starts, exactly one of them includes it — and cover the range of values they classify.
 */
function checkBands(
  input: NamedBand[],
  range: { lowest: number; highest: number; what: string } | undefined,
  kind: "predicate" | "band",
  add: (path: string, code: string, message: string) => void,
): void {
  const valid = input.filter((b) => {
    if (b.min < b.max) return true;
    add(b.path, `${kind}_range`, `${kind} "${b.name}": min ${b.min} must be below max ${b.max}`);
    return false;
  });
  const bands = valid.sort((x, y) => x.min - y.min);
  const last = bands[bands.length - 1];
  if (last && !last.maxWritten) last.maxInclusive = true;
  const show = (b: NamedBand) =>
    `${b.minInclusive ? "[" : "("}${b.min}, ${b.max}${b.maxInclusive ? "]" : ")"}`;
  for (let k = 0; k + 1 < bands.length; k++) {
    const lo = bands[k] as NamedBand;
    const hi = bands[k + 1] as NamedBand;
    const both = `"${lo.name}" ${show(lo)} and "${hi.name}" ${show(hi)}`;
    if (lo.max > hi.min || (lo.max === hi.min && lo.maxInclusive && hi.minInclusive))
      add(hi.path, `${kind}_overlap`, `${kind}s ${both} overlap`);
    else if (lo.max < hi.min)
      add(hi.path, `${kind}_gap`, `no ${kind} covers ${lo.max} to ${hi.min} (between ${both})`);
    else if (!lo.maxInclusive && !hi.minInclusive)
      add(hi.path, `${kind}_gap`, `no ${kind} covers exactly ${lo.max} (between ${both})`);
  }
  const first = bands[0];
  if (!first || !last || !range) return;
  if (first.min > range.lowest || (first.min === range.lowest && !first.minInclusive))
    add(
      `${first.path}.min`,
      `${kind}_coverage`,
      `the lowest ${kind} starts at ${first.min}${first.minInclusive ? "" : " (exclusive)"}, but ${range.what} can be as low as ${range.lowest}`,
    );
  if (last.max < range.highest || (last.max === range.highest && !last.maxInclusive))
    add(
      `${last.path}.max`,
      `${kind}_coverage`,
      `the highest ${kind} ends at ${last.max}${last.maxInclusive ? "" : " (exclusive)"}, but ${range.what} can reach ${range.highest}`,
    );
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
      decimals: s.decimals ?? 0,
    });
  }
  // A framework without domains is scored as aspects directly under the index.
  const groups: {
    domain: FrameworkDef["domains"] extends (infer D)[] | undefined ? D | null : never;
    aspects: AspectDef[];
  }[] = def.domains
    ? def.domains.map((d) => ({ domain: d, aspects: d.aspects }))
    : [{ domain: null, aspects: def.aspects ?? [] }];
  const allIndicators = groups.flatMap((g) => g.aspects.flatMap((a) => a.indicators));
  const weightPlaces = Math.max(0, ...allIndicators.map((i) => decimalPlaces(i.weight)));
  const valuePlaces = Math.max(0, ...[...scales.values()].map((s) => s.decimals));
  const toUnits = (w: number) => Number(scaleDecimal(w, weightPlaces));

  const indicators: Indicator[] = [];
  const aspects: Aspect[] = [];
  const domains: Domain[] = [];
  for (const { domain: d, aspects: aspectDefs } of groups) {
    const domainAspects = aspectDefs.map((a) => {
      const aspectIndicators = a.indicators.map((i) => {
        const scale = scales.get(i.scale);
        if (!scale) throw new Error(`unreachable: scale ${i.scale} was validated`);
        const levels = [...i.levels].sort((x, y) => x.value - y.value);
        const items: EvidenceItem[] = levels.flatMap((l) =>
          (l.items ?? []).map((item) => ({
            code: item.code,
            indicatorCode: i.code,
            level: l.value,
            text: item.text,
          })),
        );
        const indicator: Indicator = {
          code: i.code,
          name: i.name,
          weight: i.weight,
          units: toUnits(i.weight),
          scale,
          aspectCode: a.code,
          domainCode: d?.code ?? null,
          position: indicators.length,
          levels,
          aliases: i.aliases ?? [],
          external: i.external ?? null,
          items,
        };
        indicators.push(indicator);
        return indicator;
      });
      const aspect: Aspect = {
        code: a.code,
        name: a.name,
        weight: a.weight,
        domainCode: d?.code ?? null,
        indicators: aspectIndicators,
        units: aspectIndicators.reduce((s, i) => s + i.units, 0),
      };
      aspects.push(aspect);
      return aspect;
    });
    if (d)
      domains.push({
        code: d.code,
        name: d.name,
        weight: d.weight,
        aspects: domainAspects,
        units: domainAspects.reduce((s, a) => s + a.units, 0),
      });
  }
  const units = aspects.reduce((s, a) => s + a.units, 0);
  const maxAbsLevel = Math.max(...[...scales.values()].flatMap((s) => s.values.map(Math.abs)), 1);
  if (!Number.isSafeInteger(units * maxAbsLevel * 10 ** (valuePlaces + 1))) {
    // Guarded by MAX_WEIGHT_PLACES for any realistic framework; refuse rather than lose exactness.
    throw new Error(`framework ${def.id}: weights are too precise to score exactly`);
  }
  let minSum = 0n;
  let maxSum = 0n;
  for (const i of indicators) {
    minSum += BigInt(i.scale.min) * BigInt(i.units);
    maxSum += BigInt(i.scale.max) * BigInt(i.units);
  }
  const codeOfAlias = new Map<string, string>();
  for (const i of indicators) {
    codeOfAlias.set(i.code, i.code);
    for (const alias of i.aliases) codeOfAlias.set(alias, i.code);
  }
  const externalIndices = new Map<string, ExternalIndex>(
    (def.externalIndices ?? []).map((x) => [
      x.code,
      {
        ...x,
        bands: settleBands([...x.bands].sort((a, b) => a.min - b.min)),
        indicators: indicators.filter((i) => i.external === x.code).map((i) => i.code),
      },
    ]),
  );
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
    codeOfAlias,
    itemByCode: new Map(indicators.flatMap((i) => i.items.map((item) => [item.code, item]))),
    externalIndices,
    predicates: settleBands([...def.predicates].sort((a, b) => a.min - b.min)).map((p) => ({
      ...p,
      labels: p.labels ?? {},
    })),
    labelSets: def.labelSets ?? [],
    provisional: def.provisional ?? null,
    weightPlaces,
    valuePlaces,
    units,
    indexMin: ratio(minSum, BigInt(units)),
    indexMax: ratio(maxSum, BigInt(units)),
  };
}

/** Whether a value falls in a band, exactly. */
export function inBand(value: Ratio, band: Band): boolean {
  const lo = compareToDecimal(value, band.min);
  const hi = compareToDecimal(value, band.max);
  return (lo > 0 || (lo === 0 && band.minInclusive)) && (hi < 0 || (hi === 0 && band.maxInclusive));
}

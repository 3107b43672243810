// What scoring depends on in a framework, apart from its texts: a cycle that used a framework
// must keep scoring as it did, so once used only the texts of a framework id may change.
import type { AspectDef, FrameworkDef } from "./schema.js";

/** Domains as written, or the one unnamed group of a framework without domains. */
function groupsOf(def: FrameworkDef): { code: string | null; weight: number; aspects: AspectDef[] }[] {
  return def.domains ?? [{ code: null, weight: 100, aspects: def.aspects ?? [] }];
}

/**
 * The scoring shape of a framework definition, as a canonical string: the scales' level values,
 * decimals and which need evidence, the predicate bands' bounds in order, every domain, aspect and
 * indicator's code, weight and scale, in order, the evidence items' codes, the external indices'
 * bands and which indicators they feed. Names, criteria, guidance, aliases, notes and years are
 * left out.
 */
export function scoringShape(def: FrameworkDef): string {
  const bounds = (b: { min: number; max: number; minInclusive?: boolean; maxInclusive?: boolean }) => [
    b.min,
    b.max,
    b.minInclusive ?? null,
    b.maxInclusive ?? null,
  ];
  return JSON.stringify({
    scales: def.scales.map((s) => ({
      id: s.id,
      levels: s.levels.map((l) => [l.value, l.evidenceRequired ?? true]),
      ...(s.decimals ? { decimals: s.decimals } : {}),
    })),
    predicates: def.predicates.map(bounds),
    ...(def.externalIndices
      ? {
          externalIndices: def.externalIndices.map((x) => ({
            code: x.code,
            bands: x.bands.map((b) => [b.level, ...bounds(b)]),
            missingLevel: x.missingLevel ?? null,
          })),
        }
      : {}),
    domains: groupsOf(def).map((d) => ({
      code: d.code,
      weight: d.weight,
      aspects: d.aspects.map((a) => ({
        code: a.code,
        weight: a.weight,
        indicators: a.indicators.map((i) => ({
          code: i.code,
          weight: i.weight,
          scale: i.scale,
          levels: i.levels.map((l) => (l.items ? [l.value, l.items.map((item) => item.code)] : l.value)),
          ...(i.external ? { external: i.external } : {}),
        })),
      })),
    })),
  });
}

/** The first differences in scoring shape between two definitions, for a message a person reads. */
export function scoringDifferences(before: FrameworkDef, after: FrameworkDef, max = 5): string[] {
  const out: string[] = [];
  const indicators = (def: FrameworkDef) =>
    new Map(
      groupsOf(def).flatMap((d) =>
        d.aspects.flatMap((a) => a.indicators.map((i) => [i.code, { ...i, aspect: a.code }])),
      ),
    );
  const old = indicators(before);
  const now = indicators(after);
  for (const [code, i] of now) {
    const o = old.get(code);
    if (!o) out.push(`indicator ${code} is new`);
    else if (o.weight !== i.weight) out.push(`indicator ${code}: weight ${o.weight} → ${i.weight}`);
    else if (o.scale !== i.scale) out.push(`indicator ${code}: scale ${o.scale} → ${i.scale}`);
    else if (o.aspect !== i.aspect)
      out.push(`indicator ${code}: moved from aspect ${o.aspect} to ${i.aspect}`);
  }
  for (const code of old.keys()) if (!now.has(code)) out.push(`indicator ${code} is gone`);
  const groups = (def: FrameworkDef) =>
    JSON.stringify(groupsOf(def).map((d) => [d.code, d.weight, d.aspects.map((a) => [a.code, a.weight])]));
  if (groups(before) !== groups(after)) out.push("domains or aspects (codes or weights) differ");
  if (
    JSON.stringify(before.predicates.map((p) => [p.min, p.max, p.minInclusive, p.maxInclusive])) !==
    JSON.stringify(after.predicates.map((p) => [p.min, p.max, p.minInclusive, p.maxInclusive]))
  )
    out.push("predicate bands differ");
  if (JSON.stringify(before.scales) !== JSON.stringify(after.scales) && out.length === 0)
    out.push("scales differ");
  if (out.length === 0) out.push("the order of domains, aspects or indicators differs");
  return out.slice(0, max);
}

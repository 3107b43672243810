// What scoring depends on in a framework, apart from its texts: a cycle that used a framework
// must keep scoring as it did, so once used only the texts of a framework id may change.
import type { FrameworkDef } from "./schema.js";

/**
 * The scoring shape of a framework definition, as a canonical string: the scales' level values
 * and which need evidence, the predicate bands' bounds in order, and every domain, aspect and
 * indicator's code, weight and scale, in order. Names, criteria, guidance, notes and years are
 * left out.
 */
export function scoringShape(def: FrameworkDef): string {
  return JSON.stringify({
    scales: def.scales.map((s) => ({
      id: s.id,
      levels: s.levels.map((l) => [l.value, l.evidenceRequired ?? true]),
    })),
    predicates: def.predicates.map((p) => [p.min, p.max]),
    domains: def.domains.map((d) => ({
      code: d.code,
      weight: d.weight,
      aspects: d.aspects.map((a) => ({
        code: a.code,
        weight: a.weight,
        indicators: a.indicators.map((i) => ({
          code: i.code,
          weight: i.weight,
          scale: i.scale,
          levels: i.levels.map((l) => l.value),
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
      def.domains.flatMap((d) =>
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
    JSON.stringify(def.domains.map((d) => [d.code, d.weight, d.aspects.map((a) => [a.code, a.weight])]));
  if (groups(before) !== groups(after)) out.push("domains or aspects (codes or weights) differ");
  if (
    JSON.stringify(before.predicates.map((p) => [p.min, p.max])) !==
    JSON.stringify(after.predicates.map((p) => [p.min, p.max]))
  )
    out.push("predicate bands differ");
  if (JSON.stringify(before.scales) !== JSON.stringify(after.scales) && out.length === 0)
    out.push("scales differ");
  if (out.length === 0) out.push("the order of domains, aspects or indicators differs");
  return out.slice(0, max);
}

// A mapping between two frameworks, shipped as data beside them: which evidence items of the new
// framework an old indicator's documents most likely answer. People review it; nothing it carries
// counts until an assessor accepts it.
import { z } from "zod";
import type { Framework, FrameworkProblem } from "./model.js";
import { LocalizedTextSchema } from "./schema.js";
import { FrameworkError, formatPath } from "./validate.js";

export const MAPPING_FORMAT = "matang.mapping/v1";

const MappingEntrySchema = z.strictObject({
  /** The old framework's indicator code. */
  from: z.string().min(1),
  /** Only the evidence linked at these levels of the old indicator; all levels when absent. */
  levels: z.array(z.number().int().min(0)).min(1).optional(),
  /** Item codes of the new framework; empty when nothing in it corresponds (said in `note`). */
  items: z.array(z.string().min(1)),
  /** Why: what the old documents are and why these items ask for them. */
  note: LocalizedTextSchema,
});

export const MappingSchema = z.strictObject({
  format: z.literal(MAPPING_FORMAT),
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  title: LocalizedTextSchema,
  from: z.string().min(1),
  to: z.string().min(1),
  /** Who drew it up from what, and how sure it is: shown wherever it is used. */
  note: LocalizedTextSchema,
  entries: z.array(MappingEntrySchema).min(1),
});

export type MappingDef = z.infer<typeof MappingSchema>;
export type MappingEntry = z.infer<typeof MappingEntrySchema>;

/**
 * Check a mapping against the two frameworks it joins: every old indicator is named (so a reader
 * sees a decision for each, even "nothing corresponds"), no old level is covered twice, and every
 * item exists in the new framework. Every problem is reported with its path.
 */
export function validateMapping(
  input: unknown,
  frameworkById: (id: string) => Framework | undefined,
): { ok: true; mapping: MappingDef } | { ok: false; problems: FrameworkProblem[] } {
  const parsed = MappingSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => ({
        path: formatPath(i.path),
        code: "schema",
        message: i.message,
      })),
    };
  }
  const mapping = parsed.data;
  const problems: FrameworkProblem[] = [];
  const from = frameworkById(mapping.from);
  const to = frameworkById(mapping.to);
  if (!from)
    problems.push({ path: "from", code: "unknown_framework", message: `no framework "${mapping.from}"` });
  if (!to) problems.push({ path: "to", code: "unknown_framework", message: `no framework "${mapping.to}"` });
  if (!from || !to) return { ok: false, problems };
  const covered = new Map<string, Set<number> | "all">();
  mapping.entries.forEach((entry, i) => {
    const at = (path: string, code: string, message: string) =>
      problems.push({ path: `entries[${i}]${path}`, code, message });
    const indicator = from.indicatorByCode.get(entry.from);
    if (!indicator) {
      at(".from", "unknown_indicator", `indicator "${entry.from}" is not in ${from.id}`);
      return;
    }
    const before = covered.get(entry.from);
    if (entry.levels === undefined) {
      if (before) at(".from", "duplicate", `indicator "${entry.from}" is mapped more than once`);
      covered.set(entry.from, "all");
    } else {
      const seen = before === "all" ? null : (before ?? new Set<number>());
      entry.levels.forEach((level, k) => {
        if (!indicator.scale.values.includes(level))
          at(`.levels[${k}]`, "unknown_level", `level ${level} is not on indicator ${entry.from}'s scale`);
        else if (!seen || seen.has(level))
          at(
            `.levels[${k}]`,
            "duplicate",
            `level ${level} of indicator "${entry.from}" is mapped more than once`,
          );
        else seen.add(level);
      });
      if (seen) covered.set(entry.from, seen);
    }
    const items = new Set<string>();
    entry.items.forEach((code, k) => {
      if (!to.itemByCode.has(code)) at(`.items[${k}]`, "unknown_item", `item "${code}" is not in ${to.id}`);
      else if (items.has(code)) at(`.items[${k}]`, "duplicate", `item "${code}" is listed twice`);
      items.add(code);
    });
    if (entry.items.length === 0 && !entry.note.id.trim())
      at(".note", "missing_note", "an entry without items says why");
  });
  for (const indicator of from.indicators) {
    if (!covered.has(indicator.code))
      problems.push({
        path: "entries",
        code: "unmapped_indicator",
        message: `indicator "${indicator.code}" of ${from.id} has no entry (give it one, with no items if nothing corresponds)`,
      });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, mapping };
}

export function requireMapping(
  input: unknown,
  frameworkById: (id: string) => Framework | undefined,
  source = "mapping",
): MappingDef {
  const result = validateMapping(input, frameworkById);
  if (!result.ok) throw new FrameworkError(source, result.problems);
  return result.mapping;
}

/** The new framework's items that evidence linked at `level` of the old indicator `code` goes to. */
export function mappedItems(mapping: MappingDef, code: string, level: number): readonly string[] {
  const entry = mapping.entries.find(
    (e) => e.from === code && (e.levels === undefined || e.levels.includes(level)),
  );
  return entry?.items ?? [];
}

import { INSTANSI_KINDS, normalizeName, REGIONAL_KINDS, type ResultRow } from "@matang/core";
import { sql } from "drizzle-orm";
import { appendAudit } from "../audit/repository.js";
import { type Db, inTransaction } from "../db/client.js";
import { publishedResults } from "../db/schema.js";
import { addName, listKnownNames } from "../organizations/repository.js";

export interface Unmatched {
  readonly line: number;
  readonly name: string;
  readonly kind: string;
  readonly region: string | null;
  /** Known organizations whose names are close: for a person to confirm, never applied silently. */
  readonly candidates: readonly string[];
}

export interface ResultsReport {
  readonly total: number;
  readonly imported: number;
  readonly unmatched: readonly Unmatched[];
}

/** Three-letter pieces of a name: a typo changes few of them. */
function trigrams(s: string): Set<string> {
  const padded = `  ${s} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return out;
}

/** Overlap of trigrams (Jaccard): enough to suggest a candidate, never to decide a match. */
function similarity(a: string, b: string): number {
  const x = trigrams(a);
  const y = trigrams(b);
  const common = [...x].filter((t) => y.has(t)).length;
  return common / (x.size + y.size - common || 1);
}

/**
 * Import official results: each row is matched to an organization by any name it has carried
 * (normalised, within its province for a kabupaten/kota) and stored as published, with its source.
 * Rows without a sure match are listed with close candidates and left out. Idempotent per
 * organization and year; one audit entry.
 */
export async function importResults(
  db: Db,
  rows: readonly ResultRow[],
  options: {
    actor: { id: string | null; label: string };
    source: string;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<ResultsReport> {
  return inTransaction(db, async (t) => {
    const known = await listKnownNames(t, INSTANSI_KINDS);
    const key = (kind: string, name: string, parent: string | null) => `${kind}|${name}|${parent ?? ""}`;
    const index = new Map<string, string>();
    for (const k of known) {
      index.set(
        key(k.kind, k.normalizedName, REGIONAL_KINDS.includes(k.kind as never) ? k.parentId : null),
        k.id,
      );
    }
    const names = new Map<string, { kind: string; parentId: string | null; names: string[] }>();
    for (const k of known) {
      const entry = names.get(k.id) ?? { kind: k.kind, parentId: k.parentId, names: [] };
      entry.names.push(k.normalizedName);
      names.set(k.id, entry);
    }
    const display = new Map(known.map((k) => [k.id, k.normalizedName]));
    let imported = 0;
    const unmatched: Unmatched[] = [];
    let done = 0;
    for (const row of rows) {
      const regional = REGIONAL_KINDS.includes(row.kind);
      const provinceId = regional ? index.get(key("provinsi", normalizeName(row.region ?? ""), null)) : null;
      const organizationId = index.get(
        key(row.kind, row.normalizedName, regional ? (provinceId ?? "?") : null),
      );
      if (!organizationId) {
        const candidates = [...names.entries()]
          .filter(([, v]) => v.kind === row.kind && (!regional || !provinceId || v.parentId === provinceId))
          .map(([id, v]) => ({
            id,
            score: Math.max(...v.names.map((n) => similarity(n, row.normalizedName))),
          }))
          .filter((c) => c.score >= 0.5)
          .sort((a, b) => b.score - a.score)
          .slice(0, 3)
          .map((c) => display.get(c.id) ?? c.id);
        unmatched.push({ line: row.line, name: row.name, kind: row.kind, region: row.region, candidates });
      } else {
        await t
          .insert(publishedResults)
          .values({
            organizationId,
            year: row.year,
            index: row.index,
            predicate: row.predicate,
            domains: row.domains,
            nameAsPublished: row.name,
            source: options.source,
          })
          .onConflictDoUpdate({
            target: [publishedResults.organizationId, publishedResults.year],
            set: {
              index: row.index,
              predicate: row.predicate,
              domains: row.domains,
              nameAsPublished: row.name,
              source: options.source,
              createdAt: sql`now()`,
            },
          });
        // The name as published that year joins the organization's name history.
        await addName(t, organizationId, row.name, row.normalizedName, options.source, row.year);
        imported++;
      }
      options.onProgress?.(++done, rows.length);
    }
    await appendAudit(t, {
      actorId: options.actor.id,
      actorLabel: options.actor.label,
      action: "results.import",
      entityType: "published_result",
      after: { source: options.source, total: rows.length, imported, unmatched: unmatched.length },
    });
    return { total: rows.length, imported, unmatched };
  });
}

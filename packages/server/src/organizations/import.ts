import {
  type FileProblem,
  INSTANSI_KINDS,
  InputFileError,
  normalizeName,
  parseRegistryFile,
  REGIONAL_KINDS,
  type RegistryRow,
} from "@matang/core";
import { type Actor, appendAudit, auditedBy } from "../audit/repository.js";
import { type Db, inTransaction } from "../db/client.js";
import { actorFrom, type RequestContext } from "../http/context.js";
import { authorize } from "../policy/policy.js";
import { addName, findById, insertOrganization, listKnownNames } from "./repository.js";

export type ImportActor = Actor;

export interface ImportOptions {
  readonly actor: ImportActor;
  /** Where the rows came from, kept with each name (e.g. the file name). */
  readonly source: string;
  /** The year the names are from, when known (e.g. a results year). */
  readonly year?: number | null;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface ImportSummary {
  readonly total: number;
  readonly created: number;
  readonly matched: number;
  /** Kabupaten/kota linked to their province. */
  readonly linked: number;
  readonly byKind: Readonly<Record<string, number>>;
}

const key = (kind: string, normalizedName: string, parentId: string | null = null) =>
  `${kind}|${normalizedName}|${parentId ?? ""}`;

/**
 * Load the instansi registry: create what is new, recognise what exists (by any name it has
 * carried, within its province for a kabupaten/kota), link each kabupaten/kota to its province.
 * Idempotent, all-or-nothing, and one audit entry for the whole import.
 */
export async function importRegistry(
  db: Db,
  rows: readonly RegistryRow[],
  options: ImportOptions,
): Promise<ImportSummary> {
  return inTransaction(db, async (db) => {
    const index = new Map<string, string>();
    for (const known of await listKnownNames(db, INSTANSI_KINDS)) {
      index.set(
        key(
          known.kind,
          known.normalizedName,
          REGIONAL_KINDS.includes(known.kind as never) ? known.parentId : null,
        ),
        known.id,
      );
    }
    // Central bodies and provinces first, so every kabupaten/kota finds its province.
    const ordered = [...rows].sort(
      (a, b) => Number(REGIONAL_KINDS.includes(a.kind)) - Number(REGIONAL_KINDS.includes(b.kind)),
    );
    const problems: FileProblem[] = [];
    const byKind: Record<string, number> = {};
    let created = 0;
    let matched = 0;
    let linked = 0;
    let done = 0;
    for (const row of ordered) {
      byKind[row.kind] = (byKind[row.kind] ?? 0) + 1;
      let parent: { id: string; path: string } | null = null;
      if (REGIONAL_KINDS.includes(row.kind)) {
        const provinceId = index.get(key("provinsi", normalizeName(row.region ?? "")));
        const province = provinceId ? await findById(db, provinceId) : undefined;
        if (!province) {
          problems.push({
            file: options.source,
            line: row.line,
            field: "region",
            message: `province "${row.region}" is neither in this file nor in Matang`,
            code: "unknown_province",
            params: { region: row.region ?? "" },
          });
          continue;
        }
        parent = { id: province.id, path: province.path };
        linked++;
      }
      const rowKey = key(row.kind, row.normalizedName, parent?.id ?? null);
      let id = index.get(rowKey);
      if (id) {
        matched++;
      } else {
        const org = await insertOrganization(db, {
          kind: row.kind,
          name: row.name,
          normalizedName: row.normalizedName,
          category: row.category,
          parent,
        });
        id = org.id;
        index.set(rowKey, id);
        created++;
      }
      await addName(db, id, row.name, row.normalizedName, options.source, options.year ?? null);
      if (row.kind === "provinsi" && row.region) {
        // A province is also known by its short name, which is how its regencies refer to it.
        const short = normalizeName(row.region);
        await addName(db, id, row.region, short, options.source, options.year ?? null);
        index.set(key("provinsi", short), id);
      }
      options.onProgress?.(++done, rows.length);
    }
    if (problems.length > 0) throw new InputFileError(problems.sort((a, b) => a.line - b.line));
    const summary: ImportSummary = { total: rows.length, created, matched, linked, byKind };
    await appendAudit(db, {
      ...auditedBy(options.actor),
      action: "organizations.import",
      entityType: "organization",
      after: { source: options.source, ...summary },
    });
    return summary;
  });
}

/** An administrator's upload of the instansi registry: parsed (every problem by line), then imported. */
export async function importRegistryFile(
  db: Db,
  ctx: RequestContext,
  text: string,
  options: { source: string; year: number | null },
) {
  authorize(ctx.principal, "organization.import", { path: "/" });
  const rows = parseRegistryFile(text, options.source);
  return importRegistry(db, rows, { actor: actorFrom(ctx), source: options.source, year: options.year });
}

import {
  closestProvince,
  type FileProblem,
  INSTANSI_KINDS,
  InputFileError,
  institutionForms,
  normalizeName,
  parseResultsFile,
  REGIONAL_KINDS,
  type ResultRow,
  relatedProvinces,
  renamedMinistry,
} from "@matang/core";
import { type Actor, appendAudit, auditedBy } from "../audit/repository.js";
import { type Db, inTransaction } from "../db/client.js";
import { actorFrom, type RequestContext } from "../http/context.js";
import { notFound } from "../http/errors.js";
import { addName, findById, insertOrganization, listKnownNames } from "../organizations/repository.js";
import { authorize } from "../policy/policy.js";
import {
  allResultYears,
  currentNames,
  publishYear,
  recordYears,
  removeResult,
  resultsByOrganization,
  storeResult,
} from "./repository.js";

export interface Candidate {
  readonly id: string;
  readonly name: string;
  /** Trigram overlap with the published name, 0–1. */
  readonly similarity: number;
}

export interface Unmatched {
  readonly line: number;
  readonly name: string;
  readonly kind: string;
  readonly region: string | null;
  /** Known organizations whose names are close: for a person to confirm, never applied silently. */
  readonly candidates: readonly Candidate[];
}

export interface ResultsReport {
  readonly total: number;
  /** Rows matched to an organization (automatically or confirmed) and stored. */
  readonly imported: number;
  /** Of those: results new for that organization and year, changed figures, figures already stored. */
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Rows stored because a person confirmed their match. */
  readonly confirmed: number;
  readonly unmatched: readonly Unmatched[];
  /** Rows matched by a rule other than a name the body is known by, with the rule: for a person to check. */
  readonly matchedBy: readonly {
    line: number;
    year: number;
    name: string;
    organizationId: string;
    organization: string;
    rule: MatchRule;
    detail: string;
  }[];
  /** Bodies a person said are genuinely new, created with this import (type and province from the row). */
  readonly createdBodies: readonly { line: number; name: string; organizationId: string }[];
  /** Nothing was written (a preview). */
  readonly dryRun: boolean;
}

/** How a row was matched when not by a name the body is known by. */
export type MatchRule =
  | "province_corrected"
  | "province_moved"
  | "institution_secretariat"
  | "ministry_renamed";

export interface ImportOptions {
  readonly actor: Actor;
  readonly source: string;
  /** Line → organization id: matches a person confirmed; the published name joins its names. */
  readonly confirmations?: ReadonlyMap<number, string>;
  /** Lines a person said are a body Matang does not know yet: created, of the row's type and province. */
  readonly creations?: ReadonlySet<number>;
  readonly dryRun?: boolean;
  /** Publish the years at once (the demo, a CLI import told so); else a new year stays a draft. */
  readonly publish?: boolean;
  readonly onProgress?: (done: number, total: number) => void;
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
 * (normalised, within its province for a kabupaten/kota), or by a person's confirmation, and stored
 * as published, with its source. Rows without a sure match are listed with close candidates and
 * left out. Idempotent per organization and year; one audit entry. A dry run writes nothing.
 */
export async function importResults(
  db: Db,
  rows: readonly ResultRow[],
  options: ImportOptions,
): Promise<ResultsReport> {
  const dryRun = options.dryRun ?? false;
  const confirmations = options.confirmations ?? new Map<number, string>();
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
    const display = await currentNames(t, [...names.keys()]);
    const existing = await resultsByOrganization(t, [...new Set(rows.map((r) => r.year))]);
    const counts = { imported: 0, created: 0, updated: 0, unchanged: 0, confirmed: 0 };
    const unmatched: Unmatched[] = [];
    const problems: FileProblem[] = [];
    let done = 0;
    const provinces = new Map(
      known.filter((k) => k.kind === "provinsi").map((k) => [k.normalizedName, k.id] as const),
    );
    const provinceNames = new Map([...provinces].map(([name, id]) => [id, name] as const));
    type Match = {
      row: ResultRow;
      organizationId: string | undefined;
      rule: MatchRule | null;
      detail: string;
      regional: boolean;
      provinceId: string | null | undefined;
    };
    // First every row's match, then the check that no body took two rows by a rule, then storing.
    const matches: Match[] = [];
    const createdBodies: { line: number; name: string; organizationId: string }[] = [];
    for (const row of rows) {
      const regional = REGIONAL_KINDS.includes(row.kind);
      const exactProvince = regional
        ? index.get(key("provinsi", normalizeName(row.region ?? ""), null))
        : null;
      // A province spelled differently or mistyped is still the one province it can only be.
      const provinceId =
        regional && !exactProvince && row.region ? closestProvince(row.region, provinces) : exactProvince;
      const m: Match = { row, organizationId: undefined, rule: null, detail: "", regional, provinceId };
      m.organizationId = index.get(key(row.kind, row.normalizedName, regional ? (provinceId ?? "?") : null));
      if (m.organizationId && regional && !exactProvince) {
        m.rule = "province_corrected";
        m.detail = `"${row.region}" read as ${display.get(provinceId ?? "") ?? provinceId}`;
      }
      if (!m.organizationId && regional && provinceId) {
        // A regency listed under the province it left (or joined) in a split is the same body.
        const moves = relatedProvinces(provinceNames.get(provinceId) ?? "");
        const found = moves.flatMap((move) => {
          const other =
            provinces.get(normalizeName(`provinsi ${move.province}`)) ??
            provinces.get(normalizeName(move.province));
          const id = other ? index.get(key(row.kind, row.normalizedName, other)) : undefined;
          return id ? [{ id, move }] : [];
        });
        if (found.length === 1 && found[0]) {
          m.organizationId = found[0].id;
          m.rule = "province_moved";
          m.detail = `${found[0].move.from} → ${found[0].move.to} (${found[0].move.year})`;
        }
      }
      if (!m.organizationId && !regional) {
        // A state institution listed as its secretariat: only when exactly one body answers.
        const ids = new Set(
          institutionForms(row.normalizedName).flatMap((form) => {
            const id = index.get(key(row.kind, form, null));
            return id ? [id] : [];
          }),
        );
        if (ids.size === 1) {
          m.organizationId = [...ids][0];
          m.rule = "institution_secretariat";
          m.detail = "listed as its secretariat";
        }
      }
      if (!m.organizationId && row.kind === "kementerian") {
        // A ministry whose name gained or lost a part: only when exactly one ministry answers.
        const id = renamedMinistry(
          row.normalizedName,
          [...names.entries()]
            .filter(([, v]) => v.kind === "kementerian")
            .map(([id, v]) => ({ id, names: v.names })),
        );
        if (id) {
          m.organizationId = id;
          m.rule = "ministry_renamed";
          m.detail = "its name gained or lost a part";
        }
      }
      const confirmedId = confirmations.get(row.line);
      if (!m.organizationId && confirmedId) {
        // A confirmation may only pick a body of the same type (and province), never anything else.
        const target = names.get(confirmedId);
        if (
          !target ||
          target.kind !== row.kind ||
          (regional && provinceId && target.parentId !== provinceId)
        ) {
          problems.push({
            file: options.source,
            line: row.line,
            field: "confirmation",
            code: "confirmation_mismatch",
            params: { name: row.name },
            message: `the organization confirmed for "${row.name}" is not a ${row.kind}${regional ? ` in ${row.region}` : ""}`,
          });
        } else {
          m.organizationId = confirmedId;
          counts.confirmed++;
        }
      }
      if (options.creations?.has(row.line)) {
        if (m.organizationId)
          problems.push({
            file: options.source,
            line: row.line,
            field: "create",
            code: "create_matched",
            params: { name: row.name },
            message: `"${row.name}" already matches ${display.get(m.organizationId) ?? "a known body"}; nothing to create`,
          });
        else if (regional && !provinceId)
          problems.push({
            file: options.source,
            line: row.line,
            field: "region",
            code: "unknown_province",
            params: { region: row.region ?? "" },
            message: `province "${row.region ?? ""}" is not in Matang: "${row.name}" cannot be created under it`,
          });
        else if (!dryRun) {
          const province = regional && provinceId ? await findById(t, provinceId) : undefined;
          const org = await insertOrganization(t, {
            kind: row.kind,
            name: row.name,
            normalizedName: row.normalizedName,
            // The registry's group ("Kementerian", "Pemerintah Daerah") is not in a results table.
            category: null,
            parent: province ? { id: province.id, path: province.path } : null,
          });
          m.organizationId = org.id;
          display.set(org.id, row.name);
          createdBodies.push({ line: row.line, name: row.name, organizationId: org.id });
        }
      }
      matches.push(m);
    }
    // Two rows of one year on one body: a rule cannot tell which is that body, so neither is taken
    // by the rule (e.g. a ministry split in two, each half "gaining a part" of the old name).
    const taken = new Map<string, number>();
    for (const m of matches)
      if (m.organizationId)
        taken.set(
          `${m.organizationId}|${m.row.year}`,
          (taken.get(`${m.organizationId}|${m.row.year}`) ?? 0) + 1,
        );
    for (const m of matches)
      if (m.rule && m.organizationId && (taken.get(`${m.organizationId}|${m.row.year}`) ?? 0) > 1) {
        m.organizationId = undefined;
        m.rule = null;
      }
    const matchedBy: ResultsReport["matchedBy"][number][] = [];
    for (const { row, organizationId, rule, detail, regional, provinceId } of matches) {
      if (organizationId && rule)
        matchedBy.push({
          line: row.line,
          year: row.year,
          name: row.name,
          organizationId,
          organization: display.get(organizationId) ?? organizationId,
          rule,
          detail,
        });
      if (!organizationId) {
        const candidates = [...names.entries()]
          .filter(([, v]) => v.kind === row.kind && (!regional || !provinceId || v.parentId === provinceId))
          .map(([id, v]) => ({
            id,
            name: display.get(id) ?? id,
            similarity: Math.max(...v.names.map((n) => similarity(n, row.normalizedName))),
          }))
          .filter((c) => c.similarity >= 0.4)
          .sort((a, b) => b.similarity - a.similarity)
          .slice(0, 3)
          .map((c) => ({ ...c, similarity: Math.round(c.similarity * 100) / 100 }));
        unmatched.push({ line: row.line, name: row.name, kind: row.kind, region: row.region, candidates });
      } else {
        const before = existing.get(`${organizationId}|${row.year}`);
        const same =
          before &&
          before.index === row.index &&
          before.predicate === row.predicate &&
          JSON.stringify(before.domains) === JSON.stringify(row.domains);
        if (!before) counts.created++;
        else if (same) counts.unchanged++;
        else counts.updated++;
        counts.imported++;
        if (!dryRun && !same) await storeResult(t, organizationId, row, options.source);
        // The name as published that year joins the organization's name history.
        if (!dryRun) await addName(t, organizationId, row.name, row.normalizedName, options.source, row.year);
      }
      options.onProgress?.(++done, rows.length);
    }
    if (problems.length > 0) throw new InputFileError(problems);
    if (!dryRun) {
      // A year new to Matang is a draft until an administrator publishes it.
      await recordYears(
        t,
        [...new Set(rows.map((r) => r.year))],
        options.publish ? { by: options.actor.id } : null,
      );
      await appendAudit(t, {
        ...auditedBy(options.actor),
        action: "results.import",
        entityType: "published_result",
        after: {
          source: options.source,
          total: rows.length,
          ...counts,
          unmatched: unmatched.length,
          createdBodies: createdBodies.map((b) => b.organizationId),
        },
      });
    }
    return { total: rows.length, ...counts, unmatched, matchedBy, createdBodies, dryRun };
  });
}

/**
 * An administrator's upload of the official results: parsed (every problem by line), checked
 * against the confirmations a person gave, then imported (or only previewed).
 */
export async function importResultsFile(
  db: Db,
  ctx: RequestContext,
  input: {
    csv: string;
    source: string;
    year?: number;
    dryRun: boolean;
    confirmations: readonly { line: number; organizationId: string }[];
    create?: readonly number[];
  },
): Promise<ResultsReport> {
  authorize(ctx.principal, "results.import", { path: "/" });
  const rows = parseResultsFile(input.csv, input.source, input.year);
  const lines = new Set(rows.map((r) => r.line));
  const unknown = [...input.confirmations, ...(input.create ?? []).map((line) => ({ line }))].filter(
    (c) => !lines.has(c.line),
  );
  if (unknown.length > 0) {
    throw new InputFileError(
      unknown.map((c) => ({
        file: input.source,
        line: c.line,
        field: "confirmation",
        code: "no_such_line",
        message: `line ${c.line} holds no result`,
      })),
    );
  }
  return importResults(db, rows, {
    actor: actorFrom(ctx),
    source: input.source,
    dryRun: input.dryRun,
    confirmations: new Map(input.confirmations.map((c) => [c.line, c.organizationId])),
    creations: new Set(input.create ?? []),
  });
}

/**
 * A person undoes a match: the year's stored result of the body and the name that import taught
 * Matang are removed, so the row can be imported again to the right body. Audited.
 */
export async function undoMatch(db: Db, ctx: RequestContext, year: number, organizationId: string) {
  authorize(ctx.principal, "results.import", { path: "/" });
  return inTransaction(db, async (t) => {
    const removed = await removeResult(t, organizationId, year);
    if (!removed) throw notFound("Result");
    await appendAudit(t, {
      ...auditedBy(actorFrom(ctx)),
      action: "results.unmatch",
      entityType: "published_result",
      entityId: `${organizationId}/${year}`,
      organizationId,
      before: removed,
      after: null,
    });
    return { year, organizationId, name: removed.nameAsPublished };
  });
}

/** Every year with results, drafts included, beside the year before it: what an administrator publishes. */
export async function resultYears(db: Db, ctx: RequestContext) {
  authorize(ctx.principal, "results.import", { path: "/" });
  const years = await allResultYears(db);
  return {
    items: years.map((y) => ({
      year: y.year,
      count: y.count,
      published: y.publishedAt !== null,
      publishedAt: y.publishedAt?.toISOString() ?? null,
      previousCount: years.find((p) => p.year < y.year)?.count ?? null,
    })),
  };
}

/** An administrator makes a year's results public. Audited; publishing a published year changes nothing. */
export async function publishResultYear(db: Db, ctx: RequestContext, year: number) {
  authorize(ctx.principal, "results.import", { path: "/" });
  return publishYearAs(db, actorFrom(ctx), year);
}

/** Publish a year's results as `actor` (the web's administrator, or the CLI). */
export async function publishYearAs(db: Db, actor: Actor, year: number) {
  return inTransaction(db, async (t) => {
    const before = (await allResultYears(t)).find((y) => y.year === year);
    if (!before) throw notFound("Results of the year");
    const published = await publishYear(t, year, actor.id);
    if (!published) throw notFound("Results of the year");
    if (before.publishedAt === null)
      await appendAudit(t, {
        ...auditedBy(actor),
        action: "results.publish",
        entityType: "result_year",
        entityId: String(year),
        before: { published: false },
        after: { published: true, count: published.count },
      });
    return {
      year,
      count: published.count,
      published: true,
      publishedAt: published.publishedAt?.toISOString() ?? null,
      previousCount: null as number | null,
    };
  });
}

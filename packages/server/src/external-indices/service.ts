// Other agencies' indices (SDI, SJIG, IPS, IKASANDI…) that set the level of Pemdi indicators: the
// coordinator records each value with its date, source document and responsible unit; a national
// administrator may import many at once. The fed indicators' self-assessment level follows the
// value (or the framework's level for a missing or expired one), written by Matang with a note
// that says where it came from, so every figure, ranking and report counts it the same way.
import {
  type ExternalStanding,
  externalEffect,
  externalStanding,
  externalValueProblem,
  type FileProblem,
  type Framework,
  InputFileError,
  isCalendarDate,
  normalizeName,
  readCsv,
  stageLevels,
  todayWib,
  workBlocked,
} from "@matang/core";
import { assessmentTarget, requireWork, stageFacts } from "../assessments/access.js";
import { access, type Loaded } from "../assessments/loading.js";
import * as assessmentRepo from "../assessments/repository.js";
import { appendAudit } from "../audit/repository.js";
import { findCycle } from "../cycles/repository.js";
import { type Db, inTransaction } from "../db/client.js";
import * as evidenceRepo from "../evidence/repository.js";
import type { Frameworks } from "../frameworks/service.js";
import { actorOf, type RequestContext } from "../http/context.js";
import { ApiError, conflict, notFound } from "../http/errors.js";
import { authorize, can } from "../policy/policy.js";
import * as repo from "./repository.js";

const decimal = (n: number) => String(n).replace(".", ",");

/** The note beside a fed indicator's level: where it came from, or why it counts the default. */
export function fedNote(framework: Framework, s: ExternalStanding): string {
  const index = framework.externalIndices.get(s.code);
  const name = index?.name.id ?? s.code;
  if (s.state === "missing")
    return `${name} belum dicatat: dihitung ${s.counted ?? "—"} sesuai kerangka (hasil sementara).`;
  if (s.state === "expired")
    return `${name} ${decimal(s.value ?? 0)} (diukur ${s.measuredOn}) kedaluwarsa sejak ${s.expiresOn}: dihitung ${s.counted ?? "—"}.`;
  return `Dari ${name} ${decimal(s.value ?? 0)}${s.measuredOn ? ` (diukur ${s.measuredOn})` : ""}: tingkat ${s.level ?? s.counted}.`;
}

/** Write the fed indicators' self-assessment levels from the indices' standings (all, or one). */
async function applyStandings(
  t: Db,
  framework: Framework,
  assessmentId: string,
  readings: readonly repo.ExternalValueRow[],
  today: string,
  only?: string,
): Promise<ExternalStanding[]> {
  const out: ExternalStanding[] = [];
  for (const index of framework.externalIndices.values()) {
    if (only && index.code !== only) continue;
    const standing = externalStanding(
      framework,
      index.code,
      readings.find((r) => r.indexCode === index.code),
      today,
    );
    for (const indicatorCode of standing.indicators)
      await repo.putFedLevel(
        t,
        { assessmentId, indicatorCode },
        standing.counted,
        fedNote(framework, standing),
      );
    out.push(standing);
  }
  return out;
}

/** Bring an assessment's fed indicators in line with its recorded values (e.g. after loading data). */
export async function syncExternalLevels(t: Db, framework: Framework, assessmentId: string) {
  if (framework.externalIndices.size === 0) return;
  await applyStandings(
    t,
    framework,
    assessmentId,
    await assessmentRepo.externalValuesOf(t, assessmentId),
    todayWib(),
  );
}

/** For new assessments of a framework with external indices: the fed indicators start as it says. */
export async function initExternalLevels(t: Db, framework: Framework, assessmentIds: readonly string[]) {
  if (framework.externalIndices.size === 0) return;
  const today = todayWib();
  for (const id of assessmentIds) await applyStandings(t, framework, id, [], today);
}

function indexOf(c: Loaded, code: string) {
  const index = c.framework.externalIndices.get(code);
  if (!index) throw notFound(`External index ${code} of framework ${c.framework.id}`);
  return index;
}

/** Every external index of the assessment's framework, where its value stands, and who may record. */
export async function listExternal(db: Db, frameworks: Frameworks, ctx: RequestContext, id: string) {
  const c = await access(db, frameworks, ctx, id, "assessment.read");
  const values = await repo.valuesOf(db, id);
  const today = todayWib();
  const whole = { path: c.organization.path, assessorIds: c.assessorIds };
  const mayRecord = can(ctx.principal, "indicator.consolidate", whole);
  return {
    items: [...c.framework.externalIndices.values()].map((index) => {
      const found = values.find((v) => v.row.indexCode === index.code);
      const s = externalStanding(c.framework, index.code, found?.row, today);
      return {
        code: index.code,
        name: index.name,
        owner: index.owner ?? null,
        min: index.min,
        max: index.max,
        decimals: index.decimals ?? 0,
        maxAgeMonths: index.maxAgeMonths ?? null,
        missingLevel: index.missingLevel ?? null,
        bands: index.bands.map((b) => ({ ...b })),
        indicators: index.indicators.map((code) => ({
          code,
          name: c.framework.indicatorByCode.get(code)?.name ?? { id: code },
        })),
        value: s.value,
        measuredOn: s.measuredOn,
        expiresOn: s.expiresOn,
        state: s.state,
        level: s.level,
        counted: s.counted,
        note: found?.row.note ?? "",
        evidenceId: found?.row.evidenceId ?? null,
        evidenceTitle: found?.evidenceTitle ?? null,
        unitId: found?.row.unitId ?? null,
        unitName: found?.unitName ?? null,
        version: found?.row.version ?? 0,
      };
    }),
    can: { record: mayRecord && workBlocked("edit", stageFacts(c)) === null },
  };
}

export interface RecordInput {
  readonly value: number;
  readonly measuredOn: string;
  readonly evidenceId?: string | null | undefined;
  readonly unitId?: string | null | undefined;
  readonly note?: string | undefined;
  readonly version: number;
}

/** The coordinator records an index's value; the fed indicators follow it at once. */
export async function recordExternal(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  id: string,
  code: string,
  input: RecordInput,
) {
  const c = await access(db, frameworks, ctx, id, "assessment.read");
  authorize(ctx.principal, "indicator.consolidate", assessmentTarget(c));
  const index = indexOf(c, code);
  requireWork(c, "edit");
  const problem = externalValueProblem(index, input.value);
  if (problem)
    throw new ApiError(400, "invalid_value", `${code}: ${input.value} — ${problem}`, {
      min: index.min,
      max: index.max,
    });
  const today = todayWib();
  if (!isCalendarDate(input.measuredOn) || input.measuredOn > today)
    throw new ApiError(400, "invalid_date", `measuredOn must be a date (YYYY-MM-DD) not after ${today}`);
  if (input.evidenceId) {
    const e = await evidenceRepo.findEvidence(db, input.evidenceId);
    if (!e || e.organizationId !== c.organization.id)
      throw new ApiError(400, "invalid_evidence", "evidenceId is not evidence of this instansi");
  }
  if (input.unitId) {
    const [unit] = await assessmentRepo.unitsUnder(db, c.organization.path, [input.unitId]);
    if (!unit) throw new ApiError(400, "invalid_unit", "unitId is not a unit of this instansi");
  }
  return inTransaction(db, async (t) => {
    const before = await repo.findValue(t, id, code);
    const saved = await repo.saveValue(t, { assessmentId: id, indexCode: code }, input.version, {
      value: input.value,
      measuredOn: input.measuredOn,
      evidenceId: input.evidenceId ?? null,
      unitId: input.unitId ?? null,
      note: input.note ?? "",
      updatedBy: ctx.principal?.userId ?? null,
    });
    if (!saved)
      throw conflict("Someone saved this value first", {
        current: (await repo.findValue(t, id, code)) ?? null,
      });
    const [standing] = await applyStandings(t, c.framework, id, [saved], today, code);
    await appendAudit(t, {
      ...actorOf(ctx),
      action: "external.record",
      entityType: "assessment",
      entityId: id,
      organizationId: c.organization.id,
      before: before ? { index: code, value: before.value, measuredOn: before.measuredOn } : null,
      after: {
        index: code,
        value: saved.value,
        measuredOn: saved.measuredOn,
        level: standing?.counted ?? null,
      },
    });
    return {
      index: code,
      value: saved.value,
      measuredOn: saved.measuredOn,
      version: saved.version,
      standing,
    };
  });
}

/** What a different value of the index would do to the fed indicators and the index. */
export async function previewExternal(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  id: string,
  code: string,
  value: number,
) {
  const c = await access(db, frameworks, ctx, id, "assessment.read");
  const index = indexOf(c, code);
  const problem = externalValueProblem(index, value);
  if (problem) throw new ApiError(400, "invalid_value", `${code}: ${value} — ${problem}`);
  const [rows, values] = await Promise.all([assessmentRepo.levelsOf(db, id), repo.valuesOf(db, id)]);
  const levels = stageLevels(rows).final;
  const readings = Object.fromEntries(values.map((v) => [v.row.indexCode, v.row]));
  const effect = externalEffect(c.framework, levels, readings, code, value, todayWib());
  return { ...effect, indicators: [...effect.indicators] };
}

export interface ImportReport {
  readonly rows: number;
  readonly assessments: number;
  readonly dryRun: boolean;
}

/**
 * A national administrator's CSV of index values for many instansi in one cycle, header
 * `instansi,index,value,measured_on`: every problem by line, nothing stored unless all is right.
 */
export async function importExternal(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  input: { cycleId: string; csv: string; source: string; dryRun: boolean },
): Promise<ImportReport> {
  authorize(ctx.principal, "results.import", { path: "/" });
  const cycle = await findCycle(db, input.cycleId);
  if (!cycle) throw notFound("Cycle");
  const framework = frameworks.get(cycle.frameworkId);
  if (!framework) throw notFound(`Framework ${cycle.frameworkId}`);
  if (framework.externalIndices.size === 0)
    throw new ApiError(400, "no_external_indices", `Framework ${framework.id} takes no external index`);
  const file = input.source;
  const records = readCsv(input.csv, file);
  const [header, ...data] = records;
  const names = header?.record.map((c) => c.trim().toLowerCase()) ?? [];
  const HEADER = ["instansi", "index", "value", "measured_on"];
  if (names.join(",") !== HEADER.join(","))
    throw new InputFileError([
      {
        file,
        line: header?.line ?? 1,
        field: "header",
        code: "header",
        message: `the first line must be the header "${HEADER.join(",")}" (found "${header?.record.join(",") ?? ""}")`,
      },
    ]);
  const participants = await repo.assessmentsByName(db, input.cycleId);
  const byName = new Map(participants.map((p) => [p.normalizedName, p]));
  const today = todayWib();
  const problems: FileProblem[] = [];
  const seen = new Map<string, number>();
  const good: {
    assessmentId: string;
    organizationId: string;
    index: string;
    value: number;
    measuredOn: string;
  }[] = [];
  for (const { record, line } of data) {
    const at = (field: string, message: string) => problems.push({ file, line, field, message });
    if (record.length !== HEADER.length) {
      at("row", `expected ${HEADER.length} fields (${HEADER.join(", ")}), found ${record.length}`);
      continue;
    }
    const [instansi = "", code = "", raw = "", measuredOn = ""] = record;
    const p = byName.get(normalizeName(instansi));
    const index = framework.externalIndices.get(code.trim());
    let bad = false;
    if (!p) {
      at("instansi", `"${instansi}" takes no part in this cycle`);
      bad = true;
    } else if (p.state === "published") {
      at("instansi", `${p.name}: the assessment is published; its figures no longer change`);
      bad = true;
    }
    if (!index) {
      at(
        "index",
        `"${code}" is not an external index of framework ${framework.id} (${[...framework.externalIndices.keys()].join(", ")})`,
      );
      bad = true;
    }
    const value = Number(raw.trim().replace(/^([+-]?\d+),(\d+)$/, "$1.$2"));
    if (raw.trim() === "" || !/^[+-]?\d+([.,]\d+)?$/.test(raw.trim())) {
      at("value", `${JSON.stringify(raw)} is not a number`);
      bad = true;
    } else if (index) {
      const problem = externalValueProblem(index, value);
      if (problem) {
        at("value", problem);
        bad = true;
      }
    }
    if (!isCalendarDate(measuredOn.trim()) || measuredOn.trim() > today) {
      at("measured_on", `${JSON.stringify(measuredOn)} is not a date (YYYY-MM-DD) on or before ${today}`);
      bad = true;
    }
    if (bad || !p || !index) continue;
    const key = `${p.assessmentId}/${index.code}`;
    const first = seen.get(key);
    if (first !== undefined) {
      at("index", `${p.name} ${index.code} is already given on line ${first}`);
      continue;
    }
    seen.set(key, line);
    good.push({
      assessmentId: p.assessmentId,
      organizationId: p.organizationId,
      index: index.code,
      value,
      measuredOn: measuredOn.trim(),
    });
  }
  if (data.length === 0)
    problems.push({ file, line: header?.line ?? 1, field: "file", message: "the file holds no rows" });
  if (problems.length > 0) throw new InputFileError(problems.sort((a, b) => a.line - b.line));
  const touched = new Set(good.map((g) => g.assessmentId));
  if (input.dryRun) return { rows: good.length, assessments: touched.size, dryRun: true };
  await inTransaction(db, async (t) => {
    for (const g of good) {
      await repo.putValue(
        t,
        { assessmentId: g.assessmentId, indexCode: g.index },
        {
          value: g.value,
          measuredOn: g.measuredOn,
          evidenceId: null,
          unitId: null,
          note: `Impor ${file}`,
          updatedBy: ctx.principal?.userId ?? null,
        },
      );
      await appendAudit(t, {
        ...actorOf(ctx),
        action: "external.import",
        entityType: "assessment",
        entityId: g.assessmentId,
        organizationId: g.organizationId,
        after: { index: g.index, value: g.value, measuredOn: g.measuredOn, source: file },
      });
    }
    for (const id of touched) {
      const readings = await assessmentRepo.externalValuesOf(t, id);
      await applyStandings(t, framework, id, readings, today);
    }
  });
  return { rows: good.length, assessments: touched.size, dryRun: false };
}

/**
 * A recorded value that has passed its age limit (IKASANDI: 12 months) stops counting: the fed
 * indicators of assessments not yet published go back to the framework's level, with a note.
 * Run by the background jobs; safe on several instances (the writes are idempotent).
 */
export async function expireExternalValues(
  db: Db,
  frameworks: Frameworks,
  now = new Date(),
): Promise<number> {
  const today = todayWib(now);
  const rows = await repo.openValues(db);
  const due = new Map<string, Framework>();
  for (const { row, frameworkId } of rows) {
    const framework = frameworks.get(frameworkId);
    if (!framework?.externalIndices.has(row.indexCode)) continue;
    if (externalStanding(framework, row.indexCode, row, today).state === "expired")
      due.set(row.assessmentId, framework);
  }
  let changed = 0;
  for (const [assessmentId, framework] of due) {
    const readings = await assessmentRepo.externalValuesOf(db, assessmentId);
    const stored = await repo.selfLevels(db, assessmentId);
    const stale = [...framework.externalIndices.keys()].some((code) => {
      const s = externalStanding(
        framework,
        code,
        readings.find((r) => r.indexCode === code),
        today,
      );
      return s.indicators.some((i) => stored.find((x) => x.indicatorCode === i)?.level !== s.counted);
    });
    if (!stale) continue;
    await inTransaction(db, (t) => applyStandings(t, framework, assessmentId, readings, today));
    changed++;
  }
  return changed;
}

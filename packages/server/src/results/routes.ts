import { type Framework, INSTANSI_KINDS } from "@matang/core";
import ExcelJS from "exceljs";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../db/client.js";
import { contextOf } from "../http/context.js";
import { ApiError } from "../http/errors.js";
import { CSV, CSV_TYPE, download, XLSX, XLSX_TYPE } from "../http/files.js";
import { spreadsheetText } from "../reports/cells.js";
import { sheet } from "../reports/excel.js";
import { importResultsFile, publishResultYear, resultYears, undoMatch } from "./import.js";
import { Item, LocalText, SpreadSchema } from "./schemas.js";
import { publishedYears, type RankedYear, rankedYear } from "./service.js";

const Year = z.coerce.number().int().min(2000).max(2200);
const Filters = z.strictObject({
  year: Year.optional(),
  type: z.enum(INSTANSI_KINDS).optional(),
  province: z.string().max(200).optional(),
  q: z.string().max(200).optional(),
});
type Filters = z.infer<typeof Filters>;

const ResultsReport = z.object({
  total: z.number(),
  imported: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  confirmed: z.number(),
  unmatched: z
    .array(
      z.object({
        line: z.number(),
        name: z.string(),
        kind: z.string(),
        region: z.string().nullable(),
        candidates: z
          .array(z.object({ id: z.string(), name: z.string(), similarity: z.number() }))
          .readonly(),
      }),
    )
    .readonly(),
  /** Rows matched by a rule (a corrected province, a secretariat for its institution), to check. */
  createdBodies: z
    .array(z.object({ line: z.number(), name: z.string(), organizationId: z.string() }))
    .readonly(),
  matchedBy: z
    .array(
      z.object({
        line: z.number(),
        year: z.number(),
        name: z.string(),
        organizationId: z.string(),
        organization: z.string(),
        rule: z.enum(["province_corrected", "province_moved", "institution_secretariat", "ministry_renamed"]),
        detail: z.string(),
      }),
    )
    .readonly(),
  dryRun: z.boolean(),
});

const ResultYear = z.object({
  year: z.number(),
  /** Bodies with a result that year. */
  count: z.number(),
  /** A draft until an administrator publishes it. */
  published: z.boolean(),
  publishedAt: z.string().nullable(),
  /** Bodies of the year before, to compare (null when there is none). */
  previousCount: z.number().nullable(),
});

/** The year asked for, else the newest; 404 when nothing was published then (a draft year included). */
async function yearOf(
  db: Db,
  frameworks: ReadonlyMap<string, Framework>,
  year: number | undefined,
): Promise<RankedYear> {
  const chosen = year ?? (await publishedYears(db))[0]?.year;
  // rankedYear is null for a year not published (a draft included).
  const ranked = chosen === undefined ? null : await rankedYear(db, chosen, frameworks);
  if (!ranked)
    throw new ApiError(
      404,
      "no_results",
      year ? `No results were published for ${year}` : "No results are published yet",
    );
  return ranked;
}

const folded = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();

function filtered(ranked: RankedYear, f: Filters) {
  const q = f.q?.trim() ? folded(f.q.trim()) : null;
  return ranked.items.filter(
    (i) =>
      (!f.type || i.type === f.type) &&
      (!f.province || i.province === f.province) &&
      (!q || folded(i.organization).includes(q) || folded(i.nameAsPublished).includes(q)),
  );
}

function carriedOf(ranked: RankedYear, f: Filters) {
  const q = f.q?.trim() ? folded(f.q.trim()) : null;
  return ranked.carried.filter(
    (i) =>
      (!f.type || i.type === f.type) &&
      (!f.province || i.province === f.province) &&
      (!q || folded(i.organization).includes(q)),
  );
}

/** A CSV cell: quoted when needed; text that a spreadsheet would run as a formula is defused. */
function cell(value: string | number | null): string {
  if (value === null) return "";
  const s = typeof value === "string" ? spreadsheetText(value) : String(value);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function resultsRoutes(db: Db, frameworks: ReadonlyMap<string, Framework>): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/public/results/years",
      {
        schema: {
          tags: ["public"],
          summary: "Years with published results (no login)",
          response: { 200: z.object({ items: z.array(z.object({ year: z.number(), count: z.number() })) }) },
        },
      },
      async () => ({ items: await publishedYears(db) }),
    );

    app.get(
      "/api/public/results",
      {
        schema: {
          tags: ["public"],
          summary:
            "Published results of a year (default: the newest), sorted by rank, with rank by type and province, rank change, percentile, per-type means and the distribution (no login). Filters narrow the list; ranks are always among all.",
          querystring: Filters,
          response: {
            200: z.object({
              year: z.number(),
              /** The index the year's results are on, from the framework of that year. */
              indexName: LocalText.nullable(),
              previousYear: z.number().nullable(),
              previousIndexName: LocalText.nullable(),
              /** The official national index of the year, as published (not the mean of the list). */
              national: z.object({ index: z.string(), source: z.string() }).nullable(),
              total: z.number(),
              items: z.array(Item),
              /**
               * Bodies not evaluated this year, with their last result on the same framework and
               * its year: shown as carried, never ranked, not in the mean.
               */
              carried: z.array(
                z.object({
                  organizationId: z.string(),
                  organization: z.string(),
                  type: z.string(),
                  province: z.string().nullable(),
                  index: z.string(),
                  predicate: z.string(),
                  fromYear: z.number(),
                }),
              ),
              summary: z.object({ all: SpreadSchema, byType: z.record(z.string(), SpreadSchema) }),
              distribution: z.array(z.object({ from: z.string(), to: z.string(), count: z.number() })),
              predicates: z.record(z.string(), z.number()),
              provinces: z.array(z.string()),
            }),
          },
        },
      },
      async (request) => {
        const ranked = await yearOf(db, frameworks, request.query.year);
        const provinces = [...new Set(ranked.items.flatMap((i) => (i.province ? [i.province] : [])))].sort();
        return {
          ...ranked,
          distribution: [...ranked.distribution],
          total: ranked.items.length,
          items: filtered(ranked, request.query).map(({ provinceId: _p, previousYear: _y, ...i }) => i),
          carried: carriedOf(ranked, request.query),
          provinces,
        };
      },
    );

    app.get(
      "/api/public/results.csv",
      {
        schema: {
          tags: ["public"],
          summary: "The same published results as CSV, for spreadsheets (no login)",
          querystring: Filters,
          response: { 200: CSV },
        },
      },
      async (request, reply) => {
        const ranked = await yearOf(db, frameworks, request.query.year);
        const items = filtered(ranked, request.query);
        const domains = [...new Set(items.flatMap((i) => Object.keys(i.domains)))].sort();
        const header = [
          "year",
          "rank",
          "instansi",
          "type",
          "province",
          "index",
          "predicate",
          ...domains.map((d) => d.toLowerCase()),
          "rank_in_type",
          "rank_in_province",
          "percentile",
          "previous_rank",
          "rank_change",
          "carried_from",
        ];
        const lines = items.map((i) =>
          [
            ranked.year,
            i.rank,
            i.nameAsPublished,
            i.type,
            i.province,
            i.index,
            i.predicate,
            ...domains.map((d) => i.domains[d] ?? null),
            i.rankInType,
            i.rankInProvince,
            i.percentile,
            i.previousRank,
            i.rankChange,
            null,
          ]
            .map(cell)
            .join(","),
        );
        // Bodies not evaluated this year: their carried value, unranked, with its year.
        const carried = carriedOf(ranked, request.query).map((i) =>
          [
            ranked.year,
            null,
            i.organization,
            i.type,
            i.province,
            i.index,
            i.predicate,
            ...domains.map(() => null),
            null,
            null,
            null,
            null,
            null,
            i.fromYear,
          ]
            .map(cell)
            .join(","),
        );
        const text = `${[header.join(","), ...lines, ...carried].join("\r\n")}\r\n`;
        return download(reply, CSV_TYPE, `hasil-spbe-${ranked.year}.csv`, Buffer.from(text));
      },
    );

    app.get(
      "/api/public/results.xlsx",
      {
        schema: {
          tags: ["public"],
          summary:
            "The same published results as an Excel workbook: indices as numbers, so Excel in any locale shows and sorts them (no login)",
          querystring: Filters,
          response: { 200: XLSX },
        },
      },
      async (request, reply) => {
        const ranked = await yearOf(db, frameworks, request.query.year);
        const items = filtered(ranked, request.query);
        const domains = [...new Set(items.flatMap((i) => Object.keys(i.domains)))].sort();
        const book = new ExcelJS.Workbook();
        book.creator = "Matang";
        const s = sheet(book, `Hasil ${ranked.year}`, [
          { header: "Peringkat", key: "rank", width: 10 },
          { header: "Instansi", key: "name", width: 40 },
          { header: "Jenis", key: "type", width: 12 },
          { header: "Provinsi", key: "province", width: 24 },
          { header: "Indeks", key: "index", width: 9 },
          { header: "Predikat", key: "predicate", width: 14 },
          ...domains.map((d) => ({ header: d, key: d, width: 8 })),
          { header: "Peringkat jenis", key: "rankInType", width: 15 },
          { header: "Peringkat provinsi", key: "rankInProvince", width: 17 },
          { header: "Persentil", key: "percentile", width: 10 },
          { header: "Perubahan peringkat", key: "rankChange", width: 19 },
        ]);
        const num = (v: string | null | undefined) => (v == null ? null : Number(v));
        for (const i of items)
          s.addRow({
            rank: i.rank,
            name: spreadsheetText(i.nameAsPublished),
            type: i.type,
            province: spreadsheetText(i.province ?? ""),
            index: num(i.index),
            predicate: i.predicate,
            ...Object.fromEntries(domains.map((d) => [d, num(i.domains[d])])),
            rankInType: i.rankInType,
            rankInProvince: i.rankInProvince,
            percentile: i.percentile,
            rankChange: i.rankChange,
          });
        for (const key of ["index", ...domains]) s.getColumn(key).numFmt = "0.00";
        const body = Buffer.from(await book.xlsx.writeBuffer());
        return download(reply, XLSX_TYPE, `hasil-spbe-${ranked.year}.xlsx`, body);
      },
    );

    app.post(
      "/api/results/import",
      {
        bodyLimit: 10 * 1024 * 1024,
        schema: {
          tags: ["results"],
          summary:
            "Import official results (CSV text like results-2023.csv): a dry run lists matches and uncertain names; confirmed lines are matched to the chosen organization",
          body: z.strictObject({
            csv: z
              .string()
              .min(1)
              .max(10 * 1024 * 1024),
            source: z.string().trim().min(1).max(200).default("upload.csv"),
            year: Year.optional(),
            dryRun: z.boolean().default(false),
            confirmations: z
              .array(z.strictObject({ line: z.number().int().min(2), organizationId: z.uuid() }))
              .max(10_000)
              .default([]),
            /** Lines that are a body Matang does not know yet: created (type and province from the row). */
            create: z.array(z.number().int().min(2)).max(10_000).default([]),
          }),
          response: { 200: ResultsReport },
        },
      },
      async (request) => importResultsFile(db, contextOf(request), request.body),
    );

    app.get(
      "/api/results/years",
      {
        schema: {
          tags: ["results"],
          summary:
            "Every year with imported results, drafts included, with the number of bodies beside the year before (administrators)",
          response: { 200: z.object({ items: z.array(ResultYear) }) },
        },
      },
      async (request) => resultYears(db, contextOf(request)),
    );

    app.post(
      "/api/results/years/:year/publish",
      {
        schema: {
          tags: ["results"],
          summary:
            "Publish an imported year: until then it is a draft, absent from the public page and its years. Audited",
          params: z.object({ year: Year }),
          response: { 200: ResultYear },
        },
      },
      async (request) => publishResultYear(db, contextOf(request), request.params.year),
    );

    app.delete(
      "/api/results/:year/:organizationId",
      {
        schema: {
          tags: ["results"],
          summary:
            "Undo a match: remove a body's result of the year and the name that import taught Matang, so the row can be imported again to the right body",
          params: z.object({ year: Year, organizationId: z.uuid() }),
          response: { 200: z.object({ year: z.number(), organizationId: z.string(), name: z.string() }) },
        },
      },
      async (request) =>
        undoMatch(db, contextOf(request), request.params.year, request.params.organizationId),
    );
  };
}

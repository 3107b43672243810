// Issue 18, item 5: a framework a cycle has used never changes how it scores. At start, a file
// (built-in or in MATANG_FRAMEWORKS_DIR) that changes a used framework's weights is refused,
// naming the file and the cycles, and nothing is changed; a text-only correction is applied and
// audited; a framework no cycle used may still be replaced.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FrameworkDef } from "@matang/core";
import { builtinFrameworkDir, readFrameworkFile } from "@matang/core/node";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, cycles, frameworks as frameworksTable } from "../src/db/schema.js";
import { FrameworkChangeRefused, installFrameworks } from "../src/frameworks/service.js";
import { configuredFrameworks } from "../src/index.js";
import { ENGINES, type TestDatabase, testDatabase } from "./harness.js";

const BUILTIN_2020 = join(builtinFrameworkDir, "permenpanrb-59-2020.json");
const original = JSON.parse(readFileSync(BUILTIN_2020, "utf8")) as FrameworkDef;

/** The 2020 framework with indicator 1 weighing 0.1 more and indicator 2 0.1 less (sums hold). */
function reweighted(def: FrameworkDef): FrameworkDef {
  const copy = structuredClone(def) as { domains: { aspects: { indicators: { weight: number }[] }[] }[] };
  const indicators = copy.domains[0]?.aspects[0]?.indicators ?? [];
  if (indicators[0]) indicators[0].weight = 1.4;
  if (indicators[1]) indicators[1].weight = 1.2;
  return copy as unknown as FrameworkDef;
}

function folderWith(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), "matang-frameworks-"));
  for (const [name, def] of Object.entries(files))
    writeFileSync(join(dir, name), JSON.stringify(def, null, 2));
  return dir;
}

describe.each(ENGINES)("frameworks once used, on %s", (engine) => {
  let database: TestDatabase;
  const dirs: string[] = [];

  const stored = async (id: string) => {
    const [row] = await database.db.select().from(frameworksTable).where(eq(frameworksTable.id, id));
    return row;
  };
  const useIn = (frameworkId: string, name: string, year: number) =>
    database.db.insert(cycles).values({ year, name, frameworkId, kind: "evaluation", schedule: {} });

  beforeAll(async () => {
    database = await testDatabase(engine);
    const { frameworks, files } = configuredFrameworks(undefined);
    await installFrameworks(database.db, frameworks, files);
    await useIn("permenpanrb-59-2020", "Evaluasi SPBE 2024", 2024);
  });
  afterAll(async () => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    await database?.destroy();
  });

  it("refuses a built-in framework whose weights changed, naming the file and the cycles, and changes nothing", async () => {
    const before = await stored("permenpanrb-59-2020");
    const dir = folderWith({ "permenpanrb-59-2020.json": reweighted(original) });
    dirs.push(dir);
    const { frameworks, files } = configuredFrameworks(dir);
    const refusal = await installFrameworks(database.db, frameworks, files).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(FrameworkChangeRefused);
    const message = (refusal as Error).message;
    expect(message).toContain(join(dir, "permenpanrb-59-2020.json"));
    expect(message).toContain("Evaluasi SPBE 2024 (2024)");
    expect(message).toContain("indicator 1: weight 1.3 → 1.4");
    expect(message).toContain("new id");
    expect(await stored("permenpanrb-59-2020")).toEqual(before);
  });

  it("applies and audits a correction of texts only", async () => {
    const corrected = structuredClone(original) as FrameworkDef & { version: number };
    const shipped = original.version ?? 1;
    corrected.version = shipped + 1;
    const indicator = corrected.domains[0]?.aspects[0]?.indicators[0];
    if (!indicator?.levels[0]) throw new Error("no level");
    indicator.levels[0].criteria = { id: "Kriteria yang diperbaiki.", en: "Corrected criteria." };
    const dir = folderWith({ "koreksi.json": corrected });
    dirs.push(dir);
    const { frameworks, files } = configuredFrameworks(dir);
    const report = await installFrameworks(database.db, frameworks, files);
    expect(report.corrected).toEqual(["permenpanrb-59-2020"]);
    const row = await stored("permenpanrb-59-2020");
    expect(JSON.stringify(row?.definition)).toContain("Kriteria yang diperbaiki.");
    const [entry] = await database.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, "framework.correct_text"), eq(auditLog.entityId, "permenpanrb-59-2020")),
      );
    expect(entry?.before).toEqual({ version: shipped });
    expect(entry?.after).toEqual({ version: shipped + 1, file: join(dir, "koreksi.json") });
  });

  it("adds a framework from MATANG_FRAMEWORKS_DIR, and refuses a weight change once a cycle used it", async () => {
    const pemdi = { ...structuredClone(original), id: "uji-pemdi-2026", version: 1, years: [2026] };
    const dir = folderWith({ "pemdi.json": pemdi });
    dirs.push(dir);
    const first = configuredFrameworks(dir);
    expect(first.frameworks.get("uji-pemdi-2026")?.indicators.length).toBe(
      readFrameworkFile(BUILTIN_2020).indicators.length,
    );
    expect((await installFrameworks(database.db, first.frameworks, first.files)).added).toEqual([
      "uji-pemdi-2026",
    ]);
    // Not used yet: a weight may still change.
    writeFileSync(
      join(dir, "pemdi.json"),
      JSON.stringify({ ...reweighted(pemdi as FrameworkDef), version: 2 }),
    );
    const second = configuredFrameworks(dir);
    expect((await installFrameworks(database.db, second.frameworks, second.files)).replaced).toEqual([
      "uji-pemdi-2026",
    ]);
    await useIn("uji-pemdi-2026", "Evaluasi Pemdi 2026", 2026);
    writeFileSync(join(dir, "pemdi.json"), JSON.stringify({ ...pemdi, version: 3 }));
    const third = configuredFrameworks(dir);
    const refusal = await installFrameworks(database.db, third.frameworks, third.files).catch(
      (e: unknown) => e,
    );
    expect((refusal as Error).message).toContain(`${join(dir, "pemdi.json")}: framework "uji-pemdi-2026"`);
    expect((refusal as Error).message).toContain("Evaluasi Pemdi 2026 (2026)");
  });
});

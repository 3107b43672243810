import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { formatFileProblem, InputFileError, parseRegistryFile } from "@matang/core";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, organizationNames, organizations } from "../src/db/schema.js";
import { importRegistry } from "../src/organizations/import.js";
import { ENGINES, type TestDatabase, testDatabase } from "./harness.js";

const registry = join(dirname(fileURLToPath(import.meta.url)), "../../../reference/results-2023.csv");
const rows = parseRegistryFile(readFileSync(registry, "utf8"), "results-2023.csv");
const actor = { id: null, label: "cli" };

describe.each(ENGINES)("organizations import on %s", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await testDatabase(engine);
  });
  afterAll(() => database.destroy());

  it("loads the 621 instansi, linking each kabupaten/kota to its province", async () => {
    const progress: number[] = [];
    const summary = await importRegistry(database.db, rows, {
      actor,
      source: "results-2023.csv",
      year: 2023,
      onProgress: (done) => progress.push(done),
    });
    expect(summary).toMatchObject({ total: 621, created: 621, matched: 0, linked: 491 });
    expect(summary.byKind).toEqual({ kementerian: 34, lembaga: 58, provinsi: 38, kabupaten: 398, kota: 93 });
    expect(progress.at(-1)).toBe(621);

    const { db } = database;
    const all = await db.select().from(organizations);
    expect(all).toHaveLength(621);
    const byId = new Map(all.map((o) => [o.id, o]));
    for (const o of all.filter((x) => x.kind === "kabupaten" || x.kind === "kota")) {
      expect(byId.get(o.parentId ?? "")?.kind, o.name).toBe("provinsi");
      expect(o.path).toBe(`${byId.get(o.parentId ?? "")?.path}${o.id}/`);
    }
    const aceh = all.find((o) => o.name === "Pemerintah Aceh");
    const acehChildren = all.filter((o) => o.parentId === aceh?.id);
    expect(acehChildren.map((o) => o.name)).toContain("Pemerintah Kab. Aceh Besar");
    expect(acehChildren).toHaveLength(23);
  });

  it("is idempotent, and recognises a body by another spelling of its name", async () => {
    const again = await importRegistry(database.db, rows, { actor, source: "results-2023.csv" });
    expect(again).toMatchObject({ created: 0, matched: 621 });
    const renamed = parseRegistryFile(
      "instansi,type,region\nKabupaten Aceh Besar,kabupaten,Aceh\nPemerintah Kab. Nias Barat,kabupaten,Sumatera Utara\n",
      "2024.csv",
    );
    expect(
      await importRegistry(database.db, renamed, { actor, source: "2024.csv", year: 2024 }),
    ).toMatchObject({
      created: 0,
      matched: 2,
    });
    const [besar] = await database.db
      .select()
      .from(organizations)
      .where(eq(organizations.name, "Pemerintah Kab. Aceh Besar"));
    const names = await database.db
      .select()
      .from(organizationNames)
      .where(eq(organizationNames.organizationId, besar?.id ?? ""));
    expect(names.map((n) => n.name).sort()).toEqual(["Kabupaten Aceh Besar", "Pemerintah Kab. Aceh Besar"]);
    const [{ count }] = (await database.db
      .select({ count: sql<number>`count(*)::int` })
      .from(organizations)) as [{ count: number }];
    expect(count).toBe(621);
  });

  it("changes nothing when a row cannot be placed, and says which line", async () => {
    const bad = parseRegistryFile(
      "instansi,type,region\nKota Baru Sekali,kota,Aceh\nKabupaten Entah,kabupaten,Provinsi Khayalan\n",
      "bad.csv",
    );
    const before = await database.db.select({ count: sql<number>`count(*)::int` }).from(organizations);
    const error = await importRegistry(database.db, bad, { actor, source: "bad.csv" }).catch((e) => e);
    expect(error).toBeInstanceOf(InputFileError);
    expect((error as InputFileError).problems.map(formatFileProblem)).toEqual([
      'bad.csv:3: region: province "Provinsi Khayalan" is neither in this file nor in Matang',
    ]);
    const after = await database.db.select({ count: sql<number>`count(*)::int` }).from(organizations);
    expect(after).toEqual(before);
  });

  it("records each import in the append-only audit log", async () => {
    const entries = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "organizations.import"));
    expect(entries).toHaveLength(3);
    expect(entries[0]).toMatchObject({ actorLabel: "cli", after: expect.objectContaining({ created: 621 }) });
    await expect(
      database.db.execute(sql`update audit_log set actor_label = 'someone else'`),
    ).rejects.toThrow();
    await expect(database.db.execute(sql`delete from audit_log`)).rejects.toThrow();
  });
});

describe("registry file problems", () => {
  it("names file, line and field", () => {
    const text =
      "instansi,type,region\n,kota,Aceh\nKota X,desa,Aceh\nKota Y,kota,\nKota Z,kota,Aceh\nKota Z,kota,Aceh\n";
    try {
      parseRegistryFile(text, "r.csv");
      expect.fail("should throw");
    } catch (error) {
      expect((error as InputFileError).problems.map(formatFileProblem)).toEqual([
        "r.csv:2: instansi: the name is empty",
        'r.csv:3: type: "desa" is not a type of instansi (kementerian, lembaga, provinsi, kabupaten, kota)',
        "r.csv:4: region: a kota needs its province in the region column",
        'r.csv:6: instansi: "Kota Z" is already listed on line 5',
      ]);
    }
    expect(() => parseRegistryFile("nama_lengkap,jenis\n", "h.csv")).toThrow(
      /h\.csv:1: header: missing column instansi/,
    );
  });
});

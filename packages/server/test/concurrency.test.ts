import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { builtinFrameworks } from "@matang/core/node";
import { and, eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.js";
import { DEFAULT_AUTH } from "../src/auth/service.js";
import { checkStorage } from "../src/backup/service.js";
import { assessments, auditLog, cycles, organizations } from "../src/db/schema.js";
import { LocalStorage } from "../src/evidence/storage.js";
import { addUser, client, ENGINES, multipart, seededDatabase, type TestDatabase } from "./harness.js";

const frameworks = builtinFrameworks();
const open = { start: "2026-01-01", end: "2099-12-31" };

describe.each(ENGINES)("many people at once on %s", (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let storage: LocalStorage;
  let dir: string;
  let assessmentId: string;
  type Client = Awaited<ReturnType<typeof client>>;
  const writers: Client[] = [];

  beforeAll(async () => {
    database = await seededDatabase(engine);
    dir = mkdtempSync(join(tmpdir(), "matang-concurrency-"));
    storage = new LocalStorage(dir);
    app = await buildApp({
      db: database.db,
      frameworks,
      storage,
      auth: { ...DEFAULT_AUTH, loginsPerMinute: 10_000 },
    });
    const [bandung] = await database.db
      .select()
      .from(organizations)
      .where(eq(organizations.name, "Pemerintah Kota Bandung"));
    const [cycle] = await database.db
      .insert(cycles)
      .values({
        year: 2026,
        name: "Evaluasi SPBE 2026",
        frameworkId: "permenpanrb-59-2020",
        kind: "evaluation",
        schedule: { self_assessment: open },
      })
      .returning();
    const [assessment] = await database.db
      .insert(assessments)
      .values({ cycleId: cycle?.id ?? "", organizationId: bandung?.id ?? "" })
      .returning();
    assessmentId = assessment?.id ?? "";
    for (let i = 0; i < 20; i++) {
      await addUser(database, `koordinator${i}@bandung.go.id`, "coordinator", bandung?.id ?? null);
      writers.push(await client(app, `koordinator${i}@bandung.go.id`));
    }
  });

  afterAll(async () => {
    await app.close();
    await database.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it("lets one of 20 simultaneous writers win each version; the others get 409 and nothing is lost", async () => {
    const url = `/api/assessments/${assessmentId}/indicators/1/answer`;
    let version = 0;
    const winners: string[] = [];
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all(
        writers.map((w, i) =>
          w.call("PUT", url, { level: (i % 5) + 1, explanation: `penulis ${i} putaran ${round}`, version }),
        ),
      );
      const won = results.filter((r) => r.statusCode === 200);
      expect(won).toHaveLength(1);
      expect(results.filter((r) => r.statusCode === 409)).toHaveLength(19);
      expect(results.every((r) => r.statusCode === 200 || r.statusCode === 409)).toBe(true);
      // A loser is told what is stored now, so nothing is overwritten blindly.
      const lost = results.find((r) => r.statusCode === 409);
      expect(lost?.json().error.details.current.version).toBe(version + 1);
      version = won[0]?.json().version;
      winners.push(won[0]?.json().note);
    }
    expect(version).toBe(3);
    // Every winning write is in the audit log, in order; the stored answer is the last winner's.
    const entries = await database.db
      .select({ after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.action, "indicator.stage.self"), eq(auditLog.entityId, `${assessmentId}/1`)))
      .orderBy(auditLog.id);
    expect(entries.map((e) => (e.after as { note: string }).note)).toEqual(winners);
    const stored = (await writers[0]?.call("GET", `/api/assessments/${assessmentId}/indicators`))?.json();
    expect(stored.items[0].stages.self.note).toBe(winners[2]);
  });

  it("takes 50 uploads at once, every one intact", async () => {
    const files = Array.from({ length: 50 }, (_, i) =>
      Buffer.concat([
        Buffer.from("%PDF-1.4\n"),
        Buffer.alloc(20_000 + i * 997, i),
        Buffer.from(`\n${i}\n%%EOF\n`),
      ]),
    );
    const responses = await Promise.all(
      files.map((content, i) => {
        const w = writers[i % writers.length] as Client;
        const body = multipart(
          { indicator: String((i % 47) + 1), level: "1", title: `Dokumen ${i}` },
          { name: `dokumen-${i}.pdf`, type: "application/pdf", content },
        );
        return app.inject({
          method: "POST",
          url: `/api/assessments/${assessmentId}/evidence`,
          payload: body.payload,
          headers: { "content-type": body.contentType, "x-csrf-token": w.csrf },
          cookies: { matang_session: w.cookie },
        });
      }),
    );
    expect(responses.map((r) => r.statusCode).filter((s) => s !== 201)).toEqual([]);
    for (const [i, r] of responses.entries()) {
      const sha = createHash("sha256")
        .update(files[i] as Buffer)
        .digest("hex");
      expect(r.json().sha256).toBe(sha);
      const download = await writers[0]?.call("GET", `/api/evidence/${r.json().evidenceId}/content`);
      expect(download?.rawPayload.equals(files[i] as Buffer)).toBe(true);
    }
    const report = await checkStorage(database.db, storage);
    expect(report).toMatchObject({ checked: 50, missing: [], mismatched: [], orphans: [], temporary: [] });
  });

  it("holds each instansi to its storage quota, also when uploads race for the last room", async () => {
    const { usedBytes } = await import("../src/evidence/service.js");
    const [row] = await database.db.select().from(assessments).where(eq(assessments.id, assessmentId));
    const used = await usedBytes(database.db, row?.organizationId ?? "");
    const small = await buildApp({
      db: database.db,
      frameworks,
      storage,
      quotaBytes: used + 25_000,
      auth: { ...DEFAULT_AUTH, loginsPerMinute: 10_000 },
    });
    try {
      const w = await client(small, "koordinator0@bandung.go.id");
      const send = (size: number, i: number) => {
        const body = multipart(
          { indicator: "3", level: "1", title: `Kuota ${i}` },
          {
            name: `kuota-${i}.pdf`,
            type: "application/pdf",
            content: Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(size, 66)]),
          },
        );
        return small.inject({
          method: "POST",
          url: `/api/assessments/${assessmentId}/evidence`,
          payload: body.payload,
          headers: { "content-type": body.contentType, "x-csrf-token": w.csrf },
          cookies: { matang_session: w.cookie },
        });
      };
      // Too big for the room left: refused while streaming, nothing kept.
      const big = await send(40_000, 0);
      expect(big.statusCode).toBe(413);
      expect(big.json().error.code).toBe("quota_exceeded");
      // Five at once with room for two: two land, three are refused.
      const race = await Promise.all([1, 2, 3, 4, 5].map((i) => send(10_000, i)));
      expect(race.filter((r) => r.statusCode === 201)).toHaveLength(2);
      expect(race.filter((r) => r.statusCode === 413).map((r) => r.json().error.code)).toEqual([
        "quota_exceeded",
        "quota_exceeded",
        "quota_exceeded",
      ]);
      expect(await usedBytes(database.db, row?.organizationId ?? "")).toBeLessThanOrEqual(used + 25_000);
      expect(await checkStorage(database.db, storage)).toMatchObject({ orphans: [], temporary: [] });
    } finally {
      await small.close();
    }
  });

  it("keeps hostile file names as inert labels: never a path, always a safe download header", async () => {
    const names = [
      "../../../../etc/passwd.pdf",
      "..\\..\\windows\\system32\\x.pdf",
      'laporan"; filename="evil.exe.pdf',
      "<script>alert(1)</script>.pdf",
      `${"panjang-".repeat(60)}.pdf`,
      "ﷺ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \u202egnp.pdf",
      "'; DROP TABLE evidence; --.pdf",
    ];
    const w = writers[0] as Client;
    for (const name of names) {
      const content = Buffer.from(`%PDF-1.4\n${name}\n%%EOF\n`);
      const body = multipart(
        { indicator: "2", level: "1", title: name.slice(0, 200) },
        { name, type: "application/pdf", content },
      );
      const res = await app.inject({
        method: "POST",
        url: `/api/assessments/${assessmentId}/evidence`,
        payload: body.payload,
        headers: { "content-type": body.contentType, "x-csrf-token": w.csrf },
        cookies: { matang_session: w.cookie },
      });
      // A quote ends the name in the multipart header: what arrives ("laporan") has no ending that
      // matches a PDF, so it is refused as a type mismatch rather than stored under a made-up name.
      if (name.startsWith('laporan"')) {
        expect(res.statusCode, name).toBe(415);
        continue;
      }
      expect(res.statusCode, name).toBe(201);
      const download = await w.call("GET", `/api/evidence/${res.json().evidenceId}/content?download=true`);
      expect(download.rawPayload.equals(content)).toBe(true);
      const header = String(download.headers["content-disposition"]);
      // One quoted ASCII name without quotes or control characters inside, and the exact name encoded.
      expect(header).toMatch(
        /^attachment; filename="[\x20-\x21\x23-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%._~!'()*-]*$/,
      );
    }
    // Stored under generated keys only; nothing outside the storage was touched.
    for (const key of await storage.keys()) expect(key).toMatch(/^[0-9a-f]{2}\/[0-9a-f-]{36}$/);
    expect(await checkStorage(database.db, storage)).toMatchObject({
      missing: [],
      mismatched: [],
      orphans: [],
    });
  });
});

// Regression tests for the defects a hostile review of a fresh demo instance found (issue 16).
// Each test is named after the defect it pins down, and runs on both engines.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { builtinFrameworks } from "@matang/core/node";
import { and, eq, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.js";
import { DEFAULT_AUTH } from "../src/auth/service.js";
import { DEMO_PASSWORD } from "../src/bootstrap.js";
import { assessments, auditLog, organizations } from "../src/db/schema.js";
import { LocalStorage } from "../src/evidence/storage.js";
import { loggableError } from "../src/http/errors.js";
import { addUser, client, demoDatabase, ENGINES, multipart, PASSWORD, type TestDatabase } from "./harness.js";

const frameworks = builtinFrameworks();
const ADMIN = { email: "admin@uji.id", password: "sandi-admin-uji" };
const pdf = (tag: string) =>
  Buffer.concat([Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\n"), Buffer.from(tag), Buffer.from("\n%%EOF\n")]);

describe.each(ENGINES)("hostile review on %s", (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let assessmentId: string;
  let kominfo: string;
  let bappeda: string;
  type Client = Awaited<ReturnType<typeof client>>;
  let admin: Client;
  let coordinator: Client;
  let operator: Client; // Diskominfo
  let bappedaOperator: Client;

  beforeAll(async () => {
    database = await demoDatabase(engine, { email: ADMIN.email, password: ADMIN.password });
    app = await buildApp({
      db: database.db,
      frameworks,
      storage: new LocalStorage(mkdtempSync(join(tmpdir(), "matang-hostile-"))),
      auth: { ...DEFAULT_AUTH, loginsPerMinute: 10_000 },
    });
    const orgs = await database.db.select().from(organizations);
    const find = (name: string) => orgs.find((o) => o.name === name)?.id ?? "";
    kominfo = find("Dinas Komunikasi dan Informatika");
    bappeda = find("Badan Perencanaan Pembangunan Daerah");
    const [row] = await database.db
      .select({ id: assessments.id })
      .from(assessments)
      .where(eq(assessments.organizationId, find("Pemerintah Kota Bandung")));
    assessmentId = row?.id ?? "";
    await addUser(database, "operator@bappeda.demo.matang.id", "operator", bappeda);
    admin = await client(app, ADMIN.email, ADMIN.password);
    coordinator = await client(app, "koordinator@demo.matang.id", DEMO_PASSWORD);
    operator = await client(app, "operator@demo.matang.id", DEMO_PASSWORD);
    bappedaOperator = await client(app, "operator@bappeda.demo.matang.id", PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  const upload = (who: Client, fields: Record<string, string>, content: Buffer, name = "bukti.pdf") => {
    const body = multipart(fields, { name, type: "application/pdf", content });
    return app.inject({
      method: "POST",
      url: `/api/assessments/${assessmentId}/evidence`,
      payload: body.payload,
      headers: { "content-type": body.contentType, "x-csrf-token": who.csrf },
      cookies: { matang_session: who.cookie },
    });
  };
  const bearer = (token: string, method: "GET" | "POST" | "DELETE", url: string, payload?: object) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });
  const indicator = async (who: Client, code: string) =>
    (await who.call("GET", `/api/assessments/${assessmentId}/indicators`))
      .json()
      .items.find((i: { code: string }) => i.code === code);

  describe("1. API tokens", () => {
    it("lists tokens without secrets, expires them by default, and revokes one", async () => {
      const created = await coordinator.call("POST", "/api/auth/tokens", { name: "integrasi" });
      expect(created.statusCode).toBe(201);
      const { id, token, expiresAt } = created.json();
      const days = (new Date(expiresAt).getTime() - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(89.9);
      expect(days).toBeLessThanOrEqual(90);
      expect((await bearer(token, "GET", "/api/auth/me")).statusCode).toBe(200);
      const listed = await coordinator.call("GET", "/api/auth/tokens");
      expect(listed.statusCode).toBe(200);
      const mine = listed.json().items.find((t: { id: string }) => t.id === id);
      expect(mine).toMatchObject({ name: "integrasi", active: true, revokedAt: null });
      expect(mine.lastUsedAt).not.toBeNull();
      expect(listed.body).not.toContain(token.slice(4));
      expect((await coordinator.call("DELETE", `/api/auth/tokens/${id}`)).statusCode).toBe(200);
      expect((await bearer(token, "GET", "/api/auth/me")).statusCode).toBe(401);
      expect((await coordinator.call("DELETE", `/api/auth/tokens/${id}`)).statusCode).toBe(404);
      const after = (await coordinator.call("GET", "/api/auth/tokens")).json().items;
      expect(after.find((t: { id: string }) => t.id === id)).toMatchObject({ active: false });
    });

    it("refuses a lifetime beyond the maximum", async () => {
      const res = await coordinator.call("POST", "/api/auth/tokens", { name: "x", expiresInDays: 366 });
      expect(res.statusCode).toBe(400);
      const ok = await coordinator.call("POST", "/api/auth/tokens", { name: "x", expiresInDays: 365 });
      expect(ok.statusCode).toBe(201);
    });

    it("a token cannot change the password, create, list or revoke tokens", async () => {
      const { id, token } = (await coordinator.call("POST", "/api/auth/tokens", { name: "robot" })).json();
      const password = await bearer(token, "POST", "/api/auth/password", {
        currentPassword: DEMO_PASSWORD,
        newPassword: "sandi-baru-yang-panjang-9",
      });
      expect(password.statusCode).toBe(403);
      expect(password.json().error.code).toBe("session_required");
      expect((await bearer(token, "POST", "/api/auth/tokens", { name: "anak" })).statusCode).toBe(403);
      expect((await bearer(token, "GET", "/api/auth/tokens")).statusCode).toBe(403);
      expect((await bearer(token, "DELETE", `/api/auth/tokens/${id}`)).statusCode).toBe(403);
      // The demo password still works: nothing changed.
      await client(app, "koordinator@demo.matang.id", DEMO_PASSWORD);
    });

    it("logout everywhere revokes every token and says how many", async () => {
      const user = await addUser(database, "logout-everywhere@uji.id", "leader", kominfo);
      const me = await client(app, "logout-everywhere@uji.id");
      const a = (await me.call("POST", "/api/auth/tokens", { name: "a" })).json().token;
      const b = (await me.call("POST", "/api/auth/tokens", { name: "b" })).json().token;
      const res = await me.call("POST", "/api/auth/logout?everywhere=true");
      expect(res.json()).toMatchObject({ ok: true, tokensRevoked: 2 });
      for (const token of [a, b]) expect((await bearer(token, "GET", "/api/auth/me")).statusCode).toBe(401);
      expect(user.id).toBeTruthy();
    });

    it("a password change revokes every token and says how many", async () => {
      await addUser(database, "ganti-sandi@uji.id", "leader", kominfo);
      const me = await client(app, "ganti-sandi@uji.id");
      const token = (await me.call("POST", "/api/auth/tokens", { name: "a" })).json().token;
      const res = await me.call("POST", "/api/auth/password", {
        currentPassword: PASSWORD,
        newPassword: "Kopi-Tubruk-Bandung-2026",
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ ok: true, tokensRevoked: 1 });
      expect((await bearer(token, "GET", "/api/auth/me")).statusCode).toBe(401);
      // This session stays.
      expect((await me.call("GET", "/api/auth/me")).statusCode).toBe(200);
    });

    it("administrators, and the coordinator of the user's instansi, list and revoke a user's tokens; nobody else can", async () => {
      const user = await addUser(database, "token-admin@uji.id", "leader", kominfo);
      const me = await client(app, "token-admin@uji.id");
      const { id, token } = (await me.call("POST", "/api/auth/tokens", { name: "skrip" })).json();
      const listed = await admin.call("GET", `/api/users/${user.id}/tokens`);
      expect(listed.statusCode).toBe(200);
      expect(listed.json().items).toEqual([expect.objectContaining({ id, name: "skrip", active: true })]);
      expect(listed.body).not.toContain(token.slice(4));
      // The city's coordinator looks after its own people; another city's, or an operator, may not.
      expect((await coordinator.call("GET", `/api/users/${user.id}/tokens`)).statusCode).toBe(200);
      const elsewhere = await client(app, "koordinator.cimahi@demo.matang.id", DEMO_PASSWORD);
      expect((await elsewhere.call("GET", `/api/users/${user.id}/tokens`)).statusCode).toBe(403);
      expect((await elsewhere.call("DELETE", `/api/users/${user.id}/tokens/${id}`)).statusCode).toBe(403);
      expect((await operator.call("GET", `/api/users/${user.id}/tokens`)).statusCode).toBe(403);
      expect((await admin.call("DELETE", `/api/users/${user.id}/tokens/${id}`)).statusCode).toBe(200);
      expect((await bearer(token, "GET", "/api/auth/me")).statusCode).toBe(401);
      const [entry] = await database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "auth.token_revoked"), eq(auditLog.entityId, id)));
      expect(entry).toMatchObject({ actorLabel: ADMIN.email });
      expect(entry?.requestId).toBeTruthy();
    });
  });

  describe("2 and 3. evidence ownership", () => {
    let bappedaEvidence: string;

    it("only the owning unit or the coordinator adds a version; a new version reopens every review", async () => {
      const first = await upload(
        bappedaOperator,
        { indicator: "11", level: "1", title: "Renstra Bappeda" },
        pdf("v1"),
      );
      expect(first.statusCode).toBe(201);
      bappedaEvidence = first.json().evidenceId;
      const linkId = first.json().linkId;
      const accepted = await coordinator.call(
        "PUT",
        `/api/assessments/${assessmentId}/evidence-links/${linkId}/review`,
        { review: "accepted", version: 1 },
      );
      expect(accepted.statusCode).toBe(200);
      expect((await indicator(coordinator, "11")).supportedLevel).toBe(1);

      // Diskominfo's operator cannot put a file of its own under Bappeda's evidence.
      const hostile = await upload(
        operator,
        { indicator: "1", level: "1", title: "ganti", evidenceId: bappedaEvidence },
        pdf("hostile"),
      );
      expect(hostile.statusCode).toBe(403);
      const versions = (await coordinator.call("GET", `/api/evidence/${bappedaEvidence}`)).json();
      expect(versions.files).toHaveLength(1);
      expect((await indicator(coordinator, "11")).evidence[0]).toMatchObject({ review: "accepted" });

      // The owning unit may: the acceptance belonged to the old file and is open again.
      const second = await upload(
        bappedaOperator,
        { indicator: "11", level: "1", title: "Renstra Bappeda", evidenceId: bappedaEvidence },
        pdf("v2"),
      );
      expect(second.statusCode).toBe(201);
      const after = await indicator(coordinator, "11");
      expect(after.evidence[0]).toMatchObject({ review: "pending" });
      expect(after.supportedLevel).toBeNull();
      const thread = (
        await coordinator.call("GET", `/api/assessments/${assessmentId}/indicators/11/thread`)
      ).json();
      expect(thread.history.map((h: { action: string }) => h.action)).toContain("evidence.review_reset");
      const reset = thread.history.find((h: { action: string }) => h.action === "evidence.review_reset");
      // The history names people (the test account's name is its e-mail's local part), not e-mails.
      expect(reset).toMatchObject({ actor: "operator" });
      expect(reset.before).toMatchObject({ review: "accepted" });

      // The coordinator may add a version too.
      const third = await upload(
        coordinator,
        { indicator: "11", level: "1", title: "Renstra Bappeda", evidenceId: bappedaEvidence },
        pdf("v3"),
      );
      expect(third.statusCode).toBe(201);
    });

    it("linking someone else's evidence does not let you read it", async () => {
      expect((await operator.call("GET", `/api/evidence/${bappedaEvidence}`)).statusCode).toBe(403);
      const link = await operator.call("POST", `/api/assessments/${assessmentId}/evidence-links`, {
        indicator: "1",
        level: 2,
        evidenceId: bappedaEvidence,
      });
      expect(link.statusCode).toBe(403);
      expect((await operator.call("GET", `/api/evidence/${bappedaEvidence}`)).statusCode).toBe(403);
      expect((await operator.call("GET", `/api/evidence/${bappedaEvidence}/content`)).statusCode).toBe(403);
      // The coordinator, who reads it, may link it where it helps.
      const linked = await coordinator.call("POST", `/api/assessments/${assessmentId}/evidence-links`, {
        indicator: "12",
        level: 1,
        evidenceId: bappedaEvidence,
      });
      expect(linked.statusCode).toBe(201);
    });
  });

  describe("6. scope of nested data", () => {
    it("users show only the grants on organizations the caller can see", async () => {
      const surabaya = (await database.db.select().from(organizations)).find(
        (o) => o.name === "Pemerintah Kota Surabaya",
      );
      const both = await addUser(database, "dua-kota@uji.id", "leader", kominfo);
      const grant = await admin.call("POST", `/api/users/${both.id}/grants`, {
        role: "coordinator",
        organizationId: surabaya?.id,
      });
      expect(grant.statusCode).toBe(201);
      const res = await coordinator.call("GET", "/api/users?q=dua-kota");
      const user = res.json().items.find((u: { id: string }) => u.id === both.id);
      expect(user.grants).toEqual([expect.objectContaining({ organizationId: kominfo })]);
      expect(res.body).not.toContain(surabaya?.id);
      expect(res.body).not.toContain("Surabaya");
      // The administrator sees both.
      const all = (await admin.call("GET", "/api/users?q=dua-kota")).json().items[0];
      expect(all.grants).toHaveLength(2);
    });

    it("a thread does not show one unit's proposal to another unit's operator", async () => {
      const assigned = await coordinator.call(
        "PUT",
        `/api/assessments/${assessmentId}/indicators/13/assignments`,
        {
          units: [{ unitId: bappeda }, { unitId: kominfo }],
          version: (await indicator(coordinator, "13")).assignmentVersion,
        },
      );
      expect(assigned.statusCode).toBe(200);
      const secret = "Rahasia usulan Bappeda untuk indikator 13";
      const proposed = await bappedaOperator.call(
        "PUT",
        `/api/assessments/${assessmentId}/indicators/13/units/${bappeda}`,
        { level: 3, explanation: secret, status: "ready", version: 0 },
      );
      expect(proposed.statusCode).toBe(200);
      const own = await operator.call(
        "PUT",
        `/api/assessments/${assessmentId}/indicators/13/units/${kominfo}`,
        {
          level: 2,
          explanation: "Usulan Diskominfo",
          status: "in_progress",
          version: 0,
        },
      );
      expect(own.statusCode).toBe(200);
      const thread = await operator.call("GET", `/api/assessments/${assessmentId}/indicators/13/thread`);
      expect(thread.statusCode).toBe(200);
      expect(thread.body).not.toContain(secret);
      expect(thread.body).toContain("Usulan Diskominfo");
      const list = await operator.call("GET", `/api/assessments/${assessmentId}/indicators`);
      expect(list.body).not.toContain(secret);
      // The coordinator sees both.
      const full = await coordinator.call("GET", `/api/assessments/${assessmentId}/indicators/13/thread`);
      expect(full.body).toContain(secret);
    });
  });

  describe("7. login abuse", () => {
    const attempt = (email: string, password: string, remoteAddress: string) =>
      app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password }, remoteAddress });
    const shape = (res: Awaited<ReturnType<typeof attempt>>) => {
      const { "x-request-id": _id, date: _date, ...headers } = res.headers;
      return {
        status: res.statusCode,
        body: res.body,
        headers: Object.keys(headers).sort(),
        retry: res.headers["retry-after"] !== undefined,
      };
    };

    it("answers unknown and existing accounts identically, and locks only the address that failed", async () => {
      const known: ReturnType<typeof shape>[] = [];
      const unknown: ReturnType<typeof shape>[] = [];
      for (let i = 0; i < 6; i++) {
        known.push(shape(await attempt("pimpinan@demo.matang.id", "salah-sekali", "10.1.1.1")));
        unknown.push(shape(await attempt("tidak.ada@demo.matang.id", "salah-sekali", "10.1.1.1")));
      }
      expect(known.map((k) => k.status)).toEqual([401, 401, 401, 401, 401, 423]);
      expect(unknown).toEqual(known);
      // The same account from another address is not locked out: the right password works there.
      expect((await attempt("pimpinan@demo.matang.id", DEMO_PASSWORD, "10.2.2.2")).statusCode).toBe(200);
      expect((await attempt("pimpinan@demo.matang.id", DEMO_PASSWORD, "10.1.1.1")).statusCode).toBe(423);
      const users = (await admin.call("GET", "/api/users?q=pimpinan")).json().items;
      expect(users[0]).toMatchObject({ email: "pimpinan@demo.matang.id", locked: true });
      // An administrator lifts the lock.
      const unlocked = await admin.call("POST", `/api/users/${users[0].id}/unlock`);
      expect(unlocked.statusCode).toBe(200);
      expect(unlocked.json()).toMatchObject({ user: { locked: false }, cleared: 2 });
      expect((await attempt("pimpinan@demo.matang.id", DEMO_PASSWORD, "10.1.1.1")).statusCode).toBe(200);
      // Unlocking is for an administrator or the person's own coordinator, not another city's.
      const elsewhere = await client(app, "koordinator.cimahi@demo.matang.id", DEMO_PASSWORD);
      expect((await elsewhere.call("POST", `/api/users/${users[0].id}/unlock`)).statusCode).toBe(403);
      expect((await coordinator.call("POST", `/api/users/${users[0].id}/unlock`)).statusCode).toBe(200);
    });

    it("locks an account for everyone only after many failures from many addresses", async () => {
      await addUser(database, "banyak-alamat@uji.id", "leader", kominfo);
      for (let i = 0; i < 49; i++) {
        const res = await attempt("banyak-alamat@uji.id", "salah", `10.3.${Math.floor(i / 4)}.${i % 4}`);
        expect(res.statusCode).toBe(401);
      }
      expect((await attempt("banyak-alamat@uji.id", PASSWORD, "10.9.9.9")).statusCode).toBe(200);
      // The success cleared only its own address: one more failure reaches the account-wide limit.
      expect((await attempt("banyak-alamat@uji.id", "salah", "10.4.0.1")).statusCode).toBe(401);
      expect((await attempt("banyak-alamat@uji.id", PASSWORD, "10.9.9.9")).statusCode).toBe(423);
    });
  });

  describe("8. password strength", () => {
    it("refuses blank, repeated, guessable, current and e-mail-based passwords, saying why", async () => {
      await addUser(database, "sandi.kuat@uji.id", "leader", kominfo);
      const me = await client(app, "sandi.kuat@uji.id");
      const change = (newPassword: string) =>
        me.call("POST", "/api/auth/password", { currentPassword: PASSWORD, newPassword });
      for (const [password, problem] of [
        [" ".repeat(10), "blank"],
        ["aaaaaaaaaa", "too_guessable"],
        ["password123", "too_guessable"],
        ["jakarta2024", "too_guessable"],
        [PASSWORD, "same_as_current"],
        ["sandi.kuat@uji.id-2026", "contains_email"],
        ["sandi.kuat@uji.id", "contains_email"],
        ["SandiKuat#2026!!", "contains_email"],
      ] as const) {
        const res = await change(password);
        expect(res.statusCode, password).toBe(400);
        expect(res.json().error, password).toMatchObject({ code: "weak_password", details: { problem } });
        expect(res.json().error.message).toMatch(/Kata sandi .*\(the .*\)/);
      }
      // Ten NUL bytes never reach the policy: the text rule refuses them first.
      expect((await change("\u0000".repeat(10))).json().error.code).toBe("invalid_text");
      // Administrators creating accounts meet the same rule.
      const created = await admin.call("POST", "/api/users", {
        email: "lemah@uji.id",
        name: "Lemah",
        password: "aaaaaaaaaa",
        grants: [{ role: "leader", organizationId: kominfo }],
      });
      expect(created.statusCode).toBe(400);
      expect(created.json().error).toMatchObject({
        code: "weak_password",
        details: { problem: "too_guessable" },
      });
      expect((await change("Kopi-Tubruk-Bandung-2026")).statusCode).toBe(200);
    });
  });

  describe("9. upload types", () => {
    const ole = Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), Buffer.alloc(4096, 0)]);

    it("refuses an installer, and any file whose ending does not match its content, listing what is accepted", async () => {
      for (const [content, name] of [
        [ole, "setup.msi"],
        [ole, "laporan.pdf"],
        [pdf("x"), "setup.exe"],
        [pdf("x"), "tanpa-akhiran"],
      ] as const) {
        const res = await upload(coordinator, { indicator: "2", level: "1", title: name }, content, name);
        expect(res.statusCode, name).toBe(415);
        expect(res.json().error.code).toBe("unsupported_type");
        expect(res.json().error.message).toContain("PDF, PNG, JPG");
      }
      const doc = await upload(
        coordinator,
        { indicator: "2", level: "1", title: "Notulen" },
        ole,
        "notulen.doc",
      );
      expect(doc.statusCode).toBe(201);
      expect(doc.json().mediaType).toBe("application/x-cfb");
      const types = (await app.inject({ method: "GET", url: "/api/evidence/accepted-types" })).json();
      expect(types.types).toContainEqual({
        mediaType: "application/x-cfb",
        extensions: ["doc", "xls", "ppt"],
      });
      expect(types.maxBytes).toBeGreaterThan(0);
    });

    it("refuses control characters in multipart fields and file names, keeping nothing", async () => {
      for (const [fields, name, field] of [
        [{ indicator: "2", level: "1", title: "Judul\u0000" }, "a.pdf", "title"],
        [{ indicator: "2", level: "1", title: "Judul" }, "a\u001b.pdf", "file"],
      ] as const) {
        const res = await upload(coordinator, fields, pdf("x"), name);
        expect(res.statusCode).toBe(400);
        expect(res.json().error).toMatchObject({ code: "invalid_text", details: { field } });
      }
    });
  });

  describe("11. audit", () => {
    it("records refused attempts, a few a minute per person, with request id and address", async () => {
      await addUser(database, "penjelajah@uji.id", "operator", kominfo);
      const prober = await client(app, "penjelajah@uji.id");
      for (let i = 0; i < 15; i++) {
        const res = await prober.call("GET", "/api/audit");
        expect(res.statusCode).toBe(403);
      }
      const after = await database.db.select().from(auditLog).where(eq(auditLog.action, "access.denied"));
      const mine = after.filter((e) => e.actorLabel === "penjelajah@uji.id");
      expect(mine).toHaveLength(10);
      const last = mine.at(-1);
      expect(last).toMatchObject({ entityId: "audit.read", address: "127.0.0.1" });
      expect(last?.requestId).toBeTruthy();
      expect(last?.after).toMatchObject({ method: "GET", path: "/api/audit" });
    });

    it("writes the demo content's history as the system user", async () => {
      const assign = await database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "indicator.assign"), eq(auditLog.entityId, `${assessmentId}/1`)));
      expect(assign[0]).toMatchObject({ actorLabel: "system", actorId: null });
      const cycle = await database.db.select().from(auditLog).where(eq(auditLog.action, "cycle.create"));
      expect(cycle.map((c) => c.actorLabel)).toContain("system");
    });

    it("imports carry the request id and address", async () => {
      const csv = "name,type,group,region\nKabupaten Uji Audit,kabupaten,Kabupaten,Jawa Barat\n";
      const res = await app.inject({
        method: "POST",
        url: "/api/organizations/import?name=uji.csv",
        payload: csv,
        headers: { "content-type": "text/csv", "x-csrf-token": admin.csrf, "x-request-id": "impor-uji-1" },
        cookies: { matang_session: admin.cookie },
      });
      expect(res.statusCode, res.body).toBe(200);
      const [entry] = await database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "organizations.import"), eq(auditLog.requestId, "impor-uji-1")));
      expect(entry).toMatchObject({ actorLabel: ADMIN.email, address: "127.0.0.1" });
    });
  });

  describe("10. who may act on a regency", () => {
    it("a province coordinator reads its cities' work but does not write it", async () => {
      const province = await client(app, "provinsi@demo.matang.id", DEMO_PASSWORD);
      expect((await province.call("GET", `/api/assessments/${assessmentId}/indicators`)).statusCode).toBe(
        200,
      );
      const answer = await province.call("PUT", `/api/assessments/${assessmentId}/indicators/5/answer`, {
        level: 3,
        explanation: "Ditulis provinsi",
        version: 0,
      });
      expect(answer.statusCode).toBe(403);
      const rename = await province.call("PATCH", `/api/organizations/${kominfo}`, {
        name: "Ganti",
        version: 1,
      });
      expect(rename.statusCode).toBe(403);
      const uploaded = await upload(province, { indicator: "5", level: "1", title: "Provinsi" }, pdf("p"));
      expect(uploaded.statusCode).toBe(403);
      const submit = await province.call("POST", `/api/assessments/${assessmentId}/transitions`, {
        to: "submitted",
      });
      expect(submit.statusCode).toBe(403);
    });

    it("the uploader cannot accept their own evidence unless the instansi allows it, and then it is marked", async () => {
      // The coordinator uploads on behalf of Bappeda (a small team's everyday work).
      const up = await upload(
        coordinator,
        { indicator: "14", level: "1", title: "Dokumen atas nama Bappeda", unitId: bappeda },
        pdf("sod"),
      );
      expect(up.statusCode).toBe(201);
      const item = (await indicator(coordinator, "14")).evidence.find(
        (e: { evidenceId: string }) => e.evidenceId === up.json().evidenceId,
      );
      expect(item).toMatchObject({ unitId: bappeda, uploadedBy: "Rina Koordinator" });
      const review = (version: number) =>
        coordinator.call(
          "PUT",
          `/api/assessments/${assessmentId}/evidence-links/${up.json().linkId}/review`,
          {
            review: "accepted",
            version,
          },
        );
      const refused = await review(1);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe("own_evidence");
      // Someone else may accept it.
      const bandung = (await database.db.select().from(organizations)).find(
        (o) => o.name === "Pemerintah Kota Bandung",
      );
      // The setting is the city's coordinator's, not the province's.
      const province = await client(app, "provinsi@demo.matang.id", DEMO_PASSWORD);
      const setting = { allowSelfAcceptance: true, version: bandung?.version ?? 1 };
      expect(
        (await province.call("PUT", `/api/organizations/${bandung?.id}/settings`, setting)).statusCode,
      ).toBe(403);
      const allowed = await coordinator.call("PUT", `/api/organizations/${bandung?.id}/settings`, setting);
      expect(allowed.statusCode).toBe(200);
      expect(allowed.json()).toMatchObject({ allowSelfAcceptance: true });
      const accepted = await review(1);
      expect(accepted.statusCode).toBe(200);
      expect(accepted.json()).toMatchObject({ review: "accepted", selfAccepted: true });
      const [entry] = await database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "evidence.review"), eq(auditLog.entityId, `${assessmentId}/14`)));
      expect(entry?.after).toMatchObject({ selfAccepted: true });
      // Back off for the rest.
      await coordinator.call("PUT", `/api/organizations/${bandung?.id}/settings`, {
        allowSelfAcceptance: false,
        version: allowed.json().version,
      });
    });
  });

  describe("5. logs", () => {
    it("logs a failed query without its values or the database's message", async () => {
      const secret = "penjelasan-rahasia-dan-hash-token-0123456789abcdef";
      const error = await database.db
        .execute(sql`select ${secret}::uuid as x`)
        .then(() => null)
        .catch((e: unknown) => e);
      expect(String((error as Error).message) + String((error as Error).cause)).toContain(secret);
      const logged = JSON.stringify(loggableError(error));
      expect(logged).not.toContain(secret);
      expect(logged).toContain("::uuid");
      expect(JSON.parse(logged)).toMatchObject({ code: "22P02" });
    });
  });

  describe("evidence management (issue 22)", () => {
    it("shows each document's file, and lets its unit replace or withdraw it until it is accepted", async () => {
      const first = await upload(
        operator,
        { indicator: "3", level: "1", title: "SK Tim SPBE" },
        pdf("sk"),
        "sk-tim.pdf",
      );
      expect(first.statusCode, first.body).toBe(201);
      const { linkId, evidenceId } = first.json();
      const link = async (who: Client, id = linkId) =>
        (await indicator(who, "3")).evidence.find((e: { id: string }) => e.id === id);
      // What people check before opening it: name, type, size, who, when, which version.
      expect(await link(operator)).toMatchObject({
        file: {
          name: "sk-tim.pdf",
          mediaType: "application/pdf",
          size: pdf("sk").length,
          uploadedBy: "Budi Operator",
        },
        fileVersion: 1,
        can: { replace: true, withdraw: true },
      });
      // Another unit's operator may neither replace nor withdraw it.
      const foreign = await bappedaOperator.call(
        "DELETE",
        `/api/assessments/${assessmentId}/evidence-links/${linkId}`,
      );
      expect(foreign.statusCode).toBe(403);
      // A new version keeps the link, counts up, and is reviewed afresh.
      const second = await upload(
        operator,
        { indicator: "3", level: "1", title: "SK Tim SPBE", evidenceId },
        pdf("sk-v2"),
        "sk-tim-v2.pdf",
      );
      expect(second.statusCode, second.body).toBe(201);
      expect(await link(operator)).toMatchObject({ file: { name: "sk-tim-v2.pdf" }, fileVersion: 2 });
      // Accepted, it stays: withdrawing is refused and not offered.
      const current = await link(coordinator);
      const accepted = await coordinator.call(
        "PUT",
        `/api/assessments/${assessmentId}/evidence-links/${linkId}/review`,
        { review: "accepted", version: current.version },
      );
      expect(accepted.statusCode, accepted.body).toBe(200);
      expect((await link(operator)).can.withdraw).toBe(false);
      const refused = await operator.call(
        "DELETE",
        `/api/assessments/${assessmentId}/evidence-links/${linkId}`,
      );
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.code).toBe("already_accepted");
      // A document not yet accepted is withdrawn: gone from the level, kept in the history.
      const other = await upload(
        operator,
        { indicator: "3", level: "2", title: "Salah unggah" },
        pdf("x"),
        "salah.pdf",
      );
      const otherId = other.json().linkId;
      const gone = await operator.call(
        "DELETE",
        `/api/assessments/${assessmentId}/evidence-links/${otherId}`,
      );
      expect(gone.json()).toEqual({ id: otherId, withdrawn: true });
      expect(await link(operator, otherId)).toBeUndefined();
      const thread = (
        await operator.call("GET", `/api/assessments/${assessmentId}/indicators/3/thread`)
      ).json();
      expect(thread.history.map((h: { action: string }) => h.action)).toContain("evidence.withdraw");
    });
  });
});

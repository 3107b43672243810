import { builtinFrameworks } from "@matang/core/node";
import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.js";
import { auditLog, organizations } from "../src/db/schema.js";
import {
  addUser,
  appFor,
  client,
  ENGINES,
  loadRegistry,
  PASSWORD,
  type TestDatabase,
  testDatabase,
} from "./harness.js";

describe.each(ENGINES)("API on %s", (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let jabar: string; // Provinsi Jawa Barat
  let bandung: string; // Kota Bandung, inside it
  let aceh: string;

  beforeAll(async () => {
    database = await testDatabase(engine);
    await loadRegistry(database);
    const orgs = await database.db.select().from(organizations);
    const find = (name: string) => orgs.find((o) => o.name === name)?.id ?? "";
    jabar = find("Pemerintah Provinsi Jawa Barat");
    bandung = find("Pemerintah Kota Bandung");
    aceh = find("Pemerintah Aceh");
    await addUser(database, "admin@matang.go.id", "admin", null);
    await addUser(database, "koordinator@jabarprov.go.id", "coordinator", jabar);
    await addUser(database, "koordinator@bandung.go.id", "coordinator", bandung);
    await addUser(database, "leader@bandung.go.id", "leader", bandung);
    await addUser(database, "lockme@contoh.go.id", "leader", bandung);
    app = await appFor(database);
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it("answers health with the database reachable", async () => {
    const res = await app.inject({ method: "GET", url: "/api/health" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok" });
    expect(res.headers["x-request-id"]).toBeTruthy();
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  });

  it("logs in with an HttpOnly SameSite cookie, tells who is logged in, logs out", async () => {
    const admin = await client(app, "admin@matang.go.id");
    const cookie = admin.login.cookies.find((c) => c.name === "matang_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    const me = await admin.call("GET", "/api/auth/me");
    expect(me.json()).toMatchObject({
      user: { email: "admin@matang.go.id" },
      grants: [{ role: "admin", organizationId: null }],
    });
    expect((await admin.call("POST", "/api/auth/logout")).statusCode).toBe(200);
    expect((await admin.call("GET", "/api/auth/me")).statusCode).toBe(401);
  });

  it("marks the session cookie Secure behind an HTTPS proxy", async () => {
    const proxied = await buildApp({ db: database.db, frameworks: builtinFrameworks(), trustProxy: true });
    const res = await proxied.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "x-forwarded-proto": "https" },
      payload: { email: "admin@matang.go.id", password: PASSWORD },
    });
    expect(res.cookies.find((c) => c.name === "matang_session")).toMatchObject({
      secure: true,
      httpOnly: true,
    });
    const plain = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "admin@matang.go.id", password: PASSWORD },
    });
    expect(plain.cookies.find((c) => c.name === "matang_session")?.secure).toBeFalsy();
    await proxied.close();
  });

  it("refuses a wrong password with 401 and locks the account after repeated failures (423)", async () => {
    const attempt = (password: string) =>
      app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email: "lockme@contoh.go.id", password },
      });
    expect((await attempt("salah")).json().error.code).toBe("invalid_credentials");
    for (let i = 0; i < 4; i++) await attempt("salah");
    const locked = await attempt(PASSWORD);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe("account_locked");
    expect(Number(locked.headers["retry-after"])).toBeGreaterThan(0);
  });

  it("rate-limits logins per address", async () => {
    const limited = await appFor(database, 3);
    const attempt = () =>
      limited.inject({ method: "POST", url: "/api/auth/login", payload: { email: "x@y.id", password: "z" } });
    for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(401);
    const blocked = await attempt();
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe("rate_limited");
    await limited.close();
  });

  it("requires the CSRF header for cookie-authenticated writes", async () => {
    const admin = await client(app, "admin@matang.go.id");
    const res = await app.inject({
      method: "POST",
      url: "/api/organizations",
      payload: { kind: "unit", name: "Diskominfo", parentId: bandung },
      cookies: { matang_session: admin.cookie },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("csrf_failed");
  });

  it("lists the 621 instansi for a national admin, with search, filters and pages", async () => {
    const admin = await client(app, "admin@matang.go.id");
    const all = (await admin.call("GET", "/api/organizations?pageSize=10")).json();
    expect(all.total).toBe(621);
    expect(all.items).toHaveLength(10);
    const provinces = (await admin.call("GET", "/api/organizations?kind=provinsi&pageSize=100")).json();
    expect(provinces.total).toBe(38);
    const inJabar = (
      await admin.call("GET", `/api/organizations?province=${jabar}&kind=kabupaten&kind=kota&pageSize=100`)
    ).json();
    expect(inJabar.total).toBe(27);
    const search = (await admin.call("GET", "/api/organizations?q=kab.%20aceh%20besar")).json();
    expect(search.items.map((o: { name: string }) => o.name)).toEqual(["Pemerintah Kab. Aceh Besar"]);
    // Each item says how many organizations hang below it, so the list browses as a tree.
    const jabarRow = (
      await admin.call("GET", "/api/organizations?q=provinsi%20jawa%20barat&kind=provinsi")
    ).json().items[0];
    expect(jabarRow.children).toBe(27);
    expect((await admin.call("GET", `/api/organizations?parent=${jabar}&pageSize=100`)).json().total).toBe(
      27,
    );
    const page2 = (await admin.call("GET", "/api/organizations?pageSize=10&page=2")).json();
    expect(page2.items[0].id).not.toBe(all.items[0].id);
  });

  it("shows a province coordinator its own subtree only; a city's leader only the city", async () => {
    const coordinator = await client(app, "koordinator@jabarprov.go.id");
    expect((await coordinator.call("GET", "/api/organizations?pageSize=1")).json().total).toBe(28);
    expect((await coordinator.call("GET", `/api/organizations/${bandung}`)).statusCode).toBe(200);
    expect((await coordinator.call("GET", `/api/organizations/${aceh}`)).statusCode).toBe(403);
    const leader = await client(app, "leader@bandung.go.id");
    expect((await leader.call("GET", "/api/organizations")).json().total).toBe(1);
    expect(
      (await leader.call("POST", "/api/organizations", { kind: "unit", name: "Bappeda", parentId: bandung }))
        .statusCode,
    ).toBe(403);
    expect((await app.inject({ method: "GET", url: "/api/organizations" })).statusCode).toBe(401);
  });

  it("creates units, renames with a version check (409 on a stale version) and keeps every name", async () => {
    // The province supervises Kota Bandung but does not shape it: the city's own coordinator does.
    const province = await client(app, "koordinator@jabarprov.go.id");
    const refused = await province.call("POST", "/api/organizations", {
      kind: "unit",
      name: "Dinas Komunikasi dan Informatika",
      parentId: bandung,
    });
    expect(refused.statusCode).toBe(403);
    const coordinator = await client(app, "koordinator@bandung.go.id");
    const created = await coordinator.call("POST", "/api/organizations", {
      kind: "unit",
      name: "Dinas Komunikasi dan Informatika",
      parentId: bandung,
    });
    expect(created.statusCode).toBe(201);
    const unit = created.json();
    expect(unit).toMatchObject({ kind: "unit", parentId: bandung, version: 1 });
    const duplicate = await coordinator.call("POST", "/api/organizations", {
      kind: "unit",
      name: "dinas komunikasi dan informatika",
      parentId: bandung,
    });
    expect(duplicate.statusCode).toBe(409);

    const renamed = await coordinator.call("PATCH", `/api/organizations/${unit.id}`, {
      name: "Diskominfo Kota Bandung",
      version: 1,
    });
    expect(renamed.json()).toMatchObject({ name: "Diskominfo Kota Bandung", version: 2 });
    const stale = await coordinator.call("PATCH", `/api/organizations/${unit.id}`, {
      name: "Lain",
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: "version_conflict",
      details: { current: { name: "Diskominfo Kota Bandung", version: 2 } },
    });
    const detail = (await coordinator.call("GET", `/api/organizations/${unit.id}`)).json();
    expect(detail.names.map((n: { name: string }) => n.name)).toEqual([
      "Dinas Komunikasi dan Informatika",
      "Diskominfo Kota Bandung",
    ]);
    expect(detail.parent).toMatchObject({ id: bandung, kind: "kota" });

    const audit = await database.db.select().from(auditLog).where(eq(auditLog.entityId, unit.id));
    expect(audit.map((a) => a.action)).toEqual(["organization.create", "organization.rename"]);
    expect(audit[1]).toMatchObject({
      actorLabel: "koordinator@bandung.go.id",
      before: { name: "Dinas Komunikasi dan Informatika" },
    });
  });

  it("moves a unit with its subtree (admin only) and refuses impossible placements", async () => {
    const admin = await client(app, "admin@matang.go.id");
    const parent = (
      await admin.call("POST", "/api/organizations", {
        kind: "unit",
        name: "Sekretariat Daerah",
        parentId: bandung,
      })
    ).json();
    const child = (
      await admin.call("POST", "/api/organizations", {
        kind: "unit",
        name: "Bagian Organisasi",
        parentId: parent.id,
      })
    ).json();
    const moved = await admin.call("POST", `/api/organizations/${parent.id}/move`, {
      parentId: aceh,
      version: 1,
    });
    expect(moved.statusCode).toBe(200);
    const [childRow] = await database.db.select().from(organizations).where(eq(organizations.id, child.id));
    expect(childRow?.path.startsWith(`/${aceh}/${parent.id}/`)).toBe(true);
    expect(
      (
        await admin.call("POST", `/api/organizations/${parent.id}/move`, { parentId: child.id, version: 2 })
      ).json().error.code,
    ).toBe("invalid_parent");
    expect(
      (
        await admin.call("POST", "/api/organizations", { kind: "kota", name: "Kota Baru", parentId: bandung })
      ).json().error.code,
    ).toBe("invalid_parent");
    expect(
      (await admin.call("POST", "/api/organizations", { kind: "unit", name: "Tanpa Induk" })).json().error
        .code,
    ).toBe("parent_required");
    const coordinator = await client(app, "koordinator@jabarprov.go.id");
    expect(
      (
        await coordinator.call("POST", `/api/organizations/${child.id}/move`, {
          parentId: bandung,
          version: 1,
        })
      ).statusCode,
    ).toBe(403);
  });

  it("answers bad input with 4xx and the error shape, never 5xx", async () => {
    const admin = await client(app, "admin@matang.go.id");
    const send = (payload: string, contentType = "application/json") =>
      app.inject({
        method: "POST",
        url: "/api/organizations",
        payload,
        headers: { "content-type": contentType, "x-csrf-token": admin.csrf },
        cookies: { matang_session: admin.cookie },
      });
    const cases = [
      await send("{not json"),
      await send(JSON.stringify({ kind: "unit", name: "X", parentId: bandung, extra: 1 })),
      await send(JSON.stringify({ kind: "desa", name: "X" })),
      await send(JSON.stringify({ kind: "unit", name: 42, parentId: bandung })),
      await send(JSON.stringify({ kind: "unit", name: "x".repeat(2 * 1024 * 1024), parentId: bandung })),
      await send("kind=unit", "application/x-www-form-urlencoded"),
      await admin.call("GET", "/api/organizations/not-a-uuid"),
      await admin.call("GET", "/api/organizations?page=0"),
      await admin.call("GET", "/api/organizations?sort=name"),
      await app.inject({ method: "POST", url: "/api/auth/login", payload: { email: "a@b.c" } }),
    ];
    for (const res of cases) {
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, res.body).toBeLessThan(500);
      expect(res.json().error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    }
    expect(cases[0]?.statusCode).toBe(400);
    expect(cases[1]?.json().error.code).toBe("validation_error");
    expect(cases[4]?.statusCode).toBe(413);
  });

  it("shows the audit log: everything to an admin, the subtree to a coordinator, nothing to a leader", async () => {
    const admin = await client(app, "admin@matang.go.id");
    const all = (await admin.call("GET", "/api/audit?pageSize=500")).json();
    const actions = new Set(all.items.map((e: { action: string }) => e.action));
    for (const action of [
      "organizations.import",
      "user.create",
      "auth.login",
      "organization.create",
      "organization.rename",
    ]) {
      expect(actions.has(action), action).toBe(true);
    }
    const coordinator = await client(app, "koordinator@jabarprov.go.id");
    const own = (await coordinator.call("GET", "/api/audit?pageSize=500")).json();
    expect(own.total).toBeGreaterThan(0);
    expect(own.items.every((e: { organizationId: string | null }) => e.organizationId !== null)).toBe(true);
    expect(own.total).toBeLessThan(all.total);
    expect((await coordinator.call("GET", `/api/audit?organization=${aceh}`)).statusCode).toBe(403);
    const leader = await client(app, "leader@bandung.go.id");
    expect((await leader.call("GET", "/api/audit")).statusCode).toBe(403);
  });

  it("issues API tokens usable as bearer tokens (no CSRF needed), which cannot mint more", async () => {
    const admin = await client(app, "admin@matang.go.id");
    const created = await admin.call("POST", "/api/auth/tokens", {
      name: "integrasi data",
      expiresInDays: 30,
    });
    expect(created.statusCode).toBe(201);
    const { token } = created.json();
    const bearer = { authorization: `Bearer ${token}` };
    expect(
      (await app.inject({ method: "GET", url: "/api/auth/me", headers: bearer })).json().user.email,
    ).toBe("admin@matang.go.id");
    const write = await app.inject({
      method: "POST",
      url: "/api/organizations",
      headers: bearer,
      payload: { kind: "unit", name: "Unit Lewat Token", parentId: bandung },
    });
    expect(write.statusCode).toBe(201);
    const mint = await app.inject({
      method: "POST",
      url: "/api/auth/tokens",
      headers: bearer,
      payload: { name: "lagi" },
    });
    expect(mint.statusCode).toBe(403);
    const wrong = await app.inject({
      method: "GET",
      url: "/api/auth/me",
      headers: { authorization: "Bearer mtg_salah" },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe("invalid_token");
  });

  it("lets an admin create accounts with roles, grant and withdraw roles, never the last national admin", async () => {
    const admin = await client(app, "admin@matang.go.id");
    const created = await admin.call("POST", "/api/users", {
      email: "opd@bandung.go.id",
      name: "Operator OPD",
      grants: [{ role: "operator", organizationId: bandung }],
    });
    expect(created.statusCode).toBe(201);
    const { user, password } = created.json();
    expect(password).toMatch(/^\S{12,}$/);
    expect(user.grants).toEqual([
      expect.objectContaining({
        role: "operator",
        organizationId: bandung,
        organizationName: "Pemerintah Kota Bandung",
      }),
    ]);
    const operator = await client(app, "opd@bandung.go.id", password);
    expect((await operator.call("GET", "/api/auth/me")).json().grants).toEqual([
      { role: "operator", organizationId: bandung },
    ]);

    expect(
      (
        await admin.call("POST", "/api/users", {
          email: "OPD@bandung.go.id",
          name: "x",
          grants: [{ role: "leader", organizationId: bandung }],
        })
      ).statusCode,
    ).toBe(409);
    const granted = await admin.call("POST", `/api/users/${user.id}/grants`, {
      role: "leader",
      organizationId: jabar,
    });
    expect(granted.json().grants).toHaveLength(2);
    expect(
      (await admin.call("POST", `/api/users/${user.id}/grants`, { role: "leader", organizationId: jabar }))
        .statusCode,
    ).toBe(409);
    const grantId = granted.json().grants.find((g: { role: string }) => g.role === "leader").id;
    expect((await admin.call("DELETE", `/api/users/${user.id}/grants/${grantId}`)).statusCode).toBe(200);

    const me = (await admin.call("GET", "/api/auth/me")).json();
    const adminUser = (await admin.call("GET", "/api/users?q=admin@matang")).json().items[0];
    const national = adminUser.grants.find(
      (g: { organizationId: string | null }) => g.organizationId === null,
    );
    const last = await admin.call("DELETE", `/api/users/${me.user.id}/grants/${national.id}`);
    expect(last.statusCode).toBe(409);
    expect(last.json().error.code).toBe("last_admin");
  });

  it("shows a coordinator the users of its subtree and lets only admins manage accounts", async () => {
    const coordinator = await client(app, "koordinator@jabarprov.go.id");
    const listed = (await coordinator.call("GET", "/api/users?pageSize=100")).json();
    const emails = listed.items.map((u: { email: string }) => u.email);
    expect(emails).toContain("leader@bandung.go.id");
    expect(emails).toContain("koordinator@jabarprov.go.id");
    expect(emails).not.toContain("admin@matang.go.id");
    const denied = await coordinator.call("POST", "/api/users", {
      email: "baru@bandung.go.id",
      name: "Baru",
      grants: [{ role: "operator", organizationId: bandung }],
    });
    expect(denied.statusCode).toBe(403);
    const leader = await client(app, "leader@bandung.go.id");
    expect((await leader.call("GET", "/api/users")).statusCode).toBe(403);
  });

  it("lets a user change their own password, ending their other sessions", async () => {
    await addUser(database, "ganti@bandung.go.id", "leader", bandung);
    const here = await client(app, "ganti@bandung.go.id");
    const elsewhere = await client(app, "ganti@bandung.go.id");
    const wrong = await here.call("POST", "/api/auth/password", {
      currentPassword: "salah",
      newPassword: "sandi-baru-sekali",
    });
    expect(wrong.statusCode).toBe(401);
    const weak = await here.call("POST", "/api/auth/password", {
      currentPassword: PASSWORD,
      newPassword: "pendek",
    });
    expect(weak.json().error.code).toBe("weak_password");
    const ok = await here.call("POST", "/api/auth/password", {
      currentPassword: PASSWORD,
      newPassword: "sandi-baru-sekali",
    });
    expect(ok.statusCode).toBe(200);
    expect((await here.call("GET", "/api/auth/me")).statusCode).toBe(200);
    expect((await elsewhere.call("GET", "/api/auth/me")).statusCode).toBe(401);
    await client(app, "ganti@bandung.go.id", "sandi-baru-sekali");
  });

  it("documents the API in OpenAPI with a browsable UI", async () => {
    const spec = (await app.inject({ method: "GET", url: "/api/openapi.json" })).json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        "/api/health",
        "/api/auth/login",
        "/api/organizations",
        "/api/organizations/{id}",
        "/api/frameworks/{id}",
      ]),
    );
    const ui = await app.inject({ method: "GET", url: "/api/docs/" });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers["content-type"]).toContain("text/html");
  });
});

describe.each(ENGINES)("database going away on %s", (engine) => {
  it("makes health answer 503 instead of pretending", async () => {
    const database = await testDatabase(engine);
    const app = await appFor(database);
    expect((await app.inject({ method: "GET", url: "/api/health" })).statusCode).toBe(200);
    await database.close();
    const res = await app.inject({ method: "GET", url: "/api/health" });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: "unavailable" });
    const login = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "a@b.id", password: "x" },
    });
    expect(login.statusCode).toBeGreaterThanOrEqual(500);
    await app.close();
    await database.destroy();
  });
});

describe("registry import over HTTP", () => {
  it("imports a CSV for a national admin, reports problems by line, refuses others", async () => {
    const database = await testDatabase("pglite");
    const app = await appFor(database);
    await addUser(database, "admin@matang.go.id", "admin", null);
    const admin = await client(app, "admin@matang.go.id");
    const send = (body: string, cookie = admin.cookie, csrf = admin.csrf) =>
      app.inject({
        method: "POST",
        url: "/api/organizations/import?year=2024&name=registri.csv",
        payload: body,
        headers: { "content-type": "text/csv", "x-csrf-token": csrf },
        cookies: { matang_session: cookie },
      });
    const ok = await send(
      "instansi,type,region\nPemerintah Provinsi Bali,provinsi,Bali\nPemerintah Kota Denpasar,kota,Bali\n",
    );
    expect(ok.json()).toMatchObject({ total: 2, created: 2, linked: 1 });
    const bad = await send("instansi,type,region\nKota X,desa,Bali\n");
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details).toEqual([
      {
        file: "registri.csv",
        line: 2,
        field: "type",
        message: '"desa" is not a type of instansi (kementerian, lembaga, provinsi, kabupaten, kota)',
        // A machine code and its values let the app say it in the user's language.
        code: "unknown_type",
        params: { value: "desa", kinds: "kementerian, lembaga, provinsi, kabupaten, kota" },
      },
    ]);
    const bali = (await admin.call("GET", "/api/organizations?kind=provinsi")).json().items[0].id;
    await addUser(database, "koordinator@baliprov.go.id", "coordinator", bali);
    const coordinator = await client(app, "koordinator@baliprov.go.id");
    expect((await send("instansi,type\nX,lembaga\n", coordinator.cookie, coordinator.csrf)).statusCode).toBe(
      403,
    );
    await app.close();
    await database.destroy();
  });
});

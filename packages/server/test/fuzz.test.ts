// Hostile input against every endpoint the OpenAPI document lists: random and malicious path
// parameters, query strings and bodies. The server must never answer 5xx, and a request it
// rejects must change nothing in the database.
import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rows } from "../src/db/client.js";
import { assessments, cycles, organizations } from "../src/db/schema.js";
import {
  addUser,
  appFor,
  client,
  ENGINES,
  seededDatabase,
  TEST_ADMIN,
  type TestDatabase,
} from "./harness.js";

interface Operation {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  params: string[];
  query: string[];
  body: string[];
}

/** Every operation of the OpenAPI document, with the names of its parameters and body fields. */
function operations(doc: {
  paths: Record<
    string,
    Record<string, { parameters?: { in: string; name: string }[]; requestBody?: unknown }>
  >;
}): Operation[] {
  const out: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!["get", "post", "put", "patch", "delete"].includes(method)) continue;
      const parameters = op.parameters ?? [];
      const content = (op.requestBody as { content?: Record<string, { schema?: { properties?: object } }> })
        ?.content;
      const schema = content?.["application/json"]?.schema;
      out.push({
        method: method.toUpperCase() as Operation["method"],
        path,
        params: parameters.filter((p) => p.in === "path").map((p) => p.name),
        query: parameters.filter((p) => p.in === "query").map((p) => p.name),
        body: Object.keys(schema?.properties ?? {}),
      });
    }
  }
  return out;
}

const NASTY = [
  "' OR 1=1 --",
  "'; DROP TABLE users; --",
  '"); DELETE FROM organizations; --',
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "../../../../etc/passwd",
  "..\\..\\windows\\win.ini",
  "a\u0000b",
  "%00",
  "%2e%2e%2f",
  "x".repeat(3000),
  "ﷺ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \u202e\u200b 👩‍👩‍👧‍👦",
  "-1",
  "0",
  "1e309",
  "NaN",
  "__proto__",
  "constructor",
  "00000000-0000-0000-0000-000000000000",
  "2026-02-30",
  "",
  " ",
];

const text = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
);
const scalar = fc.oneof(
  text,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(Number.MAX_SAFE_INTEGER + 2),
);
const value = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 3 }),
  fc.dictionary(text, scalar, { maxKeys: 3 }),
);

const fingerprintQueries = new WeakMap<object, string>();

/**
 * A fingerprint of everything but sessions (which note when they were last seen) and refusals'
 * audit entries: one query over every table, built once per database (it runs twice a request).
 */
async function fingerprint(db: TestDatabase["db"]): Promise<string> {
  let query = fingerprintQueries.get(db);
  if (!query) {
    const tables = await rows<{ name: string }>(
      db,
      sql`select table_name as name from information_schema.tables
          where table_schema = 'public' and table_name <> 'sessions' order by 1`,
    );
    const parts = tables.map(
      ({ name }) =>
        // A refusal's own audit entry (access.denied) is the one thing a refused request writes.
        `'${name}:' || coalesce((select md5(string_agg(row_to_json(t)::text, ',' order by row_to_json(t)::text)) from ${
          name === "audit_log" ? `(select * from audit_log where action <> 'access.denied')` : `"${name}"`
        } t), '-')`,
    );
    query = `select ${parts.join(" || ' ' || ")} as h`;
    fingerprintQueries.set(db, query);
  }
  const [r] = await rows<{ h: string }>(db, sql.raw(query));
  return r?.h ?? "";
}

describe.each(ENGINES)("hostile input on %s", (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let admin: Awaited<ReturnType<typeof client>>;
  let coordinator: Awaited<ReturnType<typeof client>>;
  const ids: string[] = [];

  beforeAll(async () => {
    database = await seededDatabase(engine, { registry: false });
    app = await appFor(database);
    admin = await client(app, TEST_ADMIN.email, TEST_ADMIN.password);
    const province = (
      await admin.call("POST", "/api/organizations", { kind: "provinsi", name: "Provinsi Uji" })
    ).json();
    const city = (
      await admin.call("POST", "/api/organizations", {
        kind: "kota",
        name: "Kota Uji",
        parentId: province.id,
      })
    ).json();
    const unit = (
      await admin.call("POST", "/api/organizations", { kind: "unit", name: "Dinas Uji", parentId: city.id })
    ).json();
    await addUser(database, "koordinator@uji.id", "coordinator", city.id);
    coordinator = await client(app, "koordinator@uji.id");
    const [cycle] = await database.db
      .insert(cycles)
      .values({
        year: 2026,
        name: "Uji",
        frameworkId: "permenpanrb-59-2020",
        kind: "evaluation",
        schedule: {},
      })
      .returning();
    const [assessment] = await database.db
      .insert(assessments)
      .values({ cycleId: cycle?.id ?? "", organizationId: city.id })
      .returning();
    const [org] = await database.db.select().from(organizations).where(eq(organizations.id, city.id));
    ids.push(province.id, city.id, unit.id, cycle?.id ?? "", assessment?.id ?? "", org?.id ?? "");
  }, 60_000);

  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it("never answers 5xx, and a rejected request changes nothing", async () => {
    const doc = app.swagger() as unknown as Parameters<typeof operations>[0];
    // Logging out would end the session the fuzzer works with; login failures are counted by design.
    const ops = operations(doc).filter((o) => !o.path.startsWith("/api/auth/logout"));
    expect(ops.length).toBeGreaterThan(60);
    const param = fc.oneof(
      fc.constantFrom(...ids),
      fc.uuid(),
      text,
      fc.constantFrom("1", "self", "permenpanrb-59-2020"),
    );
    const runs = 12;
    const failures: string[] = [];
    for (const op of ops) {
      await fc.assert(
        fc.asyncProperty(
          fc.array(param, { minLength: op.params.length, maxLength: op.params.length }),
          fc.dictionary(fc.oneof(fc.constantFrom(...op.query, "x"), text), text, { maxKeys: 4 }),
          fc.oneof(
            fc.record(Object.fromEntries(op.body.map((k) => [k, value])), { requiredKeys: [] }),
            value,
          ),
          fc.constantFrom("admin", "coordinator", "anonymous"),
          async (params, query, body, who) => {
            let url = op.path;
            op.params.forEach((name, i) => {
              url = url.replace(`{${name}}`, encodeURIComponent(String(params[i])));
            });
            const qs = new URLSearchParams(query as Record<string, string>).toString();
            const session = who === "admin" ? admin : who === "coordinator" ? coordinator : null;
            const before = await fingerprint(database.db);
            const res = await app.inject({
              method: op.method,
              url: qs ? `${url}?${qs}` : url,
              ...(op.method === "GET" || op.method === "DELETE" ? {} : { payload: JSON.stringify(body) }),
              headers: {
                ...(op.method === "GET" || op.method === "DELETE"
                  ? {}
                  : { "content-type": "application/json" }),
                ...(session && op.method !== "GET" ? { "x-csrf-token": session.csrf } : {}),
              },
              cookies: session ? { matang_session: session.cookie } : {},
            });
            if (res.statusCode >= 500)
              failures.push(`${op.method} ${url}?${qs} → ${res.statusCode} ${res.body.slice(0, 200)}`);
            expect(res.statusCode, `${op.method} ${url}`).toBeLessThan(500);
            if (res.statusCode >= 400 && op.path !== "/api/auth/login") {
              expect(
                await fingerprint(database.db),
                `${op.method} ${url} → ${res.statusCode} changed data`,
              ).toBe(before);
            }
            // Every refusal explains itself with a machine code and a message.
            if (res.statusCode >= 400 && res.headers["content-type"]?.toString().includes("json")) {
              expect(res.json().error).toMatchObject({
                code: expect.any(String),
                message: expect.any(String),
              });
            }
          },
        ),
        { numRuns: runs },
      );
    }
    expect(failures).toEqual([]);
  }, 600_000);

  it("refuses control characters and broken Unicode in any field with 400 invalid_text, changing nothing", async () => {
    const doc = app.swagger() as unknown as Parameters<typeof operations>[0];
    const ops = operations(doc).filter((o) => o.params.length + o.query.length + o.body.length > 0);
    // A NUL byte, another C0 control (tab, line feed and carriage return stay allowed), or half a
    // surrogate pair, somewhere inside otherwise ordinary text.
    const control = fc
      .integer({ min: 0, max: 31 })
      .filter((c) => ![9, 10, 13].includes(c))
      .map((c) => String.fromCharCode(c));
    const surrogate = fc.constantFrom("\uD800", "\uDFFF", "\uDBFF");
    const around = (middle: fc.Arbitrary<string>) =>
      fc
        .tuple(fc.string({ maxLength: 8 }), middle, fc.string({ maxLength: 8 }))
        .map(([a, b, c]) => a + b + c);
    // In a URL only controls can travel (a lone surrogate has no UTF-8 form); in JSON both can.
    const badInUrl = around(control);
    const badInJson = around(fc.oneof(control, surrogate));
    // Other path parameters get sound values, so the bad one is what the answer is about.
    const fine: Record<string, string> = {
      code: "1",
      stage: "document",
      year: "2026",
      frameworkId: "permenpanrb-59-2020",
      unitId: ids[2] ?? "",
      item: "I1-L1-01",
    };
    const failures: string[] = [];
    for (const op of ops) {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(
            ...op.params.map((p) => ["params", p] as const),
            ...op.query.map((q) => ["query", q] as const),
            ...(op.method === "GET" || op.method === "DELETE"
              ? []
              : op.body.map((b) => ["body", b] as const)),
          ),
          badInUrl,
          badInJson,
          fc.constantFrom("admin", "coordinator"),
          async ([part, name], urlText, jsonText, who) => {
            const badText = part === "body" ? jsonText : urlText;
            const session = who === "admin" ? admin : coordinator;
            let url = op.path;
            for (const p of op.params)
              url = url.replace(
                `{${p}}`,
                encodeURIComponent(part === "params" && p === name ? badText : (fine[p] ?? ids[1] ?? "")),
              );
            const qs = part === "query" ? `?${new URLSearchParams({ [name]: badText })}` : "";
            const hasBody = op.method !== "GET" && op.method !== "DELETE";
            const before = await fingerprint(database.db);
            const res = await app.inject({
              method: op.method,
              url: `${url}${qs}`,
              ...(hasBody ? { payload: JSON.stringify(part === "body" ? { [name]: badText } : {}) } : {}),
              headers: {
                ...(hasBody ? { "content-type": "application/json" } : {}),
                ...(op.method !== "GET" ? { "x-csrf-token": session.csrf } : {}),
              },
              cookies: { matang_session: session.cookie },
            });
            const code = res.headers["content-type"]?.toString().includes("json")
              ? res.json().error?.code
              : null;
            if (res.statusCode !== 400 || code !== "invalid_text")
              failures.push(`${op.method} ${op.path} ${part}.${name} → ${res.statusCode} ${code}`);
            expect(await fingerprint(database.db), `${op.method} ${op.path} changed data`).toBe(before);
          },
        ),
        { numRuns: 4 },
      );
    }
    expect([...new Set(failures)]).toEqual([]);
  }, 600_000);

  it("names the field in invalid_text, for queries and bodies alike", async () => {
    for (const url of ["/api/users?q=%00", "/api/audit?entityType=%00", "/api/users?q=a%1Bb"]) {
      const res = await admin.call("GET", url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error).toMatchObject({ code: "invalid_text", details: { where: "querystring" } });
    }
    const lone = await admin.call("POST", "/api/organizations", { kind: "provinsi", name: "Prov \ud800" });
    expect(lone.statusCode).toBe(400);
    expect(lone.json().error).toMatchObject({ code: "invalid_text", details: { field: "name" } });
    // Tab and line breaks are text people type.
    const ok = await admin.call("POST", "/api/organizations", { kind: "provinsi", name: "Provinsi\tTab" });
    expect(ok.statusCode).toBe(201);
  });
});

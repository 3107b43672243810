// A national-size dataset, generated in the database itself (generate_series), the same on
// PostgreSQL and PGlite: 700 instansi with 20 units each, 8 yearly cycles with every instansi
// enrolled, 47 indicators scored at every stage, 100,000 evidence records with their links, an
// audit entry per score, and 6,300 more bodies for the 7,000-participant ranking.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseRegistryFile } from "@matang/core";
import { builtinFrameworks } from "@matang/core/node";
import { bootstrap, type Db, importRegistry } from "@matang/server";
import { sql } from "drizzle-orm";
import pg from "pg";

const here = dirname(fileURLToPath(import.meta.url));
export const FRAMEWORK = "permenpanrb-59-2020";
export const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026];
export const ADMIN = { email: "admin@bench.id", password: "sandi-admin-bench-2026" };
export const POSTGRES_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** A national administrator as services see one, for calling them directly. */
export { ADMIN_CONTEXT } from "../packages/server/test/harness.js";

async function onServer(statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** A new, empty PostgreSQL database of the benchmark's own: its address and how to drop it. */
export async function benchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `matang_bench_${randomBytes(5).toString("hex")}`;
  await onServer(`CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export interface Dataset {
  /** The newest national cycle (700 participants). */
  readonly cycle: string;
  readonly cycle100: string;
  readonly cycle7000: string;
  /** Assessments of the newest cycle, to read. */
  readonly assessments: readonly string[];
}

const exec = (db: Db, query: ReturnType<typeof sql>) => db.execute(query);

async function ids<T extends string>(db: Db, query: ReturnType<typeof sql>, key: T): Promise<string[]> {
  const result = (await db.execute(query)) as unknown as { rows: Record<T, string>[] };
  return result.rows.map((r) => r[key]);
}

/** Fill an empty, migrated database. `log` reports each step. */
export async function generate(db: Db, log: (step: string) => void = () => {}): Promise<Dataset> {
  const frameworks = builtinFrameworks();
  await bootstrap(db, { frameworks, demo: false, adminEmail: ADMIN.email, adminPassword: ADMIN.password });
  const registry = parseRegistryFile(
    readFileSync(join(here, "../reference/results-2023.csv"), "utf8"),
    "results-2023.csv",
  );
  await importRegistry(db, registry, { actor: { id: null, label: "bench" }, source: "bench", year: 2023 });
  log("621 instansi");
  // 79 more, to 700, and 6,300 more for the largest ranking, under a province of their own.
  await exec(
    db,
    sql`insert into organizations (id, kind, parent_id, path, name, normalized_name)
        select id, 'provinsi', null, '/' || id || '/', 'Provinsi Sintetis', 'provinsi sintetis'
        from (select gen_random_uuid() as id) x`,
  );
  await exec(
    db,
    sql`insert into organizations (id, kind, parent_id, path, name, normalized_name, category)
        select x.id, 'kota', p.id, p.path || x.id || '/', 'Kota Sintetis ' || x.g, 'kota sintetis ' || x.g,
          case when x.g <= 79 then 'bench-700' else 'bench-7000' end
        from (select gen_random_uuid() as id, g from generate_series(1, 6379) g) x,
          (select id, path from organizations where name = 'Provinsi Sintetis') p`,
  );
  // 20 units (OPD) under each of the 700.
  const instansi = sql`(select id from organizations where kind <> 'unit' and name <> 'Provinsi Sintetis' and coalesce(category, '') <> 'bench-7000')`;
  await exec(
    db,
    sql`insert into organizations (id, kind, parent_id, path, name, normalized_name)
        select u.id, 'unit', o.id, o.path || u.id || '/', 'Dinas ' || u.g, 'dinas ' || u.g
        from organizations o
        cross join lateral (select gen_random_uuid() as id, g from generate_series(1, 20) g where o.id is not null) u
        where o.id in ${instansi}`,
  );
  log("organizations and 20 units each");
  // Eight yearly cycles with the 700 enrolled; one of 100 and one of 7,000 for the ranking.
  for (const year of YEARS) {
    await exec(
      db,
      sql`insert into cycles (year, name, framework_id, kind, schedule) values (${year}, ${`Evaluasi SPBE ${year}`}, ${FRAMEWORK}, 'evaluation', '{}')`,
    );
  }
  await exec(
    db,
    sql`insert into cycles (year, name, framework_id, kind, schedule) values (2026, 'Peringkat 100', ${FRAMEWORK}, 'evaluation', '{}'), (2026, 'Peringkat 7000', ${FRAMEWORK}, 'evaluation', '{}')`,
  );
  await exec(
    db,
    sql`insert into assessments (cycle_id, organization_id, state)
        select c.id, o.id, 'published' from cycles c cross join ${instansi} o where c.name like 'Evaluasi SPBE %'`,
  );
  await exec(
    db,
    sql`insert into assessments (cycle_id, organization_id, state)
        select c.id, o.id, 'published' from cycles c
        cross join (select id from ${instansi} x order by id limit 100) o where c.name = 'Peringkat 100'`,
  );
  await exec(
    db,
    sql`insert into assessments (cycle_id, organization_id, state)
        select c.id, o.id, 'validation' from cycles c
        cross join (select id from organizations where kind <> 'unit' and name <> 'Provinsi Sintetis' limit 7000) o
        where c.name = 'Peringkat 7000'`,
  );
  // The newest cycle is the one under way: its self-assessment is open.
  await exec(
    db,
    sql`update assessments set state = 'self_assessment' where cycle_id = (select id from cycles where name = ${`Evaluasi SPBE ${YEARS[YEARS.length - 1]}`})`,
  );
  log("cycles and assessments");
  // Every indicator at every stage; levels spread 1–5, later stages near the earlier ones.
  const codes = builtinFrameworks()
    .get(FRAMEWORK)
    ?.indicators.map((i) => i.code) as string[];
  const codeList = sql.join(
    codes.map((c) => sql`(${c})`),
    sql`, `,
  );
  await exec(
    db,
    sql`insert into stage_scores (assessment_id, indicator_code, stage, level, note, verdict)
        select a.id, i.code, s.stage,
          case when s.stage = 'validation' then null
               else 1 + abs(hashtext(a.id::text || i.code || s.stage)) % 5 end,
          case when s.stage = 'self' then 'Penjelasan indikator ' || i.code else '' end,
          case when s.stage = 'validation' then 'valid' when s.stage = 'self' then 'done' end
        from assessments a
        join cycles c on c.id = a.cycle_id
        cross join (values ${codeList}) i(code)
        cross join (values ('self'), ('document'), ('interview'), ('visit'), ('final'), ('validation')) s(stage)
        where c.name like 'Evaluasi SPBE %' or c.name = 'Peringkat 100' or s.stage in ('self', 'final')`,
  );
  log("stage scores");
  // 100,000 evidence records of the 700 with a link each to the newest cycle.
  await exec(
    db,
    sql`insert into evidence (organization_id, unit_id, kind, title, url)
        select o.id, (select u.id from organizations u where u.parent_id = o.id order by u.id limit 1),
          'link', 'Dokumen ' || g, 'https://contoh.go.id/dokumen/' || g
        from ${instansi} o cross join generate_series(1, 143) g`,
  );
  const newest = (
    await ids(db, sql`select id from cycles where name = ${`Evaluasi SPBE ${YEARS[YEARS.length - 1]}`}`, "id")
  )[0] as string;
  await exec(
    db,
    sql`insert into evidence_links (assessment_id, indicator_code, level, evidence_id, review)
        select a.id, ((row_number() over (partition by e.organization_id order by e.id) - 1) % 47 + 1)::text,
          1 + (row_number() over (partition by e.organization_id order by e.id) - 1) / 47 % 5, e.id, 'accepted'
        from evidence e join assessments a on a.organization_id = e.organization_id and a.cycle_id = ${newest}`,
  );
  log("evidence and links");
  await exec(
    db,
    sql`insert into audit_log (actor_label, action, entity_type, entity_id, organization_id, after)
        select 'bench', 'indicator.stage.' || s.stage, 'indicator', s.assessment_id || '/' || s.indicator_code,
          a.organization_id, jsonb_build_object('level', s.level)
        from stage_scores s join assessments a on a.id = s.assessment_id`,
  );
  log("audit entries");
  // As after any bulk load: the visibility map and statistics now, rather than autovacuum
  // rewriting pages in the middle of the measurements.
  await exec(db, sql`vacuum analyze`);
  log("vacuum");
  const cycle100 = (
    await ids(db, sql`select id from cycles where name = 'Peringkat 100'`, "id")
  )[0] as string;
  const cycle7000 = (
    await ids(db, sql`select id from cycles where name = 'Peringkat 7000'`, "id")
  )[0] as string;
  const assessments = await ids(db, sql`select id from assessments where cycle_id = ${newest}`, "id");
  return { cycle: newest, cycle100, cycle7000, assessments };
}

/** Row counts, for the report. */
export async function counts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of [
    "organizations",
    "assessments",
    "stage_scores",
    "evidence",
    "evidence_links",
    "audit_log",
  ]) {
    const result = (await db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as {
      rows: { n: number }[];
    };
    out[table] = result.rows[0]?.n ?? 0;
  }
  return out;
}

// All of the backup's SQL: it reads and writes whole tables by name (the schema's own list, in
// the order of their references), so these statements are about tables, not about one capability.
import { sql } from "drizzle-orm";
import { type Db, rows } from "../db/client.js";

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** How many migrations the database has run. */
export async function schemaVersion(db: Db): Promise<number> {
  const [row] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  );
  return row?.n ?? 0;
}

/** The rest of the transaction reads one snapshot, so the tables agree with each other. */
export async function readOneSnapshot(db: Db): Promise<void> {
  await db.execute(sql`set transaction isolation level repeatable read`);
}

/** A table's rows as JSON text, one per line, in a stable order (its primary key). */
export async function tableRows(db: Db, table: string): Promise<string[]> {
  const found = await rows<{ j: string }>(
    db,
    sql.raw(`select row_to_json(t)::text as j from ${quote(table)} t order by 1`),
  );
  return found.map((r) => r.j);
}

export async function countRows(db: Db, table: string): Promise<number> {
  const [row] = await rows<{ n: number }>(db, sql.raw(`select count(*)::int as n from ${quote(table)}`));
  return row?.n ?? 0;
}

/** Insert rows (objects as `tableRows` wrote them, parsed). */
export async function insertRows(
  db: Db,
  table: string,
  records: readonly Record<string, unknown>[],
): Promise<void> {
  const batch = JSON.stringify(records);
  await db.execute(
    sql`insert into ${sql.raw(quote(table))} select * from json_populate_recordset(null::${sql.raw(quote(table))}, ${batch}::json)`,
  );
}

/** Serial columns continue after the rows restored into them. */
export async function resetSerials(db: Db): Promise<void> {
  const serials = await rows<{ table: string; column: string }>(
    db,
    sql`select table_name as "table", column_name as "column" from information_schema.columns
        where table_schema = 'public' and column_default like 'nextval(%'`,
  );
  for (const s of serials) {
    await db.execute(
      sql.raw(
        `select setval(pg_get_serial_sequence('${quote(s.table)}', '${s.column}'), coalesce((select max(${quote(s.column)}) from ${quote(s.table)}), 0) + 1, false)`,
      ),
    );
  }
}

/** Every recorded evidence file: its storage key, checksum and size. */
export async function recordedFiles(db: Db) {
  return rows<{ key: string; sha256: string; size: number }>(
    db,
    sql`select storage_key as key, sha256, size::bigint as size from evidence_files order by storage_key`,
  );
}

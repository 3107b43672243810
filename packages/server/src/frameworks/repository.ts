import { asc, eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { cycles, frameworks } from "../db/schema.js";

export async function storedFramework(db: Db, id: string) {
  const [row] = await db
    .select({ definition: frameworks.definition, checksum: frameworks.checksum })
    .from(frameworks)
    .where(eq(frameworks.id, id));
  return row;
}

export async function allStoredFrameworks(db: Db) {
  return db.select({ id: frameworks.id, definition: frameworks.definition }).from(frameworks);
}

export async function insertFramework(
  db: Db,
  row: { id: string; title: string; definition: unknown; checksum: string },
): Promise<void> {
  await db.insert(frameworks).values(row);
}

export async function replaceFramework(
  db: Db,
  row: { id: string; title: string; definition: unknown; checksum: string },
): Promise<void> {
  await db
    .update(frameworks)
    .set({ title: row.title, definition: row.definition, checksum: row.checksum, loadedAt: new Date() })
    .where(eq(frameworks.id, row.id));
}

/** The cycles that score with a framework. */
export async function cyclesUsing(db: Db, frameworkId: string) {
  return db
    .select({ name: cycles.name, year: cycles.year })
    .from(cycles)
    .where(eq(cycles.frameworkId, frameworkId))
    .orderBy(asc(cycles.year), asc(cycles.name));
}

// Embedded databases for tests, started from archives made once per test run: creating and
// migrating a PGlite database takes seconds, seeding it (the 621 instansi, the demo with its
// hashed passwords) seconds more; one started from an archive of the same state takes well under
// one. The archives live in a folder the run's global setup makes and removes (vitest.setup.ts),
// so each run starts from the code as it is; without it (a single file run another way) each
// test process keeps its own in memory.
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type DatabaseHandle, openDatabase } from "../src/db/client.js";

const inMemory = new Map<string, Promise<Blob>>();

async function archiveOf(key: string, make: () => Promise<DatabaseHandle>): Promise<Blob> {
  const dir = process.env.MATANG_TEST_ARCHIVES;
  const file = dir ? join(dir, `${key}.tar`) : null;
  if (file && existsSync(file)) return new Blob([readFileSync(file)]);
  const made = (async () => {
    const handle = await make();
    const archive = await (handle.dump?.() as Promise<Blob>);
    await handle.close();
    if (file) {
      // Written whole, then renamed: another worker never reads half an archive.
      const temp = `${file}.${randomUUID()}.part`;
      writeFileSync(temp, Buffer.from(await archive.arrayBuffer()));
      renameSync(temp, file);
    }
    return archive;
  })();
  if (!file) inMemory.set(key, made);
  return made;
}

/**
 * A new embedded database in the state `prepare` leaves a migrated one in, made once per run
 * per `key`. `key` must name everything `prepare` depends on.
 */
export async function archivedPglite(
  key: string,
  prepare: (handle: DatabaseHandle) => Promise<void> = async () => {},
): Promise<DatabaseHandle> {
  const cached = process.env.MATANG_TEST_ARCHIVES ? undefined : inMemory.get(key);
  const archive =
    (await cached) ??
    (await archiveOf(key, async () => {
      const handle = await openDatabase({ dataDir: "memory://" });
      await handle.migrate();
      await prepare(handle);
      return handle;
    }));
  const handle = await openDatabase({ dataDir: "memory://", loadDataDir: archive });
  // Nothing to apply (the archive is migrated), but a test may rely on migrate() having run.
  await handle.migrate();
  return handle;
}

import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase } from "../src/db/client.js";

// The embedded database runs on the server's own thread: a long run of queries must still let
// the server accept connections and read requests in between.
describe("embedded database under load", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openDatabase({ dataDir: "memory://" });
  });
  afterAll(() => handle.close());

  const busy = () => handle.db.execute(sql`select count(*) from generate_series(1, 100000)`);

  it("lets the event loop turn during a long run of queued queries", async () => {
    const events: string[] = [];
    const queries = Array.from({ length: 10 }, () => busy().then(() => events.push("query")));
    setImmediate(() => events.push("turn"));
    await Promise.all(queries);
    expect(events).toContain("turn");
    expect(events.indexOf("turn")).toBeLessThan(events.lastIndexOf("query"));
  });

  it("still answers every query in order, a failing one included", async () => {
    const order: number[] = [];
    const results = await Promise.allSettled([
      handle.db.execute(sql`select 1 as n`).then(() => order.push(1)),
      handle.db.execute(sql`select * from no_such_table`).then(() => order.push(2)),
      handle.db.execute(sql`select 3 as n`).then(() => order.push(3)),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(order).toEqual([1, 3]);
  });
});

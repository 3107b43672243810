import { createHash } from "node:crypto";
import { type Framework, loadFramework } from "@matang/core";
import { appendAudit } from "../audit/repository.js";
import { type Db, inTransaction } from "../db/client.js";
import { frameworks as frameworksTable } from "../db/schema.js";
import { actorOf, type RequestContext } from "../http/context.js";
import { ApiError } from "../http/errors.js";
import { authorize } from "../policy/policy.js";

/** The frameworks the app knows, by id; grows when an administrator imports one. */
export type FrameworkMap = Map<string, Framework>;

const checksumOf = (definition: unknown) =>
  createHash("sha256").update(JSON.stringify(definition)).digest("hex");

/**
 * Import a framework file: validated by the core (every problem, with its path, in a 422), then
 * stored in the database and made available. An existing id is never replaced: a changed
 * framework is a new version with a new id, so past cycles keep scoring as they did.
 */
export async function importFramework(db: Db, map: FrameworkMap, ctx: RequestContext, definition: unknown) {
  authorize(ctx.principal, "framework.manage", { path: "/" });
  const result = loadFramework(definition);
  if (!result.ok)
    throw new ApiError(422, "invalid_framework", "The framework file has problems", result.problems);
  const framework = result.framework;
  if (map.has(framework.id)) {
    throw new ApiError(
      409,
      "framework_exists",
      `A framework with id "${framework.id}" already exists; give the new version its own id`,
    );
  }
  await inTransaction(db, async (t) => {
    await t.insert(frameworksTable).values({
      id: framework.id,
      title: framework.title.id,
      definition: framework.definition,
      checksum: checksumOf(framework.definition),
    });
    await appendAudit(t, {
      ...actorOf(ctx),
      action: "framework.import",
      entityType: "framework",
      entityId: framework.id,
      after: { id: framework.id, title: framework.title.id, indicators: framework.indicators.length },
    });
  });
  map.set(framework.id, framework);
  return framework;
}

/** Add the frameworks stored in the database that this instance does not know yet. */
export async function refreshFrameworks(db: Db, map: FrameworkMap): Promise<number> {
  const rows = await db
    .select({ id: frameworksTable.id, definition: frameworksTable.definition })
    .from(frameworksTable);
  let added = 0;
  for (const row of rows) {
    if (map.has(row.id)) continue;
    const result = loadFramework(row.definition);
    if (result.ok) {
      map.set(row.id, result.framework);
      added++;
    }
  }
  return added;
}

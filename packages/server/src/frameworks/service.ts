import { createHash } from "node:crypto";
import {
  type Framework,
  type FrameworkDef,
  loadFramework,
  type MappingDef,
  scoringDifferences,
  scoringShape,
} from "@matang/core";
import { builtinMappingDir, mappingsIn } from "@matang/core/node";
import { type Actor, appendAudit, auditedBy } from "../audit/repository.js";
import { type Db, inTransaction } from "../db/client.js";
import { actorOf, type RequestContext } from "../http/context.js";
import { ApiError } from "../http/errors.js";
import { authorize } from "../policy/policy.js";
import * as repo from "./repository.js";

const mappingsFor = new WeakMap<Frameworks, readonly MappingDef[]>();

/** The mappings shipped beside the frameworks, checked against the frameworks this server runs. */
export function shippedMappings(frameworks: Frameworks): readonly MappingDef[] {
  let found = mappingsFor.get(frameworks);
  if (!found) {
    found = mappingsIn(builtinMappingDir, (id) => frameworks.get(id));
    mappingsFor.set(frameworks, found);
  }
  return found;
}

/** The shipped mapping from one framework to another, if Matang has one. */
export function shippedMapping(frameworks: Frameworks, from: string, to: string): MappingDef | undefined {
  return shippedMappings(frameworks).find((m) => m.from === from && m.to === to);
}

/** The frameworks the app knows, by id; grows when an administrator imports one. */
export type FrameworkMap = Map<string, Framework>;
/** The frameworks the server knows, by id (read-only for everything but importing). */
export type Frameworks = ReadonlyMap<string, Framework>;

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
    await repo.insertFramework(t, {
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
  const rows = await repo.allStoredFrameworks(db);
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

/** A framework file that would change how a cycle that used it scores. */
export class FrameworkChangeRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FrameworkChangeRefused";
  }
}

/**
 * At start: store the frameworks Matang ships and those in MATANG_FRAMEWORKS_DIR. A new id is
 * stored. A changed file whose weights, codes, scales or bands differ from the stored framework is
 * refused while any cycle uses that framework (it would re-score them: a real change is a new
 * id), with a message naming the file and the cycles; a framework no cycle used yet is replaced.
 * Text-only corrections (criteria, guidance, translations) are applied. Every change is audited.
 */
export async function installFrameworks(
  db: Db,
  frameworks: ReadonlyMap<string, Framework>,
  files: ReadonlyMap<string, string> = new Map(),
  actor: Actor = { id: null, label: "system" },
): Promise<{ added: string[]; corrected: string[]; replaced: string[] }> {
  const report = { added: [] as string[], corrected: [] as string[], replaced: [] as string[] };
  const refusals: string[] = [];
  const changes: (() => Promise<void>)[] = [];
  for (const f of frameworks.values()) {
    const row = { id: f.id, title: f.title.id, definition: f.definition, checksum: checksumOf(f.definition) };
    const stored = await repo.storedFramework(db, f.id);
    const versions = (before: unknown) => ({
      from: (before as FrameworkDef | undefined)?.version ?? null,
      to: f.definition.version ?? null,
    });
    const audit = (t: Db, action: string, before: unknown) =>
      appendAudit(t, {
        ...auditedBy(actor),
        action,
        entityType: "framework",
        entityId: f.id,
        before: before === undefined ? null : { version: versions(before).from },
        after: { version: versions(before).to, file: files.get(f.id) ?? null },
      });
    if (!stored) {
      changes.push(() =>
        inTransaction(db, async (t) => {
          await repo.insertFramework(t, row);
          await audit(t, "framework.load", undefined);
        }),
      );
      report.added.push(f.id);
      continue;
    }
    if (stored.checksum === row.checksum) continue;
    const before = stored.definition as FrameworkDef;
    if (scoringShape(before) === scoringShape(f.definition)) {
      changes.push(() =>
        inTransaction(db, async (t) => {
          await repo.replaceFramework(t, row);
          await audit(t, "framework.correct_text", before);
        }),
      );
      report.corrected.push(f.id);
      continue;
    }
    const used = await repo.cyclesUsing(db, f.id);
    if (used.length > 0) {
      refusals.push(
        `${files.get(f.id) ?? `framework ${f.id}`}: framework "${f.id}" is used by ${used
          .map((c) => `${c.name} (${c.year})`)
          .join(", ")}, and this file changes how it scores (${scoringDifferences(before, f.definition).join(
          "; ",
        )}). Only texts may change under the same id; give the changed framework a new id.`,
      );
      continue;
    }
    changes.push(() =>
      inTransaction(db, async (t) => {
        await repo.replaceFramework(t, row);
        await audit(t, "framework.replace", before);
      }),
    );
    report.replaced.push(f.id);
  }
  // All or nothing: a refused file leaves every stored framework as it was.
  if (refusals.length > 0) throw new FrameworkChangeRefused(refusals.join("\n"));
  for (const change of changes) await change();
  return report;
}

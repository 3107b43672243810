// Getting an instansi's existing evidence in: a ZIP of a shared folder whose files are named by
// item code as the national portal wants ("I9-L1-01_SK Tim Audit.pdf"), or a mapping sheet that
// says which file answers which item. Each matched file is uploaded as one piece of evidence for
// its item (awaiting review: nothing counts as accepted until an assessor says so), every file that
// matched nothing is reported with why.
import { itemForFile, readCsv } from "@matang/core";
import yauzl from "yauzl";
import { indicatorTarget } from "../assessments/access.js";
import { itemAccess } from "../assessments/items.js";
import { access } from "../assessments/loading.js";
import * as assessmentRepo from "../assessments/repository.js";
import type { Db } from "../db/client.js";
import type { Frameworks } from "../frameworks/service.js";
import type { RequestContext } from "../http/context.js";
import { ApiError } from "../http/errors.js";
import { isCleanText } from "../http/text.js";
import { can } from "../policy/policy.js";
import { recordUpload } from "./service.js";
import type { EvidenceStorage, Staged } from "./storage.js";

/** At most this many entries are read from one archive (a folder of evidence has far fewer). */
export const MAX_ENTRIES = 5000;

export interface BulkReport {
  files: number;
  imported: { file: string; item: string; evidenceId: string }[];
  unmatched: { file: string; reason: string; code: string }[];
}

/** A mapping sheet `file,item` (comma or semicolon), as a map; problems by line. */
export function parseMapping(text: string, source = "mapping.csv"): Map<string, string> {
  const rows = readCsv(text, source);
  const [header, ...data] = rows;
  const names = header?.record.map((c) => c.trim().toLowerCase()) ?? [];
  if (names[0] !== "file" || names[1] !== "item")
    throw new ApiError(
      400,
      "invalid_mapping",
      `${source}:${header?.line ?? 1}: the header must be "file,item"`,
    );
  return new Map(
    data.map(({ record }) => [
      String(record[0] ?? "").trim(),
      String(record[1] ?? "")
        .trim()
        .toUpperCase(),
    ]),
  );
}

const skipped = (name: string) =>
  name.endsWith("/") || name.startsWith("__MACOSX/") || (name.split("/").pop() ?? "").startsWith(".");

/** Read a staged ZIP and upload every file it can match to an item. */
export async function importZip(
  db: Db,
  frameworks: Frameworks,
  storage: EvidenceStorage,
  ctx: RequestContext,
  assessmentId: string,
  input: {
    zip: Staged;
    zipName: string;
    mapping?: Map<string, string>;
    maxBytes: number;
    quotaBytes: number;
  },
): Promise<BulkReport> {
  const c = await access(db, frameworks, ctx, assessmentId, "assessment.read");
  if (c.framework.itemByCode.size === 0)
    throw new ApiError(400, "no_items", `Framework ${c.framework.id} takes evidence by level, not by item`);
  const pjs = await assessmentRepo.itemAssignmentsOf(db, assessmentId);
  const imported: { file: string; item: string; evidenceId: string }[] = [];
  const unmatched: { file: string; reason: string; code: string }[] = [];
  let files = 0;
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(input.zip.ref, {
      lazyEntries: true,
      autoClose: false,
      strictFileNames: false,
    });
  } catch {
    throw new ApiError(400, "invalid_zip", `${input.zipName} is not a ZIP archive that can be read`);
  }
  try {
    for (let n = 0; ; n++) {
      let entry: yauzl.Entry | null;
      try {
        entry = await nextEntry(zip);
      } catch (error) {
        // A damaged archive stops the reading; what was imported before stays, and is reported.
        unmatched.push({ file: input.zipName, code: "invalid_zip", reason: (error as Error).message });
        break;
      }
      if (!entry) break;
      if (n >= MAX_ENTRIES)
        throw new ApiError(400, "too_many_entries", `The archive has more than ${MAX_ENTRIES} entries`);
      const path = entry.fileName;
      if (skipped(path)) continue;
      files++;
      const name = path.split("/").pop() ?? path;
      const miss = (code: string, reason: string) => unmatched.push({ file: path, code, reason });
      if (!isCleanText(path)) {
        miss("invalid_text", "the file name holds a control character or broken Unicode");
        continue;
      }
      const match = itemForFile(c.framework, path, input.mapping);
      if ("problem" in match) {
        miss(
          match.problem,
          match.problem === "no_code"
            ? "no item code (such as I9-L1-01) in its name or the mapping sheet"
            : `${match.code} is not an evidence item of ${c.framework.id}`,
        );
        continue;
      }
      const item = c.framework.itemByCode.get(match.item);
      if (!item) continue;
      if (
        !can(ctx.principal, "evidence.upload", indicatorTarget(c, item.indicatorCode)) ||
        !itemAccess(ctx, c, item, pjs).visible
      ) {
        miss("forbidden", `you may not upload evidence for ${item.code}`);
        continue;
      }
      if (entry.uncompressedSize > input.maxBytes) {
        miss("file_too_large", `larger than ${Math.round(input.maxBytes / 1024 / 1024)} MB`);
        continue;
      }
      let staged: Staged;
      try {
        staged = await storage.stage(await zip.openReadStreamPromise(entry), input.maxBytes);
      } catch (error) {
        miss("unreadable", `could not be read from the archive (${(error as Error).message})`);
        continue;
      }
      try {
        const result = await recordUpload(
          db,
          frameworks,
          storage,
          ctx,
          assessmentId,
          {
            indicator: item.indicatorCode,
            item: item.code,
            title: name.slice(0, 300),
            note: `Impor ZIP: ${input.zipName}`,
          },
          { staged, fileName: name },
          input.quotaBytes,
        );
        imported.push({ file: path, item: item.code, evidenceId: result.evidenceId });
      } catch (error) {
        // One file refused (type, quota, state) does not undo the others: it is listed with why.
        if (!(error instanceof ApiError)) throw error;
        miss(error.code, error.message);
        if (error.code === "quota_exceeded" || error.code === "stage_closed") break;
      }
    }
  } finally {
    zip.close();
  }
  return { files, imported, unmatched };
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off("entry", onEntry);
      zip.off("end", onEnd);
      zip.off("error", onError);
    };
    const onEntry = (e: yauzl.Entry) => {
      cleanup();
      resolve(e);
    };
    const onEnd = () => {
      cleanup();
      resolve(null);
    };
    const onError = (e: Error) => {
      cleanup();
      reject(new ApiError(400, "invalid_zip", `The archive is damaged: ${e.message}`));
    };
    zip.once("entry", onEntry);
    zip.once("end", onEnd);
    zip.once("error", onError);
    zip.readEntry();
  });
}

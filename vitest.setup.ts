// Once per test run: a folder for the embedded databases' archives (packages/server/test/
// archives.ts), shared by every test process of the run and removed at its end.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function setup() {
  const dir = mkdtempSync(join(tmpdir(), "matang-test-archives-"));
  process.env.MATANG_TEST_ARCHIVES = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}

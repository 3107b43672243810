// The web's API types, generated from the server's OpenAPI document (what /api/openapi.json
// serves) with openapi-typescript into src/api/schema.ts. The build runs this: it rewrites a
// stale file, except in CI (or with --check), where a stale file fails the build, so the
// committed contract always matches the server. test/api-types.test.ts checks the same.
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { openApiDocument } from "@matang/server";
import openapiTS, { astToString } from "openapi-typescript";

export const SCHEMA_FILE = fileURLToPath(new URL("../src/api/schema.ts", import.meta.url));

const HEADER = `// Generated from the server's OpenAPI document by scripts/api-types.mjs: do not edit.
// Regenerate with \`npm run api-types -w @matang/web\` (the build does it).
`;

/** The generated file's text for the server as it is now. */
export async function generateApiTypes() {
  const document = await openApiDocument();
  return HEADER + astToString(await openapiTS(document, { alphabetize: true }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const fresh = await generateApiTypes();
  const current = await readFile(SCHEMA_FILE, "utf8").catch(() => "");
  if (fresh === current) {
    console.log("API types are up to date");
  } else if (process.argv.includes("--check") || process.env.CI) {
    console.error(
      `${SCHEMA_FILE} is stale: the server's API changed. Run \`npm run api-types -w @matang/web\` and commit the file.`,
    );
    process.exit(1);
  } else {
    await writeFile(SCHEMA_FILE, fresh);
    console.log(`wrote ${SCHEMA_FILE}`);
  }
}

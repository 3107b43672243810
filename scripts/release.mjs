#!/usr/bin/env node
// The release archive for a data centre without internet (PDN, a province's own): the built app
// with its production node_modules for this platform (linux-x64 in CI), and its SHA-256. It is
// unpacked and started with Node alone — no npm, no registry:
//
//   sha256sum -c matang-0.1.0-linux-x64.tar.gz.sha256
//   tar xzf matang-0.1.0-linux-x64.tar.gz && cd matang-0.1.0-linux-x64 && ./matang serve
//
// Usage: npm run build && node scripts/release.mjs [--out DIR]   (default DIR: ./release)
// The npm registry (or npm's cache) is needed here, where the archive is made, never where it runs.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  cpSync,
  createReadStream,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({ options: { out: { type: "string", default: join(root, "release") } } });
const out = resolve(values.out);
const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const name = `matang-${version}-${process.platform}-${process.arch}`;
const stage = join(out, name);

/** What runs: each package's manifest and build output, the web app's built files, the data it reads. */
const PARTS = [
  "package.json",
  "package-lock.json",
  "README.md",
  "reference",
  "docs/deploy",
  "packages/core/package.json",
  "packages/core/dist",
  "packages/core/frameworks",
  "packages/server/package.json",
  "packages/server/dist",
  "packages/server/drizzle",
  "packages/cli/package.json",
  "packages/cli/bin",
  "packages/cli/dist",
  "packages/web/package.json",
  "packages/web/dist",
];
// Only the server's side is installed: the web app is shipped built, its packages stay behind.
const RUNTIME = ["@matang/core", "@matang/server", "@matang/cli"];

const step = (text) => process.stderr.write(`${text}\n`);

for (const needed of [
  "packages/server/dist/index.js",
  "packages/cli/dist/index.js",
  "packages/web/dist/index.html",
])
  if (!existsSync(join(root, needed))) {
    step(`release: ${needed} is missing; run "npm run build" first`);
    process.exit(1);
  }

rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
step(`Copying the built app into ${stage}`);
for (const part of PARTS)
  cpSync(join(root, part), join(stage, part), {
    recursive: true,
    filter: (source) => !/\.tsbuildinfo$|\.map$/.test(source),
  });

step("Installing production dependencies (npm ci --omit=dev)");
execFileSync(
  "npm",
  [
    "ci",
    "--omit=dev",
    "--ignore-scripts",
    "--no-audit",
    "--no-fund",
    ...RUNTIME.flatMap((w) => ["--workspace", w]),
  ],
  { cwd: stage, stdio: ["ignore", "inherit", "inherit"] },
);
// Scripts of dependencies did not run (--ignore-scripts): none of the runtime's needs one; native
// parts come prebuilt for this platform as packages of their own.

writeFileSync(
  join(stage, "matang"),
  '#!/bin/sh\n# The matang command of this release: Node.js 20.19+ or 24 is all it needs.\nexec node "$(dirname "$0")/packages/cli/bin/matang.js" "$@"\n',
);
chmodSync(join(stage, "matang"), 0o755);
writeFileSync(
  join(stage, "RELEASE.txt"),
  `Matang ${version} for ${process.platform}-${process.arch}, built ${new Date().toISOString()} with Node.js ${process.version}.\n` +
    "Start: ./matang serve (see README.md, Deployment). Needs Node.js 20.19+ or 24; no npm, no internet.\n",
);

const archive = join(out, `${name}.tar.gz`);
step(`Writing ${archive}`);
execFileSync("tar", ["-czf", archive, "-C", out, name], { stdio: "inherit" });
const hash = createHash("sha256");
for await (const chunk of createReadStream(archive)) hash.update(chunk);
const sum = hash.digest("hex");
writeFileSync(`${archive}.sha256`, `${sum}  ${basename(archive)}\n`);
rmSync(stage, { recursive: true, force: true });
const mb = (statSync(archive).size / 1024 / 1024).toFixed(1);
process.stdout.write(`${archive} (${mb} MB)\nsha256 ${sum}\n`);

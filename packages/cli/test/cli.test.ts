import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { main } from "../src/index.js";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const examples = join(repoRoot, "examples");
const work = mkdtempSync(join(tmpdir(), "matang-cli-"));

function file(name: string, content: string): string {
  const path = join(work, name);
  writeFileSync(path, content);
  return path;
}

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const FW = ["--framework", "permenpanrb-59-2020"];

describe("matang frameworks", () => {
  it("lists the shipped frameworks", async () => {
    const { code, out } = await run("frameworks", "list", "--json");
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual([
      expect.objectContaining({ id: "permenpanrb-5-2018", indicators: 37, years: [2018, 2019, 2020] }),
      expect.objectContaining({ id: "permenpanrb-59-2020", indicators: 47, provisional: false }),
      expect.objectContaining({ id: "pemdi-2026", indicators: 20, provisional: true }),
    ]);
    expect((await run("frameworks", "list")).out).toMatch(
      /pemdi-2026\s+2026–2027\s+20\s+\(sementara\) Evaluasi Kinerja/,
    );
    expect((await run("frameworks", "list")).out).toMatch(/permenpanrb-59-2020\s+2021–2025\s+47/);
  });

  it("shows a framework's tree and one indicator's criteria", async () => {
    const tree = await run("frameworks", "show", "permenpanrb-59-2020");
    expect(tree.out).toContain("Layanan Publik Berbasis Elektronik");
    expect(tree.out).toContain("Memuaskan ≥ 4.2");
    const one = await run("frameworks", "show", "permenpanrb-59-2020", "--indicator", "29");
    expect(one.out).toContain("Level 4 — Terpadu dan Terukur");
    expect(one.out).toContain("auditor TI/SI eksternal yang bersertifikat");
    expect((await run("frameworks", "show", "nope")).code).toBe(1);
  });

  it("validates a framework file, listing every problem and exiting 1", async () => {
    const good = join(repoRoot, "packages/core/frameworks/permenpanrb-59-2020.json");
    expect(await run("frameworks", "validate", good)).toMatchObject({ code: 0 });
    const def = JSON.parse(await import("node:fs").then((fs) => fs.readFileSync(good, "utf8")));
    def.domains[0].weight = 12;
    def.domains[1].aspects[0].indicators[0].scale = "nope";
    def.predicates[1].min = 3.6;
    const bad = file("broken.json", JSON.stringify(def));
    const result = await run("frameworks", "validate", bad);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`${bad}: 4 problems`);
    expect(result.err).toContain(
      "domains[0].weight: domain D1: its aspects' weights add up to 13, but the domain's weight is 12",
    );
    expect(result.err).toContain(
      'domains[1].aspects[0].indicators[0].scale: indicator 11: scale "nope" is not defined',
    );
    expect(result.err).toContain("predicates[1]: no predicate covers 3.5 to 3.6");
    const syntax = await run("frameworks", "validate", file("syntax.json", '{\n  "id": \n}'));
    expect(syntax.code).toBe(1);
    expect(syntax.err).toMatch(/line \d: not valid JSON/);
  });
});

describe("matang score", () => {
  it("prints the table of domains and aspects, then the index and predicate", async () => {
    const { code, out } = await run("score", ...FW, "--levels", join(examples, "levels-2024.csv"));
    expect(code).toBe(0);
    expect(out).toMatch(/D4\s+Layanan SPBE\s+45\.5\s+3\.30/);
    expect(out).toMatch(/A6\s+Pelaksanaan Audit TIK\s+4\.5\s+1\.00/);
    expect(out).toContain("Index: 2.74 — Baik");
  });

  it("prints exactly one JSON object with --json", async () => {
    const { out } = await run("score", ...FW, "--levels", join(examples, "levels-2024.csv"), "--json");
    const result = JSON.parse(out);
    expect(Object.keys(result)).toEqual([
      "framework",
      "complete",
      "index",
      "indexDisplay",
      "predicate",
      "predicateLabels",
      "floor",
      "ceiling",
      "missing",
      "domains",
      "aspects",
    ]);
    expect(result).toMatchObject({
      complete: true,
      index: 2.7395,
      indexDisplay: "2.74",
      predicate: "Baik",
      missing: [],
    });
    // D4 = (A7 3.5 × 27.5 + A8 3 × 18) / 45.5, unrounded
    expect(result.domains[3]).toEqual({ code: "D4", name: "Layanan SPBE", index: 150.25 / 45.5 });
    expect(result.aspects).toHaveLength(8);
  });

  it("gives floor and ceiling, not a zero-filled index, when incomplete", async () => {
    const { out } = await run("score", ...FW, "--levels", join(examples, "levels-incomplete.json"), "--json");
    const result = JSON.parse(out);
    expect(result).toMatchObject({
      complete: false,
      index: null,
      predicate: null,
      missing: ["12", "29", "30", "47"],
    });
    expect(result.floor).toBeCloseTo(2.6295, 12);
    expect(result.ceiling).toBeCloseTo(2.9695, 12);
    const human = await run("score", ...FW, "--levels", join(examples, "levels-incomplete.json"));
    expect(human.out).toContain("Incomplete: 4 indicators not answered (12, 29, 30, 47).");
    expect(human.out).toContain("Index between 2.63 (floor) and 2.97 (ceiling).");
  });

  it("rejects bad level files with file, line and field, exit 1", async () => {
    const cases: [string, string, string][] = [
      ["unknown.csv", "indicator,level\n1,3\n48,2\n", 'unknown.csv:3: indicator: "48" is not an indicator'],
      ["range.csv", "indicator,level\n1,6\n", "range.csv:2: level: 6 is not a level of indicator 1"],
      [
        "dup.csv",
        "indicator,level\n1,3\n1,3\n",
        "dup.csv:3: indicator: indicator 1 is already given on line 2",
      ],
      ["nan.csv", "indicator,level\n1,tiga\n", 'nan.csv:2: level: "tiga" is not a number'],
      ["header.csv", "1,3\n", 'header.csv:1: header: the first line must be the header "indicator,level"'],
      ["empty.csv", "", "empty.csv:1: file: the file is empty"],
      ["bom.csv", "\uFEFFindicator,level\r\n1,x\r\n", 'bom.csv:2: level: "x" is not a number'],
    ];
    for (const [name, content, message] of cases) {
      const path = file(name, content);
      const result = await run("score", ...FW, "--levels", path);
      expect(result.code, name).toBe(1);
      expect(result.err, name).toContain(message.replace(name, path));
      expect(result.out, name).toBe("");
    }
  });

  it("explains usage mistakes", async () => {
    expect(await run("score", "--levels", "x.csv")).toMatchObject({
      code: 2,
      err: expect.stringContaining("--framework is required"),
    });
    expect(await run("score", ...FW, "--levels", join(work, "absent.csv"))).toMatchObject({
      code: 1,
      err: expect.stringContaining("absent.csv: cannot read the file (no such file)"),
    });
    expect(await run("score", "--framework", "pemdi-2030", "--levels", "x.csv")).toMatchObject({
      code: 1,
      err: expect.stringContaining('unknown framework "pemdi-2030"'),
    });
    expect(await run("score", ...FW, "--bogus")).toMatchObject({ code: 2 });
    expect(await run("dance")).toMatchObject({
      code: 2,
      err: expect.stringContaining('unknown command "dance"'),
    });
  });
});

describe("matang score on pemdi-2026", () => {
  const PEMDI = ["--framework", "pemdi-2026"];
  // Every indicator at 2.50 except I20 at 2.49: 2.4985 exactly, shown 2.50, still Cukup.
  const rows = (sep: string) =>
    [
      `indicator${sep}value`,
      ...Array.from(
        { length: 19 },
        (_, i) => `${i === 0 ? "1.1" : i === 1 ? "IK-02" : `I${i + 1}`}${sep}${sep === ";" ? "2,5" : "2.5"}`,
      ),
      `I20${sep}${sep === ";" ? "2,49" : "2.49"}`,
    ].join("\n");

  it("takes decimal values by code or alias, with a comma or a point, and prints aspects without domains", async () => {
    const { code, out } = await run("score", ...PEMDI, "--levels", file("pemdi.csv", rows(";")));
    expect(code).toBe(0);
    expect(out).toContain("Sementara:");
    expect(out).toMatch(/A7\s+Kepuasan Pengguna Layanan Digital Pemerintah\s+25\s+2\.49/);
    expect(out).toContain("Index: 2.50 — Cukup (Membangun)");
    const json = JSON.parse(
      (await run("score", ...PEMDI, "--levels", file("pemdi2.csv", rows(",")), "--json")).out,
    );
    expect(json).toMatchObject({
      index: 2.4985,
      indexDisplay: "2.50",
      predicate: "Cukup",
      predicateLabels: { tahap: "Membangun" },
      domains: [],
    });
    expect(json.aspects).toHaveLength(7);
  });

  it("names the line and field of a value off the scale or too precise", async () => {
    const bad = file("bad.csv", "indicator,value\nI1,3.456\nI2,5.5\n");
    const result = await run("score", ...PEMDI, "--levels", bad);
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      `${bad}:2: value: 3.456 is not a value of indicator I1 (1.00–5.00 (2 decimals))`,
    );
    expect(result.err).toContain(`${bad}:3: value: 5.5 is not a value of indicator I2`);
  });

  it("plans in levels, not in 0.01 steps", async () => {
    const { code, out } = await run(
      "plan",
      ...PEMDI,
      "--levels",
      file("plan.csv", rows(",")),
      "--target",
      "2.6",
      "--json",
    );
    expect(code).toBe(0);
    const plan = JSON.parse(out);
    expect(plan.reachable).toBe(true);
    for (const step of plan.steps) expect(Number.isInteger(step.to)).toBe(true);
  });
});

describe("matang plan", () => {
  it("prints the cheapest plan with gains and the resulting index", async () => {
    const { code, out } = await run(
      "plan",
      ...FW,
      "--levels",
      join(examples, "levels-2024.csv"),
      "--target",
      "3.0",
    );
    expect(code).toBe(0);
    expect(out).toContain("Cheapest plan from 2.7395 to at least 3:");
    expect(out).toMatch(/Total cost: \d+ · resulting index: 3\.\d\d/);
  });

  it("prints the specified JSON object, honouring constraints", async () => {
    const args = ["plan", ...FW, "--levels", join(examples, "levels-2024.csv"), "--target", "3.0", "--json"];
    const free = JSON.parse((await run(...args)).out);
    expect(Object.keys(free)).toEqual([
      "reachable",
      "target",
      "maxIndex",
      "totalCost",
      "resultIndex",
      "steps",
    ]);
    expect(free).toMatchObject({ reachable: true, target: 3, maxIndex: 5 });
    expect(free.resultIndex).toBeGreaterThanOrEqual(3);
    expect(Object.keys(free.steps[0])).toEqual(["indicator", "from", "to", "cost", "gain"]);
    const constrained = JSON.parse(
      (await run(...args, "--constraints", join(examples, "constraints.json"))).out,
    );
    expect(constrained.maxIndex).toBeLessThan(5);
    expect(
      constrained.steps.find((s: { indicator: string }) => s.indicator === "31")?.to ?? 2,
    ).toBeLessThanOrEqual(2);
  });

  it("says when the target is unreachable and what the maximum is", async () => {
    const args = ["plan", ...FW, "--levels", join(examples, "levels-2024.csv"), "--target", "4.9"];
    const withConstraints = [...args, "--constraints", join(examples, "constraints.json")];
    const human = await run(...withConstraints);
    expect(human.out).toContain(
      "Target 4.9 is not reachable: the highest index these constraints allow is 4.90 (4.895)",
    );
    const json = JSON.parse((await run(...withConstraints, "--json")).out);
    expect(json).toMatchObject({ reachable: false, maxIndex: 4.895, steps: [] });
  });

  it("rejects a bad target or constraints file", async () => {
    const levels = join(examples, "levels-2024.csv");
    expect(await run("plan", ...FW, "--levels", levels, "--target", "tinggi")).toMatchObject({
      code: 1,
      err: expect.stringContaining('--target: "tinggi" is not a number'),
    });
    const bad = file("c.json", '{\n"99": {"max": 3}\n}');
    expect(await run("plan", ...FW, "--levels", levels, "--target", "3", "--constraints", bad)).toMatchObject(
      {
        code: 1,
        err: expect.stringContaining('constraint for unknown indicator "99"'),
      },
    );
  });
});

describe("matang plan over years", () => {
  const levels = () => join(examples, "levels-2024.csv");
  const yearly = (...extra: string[]) => ["plan", ...FW, "--levels", levels(), "--target", "3.0", ...extra];

  it("without --years answers exactly as the single-year plan does", async () => {
    const plain = JSON.parse((await run(...yearly("--json"))).out);
    expect(plain.years).toBeUndefined();
    expect(Object.keys(plain)).toEqual([
      "reachable",
      "target",
      "maxIndex",
      "totalCost",
      "resultIndex",
      "steps",
    ]);
  });

  it("plans year by year, one level a year, and finishes early when it can", async () => {
    const { code, out } = await run(...yearly("--years", "3", "--from", "2027", "--json"));
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(result.years.map((y: { year: number }) => y.year)).toEqual([2027, 2028, 2029]);
    expect(result.reachable).toBe(true);
    expect(result.reachedIn).toBeLessThanOrEqual(2029);
    const steps = result.years.flatMap((y: { steps: { from: number; to: number }[] }) => y.steps);
    for (const s of steps) expect(s.to - s.from).toBe(1);
    expect(result.years.at(-1).index).toBeGreaterThanOrEqual(3);
    // Money: the data centre or network steps are a year after the budget that holds them.
    for (const y of result.years)
      for (const s of y.steps) if (s.budgetYear !== null) expect(s.budgetYear).toBe(y.year - 1);
    const human = await run(...yearly("--years", "3", "--from", "2027"));
    expect(human.out).toContain("over 2027–2029, at most 1 level step(s) a year");
    expect(human.out).toMatch(/2027: index \d\.\d\d after \d+ step\(s\)/);
  });

  it("says what one year can reach when the target needs more", async () => {
    const args = ["plan", ...FW, "--levels", levels(), "--target", "4.0", "--years", "1", "--from", "2027"];
    const json = JSON.parse((await run(...args, "--json")).out);
    expect(json).toMatchObject({ reachable: false, reachedIn: null, steps: [] });
    expect(json.maxIndex).toBeLessThan(4);
    expect((await run(...args)).out).toMatch(
      /Target 4 is not reachable by 2027 at 1 level step\(s\) a year: the highest index 2027 allows is \d\.\d\d/,
    );
    const two = JSON.parse((await run(...args, "--max-step", "2", "--json")).out);
    expect(two.maxIndex).toBeGreaterThan(json.maxIndex);
  });

  it("refuses more than three years and limits without --years", async () => {
    expect(await run(...yearly("--years", "4"))).toMatchObject({
      code: 1,
      err: expect.stringContaining('--years: "4" must be a whole number from 1 to 3'),
    });
    expect(await run(...yearly("--max-step", "2"))).toMatchObject({
      code: 1,
      err: expect.stringContaining("give --years too"),
    });
    const bad = file("calendar.json", '{\n"1": {"maxStep": 0, "earliest": {"2": "tahun depan"}}\n}');
    expect(await run(...yearly("--years", "2", "--constraints", bad))).toMatchObject({
      code: 1,
      err: expect.stringMatching(
        /calendar\.json:2: 1\.maxStep: must be a whole number ≥ 1[\s\S]*1\.earliest\.2: must be a whole number/,
      ),
    });
  });
});

describe("the installed command", () => {
  it("runs as `npx matang` from the repository root", async () => {
    const { stdout } = await promisify(execFile)(
      "npx",
      ["--no-install", "matang", "score", ...FW, "--levels", "examples/levels-2024.csv", "--json"],
      {
        cwd: repoRoot,
      },
    );
    expect(JSON.parse(stdout)).toMatchObject({ indexDisplay: "2.74", predicate: "Baik" });
  });
});

describe("matang organizations import and results import", () => {
  it("imports the registry and the official results into the embedded database, idempotently", async () => {
    const previous = process.env.MATANG_DATA_DIR;
    const previousUrl = process.env.DATABASE_URL;
    process.env.MATANG_DATA_DIR = join(work, "data");
    delete process.env.DATABASE_URL;
    try {
      const registry = join(repoRoot, "reference/results-2023.csv");
      const first = await run("organizations", "import", registry, "--year", "2023");
      expect(first.code).toBe(0);
      expect(first.err).toContain("Importing: 621/621 (100%)");
      expect(first.out).toContain("621 instansi: 621 created, 0 already known; 491 kabupaten/kota linked");
      const second = await run("organizations", "import", registry);
      expect(second.out).toContain("621 instansi: 0 created, 621 already known");
      const bad = await run(
        "organizations",
        "import",
        file("bad-registry.csv", "instansi,type\nKota Tanpa Provinsi,kota\n"),
      );
      expect(bad).toMatchObject({
        code: 1,
        err: expect.stringContaining("bad-registry.csv:2: region: a kota needs its province"),
      });
      // Official results: stored once; a second import creates nothing.
      const results = await run("results", "import", registry);
      expect(results.out).toContain(
        "621 rows: 621 matched (621 new, 0 changed, 0 already stored), 0 left out.",
      );
      expect((await run("results", "import", registry)).out).toContain(
        "(0 new, 0 changed, 621 already stored)",
      );
      // A new year is a draft until published; publishing says how many results went public.
      expect(results.out).toContain(
        "stay drafts (not on the public page) until published: matang results publish 2023",
      );
      expect((await run("results", "publish", "2023")).out).toContain("2023: 621 results published.");
      expect(await run("results", "publish", "2031")).toMatchObject({
        code: 1,
        err: expect.stringContaining("no results were imported for 2031"),
      });
      // An uncertain name is listed with the command line that would confirm it, never merged.
      const typo = file(
        "2024.csv",
        "year,instansi,type,region,index,predicate\n2024,Pemerintah Kota Bandungg,kota,Jawa Barat,3.90,Sangat Baik\n",
      );
      const dry = await run("results", "import", typo, "--dry-run");
      expect(dry.out).toContain("Dry run, nothing stored: 1 rows: 0 matched");
      const suggestion = /--confirm (2=[0-9a-f-]{36}) {3}Pemerintah Kota Bandung \(/.exec(dry.out);
      expect(suggestion).not.toBeNull();
      const confirmed = await run("results", "import", typo, "--confirm", suggestion?.[1] ?? "");
      expect(confirmed.out).toContain(
        "1 rows: 1 matched (1 new, 0 changed, 0 already stored, 1 confirmed), 0 left out.",
      );
      expect(await run("results", "import", typo, "--confirm", "9=nope")).toMatchObject({
        code: 1,
        err: expect.stringContaining('--confirm: "9=nope" is not LINE=ORGANIZATION_ID'),
      });
    } finally {
      if (previous === undefined) delete process.env.MATANG_DATA_DIR;
      else process.env.MATANG_DATA_DIR = previous;
      if (previousUrl !== undefined) process.env.DATABASE_URL = previousUrl;
    }
    // A dozen commands, each opening the embedded database: longer than one request's limit
    // when two test files run at once.
  }, 120_000);
});

describe("matang backup, restore and storage check", () => {
  it("backs an instance up and restores it into an empty one, refusing a second restore", async () => {
    const previous = process.env.MATANG_DATA_DIR;
    const previousUrl = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    try {
      process.env.MATANG_DATA_DIR = join(work, "backup-source");
      const registry = join(repoRoot, "reference/results-2023.csv");
      expect((await run("organizations", "import", registry)).code).toBe(0);
      expect(await run("storage", "check")).toMatchObject({
        code: 0,
        out: expect.stringContaining(
          "0 evidence files checked: 0 missing, 0 not matching their checksum, 0 orphans",
        ),
      });
      const archive = join(work, "cadangan.tar.gz");
      const backup = await run("backup", archive);
      expect(backup.code).toBe(0);
      expect(backup.out).toMatch(
        /^Backup written to .*cadangan\.tar\.gz: \d+ tables \(\d+ rows\), 0 evidence files/,
      );
      expect(backup.err).toContain("Tables:");

      process.env.MATANG_DATA_DIR = join(work, "backup-target");
      const restored = await run("restore", archive);
      expect(restored.code).toBe(0);
      expect(restored.out).toMatch(
        /^Restored .*cadangan\.tar\.gz \(made .* on pglite\): \d+ rows, 0 evidence files, all checksums verified\./,
      );
      expect(await run("restore", archive)).toMatchObject({
        code: 1,
        err: expect.stringContaining("the database is not empty"),
      });
      expect(await run("restore", join(work, "tidak-ada.tar.gz"))).toMatchObject({
        code: 1,
        err: expect.stringContaining("tidak-ada.tar.gz: no such file"),
      });
      expect(await run("restore", file("bukan.tar.gz", "bukan arsip"))).toMatchObject({
        code: 1,
        err: expect.stringContaining("not a Matang backup"),
      });

      // Encrypted for a key made with keygen; restored only with its secret key.
      process.env.MATANG_DATA_DIR = join(work, "backup-source");
      expect(await run("backup", join(work, "x.age"), "--encrypt")).toMatchObject({
        code: 1,
        err: expect.stringContaining("--encrypt needs --recipient"),
      });
      expect(
        await run("backup", join(work, "x.age"), "--encrypt", "--recipient", "bukan-kunci"),
      ).toMatchObject({
        code: 1,
        err: expect.stringContaining("is not an age public key"),
      });
      const keygen = await run("backup", "keygen");
      const recipient = /age1[0-9a-z]+/.exec(keygen.out)?.[0] ?? "";
      const identity = file("kunci.txt", keygen.out);
      const sealed = join(work, "cadangan.tar.gz.age");
      const encrypted = await run("backup", sealed, "--encrypt", "--recipient", recipient);
      expect(encrypted).toMatchObject({ code: 0, out: expect.stringContaining("(encrypted)") });
      process.env.MATANG_DATA_DIR = join(work, "backup-sealed-target");
      expect(await run("restore", sealed)).toMatchObject({
        code: 1,
        err: expect.stringContaining("is encrypted: give the identity file"),
      });
      const other = file("kunci-lain.txt", (await run("backup", "keygen")).out);
      expect(await run("restore", sealed, "--identity", other)).toMatchObject({
        code: 1,
        err: expect.stringContaining("cannot be decrypted"),
      });
      expect(await run("restore", sealed, "--identity", identity)).toMatchObject({
        code: 0,
        out: expect.stringContaining("all checksums verified"),
      });
    } finally {
      if (previous === undefined) delete process.env.MATANG_DATA_DIR;
      else process.env.MATANG_DATA_DIR = previous;
      if (previousUrl !== undefined) process.env.DATABASE_URL = previousUrl;
    }
  }, 180_000);
});

describe("matang admin", () => {
  it("creates an administrator and resets a password, refusing bad input", async () => {
    const previous = process.env.MATANG_DATA_DIR;
    process.env.MATANG_DATA_DIR = join(work, "admin-data");
    try {
      const created = await run("admin", "create", "--email", "kepala@diskominfo.go.id", "--name", "Kepala");
      expect(created.code).toBe(0);
      expect(created.out).toMatch(
        /Administrator kepala@diskominfo\.go\.id created\. Password: \S{12,} \(shown only this once\)/,
      );
      const again = await run(
        "admin",
        "create",
        "--email",
        "KEPALA@diskominfo.go.id",
        "--password",
        "sandi-yang-panjang",
      );
      expect(again).toMatchObject({ code: 1, err: expect.stringContaining("already exists") });
      const weak = await run("admin", "create", "--email", "lain@diskominfo.go.id", "--password", "pendek");
      expect(weak).toMatchObject({ code: 1, err: expect.stringContaining("at least 10 characters") });
      const reset = await run(
        "admin",
        "reset-password",
        "--email",
        "kepala@diskominfo.go.id",
        "--password",
        "sandi-baru-yang-panjang",
      );
      expect(reset.out).toBe("Password of kepala@diskominfo.go.id reset; their sessions were ended.");
      expect(reset.out).not.toContain("sandi-baru");
      expect(await run("admin", "reset-password", "--email", "tidak.ada@contoh.go.id")).toMatchObject({
        code: 1,
        err: expect.stringContaining("no user with e-mail"),
      });
      expect(await run("admin", "create", "--email", "bukan-email")).toMatchObject({ code: 1 });
      expect(await run("admin", "unlock", "--email", "kepala@diskominfo.go.id")).toMatchObject({
        code: 0,
        out: "kepala@diskominfo.go.id had no login lock.",
      });
      expect(await run("admin", "unlock", "--email", "tidak.ada@contoh.go.id")).toMatchObject({
        code: 1,
        err: expect.stringContaining("no user with e-mail"),
      });
    } finally {
      if (previous === undefined) delete process.env.MATANG_DATA_DIR;
      else process.env.MATANG_DATA_DIR = previous;
    }
  });
});

// First start: frameworks into the database, the first administrator, and (on request) demo
// content so a newcomer can look around at once. Every step is idempotent.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type Framework,
  INSTANSI_KINDS,
  normalizeName,
  parseRegistryFile,
  parseResultsFile,
  type ResultRow,
} from "@matang/core";
import { inArray, sql } from "drizzle-orm";
import { indicatorEntity, loadContext } from "./assessments/repository.js";
import { appendAuditMany, auditedBy } from "./audit/repository.js";
import { countAdmins, findUserByEmail } from "./auth/repository.js";
import { createUser } from "./auth/service.js";
import { buildChecklist } from "./checklist/service.js";
import * as clarificationRepo from "./clarification/repository.js";
import { type Db, inTransaction } from "./db/client.js";
import {
  assessments,
  checklistItems,
  cycleAssessors,
  cycles,
  evidence,
  evidenceLinks,
  externalValues,
  indicatorAssignments,
  itemAssignments,
  organizations,
  stageScores,
} from "./db/schema.js";
import { syncExternalLevels } from "./external-indices/service.js";
import { installFrameworks } from "./frameworks/service.js";
import * as officialRepo from "./official/repository.js";
import { importRegistry } from "./organizations/import.js";
import { addName, insertOrganization } from "./organizations/repository.js";
import type { Role } from "./policy/policy.js";
import { importResults } from "./results/import.js";

const SYSTEM = { id: null, label: "system" } as const;

/** The registry of the 621 instansi evaluated in 2023, shipped in the repository. */
export const DEMO_REGISTRY = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "../../../reference/results-2023.csv",
);

/** The demo accounts' shared password: demo data is for trying Matang on a laptop, never for production. */
export const DEMO_PASSWORD = "matang-demo-2026";

export interface BootstrapOptions {
  readonly frameworks: ReadonlyMap<string, Framework>;
  /** The file each framework came from, for messages (id → path). */
  readonly frameworkFiles?: ReadonlyMap<string, string>;
  readonly demo: boolean;
  readonly adminEmail?: string;
  readonly adminPassword?: string;
}

export interface BootstrapReport {
  readonly frameworksLoaded: number;
  /** Set when this start created the first administrator. */
  readonly admin: {
    readonly email: string;
    readonly password: string | null;
    readonly generated: boolean;
  } | null;
  /** Set when this start loaded the demo content. */
  readonly demo: { readonly organizations: number; readonly accounts: readonly DemoAccount[] } | null;
  /** Demo accounts present in the database (on every start with demo content). */
  readonly demoAccounts: readonly DemoAccount[];
}

export interface DemoAccount {
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly organization: string;
}

/** Serialises first starts of several instances on one database. */
const BOOTSTRAP_LOCK = 741_852_964;

export async function bootstrap(database: Db, options: BootstrapOptions): Promise<BootstrapReport> {
  return inTransaction(database, async (db) => {
    await db.execute(sql`select pg_advisory_xact_lock(${BOOTSTRAP_LOCK})`);
    return bootstrapLocked(db, options);
  });
}

async function bootstrapLocked(db: Db, options: BootstrapOptions): Promise<BootstrapReport> {
  // A framework a cycle used never changes how it scores (frameworks/service.ts).
  await installFrameworks(db, options.frameworks, options.frameworkFiles, SYSTEM);
  const frameworksLoaded = options.frameworks.size;
  const admin = await ensureAdmin(db, options);
  const demo = options.demo ? await loadDemo(db, options.frameworks) : null;
  const demoAccounts: DemoAccount[] = [];
  if (options.demo) {
    for (const account of DEMO_ACCOUNTS)
      if (await findUserByEmail(db, account.email)) demoAccounts.push(account);
  }
  return { frameworksLoaded, admin, demo, demoAccounts };
}

async function ensureAdmin(db: Db, options: BootstrapOptions): Promise<BootstrapReport["admin"]> {
  if ((await countAdmins(db)) > 0) return null;
  const email = options.adminEmail?.trim() || "admin@matang.local";
  const generated = !options.adminPassword;
  const password = options.adminPassword || randomBytes(12).toString("base64url");
  await createUser(db, SYSTEM, {
    email,
    name: "Administrator",
    password,
    grants: [{ role: "admin", organizationId: null }],
  });
  return { email, password: generated ? password : null, generated };
}

const DEMO_CITY = "Pemerintah Kota Bandung";
const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    email: "koordinator@demo.matang.id",
    name: "Rina Koordinator",
    role: "coordinator",
    organization: DEMO_CITY,
  },
  {
    email: "operator@demo.matang.id",
    name: "Budi Operator",
    role: "operator",
    organization: "Dinas Komunikasi dan Informatika",
  },
  {
    email: "asesor@demo.matang.id",
    name: "Dr. Sari Asesor",
    role: "external_assessor",
    organization: DEMO_CITY,
  },
  { email: "reviu@demo.matang.id", name: "Tim Reviu", role: "reviewer", organization: DEMO_CITY },
  { email: "pimpinan@demo.matang.id", name: "Pak Wali Kota", role: "leader", organization: DEMO_CITY },
  {
    email: "provinsi@demo.matang.id",
    name: "Dewi Koordinator Provinsi",
    role: "coordinator",
    organization: "Pemerintah Provinsi Jawa Barat",
  },
  // A second instansi whose current cycle runs on the Indeks Pemerintah Digital 2026.
  {
    email: "koordinator.cimahi@demo.matang.id",
    name: "Asep Koordinator Pemdi",
    role: "coordinator",
    organization: "Pemerintah Kota Cimahi",
  },
  {
    email: "operator.cimahi@demo.matang.id",
    name: "Lina Operator",
    role: "operator",
    organization: "Bagian Organisasi Setda Kota Cimahi",
  },
];

const PEMDI_CITY = "Pemerintah Kota Cimahi";
const PEMDI_UNITS = [
  "Diskominfo Kota Cimahi",
  "Bappelitbangda Kota Cimahi",
  "Bagian Organisasi Setda Kota Cimahi",
  "Inspektorat Kota Cimahi",
];

const DEMO_UNITS = [
  "Dinas Komunikasi dan Informatika",
  "Badan Perencanaan Pembangunan Daerah",
  "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
  "Badan Pengelolaan Keuangan dan Aset Daerah",
  "Inspektorat",
  "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
];

async function loadDemo(
  db: Db,
  frameworks: ReadonlyMap<string, Framework>,
): Promise<BootstrapReport["demo"]> {
  const [existing] = await db.select({ n: sql<number>`count(*)::int` }).from(organizations);
  if ((existing?.n ?? 0) > 0 || !existsSync(DEMO_REGISTRY)) return null;
  const text = readFileSync(DEMO_REGISTRY, "utf8");
  const rows = parseRegistryFile(text, "results-2023.csv");
  const summary = await importRegistry(db, rows, {
    actor: SYSTEM,
    source: "demo: results-2023.csv",
    year: 2023,
  });
  const all = await db.select().from(organizations);
  const byName = (name: string) => {
    const org = all.find((o) => o.name === name);
    if (!org) throw new Error(`demo: ${name} is not in the registry`);
    return org;
  };
  const city = byName(DEMO_CITY);
  const pemdiCity = byName(PEMDI_CITY);
  const unitsOf = async (parent: typeof city, names: readonly string[]) => {
    const made: { id: string; name: string }[] = [];
    for (const name of names) {
      const unit = await insertOrganization(db, {
        kind: "unit",
        name,
        normalizedName: normalizeName(name),
        category: null,
        parent: { id: parent.id, path: parent.path },
      });
      await addName(db, unit.id, name, normalizeName(name), "demo", null);
      made.push(unit);
    }
    return made;
  };
  const units = await unitsOf(city, DEMO_UNITS);
  const pemdiUnits = await unitsOf(pemdiCity, PEMDI_UNITS);
  const accounts = DEMO_ACCOUNTS;
  const orgId = (name: string) =>
    [...units, ...pemdiUnits].find((u) => u.name === name)?.id ?? byName(name).id;
  for (const account of accounts) {
    if (await findUserByEmail(db, account.email)) continue;
    await createUser(db, SYSTEM, {
      email: account.email,
      name: account.name,
      password: DEMO_PASSWORD,
      grants: [{ role: account.role, organizationId: orgId(account.organization) }],
    });
  }
  // The official 2023 results, as published: rankings, history and the public page have data.
  const published = parseResultsFile(text, "results-2023.csv");
  await importResults(db, published, { actor: SYSTEM, source: "demo: results-2023.csv", publish: true });
  await demoCycle(db, city.id, units, published, frameworks.get(DEMO_FRAMEWORK));
  const spbe = frameworks.get(DEMO_FRAMEWORK);
  if (spbe) await demoPublished(db, city.id, units, published, spbe);
  const pemdi = frameworks.get(PEMDI_FRAMEWORK);
  if (pemdi) await demoPemdi(db, pemdiCity.id, pemdiUnits, pemdi);
  return { organizations: summary.created + units.length + pemdiUnits.length, accounts };
}

/** A demo cycle's history as the system made it: created, then its participants enrolled. */
const cycleHistory = (cycle: { id: string; name: string }, created: number) => [
  {
    ...auditedBy(SYSTEM),
    action: "cycle.create",
    entityType: "cycle",
    entityId: cycle.id,
    after: { demo: true, name: cycle.name },
  },
  {
    ...auditedBy(SYSTEM),
    action: "cycle.enrol",
    entityType: "cycle",
    entityId: cycle.id,
    after: { created },
  },
];

const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
/**
 * Open from the start of the year until well after today, whatever day the demo is made: a demo
 * (or a test) started in late December still finds its stage open.
 */
const window = (days: number) => ({ start: `${new Date().getFullYear()}-01-01`, end: daysFromNow(days) });

/**
 * A demo cycle: every instansi enrolled, Kota Bandung's indicators assigned to its units and its
 * assessor assigned, so the workspace has real work to show.
 */
const DEMO_FRAMEWORK = "permenpanrb-59-2020";

async function demoCycle(
  db: Db,
  cityId: string,
  units: readonly { id: string; name: string }[],
  published: readonly ResultRow[],
  framework: Framework | undefined,
) {
  const year = new Date().getFullYear();
  const [cycle] = await db
    .insert(cycles)
    .values({
      year,
      name: `Evaluasi SPBE ${year} (demo)`,
      frameworkId: DEMO_FRAMEWORK,
      kind: "evaluation",
      schedule: {
        self_assessment: window(60),
        document_review: window(120),
        interview: window(120),
        visit: window(120),
        consolidation: window(120),
        validation: window(120),
      },
    })
    .returning();
  if (!cycle) return;
  const instansi = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(inArray(organizations.kind, [...INSTANSI_KINDS]));
  const created = await db
    .insert(assessments)
    .values(instansi.map((o) => ({ cycleId: cycle.id, organizationId: o.id })))
    .returning({ id: assessments.id, organizationId: assessments.organizationId });
  const bandung = created.find((a) => a.organizationId === cityId);
  const assessor = await findUserByEmail(db, "asesor@demo.matang.id");
  if (assessor)
    await db
      .insert(cycleAssessors)
      .values({ cycleId: cycle.id, userId: assessor.id, organizationId: cityId });
  const [kominfo, bappeda, bkpsdm] = units;
  if (!bandung || !kominfo || !bappeda || !bkpsdm) return;
  const due = daysFromNow(30);
  const rows = Array.from({ length: 47 }, (_, i) => {
    const code = String(i + 1);
    const unit = i < 10 ? kominfo : i < 14 ? bappeda : i === 24 || i === 35 || i === 40 ? bkpsdm : kominfo;
    return { assessmentId: bandung.id, indicatorCode: code, unitId: unit.id, dueDate: due };
  });
  await db.insert(indicatorAssignments).values(rows);
  // The demo's history, as the system made it: what a service would have written for each step.
  const system = auditedBy(SYSTEM);
  await appendAuditMany(db, [
    ...cycleHistory(cycle, created.length),
    ...(assessor
      ? [
          {
            ...system,
            action: "cycle.assign_assessor",
            entityType: "cycle",
            entityId: cycle.id,
            organizationId: cityId,
            after: { userId: assessor.id, organizationId: cityId },
          },
        ]
      : []),
    ...rows.map((r) => ({
      ...system,
      action: "indicator.assign",
      entityType: "indicator",
      entityId: indicatorEntity(bandung.id, r.indicatorCode),
      organizationId: cityId,
      before: [],
      after: [{ unitId: r.unitId, dueDate: r.dueDate }],
    })),
  ]);
  if (framework) await demoProvince(db, cityId, created, published, framework);
}

/**
 * The city's neighbours in its province start with a self-assessment under way, each indicator at
 * its domain's 2023 value (rounded, some left open), so the province view has something to compare.
 */
async function demoProvince(
  db: Db,
  cityId: string,
  created: readonly { id: string; organizationId: string }[],
  published: readonly ResultRow[],
  framework: Framework,
) {
  const [city] = await db.select().from(organizations).where(sql`${organizations.id} = ${cityId}`);
  if (!city?.parentId) return;
  const neighbours = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(sql`${organizations.parentId} = ${city.parentId} and ${organizations.id} <> ${cityId}`);
  const values = [];
  for (const [n, org] of neighbours.entries()) {
    const result = published.find((r) => r.name === org.name);
    const assessment = created.find((a) => a.organizationId === org.id);
    if (!result || !assessment) continue;
    // Every fourth is still halfway through its answers.
    const answered = n % 4 === 3 ? Math.floor(framework.indicators.length / 2) : framework.indicators.length;
    for (const indicator of framework.indicators.slice(0, answered)) {
      const value = Number(
        (indicator.domainCode && result.domains[indicator.domainCode]) ?? indicator.scale.min,
      );
      const level = Math.min(indicator.scale.max, Math.max(indicator.scale.min, Math.round(value)));
      values.push({ assessmentId: assessment.id, indicatorCode: indicator.code, stage: "self", level });
    }
  }
  if (values.length > 0) await db.insert(stageScores).values(values);
  const orgOf = new Map(created.map((a) => [a.id, a.organizationId]));
  await appendAuditMany(
    db,
    values.map((v) => ({
      ...auditedBy(SYSTEM),
      action: "indicator.stage.self",
      entityType: "indicator",
      entityId: indicatorEntity(v.assessmentId, v.indicatorCode),
      organizationId: orgOf.get(v.assessmentId) ?? null,
      after: { level: v.level, demo: true },
    })),
  );
}

/**
 * Last year's evaluation of Kota Bandung, published: final levels below its claims in places, two
 * documents returned by the assessors, and the improvement checklist it produced, part of it
 * already worked on by the units (one item done, one verified, one overdue).
 */
async function demoPublished(
  db: Db,
  cityId: string,
  units: readonly { id: string; name: string }[],
  published: readonly ResultRow[],
  framework: Framework,
) {
  const year = new Date().getFullYear() - 1;
  const past = { start: `${year}-01-01`, end: `${year}-11-30` };
  const [cycle] = await db
    .insert(cycles)
    .values({
      year,
      name: `Evaluasi SPBE ${year} (demo)`,
      frameworkId: framework.id,
      kind: "evaluation",
      schedule: {
        self_assessment: past,
        document_review: past,
        interview: past,
        consolidation: past,
        validation: past,
      },
    })
    .returning();
  const [kominfo, bappeda, bkpsdm] = units;
  const [city] = await db
    .select({ name: organizations.name })
    .from(organizations)
    .where(sql`${organizations.id} = ${cityId}`);
  const result = published.find((r) => r.name === city?.name);
  if (!cycle || !kominfo || !bappeda || !bkpsdm) return;
  const [assessment] = await db
    .insert(assessments)
    .values({
      cycleId: cycle.id,
      organizationId: cityId,
      state: "published",
      submittedAt: new Date(`${year}-05-31T10:00:00+07:00`),
    })
    .returning();
  if (!assessment) return;
  const unitOf = (i: number) =>
    i < 10 ? kominfo : i < 14 ? bappeda : i === 24 || i === 35 || i === 40 ? bkpsdm : kominfo;
  await db.insert(indicatorAssignments).values(
    framework.indicators.map((indicator, i) => ({
      assessmentId: assessment.id,
      indicatorCode: indicator.code,
      unitId: unitOf(i).id,
      dueDate: `${year}-04-30`,
    })),
  );
  const scores = framework.indicators.flatMap((indicator, i) => {
    const domain = Number((indicator.domainCode && result?.domains[indicator.domainCode]) ?? 3);
    // A few indicators the assessors scored below the claim; level 5s are rare.
    const final = Math.max(1, Math.min(4, Math.floor(domain) - (i % 7 === 3 ? 1 : 0)));
    const self = Math.min(5, final + (i % 5 === 0 ? 1 : 0));
    return [
      {
        assessmentId: assessment.id,
        indicatorCode: indicator.code,
        stage: "self",
        level: self,
        note: "Penjelasan instansi.",
        verdict: "done",
      },
      {
        assessmentId: assessment.id,
        indicatorCode: indicator.code,
        stage: "final",
        level: final,
        note: "Catatan asesor.",
      },
    ];
  });
  await db.insert(stageScores).values(scores);
  const returned = [
    {
      code: "1",
      level: 2,
      title: "Peraturan Wali Kota tentang Arsitektur SPBE",
      reason: "Dokumen belum ditetapkan",
      note: "Yang diunggah masih rancangan tanpa nomor dan tanda tangan.",
    },
    {
      code: "11",
      level: 3,
      title: "Dokumen Arsitektur SPBE Kota Bandung",
      reason: "Muatan belum lengkap",
      note: "Domain arsitektur keamanan dan layanan belum ada.",
    },
  ];
  for (const r of returned) {
    const [e] = await db
      .insert(evidence)
      .values({
        organizationId: cityId,
        unitId: kominfo.id,
        kind: "link",
        title: r.title,
        url: "https://jdih.bandung.go.id",
      })
      .returning();
    if (e)
      await db.insert(evidenceLinks).values({
        assessmentId: assessment.id,
        indicatorCode: r.code,
        level: r.level,
        evidenceId: e.id,
        review: "revision",
        reason: r.reason,
        note: r.note,
      });
  }
  const context = await loadContext(db, assessment.id);
  if (!context) return;
  await inTransaction(db, (t) => buildChecklist(t, { ...context, framework }, SYSTEM, "publish"));
  // Some of it already worked on: Diskominfo on the returned policy, Bappeda late on another.
  const items = await db
    .select()
    .from(checklistItems)
    .where(sql`${checklistItems.firstAssessmentId} = ${assessment.id}`);
  const find = (code: string, kind: string) => items.find((i) => i.indicatorCode === code && i.kind === kind);
  const changes: [ReturnType<typeof find>, Partial<typeof checklistItems.$inferInsert>][] = [
    [
      find("1", "evidence_returned"),
      {
        status: "done",
        note: `Perwal Nomor 45 Tahun ${year + 1} tentang Arsitektur SPBE telah ditetapkan dan diunggah.`,
      },
    ],
    [
      find("2", "criteria"),
      {
        status: "verified",
        note: "Kebijakan peta rencana direviu; laporan reviu diunggah.",
        verifiedAt: new Date(),
      },
    ],
    [
      find("3", "criteria"),
      { status: "in_progress", note: "Draf kebijakan manajemen data di bagian hukum." },
    ],
    [find("12", "criteria"), { dueDate: daysFromNow(-14) }],
  ];
  for (const [item, change] of changes)
    if (item) await db.update(checklistItems).set(change).where(sql`${checklistItems.id} = ${item.id}`);
  await appendAuditMany(db, [
    ...cycleHistory(cycle, 1),
    {
      ...auditedBy(SYSTEM),
      action: "assessment.transition",
      entityType: "assessment",
      entityId: assessment.id,
      organizationId: cityId,
      after: { demo: true, state: "published" },
    },
  ]);
}

const PEMDI_FRAMEWORK = "pemdi-2026";

/**
 * The Pemdi demo: Kota Cimahi's current cycle on the Indeks Pemerintah Digital 2026, submitted and
 * in document review — decimal self-assessment values, evidence items assigned to units, a few
 * uploaded with their notes and reviewed (one returned, one rejected automatically because a
 * level-1 item is not accepted), and two external indices recorded.
 */
async function demoPemdi(
  db: Db,
  cityId: string,
  units: readonly { id: string; name: string }[],
  framework: Framework,
) {
  const year = new Date().getFullYear();
  const [cycle] = await db
    .insert(cycles)
    .values({
      year,
      name: `Evaluasi Pemdi ${year} (demo)`,
      frameworkId: PEMDI_FRAMEWORK,
      kind: "evaluation",
      schedule: {
        self_assessment: window(30),
        document_review: window(90),
        interview: window(120),
        visit: window(120),
        consolidation: window(120),
        validation: window(120),
      },
    })
    .returning();
  const [kominfo, bappeda, organisasi, inspektorat] = units;
  if (!cycle || !kominfo || !bappeda || !organisasi || !inspektorat) return;
  const [assessment] = await db
    .insert(assessments)
    .values({ cycleId: cycle.id, organizationId: cityId, state: "document_review", submittedAt: new Date() })
    .returning({ id: assessments.id });
  if (!assessment) return;
  const id = assessment.id;
  const assessor = await findUserByEmail(db, "asesor@demo.matang.id");
  if (assessor)
    await db
      .insert(cycleAssessors)
      .values({ cycleId: cycle.id, userId: assessor.id, organizationId: cityId });
  const due = daysFromNow(14);
  const unitOf = (code: string) =>
    ["I1", "I2", "I3"].includes(code)
      ? bappeda
      : code === "I4"
        ? organisasi
        : code === "I9"
          ? inspektorat
          : kominfo;
  await db.insert(indicatorAssignments).values(
    framework.indicators.map((i) => ({
      assessmentId: id,
      indicatorCode: i.code,
      unitId: unitOf(i.code).id,
      dueDate: due,
    })),
  );
  // Each of I1, I4 and I9's items has its responsible unit.
  await db.insert(itemAssignments).values(
    framework.indicators
      .filter((i) => ["I1", "I4", "I9"].includes(i.code))
      .flatMap((i) =>
        i.items.map((item) => ({
          assessmentId: id,
          indicatorCode: i.code,
          itemCode: item.code,
          unitId: unitOf(i.code).id,
          dueDate: due,
        })),
      ),
  );
  // The instansi's own values, in decimals, for every indicator not fed by another agency's index.
  const self = [
    2.4, 1.85, 2.1, 2.6, 0, 0, 0, 1.75, 2.25, 0, 1.6, 0, 2.8, 2.35, 1.9, 2.05, 2.7, 0, 2.15, 1.95,
  ];
  await db.insert(stageScores).values(
    framework.indicators
      .filter((i) => !i.external)
      .map((i) => ({
        assessmentId: id,
        indicatorCode: i.code,
        stage: "self",
        level: self[i.position] || 2,
        note: "Penjelasan penilaian mandiri (demo).",
        verdict: "done",
      })),
  );
  await db.insert(externalValues).values([
    {
      assessmentId: id,
      indexCode: "IKASANDI-KS",
      value: 2.62,
      measuredOn: daysFromNow(-90),
      note: "Laporan IKASANDI BSSN",
    },
    {
      assessmentId: id,
      indexCode: "SDI",
      value: 41.3,
      measuredOn: daysFromNow(-120),
      note: "Hasil evaluasi SDI Bappenas",
    },
  ]);
  await syncExternalLevels(db, framework, id);
  // A few items uploaded (as web addresses: the demo keeps no files) with their upload notes.
  const pieces: {
    item: string;
    title: string;
    review: "accepted" | "revision" | "pending";
    reason?: string;
    note?: string;
  }[] = [
    { item: "I4-L1-01", title: "SK Wali Kota tentang Tim Koordinasi Pemerintah Digital", review: "accepted" },
    {
      item: "I4-L1-02",
      title: "Rencana aksi kolaborasi antar-OPD",
      review: "revision",
      reason: "wrong_document",
      note: "Yang diunggah notulen rapat, bukan rencana kolaborasi antar-OPD.",
    },
    { item: "I4-L1-03", title: "Notulen rapat kolaborasi Diskominfo–Disdukcapil", review: "accepted" },
    { item: "I4-L2-02", title: "PKS pertukaran data dengan Kabupaten Bandung Barat", review: "pending" },
    { item: "I9-L1-01", title: "SK Tim Audit TIK", review: "accepted" },
    { item: "I9-L1-02", title: "Rencana audit keamanan 2026", review: "accepted" },
    { item: "I1-L1-01", title: "Rancangan Renstra Diskominfo memuat RAN Pemdi", review: "pending" },
  ];
  for (const p of pieces) {
    const item = framework.itemByCode.get(p.item);
    if (!item) continue;
    const [e] = await db
      .insert(evidence)
      .values({
        organizationId: cityId,
        unitId: unitOf(item.indicatorCode).id,
        kind: "link",
        title: p.title,
        url: `https://cimahikota.go.id/dokumen/${p.item.toLowerCase()}`,
      })
      .returning({ id: evidence.id });
    if (!e) continue;
    await db.insert(evidenceLinks).values({
      assessmentId: id,
      indicatorCode: item.indicatorCode,
      level: item.level,
      itemCode: item.code,
      uploadNote: `Lihat halaman 2–4 (${p.item}).`,
      evidenceId: e.id,
      review: p.review,
      reason: p.reason ?? null,
      note: p.note ?? null,
      reviewedBy: p.review === "pending" ? null : (assessor?.id ?? null),
    });
  }
  // The portal's interim results of five days ago, as the coordinator would have pasted them.
  const importId = await officialRepo.insertImport(db, {
    assessmentId: id,
    stage: "interim",
    asOf: daysFromNow(-5),
    source: "demo",
    verdicts: 6,
    values: 4,
    returned: 3,
  });
  const verdicts: [string, string, string][] = [
    ["I4-L1-01", "accepted", ""],
    ["I4-L1-02", "wrong_object", "Yang diunggah notulen rapat, bukan rencana kolaborasi antar-OPD."],
    ["I4-L2-02", "auto_rejected", ""],
    ["I9-L1-01", "accepted", ""],
    ["I9-L1-02", "accepted", ""],
    ["I1-L1-01", "not_uploaded", "Berkas tidak dapat dibuka di portal."],
  ];
  await officialRepo.saveVerdicts(
    db,
    verdicts.flatMap(([code, status, note]) => {
      const item = framework.itemByCode.get(code);
      return item
        ? [{ assessmentId: id, itemCode: code, indicatorCode: item.indicatorCode, status, note, importId }]
        : [];
    }),
  );
  await officialRepo.saveValues(
    db,
    (
      [
        ["I1", 1.85],
        ["I4", 1.6],
        ["I9", 2.1],
        ["", 1.74],
      ] as const
    ).map(([indicatorCode, value]) => ({
      assessmentId: id,
      indicatorCode,
      stage: "interim" as const,
      value,
      importId,
    })),
  );
  // The clarification under way: the session in three days, I4's answer being drafted.
  await clarificationRepo.saveSession(db, id, 0, {
    date: daysFromNow(3),
    place: "Ruang Rapat Setda Kota Cimahi / Zoom",
  });
  await clarificationRepo.saveClarification(db, { assessmentId: id, indicatorCode: "I4" }, 0, {
    responderUnitId: organisasi.id,
    responderName: "Kepala Bagian Organisasi",
    attendees: "Sekretaris Daerah, Kepala Bagian Organisasi",
    slot: "09:00",
    rebuttal:
      "Rencana kolaborasi antar-OPD ada pada lampiran Renja Bagian Organisasi 2026; yang terunggah di portal baru notulennya.",
    evidenceIds: [],
    status: "to_prepare",
    outcome: "",
    itemOutcomes: {},
    updatedBy: null,
  });
  const system = auditedBy(SYSTEM);
  await appendAuditMany(db, [
    ...cycleHistory(cycle, 1),
    {
      ...system,
      action: "assessment.submit",
      entityType: "assessment",
      entityId: id,
      organizationId: cityId,
      after: { demo: true, state: "document_review" },
    },
    {
      ...system,
      action: "official.import",
      entityType: "assessment",
      entityId: id,
      organizationId: cityId,
      after: { demo: true, importId, stage: "interim", verdicts: 6, values: 4, returned: 3 },
    },
  ]);
}

// The indicator page shows actions from the server's `can` and nothing else. For each demo role,
// the API answers that carry abilities (the session, the assessment, its indicators) are recorded
// from the real server, then the page is rendered in Chromium from those recordings, and the
// actions on screen are compared with what the role may do. Finally the recordings are altered
// (an operator's answers given a score ability, a coordinator's taken away): the page follows
// the answers, not the user's roles.
import { existsSync } from "node:fs";
import { DEMO_PASSWORD } from "@matang/server";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, demoServer, launchChromium } from "./chromium.js";

const required = process.env.MATANG_REQUIRE_BROWSER === "1";
const available = existsSync(CHROMIUM);
if (required && !available)
  throw new Error(`browser tests are required but ${CHROMIUM} is missing (apt-get install chromium)`);

const ADMIN = { email: "admin@abilities.id", password: "sandi-admin-abilities" };
const CODE = "1"; // assigned to the demo city's Kominfo, the demo operator's unit

/** What identifies each action on the indicator page (Bahasa Indonesia). */
const ACTIONS = {
  answer: { role: "button", name: "Tandai siap" },
  consolidate: { role: "button", name: "Simpan jawaban instansi" },
  assign: { role: "heading", name: "Penugasan" },
  score: { role: "button", name: "Simpan nilai" },
  validate: { role: "button", name: "Simpan validasi" },
  addEvidence: { role: "button", name: "Tambah tautan" },
  reviewEvidence: { role: "button", name: "Terima" },
} as const;
type Action = keyof typeof ACTIONS;

/** In the self-assessment, on an indicator assigned to the operator's unit. */
const EXPECTED: Record<string, readonly Action[]> = {
  "operator@demo.matang.id": ["answer", "addEvidence"],
  "koordinator@demo.matang.id": ["consolidate", "assign", "addEvidence", "reviewEvidence"],
  "asesor@demo.matang.id": ["reviewEvidence"],
  "reviu@demo.matang.id": [],
  "pimpinan@demo.matang.id": [],
  [ADMIN.email]: ["assign"],
};

interface Recording {
  session: { session: unknown };
  assessment: Record<string, unknown> & { can: Record<string, boolean>; state: string };
  indicators: { items: (Record<string, unknown> & { code: string; can: Record<string, boolean> })[] };
}

describe.skipIf(!available)("the indicator page follows the server's abilities", () => {
  let close: () => Promise<void>;
  let base: string;
  let browser: Browser;
  let assessmentId: string;
  const recordings = new Map<string, Recording>();

  async function login(email: string) {
    const password = email === ADMIN.email ? ADMIN.password : DEMO_PASSWORD;
    const response = await fetch(`${base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
    expect(response.status, email).toBe(200);
    const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const { csrfToken } = (await response.json()) as { csrfToken: string };
    const get = async (path: string) => {
      const r = await fetch(`${base}${path}`, { headers: { cookie } });
      expect(r.status, `${email} GET ${path}`).toBe(200);
      return r.json();
    };
    return { cookie, csrfToken, get };
  }

  beforeAll(async () => {
    ({ base, close } = await demoServer(ADMIN));
    browser = await launchChromium();
    const coordinator = await login("koordinator@demo.matang.id");
    const list = (await coordinator.get("/api/assessments")) as { items: { id: string }[] };
    assessmentId = list.items[0]?.id ?? "";
    // A piece of evidence from the unit, so reviewing has something to show.
    const operator = await login("operator@demo.matang.id");
    const linked = await fetch(`${base}/api/assessments/${assessmentId}/evidence-links`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        cookie: operator.cookie,
        "x-csrf-token": operator.csrfToken,
      },
      body: JSON.stringify({ indicator: CODE, level: 1, url: "https://jdih.bandung.go.id/perwal-spbe" }),
    });
    expect(linked.status).toBe(201);
    for (const email of Object.keys(EXPECTED)) {
      const user = await login(email);
      recordings.set(email, {
        session: (await user.get("/api/auth/session")) as Recording["session"],
        assessment: (await user.get(`/api/assessments/${assessmentId}`)) as Recording["assessment"],
        indicators: (await user.get(
          `/api/assessments/${assessmentId}/indicators`,
        )) as Recording["indicators"],
      });
    }
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await close?.();
  });

  /** The indicator page for `email` (logged in for the rest), rendered from `recording`. */
  async function shownActions(email: string, recording: Recording): Promise<Action[]> {
    const context: BrowserContext = await browser.newContext();
    const user = await login(email);
    const [name, value] = user.cookie.split("=");
    await context.addCookies([{ name: name ?? "", value: value ?? "", url: base }]);
    const replay = (url: string, body: unknown) =>
      context.route(url, (route) =>
        route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(body) }),
      );
    await replay(`${base}/api/auth/session`, recording.session);
    await replay(`${base}/api/assessments/${assessmentId}`, recording.assessment);
    await replay(`${base}/api/assessments/${assessmentId}/indicators`, recording.indicators);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${base}/penilaian/${assessmentId}/indikator/${CODE}`);
    await page.getByRole("heading", { name: "Nilai per tahap" }).waitFor();
    await page.getByRole("heading", { name: "Bukti dukung" }).first().waitFor();
    const shown: Action[] = [];
    for (const [action, { role, name }] of Object.entries(ACTIONS) as [Action, (typeof ACTIONS)[Action]][]) {
      if ((await page.getByRole(role, { name, exact: true }).count()) > 0) shown.push(action);
    }
    expect(errors).toEqual([]);
    await context.close();
    return shown;
  }

  it("shows each role the actions its recorded answers allow", async () => {
    for (const [email, expected] of Object.entries(EXPECTED)) {
      const recording = recordings.get(email) as Recording;
      const row = recording.indicators.items.find((i) => i.code === CODE);
      expect(row, email).toBeDefined();
      expect(await shownActions(email, recording), email).toEqual(expected);
    }
  }, 120_000);

  it("follows the answers, not the user's roles", async () => {
    // An operator's answers in the document review, with a score ability: the score editor shows.
    const operator = structuredClone(recordings.get("operator@demo.matang.id") as Recording);
    operator.assessment.state = "document_review";
    for (const row of operator.indicators.items)
      row.can = { ...row.can, answer: false, addEvidence: false, score: true };
    expect(await shownActions("operator@demo.matang.id", operator)).toEqual(["score"]);

    // A coordinator's answers with every ability taken away: nothing to do.
    const coordinator = structuredClone(recordings.get("koordinator@demo.matang.id") as Recording);
    for (const row of coordinator.indicators.items) {
      row.can = Object.fromEntries(Object.keys(row.can).map((k) => [k, false]));
      for (const link of row.evidence as { can: Record<string, boolean> }[])
        link.can = { review: false, accept: false };
    }
    expect(await shownActions("koordinator@demo.matang.id", coordinator)).toEqual([]);
  }, 120_000);
});

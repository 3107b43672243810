// Debian's Chromium and a demo Matang to point it at: shared by the browser tests and the web
// benchmark (bench/web.ts).
import { builtinFrameworks } from "@matang/core/node";
import { buildApp, DEFAULT_AUTH } from "@matang/server";
import { type Browser, chromium, type Page } from "playwright-core";
import { demoDatabase } from "../../server/test/harness.js";
import enText from "../src/i18n/en.json";
import idText from "../src/i18n/id.json";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Headless, and quiet: without these flags Chromium keeps reaching for Google's servers. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
}

/** The real server on a fresh embedded database with the demo content, listening on a free port. */
export async function demoServer(admin: { email: string; password: string }) {
  // From the run's archive of the demo when there is one (server/test/archives.ts).
  const database = await demoDatabase("pglite", admin);
  const frameworks = builtinFrameworks();
  // The browser tests log in from one address some 30 times, in under a minute on a fast run:
  // the per-address login limit (its own test is in server/test/api.test.ts) must not answer 429.
  const app = await buildApp({
    db: database.db,
    frameworks,
    // As `matang serve` does: evidence text is read in the background (the search test needs it).
    readTexts: true,
    auth: { ...DEFAULT_AUTH, loginsPerMinute: 1000 },
  });
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  return {
    app,
    base,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** Every translation key of the app, e.g. "review.back" (plural forms without their suffix). */
const KEYS: ReadonlySet<string> = (() => {
  const out = new Set<string>();
  const walk = (o: object, prefix: string) => {
    for (const [k, v] of Object.entries(o)) {
      const key = `${prefix}${k}`;
      if (typeof v === "object" && v !== null) walk(v, `${key}.`);
      else out.add(key.replace(/_(one|other)$/, ""));
    }
  };
  walk(idText, "");
  return out;
})();

/** Every string of a translation file by key ("review.back" → text). */
function flatten(o: object, prefix = "", out = new Map<string, string>()): Map<string, string> {
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === "object" && v !== null) flatten(v, `${prefix}${k}.`, out);
    else out.set(`${prefix}${k}`, String(v));
  }
  return out;
}

/**
 * Phrases of the English interface that its Indonesian does not share: the literal pieces (two
 * words or more) of every English string whose Indonesian differs, e.g. "Evidence to review".
 */
const ENGLISH_PHRASES: readonly string[] = (() => {
  const id = flatten(idText);
  const phrases = new Set<string>();
  for (const [key, en] of flatten(enText)) {
    const indonesian = id.get(key) ?? "";
    if (indonesian === en) continue;
    for (const piece of en.split(/\{\{[^}]*\}\}|<[^>]*>|[.:;!?()"“”]/)) {
      const phrase = piece.trim().replace(/[,\s]+$/, "");
      if (phrase.split(/\s+/).length >= 2 && phrase.length >= 10 && !indonesian.includes(phrase))
        phrases.add(phrase);
    }
  }
  return [...phrases];
})();

/** Words of the app's English that must not show in Indonesian mode. */
const ENGLISH =
  /\b(Save|Cancel|Submit|Loading|Delete|Upload|Download|Back|Settings|Search|Confirm|Sign in|Log out|Not found)\b/;

/**
 * What the page shows that is not Indonesian: a translation key shown as is ("review.back"), a
 * word of the English interface, or a phrase of its English strings. Empty when the page reads in Bahasa Indonesia throughout.
 */
export async function untranslated(page: Page): Promise<string[]> {
  // What is shown, with its line breaks: textContent would run "Simpan" and "Batal" together.
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point.
  const text = await page.evaluate(() => document.body.innerText);
  const keys = [...text.matchAll(/\b[a-zA-Z]+(?:\.[a-zA-Z_]+)+\b/g)]
    .map((m) => m[0])
    .filter((k) => KEYS.has(k));
  const english = text.match(ENGLISH);
  const phrases = ENGLISH_PHRASES.filter((phrase) => text.includes(phrase));
  return [...keys, ...(english ? [english[0]] : []), ...phrases];
}

/** Texts the page cuts short (an ellipsis or hidden overflow) with no title to read them whole. */
export function cutText(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter((e) => {
        const style = getComputedStyle(e);
        const hides = style.textOverflow === "ellipsis" || style.overflow === "hidden";
        return (
          hides &&
          e.children.length === 0 &&
          (e.textContent ?? "").trim() !== "" &&
          e.scrollWidth > e.clientWidth + 1 &&
          !e.closest("[title]")
        );
      })
      .map((e) => (e.textContent ?? "").trim().slice(0, 60)),
  );
}

/** The API as a signed-in user, for the steps a browser test does not look at. */
export function apiClient(base: string) {
  return async (email: string, password: string) => {
    const login = await fetch(`${base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
    // Tests read API answers loosely.
    return async (method: string, path: string, body?: unknown): Promise<any> => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { cookie, "x-csrf-token": csrf, ...(body ? { "content-type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const json = await res.json();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
  };
}

type Api = Awaited<ReturnType<ReturnType<typeof apiClient>>>;

/**
 * A cycle of its own for the demo's Kota Cimahi, every stage open this year and next, with the
 * demo's assessor assigned: a browser test's assessment, untouched by the others.
 */
export async function cimahiCycle(admin: Api, frameworkId: string, name: string) {
  const year = new Date().getFullYear();
  const open = { start: `${year}-01-01`, end: `${year + 1}-12-31` };
  const cycle = await admin("POST", "/api/cycles", {
    year,
    name,
    frameworkId,
    kind: "evaluation",
    schedule: Object.fromEntries(
      ["self_assessment", "document_review", "interview", "visit", "consolidation", "validation"].map((s) => [
        s,
        open,
      ]),
    ),
  });
  const orgs = await admin("GET", "/api/organizations?q=Kota%20Cimahi&pageSize=5");
  const cimahi = orgs.items.find((o: { name: string }) => o.name === "Pemerintah Kota Cimahi");
  await admin("POST", `/api/cycles/${cycle.id}/participants`, { organizationIds: [cimahi.id] });
  const users = await admin("GET", "/api/users?q=asesor%40demo&pageSize=5");
  await admin("POST", `/api/cycles/${cycle.id}/assessors`, {
    userId: users.items[0].id,
    organizationId: cimahi.id,
  });
  const id = (await admin("GET", `/api/assessments?cycle=${cycle.id}`)).items[0].id as string;
  return { id, cimahiId: cimahi.id as string, cycleId: cycle.id as string };
}

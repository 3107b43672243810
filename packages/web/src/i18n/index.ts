import { STATE_LABELS, STATES } from "@matang/core/states";
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { ApiError } from "../app/api";
// Bahasa Indonesia comes with the app; English is fetched when someone chooses it.
import id from "./id.json";

export const LANGUAGES = ["id", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = "matang.language";

function initialLanguage(): Language {
  const stored = typeof localStorage === "undefined" ? null : localStorage.getItem(STORAGE_KEY);
  return stored === "en" ? "en" : "id"; // Bahasa Indonesia unless the user chose English
}

/** The names of the evaluation's states come with its rules, from core. */
const states = (lang: Language) => Object.fromEntries(STATES.map((s) => [s, STATE_LABELS[s][lang]]));

/** English's texts, fetched once. */
async function loadEnglish(): Promise<void> {
  if (i18n.hasResourceBundle("en", "translation")) return;
  const en = (await import("./en.json")).default;
  i18n.addResourceBundle("en", "translation", { ...en, states: states("en") });
}

/** Switch the app's language, fetching its texts first when needed. */
export async function switchLanguage(lng: Language): Promise<void> {
  if (lng === "en") await loadEnglish();
  await i18n.changeLanguage(lng);
}

const initial = initialLanguage();
void i18n.use(initReactI18next).init({
  resources: { id: { translation: { ...id, states: states("id") } } },
  lng: "id",
  fallbackLng: "id",
  interpolation: { escapeValue: false }, // React escapes already
});
// Someone who chose English sees it from the first paint.
if (initial === "en") await switchLanguage("en");
i18n.on("languageChanged", (lng) => {
  localStorage.setItem(STORAGE_KEY, lng);
  document.documentElement.lang = lng;
});
document.documentElement.lang = i18n.language;

/** An API error in the user's language: known codes are translated, others show the server's text. */
export function errorMessage(error: unknown): string {
  // Some codes carry the specific problem (e.g. why a password is refused): say that one.
  const problem = error instanceof ApiError ? (error.details as { problem?: unknown } | null)?.problem : null;
  if (
    error instanceof ApiError &&
    typeof problem === "string" &&
    i18n.exists(`errors.${error.code}_${problem}`)
  )
    return i18n.t(`errors.${error.code}_${problem}`);
  if (error instanceof ApiError && i18n.exists(`errors.${error.code}`)) return i18n.t(`errors.${error.code}`);
  const message = error instanceof Error ? error.message : String(error);
  return i18n.t("errors.generic", { message });
}

export default i18n;

// The login page's behaviour, without the app: checks, the login request, errors in the reader's
// language, the language switch (remembered for the app), and on success the way in (`next`).
import "./login.css";
import texts from "virtual:login-texts";

type Language = "id" | "en";
type Texts = Record<string, string>;
const STORAGE_KEY = "matang.language"; // the app's own key (i18n/index.ts)
const TEXTS: Record<Language, { login: Texts; common: Texts; errors: Texts }> = texts;

let language: Language = localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "id";
const text = (key: string, values: Record<string, string> = {}) => {
  const [group, name] = key.split(".") as [keyof (typeof TEXTS)["id"], string];
  const found = TEXTS[language][group][name] ?? TEXTS.id[group][name] ?? key;
  return found.replace(/\{\{(\w+)\}\}/g, (_, v: string) => values[v] ?? "");
};

const form = document.getElementById("login") as HTMLFormElement;
const email = document.getElementById("email") as HTMLInputElement;
const password = document.getElementById("password") as HTMLInputElement;
const submit = form.querySelector<HTMLButtonElement>(".submit") as HTMLButtonElement;
const alert = form.querySelector<HTMLDivElement>(".alert") as HTMLDivElement;

/** Only paths inside the app are followed after login (no open redirect). */
function next(): string {
  const wanted = new URLSearchParams(location.search).get("next");
  return wanted?.startsWith("/") && !wanted.startsWith("//") ? wanted : "/";
}

function translate() {
  document.documentElement.lang = language;
  document.title = `${text("login.submit")} — Matang`;
  for (const el of document.querySelectorAll<HTMLElement>("[data-t]"))
    el.textContent = text(el.dataset.t as string);
  for (const el of document.querySelectorAll<HTMLElement>("[data-t-label]"))
    el.setAttribute("aria-label", text(el.dataset.tLabel as string));
  for (const el of document.querySelectorAll<HTMLInputElement>("input[name=lang]"))
    el.checked = el.value === language;
}

function fieldError(input: HTMLInputElement, message: string | null) {
  const hint = document.getElementById(`${input.id}-error`) as HTMLElement;
  hint.hidden = message === null;
  hint.textContent = message ?? "";
  input.toggleAttribute("aria-invalid", message !== null);
}

function showError(code: string, message: string) {
  const known = TEXTS[language].errors[code];
  alert.textContent = known ?? text("errors.generic", { message });
  alert.hidden = false;
}

for (const choice of document.querySelectorAll<HTMLInputElement>("input[name=lang]"))
  choice.addEventListener("change", () => {
    language = choice.value === "en" ? "en" : "id";
    localStorage.setItem(STORAGE_KEY, language);
    translate();
  });

form.querySelector(".toggle")?.addEventListener("click", () => {
  password.type = password.type === "password" ? "text" : "password";
});

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  alert.hidden = true;
  const missingEmail = email.value.trim() === "";
  const missingPassword = password.value === "";
  fieldError(email, missingEmail ? text("login.emailRequired") : null);
  fieldError(password, missingPassword ? text("login.passwordRequired") : null);
  if (missingEmail || missingPassword) return;
  submit.disabled = true;
  submit.setAttribute("aria-busy", "true");
  try {
    const response = await fetch("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ email: email.value.trim(), password: password.value }),
      credentials: "same-origin",
    });
    if (response.ok) {
      location.replace(next());
      return;
    }
    const body = (await response.json().catch(() => null)) as {
      error?: { code?: string; message?: string };
    } | null;
    showError(body?.error?.code ?? "http_error", body?.error?.message ?? response.statusText);
  } catch {
    showError("network_error", "");
  } finally {
    submit.disabled = false;
    submit.removeAttribute("aria-busy");
  }
});

translate();
form.dataset.ready = "true";
// Someone already logged in goes straight on.
fetch("/api/auth/session", { credentials: "same-origin" })
  .then((r) => (r.ok ? (r.json() as Promise<{ session: unknown }>) : null))
  .then((answer) => {
    if (answer?.session) location.replace(next());
  })
  .catch(() => undefined);

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

/** The errors a login can meet; the page says any other by the server's own message. */
const LOGIN_ERRORS = [
  "invalid_credentials",
  "account_locked",
  "rate_limited",
  "network_error",
  "database_unavailable",
  "internal_error",
  "validation_error",
  "generic",
];

/**
 * `virtual:login-texts`: the login page's words in both languages, taken from the app's own
 * translation files at build time, so the page carries a kilobyte of them instead of both files.
 */
function loginTexts(): Plugin {
  const id = "\0login-texts";
  const pick = (lang: "id" | "en") => {
    const all = JSON.parse(readFileSync(new URL(`src/i18n/${lang}.json`, import.meta.url), "utf8"));
    return {
      login: all.login,
      common: { tagline: all.common.tagline, language: all.common.language },
      errors: Object.fromEntries(LOGIN_ERRORS.map((code) => [code, all.errors[code]])),
    };
  };
  return {
    name: "matang-login-texts",
    resolveId: (source) => (source === "virtual:login-texts" ? id : null),
    load(module) {
      if (module !== id) return null;
      for (const lang of ["id", "en"])
        this.addWatchFile(fileURLToPath(new URL(`src/i18n/${lang}.json`, import.meta.url)));
      return `export default ${JSON.stringify({ id: pick("id"), en: pick("en") })};`;
    },
  };
}

export default defineConfig({
  plugins: [react(), loginTexts()],
  // During `vite dev`, the API runs separately (npm start) and is proxied.
  server: { proxy: { "/api": "http://localhost:3000" } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    rollupOptions: {
      output: {
        // A few larger files rather than dozens of small ones: over a regional link each request
        // waits a round trip (170–300 ms) and a browser opens six connections to one server, so
        // 64 files cost the dashboard seconds. Libraries are grouped by when they are needed;
        // the app's own pages stay apart, loaded when visited.
        codeSplitting: {
          groups: [
            { name: "react", test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 30 },
            // What every page of the app is made of; charts, forms and uploads stay with the
            // pages that use them.
            {
              name: "ui",
              test: /node_modules[\\/](@mantine[\\/](core|hooks|notifications)|@floating-ui|react-remove-scroll[^\\/]*|react-style-singleton|use-callback-ref|use-sidecar|get-nonce|detect-node-es|react-number-format|react-textarea-autosize|clsx|tslib|react-transition-group|dom-helpers|@babel[\\/]runtime|react-router|@tanstack|i18next|react-i18next|html-parse-stringify|void-elements|cookie|set-cookie-parser)[\\/]/,
              priority: 20,
            },
          ],
        },
      },
      // The app, and the login page on its own (login/index.html: a form and a few kB of script).
      input: {
        app: fileURLToPath(new URL("index.html", import.meta.url)),
        login: fileURLToPath(new URL("login/index.html", import.meta.url)),
      },
    },
  },
});

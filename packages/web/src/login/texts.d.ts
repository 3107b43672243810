// Made by vite.config.ts from src/i18n/*.json: the login page's words in both languages.
declare module "virtual:login-texts" {
  type Texts = Record<string, string>;
  const texts: Record<"id" | "en", { login: Texts; common: Texts; errors: Texts }>;
  export default texts;
}

// One rule for text at the edge: what a person can type is accepted as typed; a NUL byte, another
// C0 control character (tab, line feed and carriage return excepted) or a lone UTF-16 surrogate
// is refused with 400 invalid_text naming the field. Nothing is silently cleaned: the database
// would either fail on such text (NUL) or store something else (U+FFFD for a lone surrogate).
import type { FastifySchemaCompiler } from "fastify";
import { ApiError } from "./errors.js";

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Does this string hold text a person could have typed? */
export const isCleanText = (value: string) => !CONTROL.test(value) && !LONE_SURROGATE.test(value);

/** The path ("explanation", "units.0.unitId", a key) of the first unclean string in `value`, if any. */
export function uncleanField(value: unknown, path = ""): string | null {
  if (typeof value === "string") return isCleanText(value) ? null : path || "/";
  if (value === null || typeof value !== "object") return null;
  for (const [key, child] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (!isCleanText(key)) return at;
    const found = uncleanField(child, at);
    if (found !== null) return found;
  }
  return null;
}

export const invalidText = (where: string, field: string) =>
  new ApiError(
    400,
    "invalid_text",
    `The ${where} field "${field}" contains a control character or broken Unicode; remove it and send again`,
    { field, where },
  );

/** Throw invalid_text if any string in `value` is unclean. */
export function requireCleanText(value: unknown, where: string): void {
  const field = uncleanField(value);
  if (field !== null) throw invalidText(where, field);
}

/**
 * Wrap the schema validator so every body, query string and path parameter passes the text rule
 * before its own schema: one place for every route, whatever its schema says.
 */
export function withTextRule(compile: FastifySchemaCompiler<unknown>): FastifySchemaCompiler<unknown> {
  return (route) => {
    const validate = compile(route);
    return (data: unknown) => {
      const field = uncleanField(data);
      if (field !== null) return { error: invalidText(route.httpPart ?? "request", field) };
      return validate(data);
    };
  };
}

import { InputFileError } from "@matang/core";
import type { FastifyError, FastifyInstance, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { AuthError, PasswordPolicyError } from "../auth/service.js";
import { AccessDenied } from "../policy/policy.js";

/** An error a client can act on: HTTP status, machine code, human message, details. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const notFound = (what: string) => new ApiError(404, "not_found", `${what} not found`);
export const conflict = (message: string, details: unknown = null) =>
  new ApiError(409, "version_conflict", message, details);

/** Connection failures: the database is away, not the request's fault. */
function isDatabaseDown(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const code = (error as { code?: string })?.code ?? cause?.code;
  if (
    ["ECONNREFUSED", "ECONNRESET", "57P01", "57P02", "57P03", "08006", "08001", "08003"].includes(code ?? "")
  )
    return true;
  // node-postgres reports a connection dropped under a query without a code.
  return /Connection terminated|Connection ended|connection timeout|timeout exceeded when trying to connect/i.test(
    cause?.message ?? (error as Error)?.message ?? "",
  );
}

/**
 * An error as it may be logged: never the values a failed query carried (explanations, token
 * hashes, e-mail addresses) nor the database's own message, which can quote them. The SQL text,
 * the SQLSTATE code and the names of the constraint, table and column are enough to debug.
 */
export function loggableError(error: unknown): Record<string, unknown> {
  const e = error as {
    name?: string;
    message?: string;
    code?: string;
    stack?: string;
    query?: string;
    cause?: unknown;
  };
  const cause = e?.cause as
    | { code?: string; constraint?: string; table?: string; column?: string; routine?: string; name?: string }
    | undefined;
  const isQuery = typeof e?.query === "string" || /^Failed query:/.test(e?.message ?? "");
  if (isQuery || typeof (e as { severity?: unknown })?.severity === "string") {
    const fromMessage = /^Failed query: /.test(e.message ?? "")
      ? (e.message ?? "").replace(/^Failed query: /, "").split("\nparams:")[0]
      : undefined;
    return {
      type: e.name ?? "DatabaseError",
      query: e.query ?? fromMessage,
      code: cause?.code ?? e.code,
      constraint: cause?.constraint,
      table: cause?.table,
      column: cause?.column,
      routine: cause?.routine,
      // Only the frames: the first lines of a query error's stack repeat its message and values.
      stack: e.stack
        ?.split("\n")
        .filter((line) => /^\s+at /.test(line))
        .join("\n"),
    };
  }
  return { type: e?.name, message: e?.message, code: e?.code, stack: e?.stack };
}

/** `spaIndex`: the web app's page, served for unknown non-API GETs so its own router can take over. */
export function installErrorHandling(
  app: FastifyInstance,
  spaIndex: string | null = null,
  onDenied?: (request: FastifyRequest, error: AccessDenied) => Promise<unknown>,
): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const send = (status: number, code: string, message: string, details: unknown = null) =>
      reply.status(status).send({ error: { code, message, details } });
    if (error instanceof ApiError) return send(error.statusCode, error.code, error.message, error.details);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((v) => ({
        path: v.instancePath || "/",
        message: v.message ?? "invalid",
        where: error.validationContext,
      }));
      return send(400, "validation_error", `Invalid ${error.validationContext ?? "request"}`, details);
    }
    if (error instanceof AccessDenied) {
      if (error.authenticated && onDenied) await onDenied(request, error).catch(() => undefined);
      return error.authenticated
        ? send(403, "forbidden", "You are not allowed to do this")
        : send(401, "unauthenticated", "Log in first");
    }
    if (error instanceof AuthError) {
      if (error.retryAfterSeconds) reply.header("retry-after", String(error.retryAfterSeconds));
      const status = { account_locked: 423, invalid_credentials: 401, session_required: 403 }[error.code];
      return send(status, error.code, error.message);
    }
    if (error instanceof PasswordPolicyError)
      return send(400, "weak_password", error.message, { problem: error.problem, hint: error.hint });
    if (error instanceof InputFileError)
      return send(422, "invalid_file", "The file has problems", error.problems);
    if ((error as Error).name === "StorageUnavailable") {
      request.log.warn(
        { err: loggableError((error as Error & { cause?: unknown }).cause) },
        "evidence storage unavailable",
      );
      return send(503, "storage_unavailable", "The evidence storage is not reachable; try again shortly");
    }
    if (isDatabaseDown(error)) {
      request.log.warn({ err: loggableError(error) }, "database unavailable");
      return send(503, "database_unavailable", "The database is not reachable; try again shortly");
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Fastify's own client errors: malformed JSON, body too large, wrong content type…
      const code =
        error.code === "FST_ERR_CTP_BODY_TOO_LARGE"
          ? "body_too_large"
          : (error.code ?? "bad_request").toLowerCase();
      if (status === 429) return send(429, "rate_limited", "Too many requests; slow down");
      return send(status, code, error.message);
    }
    request.log.error({ err: loggableError(error) }, "unexpected error");
    return send(500, "internal_error", "Something went wrong on our side");
  });
  app.setNotFoundHandler((request, reply) => {
    if (spaIndex && request.method === "GET" && !request.url.startsWith("/api")) {
      return reply.header("cache-control", "no-cache").sendFile(spaIndex);
    }
    return reply.status(404).send({
      error: { code: "not_found", message: `No route for ${request.method} ${request.url}`, details: null },
    });
  });
}

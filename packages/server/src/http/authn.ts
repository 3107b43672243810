import type { FastifyInstance, FastifyRequest } from "fastify";
import {
  type AuthCache,
  type Authenticated,
  authenticateSession,
  authenticateToken,
  tokenSecret,
} from "../auth/service.js";
import type { Db } from "../db/client.js";
import type { Principal } from "../policy/policy.js";
import { ApiError } from "./errors.js";

export const SESSION_COOKIE = "matang_session";
export const CSRF_HEADER = "x-csrf-token";

declare module "fastify" {
  interface FastifyRequest {
    auth: Authenticated | null;
    /** The caller, or null without a valid session or token. */
    principal: Principal | null;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Routes whose writes never change who a caller is or what they may do: only the auth, users and
 * organizations modules write what a principal is read from (sessions, API tokens, users, grants,
 * organizations; test/access-writes.test.ts checks), so answering these need not wait for the
 * announcements. They are the last day's saves and uploads: waiting cost each a round trip.
 */
const ACCESS_UNCHANGED = ["/api/assessments/", "/api/uploads"];
const changesAccess = (request: FastifyRequest) => {
  const route = request.routeOptions.url ?? request.url;
  return !ACCESS_UNCHANGED.some((prefix) => route.startsWith(prefix));
};

/**
 * Resolve the caller from a bearer token or the session cookie; check CSRF for cookie writes.
 * With a cache, a write that may change access is answered only once this instance has heard of
 * everything it changed.
 */
export function installAuthentication(app: FastifyInstance, db: Db, cache?: AuthCache): void {
  app.decorateRequest("auth", null);
  app.decorateRequest("principal", null);
  app.addHook("preHandler", async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    let auth: Authenticated | null = null;
    if (header?.startsWith("Bearer ")) {
      auth = await authenticateToken(db, tokenSecret(header.slice(7).trim()), new Date(), cache);
      if (!auth) throw new ApiError(401, "invalid_token", "The API token is not valid");
    } else {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) auth = await authenticateSession(db, cookie, new Date(), cache);
    }
    request.auth = auth;
    request.principal = auth?.principal ?? null;
    if (auth?.via === "session" && !SAFE_METHODS.has(request.method)) {
      if (request.headers[CSRF_HEADER] !== auth.csrfToken) {
        throw new ApiError(403, "csrf_failed", `Missing or wrong ${CSRF_HEADER} header`);
      }
    }
  });
  if (cache) {
    app.addHook("onSend", async (request) => {
      if (!SAFE_METHODS.has(request.method) && changesAccess(request)) await cache.sync();
    });
  }
}

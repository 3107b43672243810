import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../db/client.js";
import { SESSION_COOKIE } from "../http/authn.js";
import { ApiError } from "../http/errors.js";
import { type Principal, ROLES } from "../policy/policy.js";
import { findUserById } from "./repository.js";
import {
  type AuthCache,
  type AuthSettings,
  authenticateSession,
  changePassword,
  createApiToken,
  listOwnTokens,
  login,
  logout,
  revokeOwnToken,
  sessionAbilities,
  TOKEN_DEFAULT_DAYS,
  TOKEN_MAX_DAYS,
} from "./service.js";

/** A token as listed: never its secret. */
export const TokenView = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  expiresAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
  active: z.boolean(),
});

const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }),
});
const Me = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
  grants: z.array(z.object({ role: z.enum(ROLES), organizationId: z.string().nullable() })),
  csrfToken: z.string().nullable(),
  /** Which parts of the application the user may use: the web's menu follows this. */
  can: z.object({
    manageUsers: z.boolean(),
    manageCycles: z.boolean(),
    manageFrameworks: z.boolean(),
    importResults: z.boolean(),
    importRegistry: z.boolean(),
  }),
});

export function authRoutes(db: Db, settings: AuthSettings, cache?: AuthCache): FastifyPluginAsyncZod {
  return async (app) => {
    const me = async (principal: Principal, csrfToken: string | null): Promise<z.infer<typeof Me>> => {
      const user = await findUserById(db, principal.userId);
      if (!user) throw new ApiError(401, "unauthenticated", "Log in first");
      return {
        user: { id: user.id, email: user.email, name: user.name },
        grants: principal.grants.map((g) => ({ role: g.role, organizationId: g.organizationId })),
        csrfToken,
        can: sessionAbilities(principal),
      };
    };

    app.post(
      "/api/auth/login",
      {
        config: { rateLimit: { max: settings.loginsPerMinute, timeWindow: "1 minute" } },
        schema: {
          tags: ["auth"],
          summary: "Log in with e-mail and password; sets the session cookie",
          body: z.strictObject({
            email: z.string().trim().min(3).max(320),
            password: z.string().min(1).max(256),
          }),
          response: { 200: Me, 401: ErrorBody, 423: ErrorBody },
        },
      },
      async (request, reply) => {
        const result = await login(
          db,
          {
            email: request.body.email,
            password: request.body.password,
            address: request.ip,
            userAgent: request.headers["user-agent"] ?? null,
            previousSession: request.cookies[SESSION_COOKIE] ?? null,
            requestId: request.id,
          },
          settings,
        );
        reply.setCookie(SESSION_COOKIE, result.sessionToken, {
          path: "/",
          httpOnly: true,
          sameSite: "lax",
          secure: "auto",
          expires: result.expiresAt,
        });
        // Read as every later request reads it, and kept: the first page after logging in does
        // not ask again (on the last day, everyone's first page comes at once).
        const auth = await authenticateSession(db, result.sessionToken, new Date(), cache);
        if (!auth) throw new ApiError(401, "unauthenticated", "Log in first");
        return me(auth.principal, result.csrfToken);
      },
    );

    app.post(
      "/api/auth/logout",
      {
        schema: {
          tags: ["auth"],
          summary:
            "End this session, or with ?everywhere=true every session and API token of the user (the answer counts them)",
          querystring: z.strictObject({ everywhere: z.enum(["true", "false"]).optional() }),
          response: {
            200: z.object({
              ok: z.literal(true),
              sessionsEnded: z.number(),
              tokensRevoked: z.number(),
            }),
          },
        },
      },
      async (request, reply) => {
        if (!request.auth) throw new ApiError(401, "unauthenticated", "Log in first");
        const ended = await logout(db, request.auth, request.id, request.query.everywhere === "true");
        reply.clearCookie(SESSION_COOKIE, { path: "/" });
        return { ok: true as const, ...ended };
      },
    );

    app.get(
      "/api/auth/session",
      {
        schema: {
          tags: ["auth"],
          summary: "The current session, or null: like /api/auth/me without a 401 for visitors",
          response: { 200: z.object({ session: Me.nullable() }) },
        },
      },
      async (request) => {
        const auth = request.auth;
        if (!auth) return { session: null };
        return {
          session: await me(auth.principal, auth.csrfToken),
        };
      },
    );

    app.get(
      "/api/auth/me",
      { schema: { tags: ["auth"], summary: "Who is logged in", response: { 200: Me, 401: ErrorBody } } },
      async (request) => {
        const auth = request.auth;
        if (!auth) throw new ApiError(401, "unauthenticated", "Log in first");
        return me(auth.principal, auth.csrfToken);
      },
    );

    app.post(
      "/api/auth/tokens",
      {
        schema: {
          tags: ["auth"],
          summary: `Create an API token for integrations, from a logged-in session (shown once; stored hashed; expires after ${TOKEN_DEFAULT_DAYS} days unless asked otherwise, at most ${TOKEN_MAX_DAYS})`,
          body: z.strictObject({
            name: z.string().trim().min(1).max(100),
            expiresInDays: z.number().int().min(1).max(TOKEN_MAX_DAYS).optional(),
          }),
          response: {
            201: z.object({ id: z.string(), name: z.string(), expiresAt: z.date(), token: z.string() }),
            401: ErrorBody,
            403: ErrorBody,
          },
        },
      },
      async (request, reply) => {
        if (!request.auth) throw new ApiError(401, "unauthenticated", "Log in first");
        const created = await createApiToken(
          db,
          request.auth,
          request.body.name,
          request.body.expiresInDays,
          {
            requestId: request.id,
            address: request.ip,
          },
        );
        return reply.status(201).send(created);
      },
    );

    app.get(
      "/api/auth/tokens",
      {
        schema: {
          tags: ["auth"],
          summary: "Your API tokens (never their secrets), from a logged-in session",
          response: { 200: z.object({ items: z.array(TokenView) }), 401: ErrorBody, 403: ErrorBody },
        },
      },
      async (request) => {
        if (!request.auth) throw new ApiError(401, "unauthenticated", "Log in first");
        return { items: await listOwnTokens(db, request.auth) };
      },
    );

    app.delete(
      "/api/auth/tokens/:id",
      {
        schema: {
          tags: ["auth"],
          summary: "Revoke one of your API tokens, from a logged-in session",
          params: z.object({ id: z.uuid() }),
          response: {
            200: z.object({ ok: z.literal(true) }),
            401: ErrorBody,
            403: ErrorBody,
            404: ErrorBody,
          },
        },
      },
      async (request) => {
        if (!request.auth) throw new ApiError(401, "unauthenticated", "Log in first");
        const revoked = await revokeOwnToken(
          db,
          request.auth,
          { requestId: request.id, address: request.ip },
          request.params.id,
        );
        if (!revoked) throw new ApiError(404, "not_found", "No such live token");
        return { ok: true as const };
      },
    );

    app.post(
      "/api/auth/password",
      {
        config: { rateLimit: { max: settings.loginsPerMinute, timeWindow: "1 minute" } },
        schema: {
          tags: ["auth"],
          summary:
            "Change your own password, from a logged-in session; your other sessions and every API token end",
          body: z.strictObject({
            currentPassword: z.string().min(1).max(256),
            newPassword: z.string().min(1).max(256),
          }),
          response: { 200: z.object({ ok: z.literal(true), tokensRevoked: z.number() }) },
        },
      },
      async (request) => {
        if (!request.auth) throw new ApiError(401, "unauthenticated", "Log in first");
        const { tokensRevoked } = await changePassword(
          db,
          request.auth,
          request.body.currentPassword,
          request.body.newPassword,
          request.id,
        );
        return { ok: true as const, tokensRevoked };
      },
    );
  };
}

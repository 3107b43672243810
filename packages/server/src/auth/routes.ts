import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../db/client.js";
import { SESSION_COOKIE } from "../http/authn.js";
import { ApiError } from "../http/errors.js";
import { ROLES } from "../policy/policy.js";
import { findUserById, grantsOf } from "./repository.js";
import { type AuthSettings, changePassword, createApiToken, login, logout } from "./service.js";

const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }),
});
const Me = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
  grants: z.array(z.object({ role: z.enum(ROLES), organizationId: z.string().nullable() })),
  csrfToken: z.string().nullable(),
});

export function authRoutes(db: Db, settings: AuthSettings): FastifyPluginAsyncZod {
  return async (app) => {
    const me = async (userId: string, csrfToken: string | null, grants: z.infer<typeof Me>["grants"]) => {
      const user = await findUserById(db, userId);
      if (!user) throw new ApiError(401, "unauthenticated", "Log in first");
      return { user: { id: user.id, email: user.email, name: user.name }, grants, csrfToken };
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
        const grants = await grantsOf(db, result.userId);
        return me(
          result.userId,
          result.csrfToken,
          grants.map((g) => ({ role: g.role, organizationId: g.organizationId })),
        );
      },
    );

    app.post(
      "/api/auth/logout",
      {
        schema: {
          tags: ["auth"],
          summary: "End this session (or every session of the user with ?everywhere=true)",
          querystring: z.strictObject({ everywhere: z.enum(["true", "false"]).optional() }),
          response: { 200: z.object({ ok: z.literal(true) }) },
        },
      },
      async (request, reply) => {
        if (!request.auth) throw new ApiError(401, "unauthenticated", "Log in first");
        await logout(db, request.auth, request.id, request.query.everywhere === "true");
        reply.clearCookie(SESSION_COOKIE, { path: "/" });
        return { ok: true as const };
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
          session: await me(
            auth.principal.userId,
            auth.csrfToken,
            auth.principal.grants.map((g) => ({ role: g.role, organizationId: g.organizationId })),
          ),
        };
      },
    );

    app.get(
      "/api/auth/me",
      { schema: { tags: ["auth"], summary: "Who is logged in", response: { 200: Me, 401: ErrorBody } } },
      async (request) => {
        const auth = request.auth;
        if (!auth) throw new ApiError(401, "unauthenticated", "Log in first");
        return me(
          auth.principal.userId,
          auth.csrfToken,
          auth.principal.grants.map((g) => ({ role: g.role, organizationId: g.organizationId })),
        );
      },
    );

    app.post(
      "/api/auth/tokens",
      {
        schema: {
          tags: ["auth"],
          summary: "Create an API token for integrations (shown once; stored hashed)",
          body: z.strictObject({
            name: z.string().trim().min(1).max(100),
            expiresInDays: z.number().int().min(1).max(3650).optional(),
          }),
          response: { 201: z.object({ id: z.string(), token: z.string() }) },
        },
      },
      async (request, reply) => {
        const auth = request.auth;
        if (!auth) throw new ApiError(401, "unauthenticated", "Log in first");
        // A token cannot mint further tokens: only an interactive session can.
        if (auth.via !== "session")
          throw new ApiError(403, "forbidden", "Create tokens from a logged-in session");
        const days = request.body.expiresInDays;
        const expiresAt = days ? new Date(Date.now() + days * 86_400_000) : null;
        return reply.status(201).send(await createApiToken(db, auth.principal, request.body.name, expiresAt));
      },
    );

    app.post(
      "/api/auth/password",
      {
        config: { rateLimit: { max: settings.loginsPerMinute, timeWindow: "1 minute" } },
        schema: {
          tags: ["auth"],
          summary: "Change your own password; your other sessions end",
          body: z.strictObject({
            currentPassword: z.string().min(1).max(256),
            newPassword: z.string().min(1).max(256),
          }),
          response: { 200: z.object({ ok: z.literal(true) }) },
        },
      },
      async (request) => {
        if (!request.auth) throw new ApiError(401, "unauthenticated", "Log in first");
        await changePassword(
          db,
          request.auth,
          request.body.currentPassword,
          request.body.newPassword,
          request.id,
        );
        return { ok: true as const };
      },
    );
  };
}

import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { TokenView } from "../auth/routes.js";
import type { Db } from "../db/client.js";
import { contextOf } from "../http/context.js";
import { ROLES } from "../policy/policy.js";
import {
  acceptInvitation,
  addGrant,
  createAccount,
  handOver,
  invite,
  listTokensOfUser,
  listUsers,
  readInvitation,
  removeGrant,
  revokeTokenOfUser,
  unlockUser,
} from "./service.js";

const Grant = z.strictObject({
  role: z.enum(ROLES),
  organizationId: z.uuid().nullable(),
  /** The last day (WIB) the role holds, e.g. an acting post; absent or null: until withdrawn. */
  endsOn: z.iso.date().nullable().optional(),
});
const User = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    active: z.boolean(),
    version: z.number(),
    /** Failed logins lock this account right now (from some address, or everywhere). */
    locked: z.boolean(),
    grants: z.array(
      z.object({
        id: z.string(),
        role: z.enum(ROLES),
        organizationId: z.string().nullable(),
        organizationName: z.string().nullable(),
        /** For a unit, the government it belongs to. */
        organizationParentName: z.string().nullable(),
        endsOn: z.string().nullable(),
        /** Whether the caller may take this role away. */
        can: z.object({ revoke: z.boolean() }),
      }),
    ),
    /** What the caller may do with the account: manage it (tokens), unlock it, give it roles. */
    can: z.object({ manage: z.boolean(), unlock: z.boolean(), grant: z.boolean() }),
  })
  .meta({ id: "User" });

export function userRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/users",
      {
        schema: {
          tags: ["users"],
          summary: "Users holding roles in the organizations you manage",
          querystring: z.strictObject({
            q: z.string().max(200).optional(),
            page: z.coerce.number().int().min(1).max(100_000).default(1),
            pageSize: z.coerce.number().int().min(1).max(500).default(50),
          }),
          response: {
            200: z.object({
              items: z.array(User),
              total: z.number(),
              page: z.number(),
              pageSize: z.number(),
              can: z.object({
                create: z.boolean(),
                roles: z
                  .array(z.enum(ROLES))
                  .describe("The roles the caller may give (where is checked on save)"),
              }),
            }),
          },
        },
      },
      async (request) => listUsers(db, contextOf(request), request.query),
    );

    app.post(
      "/api/users",
      {
        schema: {
          tags: ["users"],
          summary: "Create an account with its roles; without a password one is generated and returned once",
          body: z.strictObject({
            email: z.email().max(320),
            name: z.string().trim().min(1).max(200),
            password: z.string().min(10).max(256).optional(),
            grants: z.array(Grant).min(1).max(50),
          }),
          response: { 201: z.object({ user: User, password: z.string().nullable() }) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createAccount(db, contextOf(request), request.body)),
    );

    app.post(
      "/api/users/:id/grants",
      {
        schema: {
          tags: ["users"],
          summary:
            "Grant a role on an organization (and its subtree), or nationally with organizationId null",
          params: z.object({ id: z.uuid() }),
          body: Grant,
          response: { 201: User },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await addGrant(db, contextOf(request), request.params.id, request.body)),
    );

    app.delete(
      "/api/users/:id/grants/:grantId",
      {
        schema: {
          tags: ["users"],
          summary: "Withdraw a role",
          params: z.object({ id: z.uuid(), grantId: z.uuid() }),
          response: { 200: z.object({ ok: z.literal(true) }) },
        },
      },
      async (request) => {
        await removeGrant(db, contextOf(request), request.params.id, request.params.grantId);
        return { ok: true as const };
      },
    );

    app.post(
      "/api/users/:id/handover",
      {
        schema: {
          tags: ["users"],
          summary:
            "Hand a leaving person's roles and assessor assignments to a successor in one step, optionally closing the leaver's account (audited)",
          params: z.object({ id: z.uuid() }),
          body: z.strictObject({ successorId: z.uuid(), deactivate: z.boolean().default(false) }),
          response: {
            200: z.object({
              grants: z.number(),
              assessorAssignments: z.number(),
              deactivated: z.boolean(),
              successor: User,
            }),
          },
        },
      },
      async (request) => handOver(db, contextOf(request), request.params.id, request.body),
    );

    app.post(
      "/api/users/invitations",
      {
        schema: {
          tags: ["users"],
          summary:
            "Invite a person without an e-mail server: the account with its roles, and a one-time link (7 days) to choose a password, shown once",
          body: z.strictObject({
            email: z.email().max(320),
            name: z.string().trim().min(1).max(200),
            grants: z.array(Grant).min(1).max(50),
          }),
          response: {
            201: z.object({ user: User, token: z.string(), path: z.string(), expiresAt: z.string() }),
          },
        },
      },
      async (request, reply) => reply.status(201).send(await invite(db, contextOf(request), request.body)),
    );

    app.get(
      "/api/invitations/:token",
      {
        schema: {
          tags: ["users"],
          summary: "An invitation link (no login): who it is for and until when; 410 once used or expired",
          params: z.object({ token: z.string().min(20).max(100) }),
          response: { 200: z.object({ email: z.string(), name: z.string(), expiresAt: z.string() }) },
        },
      },
      async (request) => readInvitation(db, request.params.token),
    );

    app.post(
      "/api/invitations/:token",
      {
        schema: {
          tags: ["users"],
          summary: "Choose a password through an invitation link (no login); the link then stops working",
          params: z.object({ token: z.string().min(20).max(100) }),
          body: z.strictObject({ password: z.string().min(1).max(256) }),
          response: { 200: z.object({ email: z.string() }) },
        },
      },
      async (request) => acceptInvitation(db, request.params.token, request.body.password),
    );

    app.post(
      "/api/users/:id/unlock",
      {
        schema: {
          tags: ["users"],
          summary: "Lift the locks failed logins put on an account, from every address (administrators)",
          params: z.object({ id: z.uuid() }),
          response: { 200: z.object({ user: User, cleared: z.number() }) },
        },
      },
      async (request) => unlockUser(db, contextOf(request), request.params.id),
    );

    app.get(
      "/api/users/:id/tokens",
      {
        schema: {
          tags: ["users"],
          summary: "A user's API tokens (never their secrets), for administrators",
          params: z.object({ id: z.uuid() }),
          response: { 200: z.object({ items: z.array(TokenView) }) },
        },
      },
      async (request) => ({ items: await listTokensOfUser(db, contextOf(request), request.params.id) }),
    );

    app.delete(
      "/api/users/:id/tokens/:tokenId",
      {
        schema: {
          tags: ["users"],
          summary: "Revoke a user's API token, for administrators",
          params: z.object({ id: z.uuid(), tokenId: z.uuid() }),
          response: { 200: z.object({ ok: z.literal(true) }) },
        },
      },
      async (request) => {
        await revokeTokenOfUser(db, contextOf(request), request.params.id, request.params.tokenId);
        return { ok: true as const };
      },
    );
  };
}

import type { FastifyRequest } from "fastify";
import { type Actor, auditedBy } from "../audit/repository.js";
import type { Principal } from "../policy/policy.js";

/** What a service needs to know about the request it serves: who, and for the audit log, where from. */
export interface RequestContext {
  readonly principal: Principal | null;
  readonly requestId: string | null;
  readonly address: string | null;
}

export const contextOf = (request: FastifyRequest): RequestContext => ({
  principal: request.principal,
  requestId: request.id,
  address: request.ip,
});

/** The request's caller as an audit Actor, for code that also runs outside requests. */
export const actorFrom = (ctx: RequestContext): Actor => ({
  id: ctx.principal?.userId ?? null,
  label: ctx.principal?.label ?? "anonymous",
  requestId: ctx.requestId,
  address: ctx.address,
});

/** The actor fields of an audit entry for this request. */
export const actorOf = (ctx: RequestContext) => auditedBy(actorFrom(ctx));

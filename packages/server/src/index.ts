// Matang's HTTP API. This is the foundation's slice (health and frameworks, read-only); the
// server-foundation issue adds the database, accounts, organizations and the rest.
import type { Framework } from "@matang/core";
import { builtinFrameworks } from "@matang/core/node";
import Fastify, { type FastifyInstance } from "fastify";

export interface ServerOptions {
  readonly frameworks?: ReadonlyMap<string, Framework>;
  readonly logger?: boolean;
}

function summary(f: Framework) {
  return {
    id: f.id,
    title: f.title,
    years: f.years,
    domains: f.domains.length,
    aspects: f.aspects.length,
    indicators: f.indicators.length,
  };
}

export async function buildServer(options: ServerOptions = {}): Promise<FastifyInstance> {
  const frameworks = options.frameworks ?? builtinFrameworks();
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 1024 * 1024 });

  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, request, reply) => {
    const status =
      error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error(error);
    return reply.status(status).send({
      error: {
        code: status === 500 ? "internal_error" : (error.code ?? "bad_request").toLowerCase(),
        message: status === 500 ? "Internal server error" : error.message,
        details: null,
      },
    });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      error: { code: "not_found", message: `No route for ${request.method} ${request.url}`, details: null },
    }),
  );

  app.get("/api/health", async () => ({ status: "ok" }));
  app.get("/api/frameworks", async () => ({ items: [...frameworks.values()].map(summary) }));
  app.get<{ Params: { id: string } }>("/api/frameworks/:id", async (request, reply) => {
    const framework = frameworks.get(request.params.id);
    if (!framework) {
      return reply.status(404).send({
        error: { code: "framework_not_found", message: `No framework "${request.params.id}"`, details: null },
      });
    }
    return framework.definition;
  });
  return app;
}

export interface StartOptions {
  readonly port: number;
  readonly host: string;
}

/** Start listening and shut down gracefully on SIGTERM/SIGINT (finish in-flight requests). */
export async function startServer({ port, host }: StartOptions): Promise<FastifyInstance> {
  const app = await buildServer({ logger: true });
  await app.listen({ port, host });
  const stop = async (signal: string) => {
    app.log.info({ signal }, "shutting down");
    await app.close();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
  return app;
}

export { type Config, configFromEnv, databaseConfig } from "./config.js";
export { type DatabaseHandle, type Db, openDatabase } from "./db/client.js";
export { type ImportSummary, importRegistry } from "./organizations/import.js";

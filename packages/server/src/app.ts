import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import compress from "@fastify/compress";
import cookie from "@fastify/cookie";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { Framework } from "@matang/core";
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifySchemaCompiler,
  LogController,
} from "fastify";
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from "fastify-type-provider-zod";
import { enableAssessmentCache } from "./assessments/cache.js";
import { assessmentRoutes } from "./assessments/routes.js";
import { DenialLog } from "./audit/denials.js";
import { auditRoutes } from "./audit/routes.js";
import { PrincipalCache } from "./auth/cache.js";
import { authRoutes } from "./auth/routes.js";
import { type AuthCache, type Authenticated, type AuthSettings, DEFAULT_AUTH } from "./auth/service.js";
import { checklistRoutes } from "./checklist/routes.js";
import { clarificationRoutes } from "./clarification/routes.js";
import { cycleRoutes } from "./cycles/routes.js";
import type { DatabaseHandle, Db } from "./db/client.js";
import { type ResumableUploads, resumableUploadsOnDemand } from "./evidence/resumable.js";
import { evidenceRoutes } from "./evidence/routes.js";
import { type EvidenceStorage, LocalStorage } from "./evidence/storage.js";
import { startTextReader } from "./evidence/text-reader.js";
import { externalIndexRoutes } from "./external-indices/routes.js";
import { frameworkRoutes } from "./frameworks/routes.js";
import type { FrameworkMap } from "./frameworks/service.js";
import { healthRoutes } from "./health/routes.js";
import { installAuthentication } from "./http/authn.js";
import { installErrorHandling, loggableError } from "./http/errors.js";
import { installSecurityHeaders } from "./http/security-headers.js";
import { withTextRule } from "./http/text.js";
import { modelAnswerRoutes } from "./model-answers/routes.js";
import { notificationRoutes } from "./notifications/routes.js";
import { officialRoutes } from "./official/routes.js";
import { organizationRoutes } from "./organizations/routes.js";
import { portalRoutes } from "./portal/routes.js";
import { provinceRoutes } from "./province/routes.js";
import { reportRoutes } from "./reports/routes.js";
import { resultsRoutes } from "./results/routes.js";
import { targetRoutes } from "./targets/routes.js";
import { userRoutes } from "./users/routes.js";

declare module "fastify" {
  interface FastifyInstance {
    /** The frameworks this instance knows (shipped, imported here, or refreshed from the database). */
    frameworks: FrameworkMap;
  }
}

export interface AppOptions {
  readonly db: Db;
  readonly frameworks: ReadonlyMap<string, Framework>;
  readonly auth?: AuthSettings;
  readonly logger?: boolean;
  /** Trust X-Forwarded-* from a reverse proxy (secure cookies behind HTTPS). */
  readonly trustProxy?: boolean;
  /** The built web app to serve at `/` (packages/web/dist); none when absent. */
  readonly webDir?: string | null;
  /** Where evidence files live (default ./data/evidence). */
  readonly storage?: EvidenceStorage;
  /** Resumable (tus) uploads; by default their store lives beside the evidence, kept a day. */
  readonly resumable?: ResumableUploads;
  /** Largest evidence upload (default 50 MB). */
  readonly maxUploadBytes?: number;
  /** Evidence an instansi may store in all (default unlimited). */
  readonly quotaBytes?: number;
  /**
   * The database's NOTIFY feed ({@link DatabaseHandle.listen}): with it, who a session belongs to
   * is cached and forgotten on every instance when the database announces a change.
   */
  readonly listen?: DatabaseHandle["listen"];
  /**
   * Read evidence files' text in the background (`matang serve` turns it on, see
   * MATANG_READ_TEXTS; off by default so that an app built for a test reads only when asked).
   */
  readonly readTexts?: boolean;
}

/** Where `npm run build` puts the web app, relative to this package. */
export const DEFAULT_WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../web/dist");

/** One log line per request, when it is answered, with what it asked for (Fastify logs two). */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}
  override requestCompleted(error: Error | null, request: FastifyRequest, reply: FastifyReply): void {
    const line = {
      method: request.method,
      url: request.url,
      statusCode: reply.statusCode,
      ms: reply.elapsedTime,
    };
    if (error) reply.log.error({ ...line, err: loggableError(error) }, "request errored");
    else reply.log.info(line, "request completed");
  }
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  // The app's own map (a copy): importing a framework makes it available to every route at once.
  const frameworks: FrameworkMap = new Map(options.frameworks);
  const app = Fastify({
    logger: options.logger ?? false,
    logController: new OneLinePerRequest(),
    bodyLimit: 1024 * 1024,
    trustProxy: options.trustProxy ?? false,
    // Errors the router raises before any handler (a malformed or overlong URL) in the API's shape.
    frameworkErrors: (error, _request, reply) => {
      const tooLong = error.code === "FST_ERR_MAX_PARAM_LENGTH";
      const body = {
        error: {
          code: tooLong ? "uri_too_long" : "bad_url",
          message: "The address is malformed or too long",
          details: null,
        },
      };
      void (reply as unknown as { status(n: number): { send(b: unknown): void } })
        .status(tooLong ? 414 : 400)
        .send(body);
    },
    // Keep a caller's request id (a proxy's, say) when it is sane; otherwise make one.
    genReqId: (req) => {
      const given = req.headers["x-request-id"];
      return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  app.decorate("frameworks", frameworks);
  app.setValidatorCompiler(withTextRule(validatorCompiler as FastifySchemaCompiler<unknown>));
  app.setSerializerCompiler(serializerCompiler);
  const webDir = options.webDir === undefined ? DEFAULT_WEB_DIR : options.webDir;
  const serveWeb = webDir !== null && existsSync(join(webDir, "index.html"));
  const denials = new DenialLog(options.db);
  installErrorHandling(app, serveWeb ? "index.html" : null, (request, error) =>
    request.principal
      ? denials.record(request.principal, {
          operation: error.operation,
          method: request.method,
          path: request.url.split("?")[0] ?? request.url,
          requestId: request.id,
          address: request.ip,
        })
      : Promise.resolve(),
  );
  app.addHook("onSend", (request, reply, payload, done) => {
    reply.header("x-request-id", request.id);
    done(null, payload);
  });

  installSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine sets CSS variables through style attributes and <style> elements.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        fontSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  // API answers compressed (an indicator list is ~100 kB of JSON: a second on 3G, a fifth of it
  // compressed). Brotli at quality 4, as fast as gzip's default: the answers are made per request.
  // Files already compressed (the web app's, PDFs, Excel) and byte ranges are left alone.
  // Answers up to 512 kB are compressed in one go on the request thread (about 3 ms at most) and
  // sent with their length in one write: on a 2-core machine the plugin's default (streamed
  // through the thread pool above 8 kB) took about three times the CPU for the same bytes.
  await app.register(compress, {
    threshold: 1024,
    syncThreshold: 512 * 1024,
    encodings: ["br", "gzip"],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: "Matang API", version: "0.1.0", description: "SPBE evaluation platform" },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "matang_session" },
          token: { type: "http", scheme: "bearer" },
        },
      },
    },
    transform: jsonSchemaTransform,
    // Schemas with a `meta({ id })` become named components (the web's generated types use them).
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  if (serveWeb && webDir) {
    await app.register(fastifyStatic, {
      root: webDir,
      prefix: "/",
      wildcard: false,
      // The build writes .br and .gz copies (packages/web/scripts/compress.mjs): sent as such.
      preCompressed: true,
      // Hashed assets never change; the page itself must always be fresh.
      setHeaders: (res, path) =>
        res.header(
          "cache-control",
          path.endsWith(".html") ? "no-cache" : "public, max-age=31536000, immutable",
        ),
    });
    // The login page is a page of its own (packages/web/login), light enough for 3G.
    const loginPage = join(webDir, "login", "index.html");
    if (existsSync(loginPage))
      app.get("/login", { schema: { hide: true } }, (_request, reply) =>
        reply.header("cache-control", "no-cache").sendFile("login/index.html"),
      );
  }
  enableAssessmentCache(options.db);
  let principals: AuthCache | undefined;
  if (options.listen) {
    principals = new PrincipalCache<Authenticated>(options.db, (auth) => auth.principal.userId);
    await principals.start(options.listen);
    const started = principals;
    app.addHook("onClose", () => started.stop());
  }
  installAuthentication(app, options.db, principals);
  await app.register(healthRoutes(options.db));
  await app.register(authRoutes(options.db, options.auth ?? DEFAULT_AUTH, principals));
  await app.register(frameworkRoutes(options.db, frameworks));
  await app.register(organizationRoutes(options.db, frameworks));
  await app.register(auditRoutes(options.db));
  await app.register(userRoutes(options.db));
  await app.register(cycleRoutes(options.db, frameworks));
  await app.register(assessmentRoutes(options.db, frameworks));
  await app.register(externalIndexRoutes(options.db, frameworks));
  const storage = options.storage ?? new LocalStorage(resolve("data", "evidence"));
  const resumable =
    options.resumable ??
    resumableUploadsOnDemand(storage, {
      expiryMs: 24 * 3600_000,
      maxBytes: options.maxUploadBytes ?? 50 * 1024 * 1024,
    });
  if (options.readTexts) {
    const reader = startTextReader(options.db, storage, app.log);
    app.addHook("onClose", () => reader.stop());
  }
  await app.register(
    evidenceRoutes(
      options.db,
      frameworks,
      storage,
      options.maxUploadBytes ?? 50 * 1024 * 1024,
      options.quotaBytes ?? Number.POSITIVE_INFINITY,
      resumable,
    ),
  );
  await app.register(notificationRoutes(options.db));
  await app.register(resultsRoutes(options.db, frameworks));
  await app.register(targetRoutes(options.db));
  await app.register(modelAnswerRoutes(options.db, frameworks));
  await app.register(provinceRoutes(options.db, frameworks));
  await app.register(reportRoutes(options.db, frameworks));
  await app.register(portalRoutes(options.db, frameworks, storage));
  await app.register(officialRoutes(options.db, frameworks));
  await app.register(clarificationRoutes(options.db, frameworks));
  await app.register(checklistRoutes(options.db, frameworks));
  return app;
}

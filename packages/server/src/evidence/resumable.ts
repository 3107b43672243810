// Uploads that survive a regional connection: the tus protocol (tus.io, 1.0.0) at /api/uploads. A
// 40 MB scan cut by a dropped 3G connection goes on from the last byte the server has, instead of
// from zero. The bytes wait in the tus store (beside the evidence: the shared disk, or the bucket,
// so any instance can take the next piece); once the last byte is in, the client asks for it to
// become evidence, and it goes through the same path as any upload (staged into the evidence
// storage with its SHA-256, typed by its content, the instansi's room checked, all or nothing).
import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, readFile, rm, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { FileStore } from "@tus/file-store";
import { Server } from "@tus/server";
import { DataStore, ERRORS, Upload } from "@tus/utils";
import type { S3Storage } from "./s3-storage.js";
import type { EvidenceStorage, LocalStorage } from "./storage.js";

export const UPLOADS_PATH = "/api/uploads";

/** What the server itself writes into an upload's metadata: never what the client sent. */
export const OWNER_KEY = "matang-owner";

export interface ResumableUploads {
  /**
   * Serve one tus request (the caller has checked who may make it); `owner` is who begins an
   * upload with it, recorded in the upload's metadata by the server.
   */
  handle(req: IncomingMessage, res: ServerResponse, owner?: string): Promise<void>;
  /** The upload, or null when there is none by that id. */
  find(id: string): Promise<Upload | null>;
  /** The bytes of an upload. */
  read(id: string): Promise<Readable>;
  /** Where an upload's bytes are one file on this machine's disk (null: they are not). */
  localFile(id: string): Promise<string | null>;
  remove(id: string): Promise<void>;
  /** Remove uploads older than their expiry; how many. */
  sweep(): Promise<number>;
}

/** Ids the server makes: 32 hex digits (the key prefix is added in object storage). */
export const UPLOAD_ID = /^[0-9a-f]{32}$/;

/**
 * A tus server whose store lives where the evidence does. `expiryMs` bounds how long an unfinished
 * upload may wait for its next piece; `maxBytes` is the largest file.
 */
export async function resumableUploads(
  storage: EvidenceStorage,
  options: { expiryMs: number; maxBytes: number },
): Promise<ResumableUploads> {
  const { store, idPrefix } = await storeFor(storage, options.expiryMs);
  // The tus server sees a web Request wrapping Node's; who sent it is looked up by the latter.
  const owners = new WeakMap<IncomingMessage, string>();
  const server = new Server({
    path: UPLOADS_PATH,
    datastore: store,
    maxSize: options.maxBytes,
    // Behind nginx or any proxy the address stays right.
    relativeLocation: true,
    namingFunction: () => `${idPrefix}${randomBytes(16).toString("hex")}`,
    generateUrl: (_req, { path, id }) => `${path}/${id.slice(idPrefix.length)}`,
    getFileIdFromRequest: (_req, last) => (last && UPLOAD_ID.test(last) ? `${idPrefix}${last}` : undefined),
    async onUploadCreate(req, upload) {
      const raw = (req as { runtime?: { node?: { req?: IncomingMessage } } }).runtime?.node?.req;
      const owner = raw ? owners.get(raw) : undefined;
      if (!owner) throw { status_code: 401, body: "Log in first\n" };
      // Whatever the client put under this key is replaced.
      return { metadata: { ...upload.metadata, [OWNER_KEY]: owner } };
    },
  });
  const full = (id: string) => `${idPrefix}${id}`;
  return {
    handle(req, res, owner) {
      if (owner) owners.set(req, owner);
      return server.handle(req, res);
    },
    async find(id) {
      if (!UPLOAD_ID.test(id)) return null;
      return store.getUpload(full(id)).catch(() => null);
    },
    async read(id) {
      return (await (store as DataStore & { read(id: string): Readable | Promise<Readable> }).read(
        full(id),
      )) as Readable;
    },
    async localFile(id) {
      return store instanceof DiskUploads && UPLOAD_ID.test(id) ? store.pathOf(id) : null;
    },
    remove: (id) => store.remove(full(id)),
    sweep: () => store.deleteExpired(),
  };
}

/** The same, made on first use: an app that never sees a resumable upload creates no store. */
export function resumableUploadsOnDemand(
  storage: EvidenceStorage,
  options: { expiryMs: number; maxBytes: number },
): ResumableUploads {
  let made: Promise<ResumableUploads> | null = null;
  const get = () => {
    made ??= resumableUploads(storage, options);
    return made;
  };
  return {
    handle: async (req, res, owner) => (await get()).handle(req, res, owner),
    find: async (id) => (await get()).find(id),
    read: async (id) => (await get()).read(id),
    localFile: async (id) => (await get()).localFile(id),
    remove: async (id) => (await get()).remove(id),
    sweep: async () => (made ? (await made).sweep() : 0),
  };
}

async function storeFor(
  storage: EvidenceStorage,
  expiryMs: number,
): Promise<{ store: DataStore; idPrefix: string }> {
  if (storage.kind === "disk") {
    const directory = join((storage as LocalStorage).root, "uploads");
    await mkdir(directory, { recursive: true });
    return { store: new DiskUploads(directory, expiryMs), idPrefix: "" };
  }
  return { store: new BucketUploads(storage as S3Storage, expiryMs), idPrefix: "" };
}

/**
 * On disk: tus's own file store (one file growing as pieces arrive, beside its JSON), with a
 * sweep that also removes finished uploads nobody recorded in time.
 */
class DiskUploads extends FileStore {
  constructor(directory: string, expiryMs: number) {
    super({ directory, expirationPeriodInMilliseconds: expiryMs });
  }

  /** The one file an upload's bytes are appended to (tus's file store: named by the id). */
  pathOf(id: string): string {
    return join(this.directory, id);
  }

  override async deleteExpired(): Promise<number> {
    let removed = 0;
    for (const name of await readdir(this.directory).catch(() => [] as string[])) {
      const id = name.endsWith(".json") ? name.slice(0, -5) : null;
      if (!id || !UPLOAD_ID.test(id)) continue;
      const info = JSON.parse(await readFile(join(this.directory, name), "utf8").catch(() => "{}")) as {
        creation_date?: string;
      };
      const created = Date.parse(info.creation_date ?? "");
      if (Number.isFinite(created) && Date.now() - created > this.getExpiration()) {
        await this.remove(id).catch(() => undefined);
        removed++;
      }
    }
    return removed;
  }
}

/**
 * In the bucket: each piece that arrives (a PATCH, or what reached the server before the
 * connection dropped) becomes an object of its own, `uploads/<id>/<offset>`, beside
 * `uploads/<id>.info`. Only plain objects are used (put, get, list, delete), which every
 * S3-compatible server keeps, and any instance can take the next piece. A piece is gathered on the
 * instance's disk while it arrives, then sent whole.
 */
class BucketUploads extends DataStore {
  constructor(
    private readonly storage: S3Storage,
    private readonly expiryMs: number,
  ) {
    super();
    this.extensions = ["creation", "creation-with-upload", "termination", "expiration"];
  }

  private info = (id: string) => `uploads/${id}.info`;
  private pieces = (id: string) => `uploads/${id}/`;

  override async create(upload: Upload): Promise<Upload> {
    upload.creation_date = new Date().toISOString();
    upload.offset = 0;
    await this.storage.side.put(this.info(upload.id), Buffer.from(JSON.stringify(upload)));
    return upload;
  }

  override async getUpload(id: string): Promise<Upload> {
    const text = await this.storage.side.text(this.info(id));
    if (text === null) throw ERRORS.FILE_NOT_FOUND;
    const saved = JSON.parse(text) as Upload;
    const offset = (await this.storage.side.list(this.pieces(id))).reduce((n, p) => n + p.size, 0);
    return new Upload({ ...saved, offset });
  }

  override async write(source: Readable, id: string, offset: number): Promise<number> {
    const scratch = this.storage.scratch;
    await scratch.ready();
    const path = join(scratch.root, "tmp", `${randomBytes(16).toString("hex")}.piece`);
    try {
      // What arrives is kept even when the connection drops: that is the point of resuming.
      await pipeline(source, createWriteStream(path, { flags: "wx" })).catch(() => undefined);
      const size = (await stat(path).catch(() => ({ size: 0 }))).size;
      if (size > 0)
        await this.storage.side.put(
          `${this.pieces(id)}${String(offset).padStart(15, "0")}`,
          createReadStream(path),
          size,
        );
      return offset + size;
    } finally {
      await rm(path, { force: true });
    }
  }

  /** The pieces one after the other, each fetched when the one before has been read. */
  read(id: string): Readable {
    const storage = this.storage;
    const prefix = this.pieces(id);
    return Readable.from(
      (async function* () {
        const pieces = (await storage.side.list(prefix)).sort((a, b) => a.key.localeCompare(b.key));
        for (const piece of pieces) yield* storage.side.get(piece.key);
      })(),
    );
  }

  override async remove(id: string): Promise<void> {
    for (const piece of await this.storage.side.list(this.pieces(id)))
      await this.storage.side.remove(piece.key);
    await this.storage.side.remove(this.info(id));
  }

  override async declareUploadLength(id: string, length: number): Promise<void> {
    const upload = await this.getUpload(id);
    upload.size = length;
    await this.storage.side.put(this.info(id), Buffer.from(JSON.stringify(upload)));
  }

  override getExpiration(): number {
    return this.expiryMs;
  }

  override async deleteExpired(): Promise<number> {
    let removed = 0;
    for (const info of await this.storage.side.list("uploads/")) {
      const id = /^uploads\/([0-9a-f]{32})\.info$/.exec(info.key)?.[1];
      if (id && Date.now() - info.modified > this.expiryMs) {
        await this.remove(id);
        removed++;
      }
    }
    return removed;
  }
}

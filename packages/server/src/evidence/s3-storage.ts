// Evidence in S3-compatible object storage (MinIO, Garage, Ceph RGW, cloud providers), for
// deployments whose terabytes of evidence a shared disk volume does not serve well. The same
// promises as the disk: an upload streams through a bounded buffer (multipart, a few parts at a
// time), is measured against its limit and hashed while it arrives, waits under `tmp/` until the
// transaction that records it copies it to `objects/`, and is removed on any failure; what a
// killed process leaves under `tmp/` (or as an unfinished multipart upload) is swept.
import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { PassThrough, type Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { S3Client } from "@aws-sdk/client-s3";
import { ConfigError } from "../config.js";
import {
  type ByteRange,
  checkedKey,
  type Digest,
  type EvidenceStorage,
  LocalStorage,
  newStorageKey,
  type Staged,
  StorageUnavailable,
  streamDigest,
  TooLargeError,
} from "./storage.js";

/** MATANG_S3_* (see the README's configuration table). */
export interface S3Settings {
  readonly endpoint: string | undefined;
  readonly bucket: string;
  readonly region: string;
  readonly accessKeyId: string | undefined;
  readonly secretAccessKey: string | undefined;
  readonly forcePathStyle: boolean;
  /** Keys start with this (a bucket shared with other data), e.g. "matang/". */
  readonly prefix: string;
}

/** Parts of a multipart upload: 8 MB, two in flight, so an upload holds at most ~24 MB. */
const PART_BYTES = 8 * 1024 * 1024;
const PARTS_IN_FLIGHT = 2;
const HEAD_BYTES = 4100; // what content sniffing needs, as on disk

type Sdk = typeof import("@aws-sdk/client-s3");
type Storage = typeof import("@aws-sdk/lib-storage");

export class S3Storage implements EvidenceStorage {
  readonly kind = "s3" as const;

  private constructor(
    private readonly sdk: Sdk,
    private readonly lib: Storage,
    private readonly client: S3Client,
    readonly settings: S3Settings,
    readonly scratch: LocalStorage,
  ) {}

  /** The SDK is loaded only when object storage is configured (it is large, and disk users need none of it). */
  static async create(settings: S3Settings, scratchDir: string): Promise<S3Storage> {
    const [sdk, lib] = await Promise.all([import("@aws-sdk/client-s3"), import("@aws-sdk/lib-storage")]);
    const client = new sdk.S3Client({
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      ...(settings.accessKeyId && settings.secretAccessKey
        ? { credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } }
        : {}),
      // Checksums only where S3 requires them: many S3-compatible servers refuse the SDK's
      // default trailing checksums. Matang hashes every file itself (SHA-256, recorded).
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
    return new S3Storage(sdk, lib, client, settings, new LocalStorage(scratchDir));
  }

  describe(): string {
    const where = this.settings.endpoint ?? `region ${this.settings.region}`;
    return `s3 bucket ${this.settings.bucket}${this.settings.prefix ? ` prefix ${this.settings.prefix}` : ""} at ${where}`;
  }

  async ready(): Promise<void> {
    try {
      await this.client.send(new this.sdk.HeadBucketCommand({ Bucket: this.settings.bucket }));
    } catch (error) {
      const name = (error as { name?: string }).name ?? "";
      throw new ConfigError(
        `the S3 bucket "${this.settings.bucket}" at ${this.settings.endpoint ?? this.settings.region} cannot be used (${name || (error as Error).message}): check MATANG_S3_ENDPOINT, MATANG_S3_BUCKET and the access keys`,
      );
    }
  }

  stageFile(path: string, maxBytes: number): Promise<Staged> {
    return this.stage(createReadStream(path), maxBytes);
  }

  async stage(source: Readable, maxBytes: number): Promise<Staged> {
    const tempKey = `tmp/${randomUUID()}`;
    const hash = createHash("sha256");
    const headChunks: Buffer[] = [];
    let headSize = 0;
    let size = 0;
    const meter = new Transform({
      // A part being sent is all an upload holds; the network waits while S3 catches up.
      highWaterMark: 1024 * 1024,
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (size > maxBytes) {
          done(new TooLargeError(maxBytes));
          return;
        }
        if (headSize < HEAD_BYTES) {
          headChunks.push(chunk.subarray(0, HEAD_BYTES - headSize));
          headSize += Math.min(chunk.length, HEAD_BYTES - headSize);
        }
        hash.update(chunk);
        done(null, chunk);
      },
    });
    const upload = new this.lib.Upload({
      client: this.client,
      params: { Bucket: this.settings.bucket, Key: this.full(tempKey), Body: meter },
      partSize: PART_BYTES,
      queueSize: PARTS_IN_FLIGHT,
      leavePartsOnError: false,
    });
    // Either side failing stops the other: a refused part must not leave the sender waiting, nor
    // a cut connection leave the upload waiting for bytes.
    const received = pipeline(source, meter);
    received.catch(() => upload.abort().catch(() => undefined));
    const sent = upload.done().catch((error: Error) => {
      meter.destroy(error);
      throw error;
    });
    try {
      // The receiving side's failure (too large, a cut connection) is the one to report.
      const [receiving, sending] = await Promise.allSettled([received, sent]);
      if (receiving.status === "rejected") throw receiving.reason;
      if (sending.status === "rejected") throw new StorageUnavailable(sending.reason);
      const stored = await this.client.send(
        new this.sdk.HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.full(tempKey) }),
      );
      if (stored.ContentLength !== size)
        throw new Error(`object storage kept ${stored.ContentLength} of ${size} bytes`);
    } catch (error) {
      await upload.abort().catch(() => undefined);
      await this.deleteObject(tempKey).catch(() => undefined);
      throw error;
    }
    return { ref: tempKey, sha256: hash.digest("hex"), size, head: Buffer.concat(headChunks) };
  }

  newKey(): string {
    return newStorageKey();
  }

  /** A copy inside the storage (nothing travels through Matang), then the temporary object goes. */
  async commitAs(staged: Staged, key: string): Promise<void> {
    const source = this.temporaryKey(staged.ref);
    await this.client
      .send(
        new this.sdk.CopyObjectCommand({
          Bucket: this.settings.bucket,
          Key: this.objectKey(key),
          CopySource: `${this.settings.bucket}/${encodeURI(this.full(source))}`,
        }),
      )
      .catch((error: unknown) => {
        throw new StorageUnavailable(error);
      });
    await this.deleteObject(source).catch(() => undefined);
  }

  discard(staged: Staged): Promise<void> {
    return this.deleteObject(this.temporaryKey(staged.ref));
  }

  async remove(key: string): Promise<void> {
    await this.client.send(
      new this.sdk.DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }),
    );
  }

  open(key: string, range?: ByteRange): Readable {
    let objectKey: string;
    try {
      objectKey = this.objectKey(key);
    } catch (error) {
      const out = new PassThrough();
      process.nextTick(() => out.destroy(error as Error));
      return out;
    }
    return this.read(objectKey, range);
  }

  /** An object's bytes by its full key, streamed. */
  private read(objectKey: string, range?: ByteRange): Readable {
    const out = new PassThrough();
    this.client
      .send(
        new this.sdk.GetObjectCommand({
          Bucket: this.settings.bucket,
          Key: objectKey,
          ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
        }),
      )
      .then(
        (response) => {
          const body = response.Body as Readable;
          body.on("error", (error) => out.destroy(error));
          // Whoever reads gave up: the connection to S3 is released, not left to time out.
          out.on("close", () => body.destroy());
          body.pipe(out);
        },
        (error: Error) => out.destroy(error),
      );
    return out;
  }

  async size(key: string): Promise<number> {
    const head = await this.client.send(
      new this.sdk.HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }),
    );
    return head.ContentLength ?? 0;
  }

  digest(key: string): Promise<Digest | null> {
    return streamDigest(this.open(key)).catch(() => null);
  }

  /** Downloaded once, hashed on the way. */
  async copyOut(key: string, target: string): Promise<Digest> {
    await mkdir(dirname(target), { recursive: true });
    const hash = createHash("sha256");
    let size = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(this.open(key), tap, createWriteStream(target, { flags: "wx" }));
    } catch (error) {
      await rm(target, { force: true });
      throw new Error(
        `evidence file ${key} could not be read from object storage (${(error as Error).name})`,
      );
    }
    return { sha256: hash.digest("hex"), size };
  }

  async withFile<T>(key: string, use: (path: string) => Promise<T>): Promise<T> {
    await this.scratch.ready();
    const path = join(this.scratch.root, "tmp", `${randomUUID()}.read`);
    try {
      await pipeline(this.open(key), createWriteStream(path, { flags: "wx" }));
      return await use(path);
    } finally {
      await rm(path, { force: true });
    }
  }

  async restore(key: string, source: string): Promise<void> {
    // An object appears whole or not at all: no temporary name needed.
    await new this.lib.Upload({
      client: this.client,
      params: { Bucket: this.settings.bucket, Key: this.objectKey(key), Body: createReadStream(source) },
      partSize: PART_BYTES,
      queueSize: PARTS_IN_FLIGHT,
      leavePartsOnError: false,
    }).done();
  }

  /**
   * Staged objects nobody committed within `staleMs`, and multipart uploads no part reached for
   * that long (a server killed mid-upload); an upload still sending parts stays.
   */
  async sweep(staleMs: number): Promise<number> {
    let removed = await this.scratch.sweep(staleMs);
    for (const object of await this.list("tmp/")) {
      if (Date.now() - object.modified >= staleMs) {
        await this.deleteObject(object.key);
        removed++;
      }
    }
    for (const upload of await this.unfinishedUploads()) {
      if (Date.now() - (await this.lastActivity(upload)) < staleMs) continue;
      await this.client
        .send(
          new this.sdk.AbortMultipartUploadCommand({
            Bucket: this.settings.bucket,
            Key: upload.key,
            UploadId: upload.uploadId,
          }),
        )
        .catch(() => undefined);
      removed++;
    }
    return removed;
  }

  async temporary(): Promise<string[]> {
    const staged = (await this.list("tmp/")).map((o) => o.key.slice("tmp/".length));
    const parts = (await this.unfinishedUploads()).map(
      (u) => `${u.key.slice(this.settings.prefix.length)} (multipart)`,
    );
    return [...staged, ...parts];
  }

  async keysOlderThan(staleMs: number): Promise<string[]> {
    return (await this.list("objects/"))
      .filter((o) => Date.now() - o.modified >= staleMs)
      .map((o) => o.key.slice("objects/".length));
  }

  async keys(): Promise<string[]> {
    return (await this.list("objects/")).map((o) => o.key.slice("objects/".length)).sort();
  }

  private full(key: string): string {
    return `${this.settings.prefix}${key}`;
  }

  private objectKey(key: string): string {
    return this.full(`objects/${checkedKey(key)}`);
  }

  private temporaryKey(ref: string): string {
    if (!/^tmp\/[0-9a-f-]{36}$/.test(ref)) throw new Error(`invalid staged object ${ref}`);
    return ref;
  }

  /**
   * Matang's own objects beside the evidence (the pieces of resumable uploads), by keys relative
   * to the configured prefix; never under `objects/` or `tmp/`.
   */
  readonly side = {
    put: async (key: string, body: Buffer | Readable, length?: number): Promise<void> => {
      await this.client.send(
        new this.sdk.PutObjectCommand({
          Bucket: this.settings.bucket,
          Key: this.full(this.sideKey(key)),
          Body: body,
          ...(length !== undefined ? { ContentLength: length } : {}),
        }),
      );
    },
    get: (key: string): Readable => this.read(this.full(this.sideKey(key))),
    text: async (key: string): Promise<string | null> => {
      try {
        const chunks: Buffer[] = [];
        for await (const chunk of this.side.get(key)) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks).toString("utf8");
      } catch {
        return null;
      }
    },
    list: (prefix: string) => this.list(this.sideKey(prefix)),
    remove: (key: string) => this.deleteObject(this.sideKey(key)),
  };

  private sideKey(key: string): string {
    if (key.startsWith("objects/") || key.startsWith("tmp/")) throw new Error(`not a side key: ${key}`);
    return key;
  }

  private async deleteObject(key: string): Promise<void> {
    await this.client.send(
      new this.sdk.DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.full(key) }),
    );
  }

  /** Objects under `prefix` (relative to the configured prefix), every page of the listing. */
  private async list(prefix: string): Promise<{ key: string; modified: number; size: number }[]> {
    const out: { key: string; modified: number; size: number }[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new this.sdk.ListObjectsV2Command({
          Bucket: this.settings.bucket,
          Prefix: this.full(prefix),
          ...(token ? { ContinuationToken: token } : {}),
        }),
      );
      for (const o of page.Contents ?? [])
        if (o.Key)
          out.push({
            key: o.Key.slice(this.settings.prefix.length),
            modified: o.LastModified?.getTime() ?? 0,
            size: o.Size ?? 0,
          });
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return out;
  }

  /** Multipart uploads begun under `tmp/` and not completed; none where the server cannot list them. */
  private async unfinishedUploads(): Promise<{ key: string; uploadId: string; initiated: number }[]> {
    try {
      const page = await this.client.send(
        new this.sdk.ListMultipartUploadsCommand({ Bucket: this.settings.bucket, Prefix: this.full("tmp/") }),
      );
      return (page.Uploads ?? []).flatMap((u) =>
        u.Key && u.UploadId
          ? [{ key: u.Key, uploadId: u.UploadId, initiated: u.Initiated?.getTime() ?? 0 }]
          : [],
      );
    } catch {
      return [];
    }
  }

  private async lastActivity(upload: { key: string; uploadId: string; initiated: number }): Promise<number> {
    try {
      const parts = await this.client.send(
        new this.sdk.ListPartsCommand({
          Bucket: this.settings.bucket,
          Key: upload.key,
          UploadId: upload.uploadId,
        }),
      );
      return Math.max(upload.initiated, ...(parts.Parts ?? []).map((p) => p.LastModified?.getTime() ?? 0));
    } catch {
      return upload.initiated;
    }
  }
}

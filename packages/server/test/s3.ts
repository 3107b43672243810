// An S3-protocol server for tests, started by the tests themselves (s3rver, from npm: the same
// requests the AWS SDK sends to MinIO, Garage or a cloud provider, answered from a folder).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import type { S3Settings } from "../src/evidence/s3-storage.js";

export interface TestS3 {
  readonly settings: S3Settings;
  /** The same settings as MATANG_S3_* variables, for a server started as a process. */
  readonly env: Record<string, string>;
  /** Every key in the bucket under the settings' prefix. */
  objects(): Promise<string[]>;
  close(): Promise<void>;
}

const BUCKET = "matang-uji";

/** A fresh S3 server on a free port with one bucket; `prefix` keeps tests sharing it apart. */
export async function startS3(prefix = ""): Promise<TestS3> {
  const directory = mkdtempSync(join(tmpdir(), "matang-s3-"));
  const server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory });
  const { port } = (await server.run()) as { port: number };
  const settings: S3Settings = {
    endpoint: `http://127.0.0.1:${port}`,
    bucket: BUCKET,
    region: "us-east-1",
    // s3rver's own keys; it checks every request's signature against them.
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    forcePathStyle: true,
    prefix,
  };
  const client = new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  await client.send(new CreateBucketCommand({ Bucket: BUCKET }));
  return {
    settings,
    env: {
      MATANG_S3_ENDPOINT: settings.endpoint as string,
      MATANG_S3_BUCKET: BUCKET,
      MATANG_S3_REGION: settings.region,
      MATANG_S3_ACCESS_KEY_ID: "S3RVER",
      MATANG_S3_SECRET_ACCESS_KEY: "S3RVER",
      MATANG_S3_FORCE_PATH_STYLE: "1",
      ...(prefix ? { MATANG_S3_PREFIX: prefix } : {}),
    },
    async objects() {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix, ContinuationToken: token }),
        );
        for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key.slice(prefix.length));
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return keys.sort();
    },
    async close() {
      client.destroy();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

// Backups that leave the server are encrypted with age (the age-encryption package): to one or
// more public keys (age1…), or with a passphrase. Streamed both ways, so a backup of many
// gigabytes never sits in memory; decrypted to a temporary file that is checked before anything
// is restored.
import { createReadStream, createWriteStream } from "node:fs";
import { open } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { Decrypter, Encrypter, generateIdentity, identityToRecipient } from "age-encryption";

/** How to encrypt: for recipients' public keys, or with a passphrase. */
export type BackupKey = { readonly recipients: readonly string[] } | { readonly passphrase: string };
/** How to decrypt: identities (AGE-SECRET-KEY-1…) and/or a passphrase. */
export interface BackupUnlock {
  readonly identities?: readonly string[];
  readonly passphrase?: string;
}

const MAGIC = "age-encryption.org/v1\n";

/** Does `file` start like an age-encrypted file? */
export async function isEncrypted(file: string): Promise<boolean> {
  const handle = await open(file, "r");
  try {
    const head = Buffer.alloc(MAGIC.length);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead).toString("latin1") === MAGIC;
  } finally {
    await handle.close();
  }
}

export class BackupKeyError extends Error {}

export async function encryptFile(source: string, target: string, key: BackupKey): Promise<void> {
  const encrypter = new Encrypter();
  try {
    if ("passphrase" in key) encrypter.setPassphrase(key.passphrase);
    else for (const r of key.recipients) encrypter.addRecipient(r.trim());
  } catch (error) {
    throw new BackupKeyError(`the encryption key is not valid: ${(error as Error).message}`);
  }
  const input = Readable.toWeb(createReadStream(source)) as unknown as ReadableStream<Uint8Array>;
  const output = await encrypter.encrypt(input);
  await pipeline(
    Readable.fromWeb(output as unknown as WebReadableStream<Uint8Array>),
    createWriteStream(target, { flags: "wx" }),
  );
}

/** Decrypt `source` into `target`; a wrong key or a damaged file throws BackupKeyError. */
export async function decryptFile(source: string, target: string, unlock: BackupUnlock): Promise<void> {
  const decrypter = new Decrypter();
  try {
    for (const identity of unlock.identities ?? []) decrypter.addIdentity(identity.trim());
    if (unlock.passphrase) decrypter.addPassphrase(unlock.passphrase);
  } catch (error) {
    throw new BackupKeyError(`the decryption key is not valid: ${(error as Error).message}`);
  }
  try {
    const input = Readable.toWeb(createReadStream(source)) as unknown as ReadableStream<Uint8Array>;
    const output = await decrypter.decrypt(input);
    await pipeline(
      Readable.fromWeb(output as unknown as WebReadableStream<Uint8Array>),
      createWriteStream(target, { flags: "wx" }),
    );
  } catch (error) {
    throw new BackupKeyError(
      `the backup cannot be decrypted with the given key or passphrase, or it is damaged (${(error as Error).message})`,
    );
  }
}

/** A new key pair: the identity (secret; keep it off the server) and its public recipient. */
export async function newBackupKeyPair(): Promise<{ identity: string; recipient: string }> {
  const identity = await generateIdentity();
  return { identity, recipient: await identityToRecipient(identity) };
}

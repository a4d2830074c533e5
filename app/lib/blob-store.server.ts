import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Uploaded files live under the files folder (outside public/), named by the SHA-256 of their
 * content: identical files are stored once and no name a user chose ever reaches the disk.
 */
export function blobPath(filesDir: string, hash: string): string {
  if (!/^[a-f0-9]{64}$/.test(hash)) throw new Error("invalid blob hash");
  return path.join(filesDir, hash.slice(0, 2), hash);
}

export function tempPath(filesDir: string): string {
  const dir = path.join(filesDir, "tmp");
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, randomUUID());
}

/** Moves a finished temp file into place; when the content is already stored, drops the copy. */
export function commitBlob(filesDir: string, temp: string, hash: string): void {
  const target = blobPath(filesDir, hash);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  if (fs.existsSync(target)) fs.rmSync(temp, { force: true });
  else fs.renameSync(temp, target);
}

export function removeBlob(filesDir: string, hash: string): void {
  fs.rmSync(blobPath(filesDir, hash), { force: true });
}

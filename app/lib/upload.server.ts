import { createHash } from "node:crypto";
import fs from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import Busboy from "busboy";
import { commitBlob, tempPath } from "./blob-store.server";
import { detectFileKind, type FileKind } from "./file-kind.server";

export type UploadProblem = "tooLarge" | "empty" | "type" | "missing" | "malformed";

export class UploadError extends Error {
  constructor(readonly problem: UploadProblem) {
    super(problem);
  }
}

export interface ReceivedUpload {
  hash: string;
  size: number;
  kind: FileKind;
  originalName: string;
  fields: Record<string, string>;
}

const SNIFF_BYTES = 64 * 1024;

/** A name safe to keep as metadata: no folders, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .replace(/^\.+/, "")
    .trim();
  return (cleaned || "fil").slice(-200);
}

/**
 * Streams one multipart upload (field "file") to a temporary file while hashing it, never
 * holding the whole file in memory. On any failure — too large, wrong type, empty, a broken or
 * interrupted body — the temporary file is removed, so nothing half-stored is left behind.
 */
export async function receiveUpload(
  request: Request,
  { filesDir, maxBytes }: { filesDir: string; maxBytes: number },
): Promise<ReceivedUpload> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!request.body || !contentType.startsWith("multipart/form-data"))
    throw new UploadError("malformed");
  let busboy: Busboy.Busboy;
  try {
    busboy = Busboy({
      headers: { "content-type": contentType },
      // Browsers send file names as raw UTF-8; busboy would read them as Latin-1 ("Ã¸" for "ø").
      defParamCharset: "utf8",
      // busboy reports "limit" once a file *reaches* fileSize, so one byte more than allowed:
      // a file of exactly maxBytes is accepted, one byte more is refused.
      limits: { files: 1, fileSize: maxBytes + 1, fields: 30, fieldSize: 20_000, parts: 40 },
    });
  } catch {
    throw new UploadError("malformed");
  }

  const fields: Record<string, string> = {};
  let temp: string | null = null;
  let fileDone: Promise<{ hash: string; size: number; head: Buffer; name: string }> | null = null;
  let problem: UploadProblem | null = null;

  busboy.on("field", (name, value) => {
    fields[name] = value;
  });
  busboy.on("file", (name, stream, info) => {
    if (name !== "file" || fileDone) {
      stream.resume();
      return;
    }
    const path = tempPath(filesDir);
    temp = path;
    const hash = createHash("sha256");
    const headChunks: Buffer[] = [];
    let headSize = 0;
    let size = 0;
    stream.on("data", (chunk: Buffer) => {
      hash.update(chunk);
      size += chunk.length;
      if (headSize < SNIFF_BYTES) {
        headChunks.push(chunk);
        headSize += chunk.length;
      }
    });
    stream.on("limit", () => {
      problem = "tooLarge";
    });
    // Opened at once rather than by the stream in the background: a body that breaks off early
    // must not let the file appear after the cleanup below has removed it.
    const writer = fs.createWriteStream(path, { fd: fs.openSync(path, "wx") });
    fileDone = pipeline(stream, writer).then(() => ({
      hash: hash.digest("hex"),
      size,
      head: Buffer.concat(headChunks).subarray(0, SNIFF_BYTES),
      name: info.filename ?? "",
    }));
    // A broken body rejects this promise before anyone awaits it (an unhandled rejection would
    // take the server down), and a failing disk write must stop the whole upload.
    fileDone.catch((error: unknown) => busboy.destroy(error as Error));
  });

  try {
    await pipeline(
      Readable.fromWeb(request.body as import("node:stream/web").ReadableStream),
      busboy,
    );
    if (!fileDone) throw new UploadError("missing");
    const file = await (fileDone as Promise<{
      hash: string;
      size: number;
      head: Buffer;
      name: string;
    }>);
    if (problem) throw new UploadError(problem);
    if (file.size === 0) throw new UploadError("empty");
    const originalName = cleanFileName(file.name);
    const kind = detectFileKind(file.head, originalName);
    if (!kind) throw new UploadError("type");
    commitBlob(filesDir, temp!, file.hash);
    temp = null;
    return { hash: file.hash, size: file.size, kind, originalName, fields };
  } catch (error) {
    throw error instanceof UploadError ? error : new UploadError("malformed");
  } finally {
    if (temp) {
      await (fileDone as Promise<unknown> | null)?.catch(() => {});
      fs.rmSync(temp, { force: true });
    }
  }
}

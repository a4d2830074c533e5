import fs from "node:fs";
import { Readable } from "node:stream";
import { blobPath } from "./blob-store.server";

/** `Content-Disposition` with an ASCII fallback and the exact UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(kind: "attachment" | "inline", fileName: string): string {
  const ascii = fileName
    .normalize("NFKD")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/["\\;]/g, "_");
  // encodeURIComponent leaves ' ( ) * as they are, but RFC 5987 allows none of them unescaped
  // (an apostrophe would end the value early in a strict parser).
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * Streams a stored file. Downloads are attachments; previews (PDF and images only) are shown
 * inline inside a CSP sandbox, so even a hostile file cannot run script in the hub's origin.
 */
export function fileResponse(
  filesDir: string,
  file: { blobHash: string; size: number; mimeType: string; originalName: string },
  mode: "download" | "preview",
): Response {
  const headers = new Headers({
    "Content-Length": String(file.size),
    "Content-Disposition": contentDisposition(
      mode === "preview" ? "inline" : "attachment",
      file.originalName,
    ),
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "private, no-store",
  });
  if (mode === "preview") {
    headers.set("Content-Type", file.mimeType);
    headers.set(
      "Content-Security-Policy",
      "sandbox; default-src 'none'; img-src 'self'; object-src 'self'",
    );
  } else {
    headers.set(
      "Content-Type",
      file.mimeType.startsWith("text/") ? `${file.mimeType}; charset=utf-8` : file.mimeType,
    );
  }
  const stream = fs.createReadStream(blobPath(filesDir, file.blobHash));
  return new Response(Readable.toWeb(stream) as ReadableStream, { headers });
}

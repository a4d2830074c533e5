/**
 * The text-extraction worker: a child process forked by server/jobs/documents.ts, run with
 * `--import tsx`. It takes one job at a time over IPC, reads the stored file, extracts its text
 * and answers. Parsing untrusted files happens only here, so a slow, huge or hostile file can
 * hang or crash this process (the parent kills and restarts it) but never the server.
 *
 * Protocol: the child sends `{ type: "ready" }` once; the parent sends an `ExtractRequest`, the
 * child answers with an `ExtractResponse` carrying the same id.
 */
import fs from "node:fs/promises";
import { unzipSync } from "fflate";

export interface ExtractRequest {
  type: "extract";
  id: number;
  file: string;
  mimeType: string;
  maxChars: number;
}

export interface ExtractResponse {
  type: "result";
  id: number;
  status: "done" | "failed" | "unsupported";
  text: string | null;
  error?: string;
}

export const TEXT_TYPES = new Set(["text/plain", "text/csv", "text/markdown"]);
export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
export const ODT_TYPE = "application/vnd.oasis.opendocument.text";
export const PDF_TYPE = "application/pdf";

/** The one XML part of a DOCX/ODT that is read; larger ones (zip bombs) are refused. */
const MAX_XML_BYTES = 64 * 1024 * 1024;

async function extract(file: string, mimeType: string, maxChars: number): Promise<string | null> {
  if (TEXT_TYPES.has(mimeType)) return decodeText(await fs.readFile(file));
  if (mimeType === DOCX_TYPE) return docxText(await fs.readFile(file));
  if (mimeType === ODT_TYPE) return odtText(await fs.readFile(file));
  if (mimeType === PDF_TYPE) return pdfText(await fs.readFile(file), maxChars);
  return null;
}

/** UTF-8; a file that is not valid UTF-8 is read as Windows-1252, as old Danish files often are. */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

function zipPart(bytes: Uint8Array, name: string): string {
  const files = unzipSync(bytes, {
    filter: (f) => {
      if (f.name !== name) return false;
      if (f.originalSize > MAX_XML_BYTES) throw new Error(`${name} is too large`);
      return true;
    },
  });
  const part = files[name];
  if (!part) throw new Error(`no ${name} in the archive`);
  return new TextDecoder("utf-8").decode(part);
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e[0] !== "#") return ENTITIES[e]!;
    const code = e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
  });
}

/** Walks the tags and text of an XML document (no DTDs, CDATA or comments in these parts). */
function* xmlTokens(xml: string) {
  const re = /<(\/?)([A-Za-z_][\w:.-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>|<[!?][^>]*>|([^<]+)/g;
  for (const m of xml.matchAll(re)) {
    if (m[5] !== undefined) yield { kind: "text" as const, text: m[5] };
    else if (m[2] !== undefined)
      yield {
        kind: m[1] ? ("close" as const) : m[4] ? ("empty" as const) : ("open" as const),
        name: m[2],
        attrs: m[3] ?? "",
      };
  }
}

/** WordprocessingML: the text of `<w:t>` runs; paragraphs, breaks and tabs kept as such. */
function docxText(bytes: Uint8Array): string {
  const xml = zipPart(bytes, "word/document.xml");
  let out = "";
  let inText = false;
  for (const t of xmlTokens(xml)) {
    if (t.kind === "text") {
      if (inText) out += decodeEntities(t.text);
    } else if (t.name === "w:t") inText = t.kind === "open";
    else if (t.kind === "close" && t.name === "w:p") out += "\n";
    else if (t.kind !== "close" && (t.name === "w:br" || t.name === "w:cr")) out += "\n";
    else if (t.kind !== "close" && t.name === "w:tab") out += "\t";
  }
  return out;
}

/** OpenDocument text: the character data of the body; paragraphs, spaces and tabs kept. */
function odtText(bytes: Uint8Array): string {
  const xml = zipPart(bytes, "content.xml");
  let out = "";
  let inBody = false;
  for (const t of xmlTokens(xml)) {
    if (t.kind === "text") {
      if (inBody) out += decodeEntities(t.text);
      continue;
    }
    if (t.name === "office:body") inBody = t.kind === "open";
    if (!inBody) continue;
    if (t.kind === "close" && (t.name === "text:p" || t.name === "text:h")) out += "\n";
    else if (t.kind !== "close" && t.name === "text:line-break") out += "\n";
    else if (t.kind !== "close" && t.name === "text:tab") out += "\t";
    else if (t.kind !== "close" && t.name === "text:s") {
      const count = Number(/text:c="(\d+)"/.exec(t.attrs)?.[1] ?? 1);
      out += " ".repeat(Math.min(count, 100));
    }
  }
  return out;
}

/** PDF via unpdf (a serverless build of PDF.js, no worker thread, no downloads), page by page. */
async function pdfText(bytes: Uint8Array, maxChars: number): Promise<string> {
  const { getDocumentProxy } = await import("unpdf");
  const pdf = await getDocumentProxy(new Uint8Array(bytes), {
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
  });
  try {
    const pages: string[] = [];
    let length = 0;
    for (let n = 1; n <= pdf.numPages && length <= maxChars; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      let text = "";
      for (const item of content.items) {
        if ("str" in item) text += item.str + (item.hasEOL ? "\n" : "");
      }
      page.cleanup();
      pages.push(text);
      length += text.length;
    }
    return pages.join("\n\n");
  } finally {
    await pdf.destroy();
  }
}

/** One line-ending style, no control characters, no runs of blank lines; at most `maxChars`. */
function normalise(text: string, maxChars: number): string {
  const clean = text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  if (clean.length <= maxChars) return clean;
  // Never cut a surrogate pair in half.
  const end = /[\uD800-\uDBFF]/.test(clean[maxChars - 1] ?? "") ? maxChars - 1 : maxChars;
  return clean.slice(0, end);
}

async function handle(request: ExtractRequest): Promise<ExtractResponse> {
  try {
    const text = await extract(request.file, request.mimeType, request.maxChars);
    if (text === null) return { type: "result", id: request.id, status: "unsupported", text: null };
    return {
      type: "result",
      id: request.id,
      status: "done",
      text: normalise(text, request.maxChars),
    };
  } catch (error) {
    return {
      type: "result",
      id: request.id,
      status: "failed",
      text: null,
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    };
  }
}

// Only as a forked child: importing this module elsewhere (types, constants) starts nothing.
if (process.send && process.env.HUB_EXTRACT_WORKER === "1") {
  // The parent is gone (or closed the channel): nothing left to do.
  process.on("disconnect", () => process.exit(0));
  let queue: Promise<void> = Promise.resolve();
  process.on("message", (message: ExtractRequest) => {
    if (message?.type !== "extract") return;
    // One at a time, in order, even if the parent were to send several.
    queue = queue.then(async () => {
      const response = await handle(message);
      if (process.connected) process.send!(response);
    });
  });
  process.send({ type: "ready" });
}

/**
 * Which kind of file an upload is, decided by its first bytes (magic numbers), never by its
 * name alone: the name's extension must agree with the content, or the upload is refused.
 * HTML, SVG and XML are never accepted, since a browser could run them.
 */

export interface FileKind {
  mimeType: string;
  /** Extensions (lower case, without dot) a file of this kind may carry. */
  extensions: string[];
  /** Shown inline in a sandbox rather than downloaded. */
  previewable: boolean;
}

const kinds = {
  pdf: { mimeType: "application/pdf", extensions: ["pdf"], previewable: true },
  png: { mimeType: "image/png", extensions: ["png"], previewable: true },
  jpeg: { mimeType: "image/jpeg", extensions: ["jpg", "jpeg"], previewable: true },
  gif: { mimeType: "image/gif", extensions: ["gif"], previewable: true },
  webp: { mimeType: "image/webp", extensions: ["webp"], previewable: true },
  docx: {
    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extensions: ["docx"],
    previewable: false,
  },
  xlsx: {
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    extensions: ["xlsx"],
    previewable: false,
  },
  pptx: {
    mimeType: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    extensions: ["pptx"],
    previewable: false,
  },
  odt: {
    mimeType: "application/vnd.oasis.opendocument.text",
    extensions: ["odt"],
    previewable: false,
  },
  ods: {
    mimeType: "application/vnd.oasis.opendocument.spreadsheet",
    extensions: ["ods"],
    previewable: false,
  },
  odp: {
    mimeType: "application/vnd.oasis.opendocument.presentation",
    extensions: ["odp"],
    previewable: false,
  },
  // Word, Excel and PowerPoint before 2007 share one container format.
  ole: {
    mimeType: "application/x-ole-storage",
    extensions: ["doc", "xls", "ppt"],
    previewable: false,
  },
  text: { mimeType: "text/plain", extensions: ["txt"], previewable: false },
  csv: { mimeType: "text/csv", extensions: ["csv"], previewable: false },
  markdown: { mimeType: "text/markdown", extensions: ["md", "markdown"], previewable: false },
} satisfies Record<string, FileKind>;

const OLE_MIME: Record<string, string> = {
  doc: "application/msword",
  xls: "application/vnd.ms-excel",
  ppt: "application/vnd.ms-powerpoint",
};

const startsWith = (head: Uint8Array, bytes: number[], offset = 0) =>
  bytes.every((b, i) => head[offset + i] === b);
const ascii = (head: Uint8Array, from: number, to: number) =>
  Buffer.from(head.subarray(from, Math.min(to, head.length))).toString("latin1");

function detectZip(head: Uint8Array): FileKind | null {
  const text = ascii(head, 0, head.length);
  // OpenDocument: the first entry is an uncompressed "mimetype" file naming the kind.
  const odf = /^PK\x03\x04[\s\S]{26}mimetype(application\/vnd\.oasis\.opendocument\.[a-z]+)/.exec(
    text,
  );
  if (odf) {
    const found = Object.values(kinds).find((k) => k.mimeType === odf[1]);
    return found ?? null;
  }
  // Office Open XML: the entry names in the local headers tell which application wrote it.
  if (text.includes("[Content_Types].xml") || /(word|xl|ppt)\//.test(text)) {
    if (text.includes("word/")) return kinds.docx;
    if (text.includes("xl/")) return kinds.xlsx;
    if (text.includes("ppt/")) return kinds.pptx;
  }
  return null;
}

function detectText(head: Uint8Array, extension: string): FileKind | null {
  if (head.includes(0)) return null;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(
      head.subarray(0, trimPartialUtf8(head)),
    );
  } catch {
    return null;
  }
  // Markup a browser might render or run is refused whatever the name says.
  if (/^\s*<(!doctype|html|svg|\?xml|script|head|body)/i.test(text.replace(/^\uFEFF/, "")))
    return null;
  if (kinds.csv.extensions.includes(extension)) return kinds.csv;
  if (kinds.markdown.extensions.includes(extension)) return kinds.markdown;
  return kinds.text;
}

// The sniffed head may end inside a multi-byte character; ignore that tail when decoding.
function trimPartialUtf8(head: Uint8Array): number {
  let end = head.length;
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const byte = head[end - i]!;
    if ((byte & 0xc0) === 0x80) continue;
    const expected = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return expected > i ? end - i : end;
  }
  return end;
}

export function extensionOf(fileName: string): string {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(fileName.trim());
  return match ? match[1]!.toLowerCase() : "";
}

/**
 * The kind of an upload from its first bytes and its name, or null when the content is not an
 * allowed type or the name's extension does not match the content.
 */
export function detectFileKind(head: Uint8Array, fileName: string): FileKind | null {
  const extension = extensionOf(fileName);
  let kind: FileKind | null = null;
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) kind = kinds.pdf;
  else if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) kind = kinds.png;
  else if (startsWith(head, [0xff, 0xd8, 0xff])) kind = kinds.jpeg;
  else if (ascii(head, 0, 6) === "GIF87a" || ascii(head, 0, 6) === "GIF89a") kind = kinds.gif;
  else if (ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 12) === "WEBP") kind = kinds.webp;
  else if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) kind = detectZip(head);
  else if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) kind = kinds.ole;
  else kind = detectText(head, extension);
  if (!kind || !kind.extensions.includes(extension)) return null;
  if (kind === kinds.ole) return { ...kind, mimeType: OLE_MIME[extension]! };
  return kind;
}

import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { deflateSync } from "node:zlib";
import { strToU8, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blobPath } from "../../app/lib/blob-store.server";
import {
  createDocument,
  moveToTrash,
  type DocumentMetadata,
} from "../../app/models/document.server";
import { migrateToLatest, openDatabase, type Database } from "../../db/client";
import { seedDemoData } from "../../db/seed/index";
import { createDocumentJobs, type DocumentJobRunner } from "../../server/jobs/documents";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const ODT = "application/vnd.oasis.opendocument.text";
const DAY = 86_400_000;

// ---- Fixtures, built here rather than shipped ----------------------------------------------

/** A one-page PDF showing `lines` in Helvetica (WinAnsi, so æøå are single bytes), with a correct xref. */
function makePdf(lines: string[], { compress = false } = {}): Buffer {
  const literal = (s: string) =>
    [...s]
      .map((c) => {
        const code = c.charCodeAt(0);
        if (c === "(" || c === ")" || c === "\\") return `\\${c}`;
        return code > 126 ? `\\${code.toString(8).padStart(3, "0")}` : c;
      })
      .join("");
  const content = Buffer.from(
    `BT /F1 12 Tf 72 720 Td 14 TL\n${lines.map((l) => `(${literal(l)}) Tj T*`).join("\n")}\nET`,
    "latin1",
  );
  const data = compress ? deflateSync(content) : content;
  const objects: Buffer[] = [
    Buffer.from("<< /Type /Catalog /Pages 2 0 R >>"),
    Buffer.from("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
    Buffer.from(
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R " +
        "/Resources << /Font << /F1 5 0 R >> >> >>",
    ),
    Buffer.concat([
      Buffer.from(
        `<< /Length ${data.length}${compress ? " /Filter /FlateDecode" : ""} >>\nstream\n`,
      ),
      data,
      Buffer.from("\nendstream"),
    ]),
    Buffer.from(
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ),
  ];
  const parts: Buffer[] = [Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const obj = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from("\nendobj\n")]);
    parts.push(obj);
    offset += obj.length;
  });
  const xref =
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("") +
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`;
  parts.push(Buffer.from(xref));
  return Buffer.concat(parts);
}

function makeDocx(paragraphs: string[]): Buffer {
  const xmlEscape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const body = paragraphs
    .map((p) => {
      // Split each paragraph over two runs, as Word does, to check that runs are joined.
      const half = Math.ceil(p.length / 2);
      return (
        `<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr>` +
        `<w:r><w:t xml:space="preserve">${xmlEscape(p.slice(0, half))}</w:t></w:r>` +
        `<w:r><w:rPr><w:b/></w:rPr><w:t>${xmlEscape(p.slice(half))}</w:t></w:r></w:p>`
      );
    })
    .join("");
  return Buffer.from(
    zipSync({
      "[Content_Types].xml": strToU8(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
          "</Types>",
      ),
      "word/document.xml": strToU8(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
          '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
          `<w:body>${body}<w:sectPr/></w:body></w:document>`,
      ),
    }),
  );
}

function makeOdt(paragraphs: string[]): Buffer {
  return Buffer.from(
    zipSync({
      mimetype: [strToU8("application/vnd.oasis.opendocument.text"), { level: 0 }],
      "content.xml": strToU8(
        '<?xml version="1.0" encoding="UTF-8"?>' +
          '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ' +
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">' +
          "<office:automatic-styles><style:style>STYLE-NOISE</style:style></office:automatic-styles>" +
          `<office:body><office:text>${paragraphs.map((p) => `<text:p>${p}</text:p>`).join("")}` +
          "</office:text></office:body></office:document-content>",
      ),
    }),
  );
}

// ---- Database and files --------------------------------------------------------------------

let dir: string;
let filesDir: string;
let db: Database;
let spaceId: string;
let userId: string;
const logs: string[] = [];
const log = (m: string) => logs.push(m);

const metadata = (title: string): DocumentMetadata => ({
  title,
  description: "",
  folderId: null,
  documentDate: null,
  originOrganisationId: null,
  f2CaseNumber: null,
  f2DocumentNumber: null,
  edocCaseNumber: null,
  tags: [],
});

async function addDocument(content: Buffer, mimeType: string, title: string) {
  const hash = createHash("sha256").update(content).digest("hex");
  const file = blobPath(filesDir, hash);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  const ids = await createDocument(db, {
    spaceId,
    userId,
    metadata: metadata(title),
    file: { hash, size: content.length, mimeType, originalName: `${title}.bin` },
    note: "",
  });
  return { ...ids, hash, file };
}

async function version(versionId: string) {
  return db
    .selectFrom("documentVersion")
    .select(["extractionStatus", "extractedText"])
    .where("id", "=", versionId)
    .executeTakeFirstOrThrow();
}

async function waitFor<T>(probe: () => Promise<T | undefined | false>, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function extracted(versionId: string, timeoutMs?: number) {
  return waitFor(async () => {
    const v = await version(versionId);
    return v.extractionStatus !== "pending" && v;
  }, timeoutMs);
}

function isRunning(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-doc-jobs-"));
  filesDir = path.join(dir, "files");
  db = openDatabase(path.join(dir, "hub.db")).db;
  await migrateToLatest(db);
  await seedDemoData(db, { password: "hub-demo-2026" });
  spaceId = (await db.selectFrom("space").select("id").executeTakeFirstOrThrow()).id;
  userId = (await db.selectFrom("user").select("id").executeTakeFirstOrThrow()).id;
});

afterAll(async () => {
  await db?.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("text extraction in a child process", () => {
  let jobs: DocumentJobRunner;
  let leftOver: { versionId: string };

  beforeAll(async () => {
    // Uploaded while no server ran: still pending, and picked up at start.
    leftOver = await addDocument(
      Buffer.from("Efterladt referat om trivsel i Valby"),
      "text/plain",
      "Efterladt",
    );
    jobs = createDocumentJobs({
      db,
      filesPath: filesDir,
      log,
      resumeDelayMs: 50,
      purgeDelayMs: 600_000,
      maxChars: 5_000,
    });
  });

  afterAll(async () => {
    await jobs?.close();
  });

  it("resumes versions left pending by an earlier run", async () => {
    const v = await extracted(leftOver.versionId, 15_000);
    expect(v).toEqual({
      extractionStatus: "done",
      extractedText: "Efterladt referat om trivsel i Valby",
    });
  });

  it("reads plain text, CSV and Markdown as UTF-8", async () => {
    const text = await addDocument(
      Buffer.from("\uFEFFReferat fra mødet\r\nSærlige hensyn på Ærø og i Østerbro\r\n"),
      "text/plain",
      "Referat",
    );
    const csv = await addDocument(Buffer.from("navn;by\nBørge;Åbenrå\n"), "text/csv", "CSV");
    const md = await addDocument(
      Buffer.from("# Handleplan\n\n- Første skridt\n"),
      "text/markdown",
      "MD",
    );
    for (const d of [text, csv, md]) jobs.enqueueExtraction(d.versionId);
    expect(await extracted(text.versionId)).toEqual({
      extractionStatus: "done",
      extractedText: "Referat fra mødet\nSærlige hensyn på Ærø og i Østerbro",
    });
    expect((await extracted(csv.versionId)).extractedText).toBe("navn;by\nBørge;Åbenrå");
    expect((await extracted(md.versionId)).extractedText).toBe("# Handleplan\n\n- Første skridt");
  });

  it("reads Word (DOCX) and OpenDocument text paragraphs", async () => {
    const docx = await addDocument(
      makeDocx(["Statusrapport for indsatsen", "Børn & unge i Nørrebro får hjælp"]),
      DOCX,
      "Status",
    );
    const odt = await addDocument(
      makeOdt(["Undervisningsmateriale", "Nøglepersoner på skoler i Ørestad"]),
      ODT,
      "Materiale",
    );
    jobs.enqueueExtraction(docx.versionId);
    jobs.enqueueExtraction(odt.versionId);
    expect(await extracted(docx.versionId)).toEqual({
      extractionStatus: "done",
      extractedText: "Statusrapport for indsatsen\nBørn & unge i Nørrebro får hjælp",
    });
    expect(await extracted(odt.versionId)).toEqual({
      extractionStatus: "done",
      extractedText: "Undervisningsmateriale\nNøglepersoner på skoler i Ørestad",
    });
  });

  it("reads PDFs, plain and with compressed content streams", async () => {
    const plain = await addDocument(
      makePdf(["Handleplan mod negativ social kontrol", "Sårbare børn på Østerbro"]),
      "application/pdf",
      "PDF",
    );
    const compressed = await addDocument(
      makePdf(["Mødepapir om æresrelaterede konflikter"], { compress: true }),
      "application/pdf",
      "PDF komprimeret",
    );
    jobs.enqueueExtraction(plain.versionId);
    jobs.enqueueExtraction(compressed.versionId);
    const a = await extracted(plain.versionId);
    expect(a.extractionStatus).toBe("done");
    expect(a.extractedText).toContain("Handleplan mod negativ social kontrol");
    expect(a.extractedText).toContain("Sårbare børn på Østerbro");
    const b = await extracted(compressed.versionId);
    expect(b.extractionStatus).toBe("done");
    expect(b.extractedText).toContain("Mødepapir om æresrelaterede konflikter");
  });

  it("marks a corrupt PDF failed, an image unsupported, and keeps working", async () => {
    const corrupt = await addDocument(
      Buffer.concat([Buffer.from("%PDF-1.7\n1 0 obj\n<< /Type /Catal"), Buffer.alloc(300, 0xa7)]),
      "application/pdf",
      "Korrupt",
    );
    const image = await addDocument(
      Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"),
      "image/png",
      "Billede",
    );
    const after = await addDocument(Buffer.from("Stadig i live på Amager"), "text/plain", "Efter");
    const pidBefore = jobs.workerPid;
    for (const d of [corrupt, image, after]) jobs.enqueueExtraction(d.versionId);
    expect(await extracted(corrupt.versionId)).toEqual({
      extractionStatus: "failed",
      extractedText: null,
    });
    expect(await extracted(image.versionId)).toEqual({
      extractionStatus: "unsupported",
      extractedText: null,
    });
    expect((await extracted(after.versionId)).extractedText).toBe("Stadig i live på Amager");
    // The same long-lived worker did all of it; the server process parsed nothing.
    expect(jobs.workerPid).toBe(pidBefore);
    expect(jobs.workerPid).not.toBe(process.pid);
    expect(logs.some((l) => l.includes("text extraction failed"))).toBe(true);
  });

  it("caps the stored text and treats a missing file as failed", async () => {
    const long = await addDocument(Buffer.from("æ".repeat(8_000)), "text/plain", "Lang");
    const missing = await addDocument(Buffer.from("forsvundet fil"), "text/plain", "Væk");
    fs.rmSync(missing.file);
    jobs.enqueueExtraction(long.versionId);
    jobs.enqueueExtraction(missing.versionId);
    expect((await extracted(long.versionId)).extractedText).toBe("æ".repeat(5_000));
    expect((await extracted(missing.versionId)).extractionStatus).toBe("failed");
  });

  it("close() is prompt and leaves no child process", async () => {
    const pid = jobs.workerPid;
    expect(pid).toBeTypeOf("number");
    expect(isRunning(pid!)).toBe(true);
    const started = Date.now();
    await jobs.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(isRunning(pid!)).toBe(false);
    expect(jobs.workerPid).toBeNull();
    // Closed: new work is ignored and stays pending for the next start.
    const later = await addDocument(Buffer.from("efter lukning"), "text/plain", "Senere");
    jobs.enqueueExtraction(later.versionId);
    await new Promise((r) => setTimeout(r, 200));
    expect((await version(later.versionId)).extractionStatus).toBe("pending");
  });
});

describe("a job that outlives the timeout", () => {
  it("is marked failed and its worker killed", async () => {
    const slow = await addDocument(makePdf(["Langsom fil"]), "application/pdf", "Langsom");
    const jobs = createDocumentJobs({
      db,
      filesPath: filesDir,
      log,
      timeoutMs: 1,
      resumeDelayMs: 600_000,
      purgeDelayMs: 600_000,
    });
    try {
      jobs.enqueueExtraction(slow.versionId);
      const pid = await waitFor(async () => jobs.workerPid ?? undefined);
      expect(await extracted(slow.versionId)).toEqual({
        extractionStatus: "failed",
        extractedText: null,
      });
      await waitFor(async () => !isRunning(pid));
      expect(logs.some((l) => l.includes("worker restarted"))).toBe(true);
    } finally {
      await jobs.close();
    }
  });
});

describe("closing while a job runs", () => {
  it("kills the worker and leaves the version pending for the next start", async () => {
    const busy = await addDocument(makePdf(["Afbrudt arbejde"]), "application/pdf", "Afbrudt");
    const jobs = createDocumentJobs({
      db,
      filesPath: filesDir,
      log,
      resumeDelayMs: 600_000,
      purgeDelayMs: 600_000,
    });
    jobs.enqueueExtraction(busy.versionId);
    const pid = await waitFor(async () => jobs.workerPid ?? undefined);
    await jobs.close();
    expect(isRunning(pid)).toBe(false);
    expect((await version(busy.versionId)).extractionStatus).toBe("pending");
  });
});

describe("trash purge", () => {
  it("deletes documents trashed over 30 days ago with their files, on a timer", async () => {
    const now = Date.now();
    const trash = (d: { documentId: string }, daysAgo: number) =>
      moveToTrash(db, {
        spaceId,
        documentId: d.documentId,
        userId,
        now: new Date(now - daysAgo * DAY),
      });
    const expired = await addDocument(Buffer.from("gammelt papir"), "text/plain", "Gammelt");
    const recent = await addDocument(Buffer.from("nyligt slettet"), "text/plain", "Nyligt");
    const live = await addDocument(Buffer.from("delt indhold"), "text/plain", "Levende");
    const sharing = await addDocument(Buffer.from("delt indhold"), "text/plain", "Deler fil");
    expect(sharing.hash).toBe(live.hash);
    expect(await trash(expired, 31)).toBe(true);
    expect(await trash(recent, 29)).toBe(true);
    expect(await trash(sharing, 31)).toBe(true);

    const jobs = createDocumentJobs({
      db,
      filesPath: filesDir,
      log,
      resumeDelayMs: 600_000,
      purgeDelayMs: 20,
    });
    try {
      const exists = async (d: { documentId: string }) =>
        (await db
          .selectFrom("document")
          .select("id")
          .where("id", "=", d.documentId)
          .executeTakeFirst()) !== undefined;
      await waitFor(async () => !(await exists(expired)) && !(await exists(sharing)));
      expect(fs.existsSync(expired.file)).toBe(false);
      expect(await exists(recent)).toBe(true);
      expect(fs.existsSync(recent.file)).toBe(true);
      expect(await exists(live)).toBe(true);
      expect(fs.existsSync(live.file)).toBe(true);
      expect(logs.some((l) => /trash purge: \d+ document\(s\) deleted/.test(l))).toBe(true);

      // Idempotent: nothing left to purge, and removing gone or still-used files does nothing.
      expect((await jobs.purgeNow()).files).toBe(0);
      expect(await jobs.removeFiles([expired.hash, live.hash, "../../etc/passwd"])).toBe(0);
      expect(fs.existsSync(live.file)).toBe(true);
      // The 29-day-old one goes once its time has come.
      expect((await jobs.purgeNow({ now: new Date(now + 2 * DAY) })).documents).toBeGreaterThan(0);
      expect(await exists(recent)).toBe(false);
      expect(fs.existsSync(recent.file)).toBe(false);
      expect(fs.existsSync(live.file)).toBe(true);
      // The purge never starts the extraction worker.
      expect(jobs.workerPid).toBeNull();
    } finally {
      await jobs.close();
    }
  });
});

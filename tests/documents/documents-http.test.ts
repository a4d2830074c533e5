import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { strToU8, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTextPdf, MEMO } from "../../db/seed/documents";
import { Client, startTestHub, type TestHub } from "../helpers/hub";
import { DA, mainOf, organisationId, signIn, unescapeHtml } from "../helpers/fixtures";

/**
 * The document library over plain HTTP, as a browser without JavaScript uses it: uploads are
 * multipart posts, every outcome is read back from the pages, the downloads and the files folder
 * on disk. One seeded hub for the file, plus a second one with a tiny upload limit.
 */

const NETWORK = "bispebjerg-netvaerk";
const EXPERTS = "ekspertgruppen";
const UUID_RE = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const list = (slug = NETWORK) => `/spaces/${slug}/documents`;
const docUrl = (id: string, slug = NETWORK) => `${list(slug)}/${id}`;
const fileUrl = (docId: string, versionId: string, mode: string, slug = NETWORK) =>
  `${docUrl(docId, slug)}/versions/${versionId}/${mode}`;

/** Danish texts of the document pages, as a member reads them. */
const TXT = {
  type: "Filtypen er ikke tilladt, eller filens navn passer ikke til dens indhold.",
  empty: "Filen er tom.",
  missing: "Vælg en fil.",
  malformed: "Overførslen kunne ikke læses. Prøv igen.",
  formInvalid: "Formularen kunne ikke læses. Prøv igen.",
  date: "Skriv en gyldig dato.",
  caseNumber: "Skriv nummeret med cifre, bogstaver, mellemrum, - eller /.",
  sharedTitle: "Samme titel som et andet dokument i mappen",
  restoredNote: "Gendannet fra en tidligere version",
  requestTooLarge: "Forespørgslen er for stor.",
  lengthRequired: "Forespørgslen mangler en længdeangivelse.",
  uploadHeading: "Læg et dokument op",
  preview: "Vis i browseren",
  trashEmpty: "Papirkurven er tom.",
};

// ---- Files to upload, built here ------------------------------------------------------------

const pdf = (text: string) => makeTextPdf([text]);
// A 1×1 transparent PNG.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);
function docx(text: string): Buffer {
  return Buffer.from(
    zipSync({
      "[Content_Types].xml": strToU8(
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
      ),
      "word/document.xml": strToU8(
        `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`,
      ),
    }),
  );
}
/** Text that no other test uploads, so its blob is new. */
const unique = (label: string) => Buffer.from(`${label} ${randomUUID()}\n`, "utf8");
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

// ---- Requests -------------------------------------------------------------------------------

interface UploadFile {
  name: string;
  bytes: Buffer;
  type?: string;
}

/** A multipart body as a browser's FormData sends it: the file first, then the other fields. */
function formData(file: UploadFile | null, fields: Record<string, string> = {}): FormData {
  const fd = new FormData();
  if (file) {
    fd.append(
      "file",
      new Blob([new Uint8Array(file.bytes)], { type: file.type ?? "application/octet-stream" }),
      file.name,
    );
  }
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
}

/**
 * A multipart body written byte by byte, for file names FormData would rewrite (it turns `"` into
 * `%22`): the name goes on the wire as a quoted string with `\"` escapes, in UTF-8.
 */
function rawMultipart(
  file: UploadFile,
  fields: Record<string, string> = {},
): { body: Buffer; contentType: string } {
  const boundary = `----hubtest${randomUUID().replace(/-/g, "")}`;
  const quoted = file.name.replace(/\\/g, "\\\\").replace(/"/g, '\\"');
  const parts: Buffer[] = [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quoted}"\r\n` +
        `Content-Type: ${file.type ?? "application/octet-stream"}\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from("\r\n"),
  ];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Posts a multipart body like the upload form (Origin and the session cookie, no redirects). */
function postMultipart(
  h: TestHub,
  client: Client,
  pathname: string,
  body: FormData | { body: Buffer; contentType: string },
): Promise<Response> {
  const headers: Record<string, string> = { Origin: h.url, Cookie: client.cookieHeader() };
  let payload: FormData | Uint8Array<ArrayBuffer>;
  if (body instanceof FormData) payload = body;
  else {
    headers["Content-Type"] = body.contentType;
    payload = new Uint8Array(body.body);
  }
  return fetch(h.url + pathname, { method: "POST", headers, body: payload, redirect: "manual" });
}

/** The document a successful upload redirected to. */
function createdId(res: Response, slug = NETWORK): string {
  expect(res.status).toBe(302);
  const location = res.headers.get("location") ?? "";
  const match = new RegExp(`^/spaces/${slug}/documents/(${UUID_RE})$`).exec(location);
  expect(match, location).not.toBeNull();
  return match![1]!;
}

/** The alert a page shows after a refused form. */
function alertOf(html: string): string | null {
  const text = /<p role="alert" class="form-error">([^<]*)<\/p>/.exec(html)?.[1];
  return text === undefined ? null : unescapeHtml(text);
}

/** The message under a document field (`new-<field>-error`). */
function fieldErrorOf(html: string, field: string): string | null {
  const text = new RegExp(`id="new-${field}-error" class="field__error">([^<]*)<`).exec(html)?.[1];
  return text === undefined ? null : unescapeHtml(text);
}

/** Visible text of a piece of markup: tags and React's text separators removed. */
const textOf = (html: string) =>
  unescapeHtml(
    html
      .replace(/<!-- -->/g, "")
      .replace(/<[^>]+>/g, " ")
      .replace(/\s+/g, " "),
  ).trim();

interface PageVersion {
  no: number;
  id: string;
  name: string;
  uploader: string;
  note: string;
}

/** The version history table of a document page, newest first. */
function versionsOf(html: string): PageVersion[] {
  const start = html.indexOf('aria-labelledby="versions-heading"');
  const table = html.slice(start, html.indexOf("</table>", start));
  const body = table.slice(table.indexOf("<tbody>"));
  return body
    .split("<tr>")
    .slice(1)
    .map((row) => {
      const cells = [...row.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => m[1]!);
      return {
        no: Number(textOf(cells[0] ?? "")),
        id: new RegExp(`/versions/(${UUID_RE})/download`).exec(cells[1] ?? "")?.[1] ?? "",
        name: textOf(/<a [^>]*>([\s\S]*?)<\/a>/.exec(cells[1] ?? "")?.[1] ?? ""),
        uploader: textOf(cells[2] ?? "").split(",")[0]!,
        note: textOf(cells[3] ?? ""),
      };
    });
}

/** The rows of a document list page: title, flags and the ids behind the links. */
function rowsOf(html: string): { id: string; title: string; shared: boolean; text: string }[] {
  const main = mainOf(html);
  const tbody = main.slice(main.indexOf("<tbody>"), main.indexOf("</tbody>"));
  if (!tbody) return [];
  return tbody
    .split("<tr>")
    .slice(1)
    .map((row) => {
      const link = new RegExp(`href="/spaces/[^/]+/documents/(${UUID_RE})"[^>]*>([^<]*)<`).exec(
        row,
      );
      return {
        id: link?.[1] ?? "",
        title: unescapeHtml(link?.[2] ?? ""),
        shared: row.includes(TXT.sharedTitle),
        text: textOf(row),
      };
    });
}

/** Every file under `dir`, as paths relative to it, sorted. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((p) => fs.statSync(path.join(dir, p)).isFile())
    .map((p) => p.split(path.sep).join("/"))
    .sort();
}

/** Parses `Content-Disposition` into its type, ASCII fallback and RFC 5987 UTF-8 name. */
function disposition(header: string | null) {
  const match = /^(attachment|inline); filename="([^"\\]*)"; filename\*=UTF-8''([^;\s]+)$/.exec(
    header ?? "",
  );
  if (!match) throw new Error(`unexpected Content-Disposition: ${header}`);
  return {
    type: match[1]!,
    fallback: match[2]!,
    encoded: match[3]!,
    name: decodeURIComponent(match[3]!),
  };
}

/** `nosniff`, possibly sent by both the hub and the file route (fetch joins them with ", "). */
const NOSNIFF = /^nosniff(, nosniff)*$/;

/** The policies of a `Content-Security-Policy` value (several headers arrive comma-joined). */
const cspPolicies = (header: string | null) => (header ?? "").split(",").map((p) => p.trim());

/** RFC 5987 attr-char plus percent escapes: what may appear in an ext-value. */
const EXT_VALUE = /^(?:[A-Za-z0-9!#$&+\-.^_`|~]|%[0-9A-F]{2})+$/;

/** Counts of document rows and versions, for "nothing was stored". */
async function documentCounts(h: TestHub) {
  const n = async (table: "document" | "documentVersion" | "folder") =>
    Number(
      (
        await h.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    documents: await n("document"),
    versions: await n("documentVersion"),
    folders: await n("folder"),
  };
}

/** Runs `refuse` and checks that neither the files folder (tmp/ included) nor the tables changed. */
async function expectNothingStored(h: TestHub, refuse: () => Promise<void>) {
  const filesBefore = filesUnder(h.config.filesPath);
  const countsBefore = await documentCounts(h);
  await refuse();
  const after = filesUnder(h.config.filesPath);
  expect(after).toEqual(filesBefore);
  expect(filesUnder(path.join(h.config.filesPath, "tmp"))).toEqual([]);
  expect(await documentCounts(h)).toEqual(countsBefore);
}

/** Polls until `check` stops throwing (the server finishes cleaning up after a dropped socket). */
async function eventually(check: () => void | Promise<void>, timeoutMs = 5_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

// ---- The tests ------------------------------------------------------------------------------

describe("the document library over HTTP", () => {
  let h: TestHub;
  let secretariat: Client; // Mette Lindholm, secretariat in every space
  let member: Client; // Yasmin Haddad (ngo@bispebjerg.example), member of the network only
  let outsider: Client; // Sofie Bach Nielsen (ekspert@boernsvilkaar.example), ekspertgruppen only
  let observer: Client; // Emre Yılmaz, observer in the network
  let folderId: string;
  let bif: string;

  beforeAll(async () => {
    h = await startTestHub();
    [secretariat, member, outsider, observer] = await Promise.all([
      signIn(h, "sekretariat@bif.example"),
      signIn(h, "ngo@bispebjerg.example"),
      signIn(h, "ekspert@boernsvilkaar.example"),
      signIn(h, "emre.yilmaz@nordvestgym.example"),
    ]);
    bif = await organisationId(h.db, "BIF");
  });
  afterAll(async () => {
    await h?.close();
  });

  async function page(client: Client, pathname: string, status = 200): Promise<string> {
    const res = await client.get(pathname);
    expect(res.status, pathname).toBe(status);
    return res.text();
  }

  async function upload(
    client: Client,
    file: UploadFile,
    fields: Record<string, string>,
    pathname = list(),
  ): Promise<Response> {
    return postMultipart(h, client, pathname, formData(file, fields));
  }

  async function uploadOk(
    client: Client,
    file: UploadFile,
    fields: Record<string, string>,
    slug = NETWORK,
  ): Promise<{ id: string; versions: PageVersion[] }> {
    const id = createdId(await upload(client, file, fields, list(slug)), slug);
    return { id, versions: versionsOf(await page(client, docUrl(id, slug))) };
  }

  async function download(client: Client, pathname: string) {
    const res = await client.get(pathname);
    return { res, bytes: Buffer.from(await res.arrayBuffer()) };
  }

  it("seeds the memo in ekspertgruppen with its case numbers, as a PDF summary on disk", async () => {
    const listing = await page(outsider, list(EXPERTS));
    const memo = rowsOf(listing).find((r) => r.title === MEMO.title);
    expect(memo, "the memo in the expert group's list").toBeDefined();
    expect(memo!.text).toContain(MEMO.f2CaseNumber);

    const detail = mainOf(await page(outsider, docUrl(memo!.id, EXPERTS)));
    const meta = textOf(detail.slice(detail.indexOf('<dl class="meta-list">')));
    for (const text of [
      "Dokumentdato 19. marts 2026",
      "Afsender (organisation) BIF",
      `Sagsnummer i F2 ${MEMO.f2CaseNumber}`,
      `Dokumentnummer i F2 ${MEMO.f2DocumentNumber}`,
      `Sagsnummer i eDoc ${MEMO.edocCaseNumber}`,
    ]) {
      expect(meta).toContain(text);
    }
    const [current] = versionsOf(detail);
    expect(current!.name).toBe(MEMO.fileName);

    const { res, bytes } = await download(
      outsider,
      fileUrl(memo!.id, current!.id, "download", EXPERTS),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(bytes.toString("latin1")).toContain("Resum\\351 af notat");
    // Stored once under its content hash, although the network shares the same file.
    expect(filesUnder(h.config.filesPath)).toContain(
      `${sha256(bytes).slice(0, 2)}/${sha256(bytes)}`,
    );
    const preview = await outsider.get(fileUrl(memo!.id, current!.id, "preview", EXPERTS));
    expect(preview.status).toBe(200);
    expect(preview.headers.get("content-disposition")).toMatch(/^inline;/);

    // Every space has papers in at least one folder; one of them has two versions.
    for (const slug of [NETWORK, EXPERTS, "foelgegruppen"]) {
      const html = await page(secretariat, list(slug));
      expect(rowsOf(html).length, slug).toBeGreaterThanOrEqual(2);
      expect(mainOf(html)).toMatch(
        new RegExp(`href="/spaces/${slug}/documents\\?folder=${UUID_RE}"`),
      );
    }
    const training = rowsOf(await page(member, list())).find((r) =>
      r.title.startsWith("Oversigt over uddannelsesgange"),
    );
    expect(training!.text).toContain("version 2");
  });

  it("creates a folder, uploads a document with its details, lists it, and downloads the exact bytes", async () => {
    const folderRes = await secretariat.post(list(), {
      intent: "createFolder",
      name: "Statusrapporter",
    });
    expect(folderRes.status).toBe(302);
    folderId = new RegExp(`\\?folder=(${UUID_RE})$`).exec(
      folderRes.headers.get("location") ?? "",
    )![1]!;

    const bytes = pdf("Statusrapport for indsatserne, maj 2026");
    const name = "Statusrapport maj – Østerbro og Ærø.pdf";
    const { id, versions } = await uploadOk(
      secretariat,
      { name, bytes, type: "application/pdf" },
      {
        title: "Statusrapport, maj 2026",
        description: "Status på handleplanens indsatser.",
        folderId,
        documentDate: "2026-05-04",
        originOrganisationId: bif,
        f2CaseNumber: "2025 - 24329",
        f2DocumentNumber: "9764425",
        edocCaseNumber: "2025-0370200",
        tags: "status, handleplan, status",
        note: "Første udgave",
      },
    );
    expect(versions).toEqual([
      { no: 1, id: expect.any(String), name, uploader: "Mette Lindholm", note: "Første udgave" },
    ]);

    const detail = mainOf(await page(member, docUrl(id)));
    expect(detail).toContain("<h1>Statusrapport, maj 2026</h1>");
    const meta = textOf(detail.slice(detail.indexOf('<dl class="meta-list">')));
    expect(meta).toContain("Dokumentdato 4. maj 2026");
    expect(meta).toContain("Sagsnummer i F2 2025 - 24329");
    expect(meta).toContain("Dokumentnummer i F2 9764425");
    expect(meta).toContain("Sagsnummer i eDoc 2025-0370200");
    expect(meta).toContain("Emneord handleplan, status");
    expect(textOf(detail)).toContain(`Hent ${name}`);
    expect(detail).toContain(TXT.preview);

    const inFolder = rowsOf(await page(member, `${list()}?folder=${folderId}`));
    expect(inFolder.map((r) => r.title)).toEqual(["Statusrapport, maj 2026"]);
    expect(inFolder[0]!.text).toContain("2025 - 24329");
    expect(inFolder[0]!.text).toContain(`${name} (`);
    expect(rowsOf(await page(member, list())).map((r) => r.id)).toContain(id);

    const got = await download(member, fileUrl(id, versions[0]!.id, "download"));
    expect(got.res.status).toBe(200);
    expect(got.bytes.equals(bytes)).toBe(true);
    expect(got.res.headers.get("content-type")).toBe("application/pdf");
    expect(got.res.headers.get("content-length")).toBe(String(bytes.length));
    expect(got.res.headers.get("x-content-type-options")).toMatch(NOSNIFF);
    expect(got.res.headers.get("cache-control")).toBe("private, no-store");
    const cd = disposition(got.res.headers.get("content-disposition"));
    expect(cd.type).toBe("attachment");
    expect(cd.name).toBe(name);
    expect(cd.encoded).toMatch(EXT_VALUE);
    expect(cd.fallback).toMatch(/^[\x20-\x7e]+\.pdf$/);

    // On disk only under its content hash: the name people gave it is metadata.
    const stored = filesUnder(h.config.filesPath);
    expect(stored).toContain(`${sha256(bytes).slice(0, 2)}/${sha256(bytes)}`);
    expect(stored.every((p) => /^[0-9a-f]{2}\/[0-9a-f]{64}$/.test(p))).toBe(true);
  });

  it("gives a name with æøå and quotes back exactly, in a header that cannot be broken", async () => {
    const name = `Referat "endelig" – æøå's; møde.txt`;
    const bytes = Buffer.from("Referat fra netværksmødet.\nSærlige aftaler: ingen.\n", "utf8");
    const res = await postMultipart(
      h,
      secretariat,
      list(),
      rawMultipart({ name, bytes, type: "text/plain" }, { title: "Referat med citationstegn" }),
    );
    const id = createdId(res);
    const [version] = versionsOf(await page(member, docUrl(id)));
    expect(version!.name).toBe(name);

    const got = await download(member, fileUrl(id, version!.id, "download"));
    expect(got.bytes.equals(bytes)).toBe(true);
    expect(got.res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    const cd = disposition(got.res.headers.get("content-disposition"));
    expect(cd).toMatchObject({ type: "attachment", name });
    expect(cd.encoded).toMatch(EXT_VALUE);
    expect(cd.fallback).toMatch(/^[\x20-\x7e]+$/);
    expect(cd.fallback).not.toMatch(/["\\;]/);
  });

  it("previews PDFs and images inline in a sandbox; text and Word files have no preview", async () => {
    const pdfBytes = pdf("Forhåndsvisning");
    const pdfDoc = await uploadOk(
      secretariat,
      { name: "vis.pdf", bytes: pdfBytes },
      { title: "PDF til visning" },
    );
    const pngDoc = await uploadOk(
      secretariat,
      { name: "logo.png", bytes: PNG },
      { title: "Billede" },
    );
    for (const [doc, type, bytes] of [
      [pdfDoc, "application/pdf", pdfBytes],
      [pngDoc, "image/png", PNG],
    ] as const) {
      const preview = await download(member, fileUrl(doc.id, doc.versions[0]!.id, "preview"));
      expect(preview.res.status).toBe(200);
      expect(preview.res.headers.get("content-type")).toBe(type);
      expect(disposition(preview.res.headers.get("content-disposition")).type).toBe("inline");
      // The preview's own policy replaces the page policy (whose object-src 'none' would stop
      // the browser's PDF viewer): exactly one policy, the sandbox.
      const policies = cspPolicies(preview.res.headers.get("content-security-policy"));
      expect(policies, policies.join(" | ")).toHaveLength(1);
      const sandbox = policies.find((p) => /^sandbox(;|$)/.test(p));
      expect(sandbox, policies.join(" | ")).toBeDefined();
      expect(sandbox).not.toMatch(/allow-scripts|allow-same-origin/);
      expect(sandbox).toMatch(/default-src 'none'/);
      expect(preview.res.headers.get("x-content-type-options")).toMatch(NOSNIFF);
      expect(preview.bytes.equals(bytes)).toBe(true);
    }

    const txtDoc = await uploadOk(
      secretariat,
      { name: "note.txt", bytes: unique("Note") },
      { title: "Tekstnote" },
    );
    const docxBytes = docx("Mødereferat");
    const wordDoc = await uploadOk(
      secretariat,
      { name: "referat.docx", bytes: docxBytes },
      { title: "Word-referat" },
    );
    for (const doc of [txtDoc, wordDoc]) {
      expect(mainOf(await page(member, docUrl(doc.id)))).not.toContain(TXT.preview);
      const preview = await member.get(fileUrl(doc.id, doc.versions[0]!.id, "preview"));
      expect(preview.status).toBe(404);
      expect(await preview.text()).toBe(DA.notFound);
    }
    const word = await download(member, fileUrl(wordDoc.id, wordDoc.versions[0]!.id, "download"));
    expect(word.res.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    expect(disposition(word.res.headers.get("content-disposition")).type).toBe("attachment");
    expect(word.bytes.equals(docxBytes)).toBe(true);
    // Neither an unknown mode nor a made-up version serves anything.
    expect((await member.get(fileUrl(pdfDoc.id, pdfDoc.versions[0]!.id, "inline"))).status).toBe(
      404,
    );
    expect((await member.get(fileUrl(pdfDoc.id, randomUUID(), "download"))).status).toBe(404);
  });

  it("adds a version with a note and restores an old one as a new version, keeping all history", async () => {
    const v1 = unique("Handleplan, første udkast");
    const v2 = unique("Handleplan, rettet udkast");
    const { id, versions: first } = await uploadOk(
      member,
      { name: "handleplan.md", bytes: v1 },
      { title: "Handleplan – udkast" },
    );

    const added = await postMultipart(
      h,
      member,
      docUrl(id),
      formData({ name: "handleplan-v2.md", bytes: v2 }, { note: "Rettet efter mødet" }),
    );
    expect(added.status).toBe(302);
    expect(added.headers.get("location")).toBe(docUrl(id));
    let versions = versionsOf(await page(member, docUrl(id)));
    expect(versions.map((v) => [v.no, v.name, v.note])).toEqual([
      [2, "handleplan-v2.md", "Rettet efter mødet"],
      [1, "handleplan.md", ""],
    ]);
    expect(versions[1]!.id).toBe(first[0]!.id);
    expect(rowsOf(await page(member, list())).find((r) => r.id === id)!.text).toContain(
      "version 2",
    );

    const restored = await member.post(docUrl(id), {
      intent: "restoreVersion",
      versionId: first[0]!.id,
    });
    expect(restored.status).toBe(302);
    versions = versionsOf(await page(member, docUrl(id)));
    expect(versions.map((v) => [v.no, v.name, v.note])).toEqual([
      [3, "handleplan.md", TXT.restoredNote],
      [2, "handleplan-v2.md", "Rettet efter mødet"],
      [1, "handleplan.md", ""],
    ]);
    // The current download is the old content again; every version still downloads as it was.
    const detail = mainOf(await page(member, docUrl(id)));
    const currentHref = new RegExp(`class="button" href="([^"]+/download)"`).exec(detail)![1]!;
    expect(currentHref).toBe(fileUrl(id, versions[0]!.id, "download"));
    for (const [version, bytes] of [
      [versions[0]!, v1],
      [versions[1]!, v2],
      [versions[2]!, v1],
    ] as const) {
      const got = await download(member, fileUrl(id, version.id, "download"));
      expect(got.res.status).toBe(200);
      expect(got.bytes.equals(bytes), `version ${version.no}`).toBe(true);
    }
    // A version of another document is not "an old version" of this one.
    const other = await uploadOk(
      member,
      { name: "andet.txt", bytes: unique("Andet") },
      { title: "Andet" },
    );
    const cross = await member.post(docUrl(id), {
      intent: "restoreVersion",
      versionId: other.versions[0]!.id,
    });
    expect(cross.status).toBe(404);
    expect(versionsOf(await page(member, docUrl(id)))).toHaveLength(3);
  });

  it("allows duplicate titles in a folder and says so in the list", async () => {
    const title = "Referat af netværksmøde";
    const a = await uploadOk(
      secretariat,
      { name: "a.txt", bytes: unique("A") },
      { title, folderId },
    );
    const b = await uploadOk(
      secretariat,
      { name: "b.txt", bytes: unique("B") },
      { title: ` ${title.toUpperCase()} `, folderId },
    );
    const c = await uploadOk(secretariat, { name: "c.txt", bytes: unique("C") }, { title });
    expect(new Set([a.id, b.id, c.id]).size).toBe(3);

    const inFolder = rowsOf(await page(member, `${list()}?folder=${folderId}`));
    const flagged = inFolder.filter((r) => r.title.toLowerCase() === title.toLowerCase());
    expect(flagged.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
    expect(flagged.every((r) => r.shared)).toBe(true);
    expect(inFolder.find((r) => r.title === "Statusrapport, maj 2026")!.shared).toBe(false);
    // The same title outside the folder is another paper, not a duplicate.
    const all = rowsOf(await page(member, list()));
    expect(all.find((r) => r.id === c.id)!.shared).toBe(false);
  });

  it("moves a document to the trash: gone from the list and 404 everywhere until the secretariat restores it", async () => {
    const v1 = unique("Udkast til invitation");
    const v2 = unique("Invitation, endelig");
    const { id, versions: first } = await uploadOk(
      member,
      { name: "invitation.txt", bytes: v1 },
      { title: "Invitation til temadag" },
    );
    expect(
      (await postMultipart(h, member, docUrl(id), formData({ name: "invitation.txt", bytes: v2 })))
        .status,
    ).toBe(302);
    const versions = versionsOf(await page(member, docUrl(id)));
    expect(first).toHaveLength(1);

    const trashed = await member.post(docUrl(id), { intent: "trash" });
    expect(trashed.status).toBe(302);
    expect(trashed.headers.get("location")).toBe(list());
    expect(rowsOf(await page(member, list())).map((r) => r.id)).not.toContain(id);

    for (const client of [member, secretariat]) {
      const detail = await client.get(docUrl(id));
      expect(detail.status).toBe(404);
      expect(mainOf(await detail.text())).toContain(DA.notFound);
      for (const v of versions) {
        for (const mode of ["download", "preview"]) {
          const res = await client.get(fileUrl(id, v.id, mode));
          expect(res.status, `${mode} of version ${v.no}`).toBe(404);
          expect(await res.text()).toBe(DA.notFound);
        }
      }
      // Nothing can be done to it while it is in the trash.
      expect(
        (await client.post(docUrl(id), { intent: "restoreVersion", versionId: versions[1]!.id }))
          .status,
      ).toBe(404);
      expect(
        (
          await postMultipart(
            h,
            client,
            docUrl(id),
            formData({ name: "x.txt", bytes: unique("x") }),
          )
        ).status,
      ).toBe(404);
    }

    // Members cannot see the trash or restore from it.
    const memberTrash = await member.get(`${list()}/trash`);
    expect(memberTrash.status).toBe(403);
    expect(mainOf(await memberTrash.text())).toContain(DA.forbidden);
    expect((await member.post(`${list()}/trash`, { documentId: id })).status).toBe(403);
    expect(mainOf(await page(member, list()))).not.toContain(`${list()}/trash`);

    const trashPage = mainOf(await page(secretariat, `${list()}/trash`));
    expect(textOf(trashPage)).toContain("Invitation til temadag · slettet af Yasmin Haddad");
    expect(trashPage).toContain(`value="${id}"`);

    const restored = await secretariat.post(`${list()}/trash`, { documentId: id });
    expect(restored.status).toBe(302);
    expect(restored.headers.get("location")).toBe(docUrl(id));
    expect(rowsOf(await page(member, list())).map((r) => r.id)).toContain(id);
    expect(versionsOf(await page(member, docUrl(id))).map((v) => v.no)).toEqual([2, 1]);
    const old = await download(member, fileUrl(id, versions[1]!.id, "download"));
    expect(old.bytes.equals(v1)).toBe(true);
    expect(mainOf(await page(secretariat, `${list()}/trash`))).not.toContain(`value="${id}"`);
    // Restoring twice, or a document that was never trashed, finds nothing.
    expect((await secretariat.post(`${list()}/trash`, { documentId: id })).status).toBe(404);
    expect((await secretariat.post(`${list()}/trash`, { documentId: "not-an-id" })).status).toBe(
      400,
    );
  });

  it("refuses files whose name lies about their content with 415 and keeps nothing", async () => {
    const liars: UploadFile[] = [
      { name: "referat.docx", bytes: pdf("Egentlig en PDF") },
      {
        name: "note.txt",
        bytes: Buffer.from("<!DOCTYPE html><html><script>alert(1)</script></html>"),
      },
      {
        name: "logo.png",
        bytes: Buffer.from(
          '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        ),
      },
      { name: "billede.pdf", bytes: PNG },
      // Allowed content, disallowed kinds: a program and a plain ZIP archive.
      {
        name: "program.exe",
        bytes: Buffer.concat([Buffer.from("MZ\x90\x00", "latin1"), unique("exe")]),
      },
      { name: "arkiv.zip", bytes: Buffer.from(zipSync({ "a.txt": strToU8("hej") })) },
      { name: "uden-endelse", bytes: unique("Tekst uden endelse") },
    ];
    const target = rowsOf(await page(member, list()))[0]!.id;
    for (const file of liars) {
      await expectNothingStored(h, async () => {
        const res = await upload(member, file, { title: `Afvist ${file.name}` });
        expect(res.status, file.name).toBe(415);
        expect(alertOf(await res.text())).toBe(TXT.type);
        // As a new version of an existing document too.
        const version = await postMultipart(h, member, docUrl(target), formData(file));
        expect(version.status, `${file.name} as a version`).toBe(415);
        expect(alertOf(await version.text())).toBe(TXT.type);
      });
    }
  });

  it("keeps a path-traversal file name only as metadata", async () => {
    const outside = path.dirname(h.config.filesPath);
    const before = filesUnder(outside).filter(
      (p) => !p.startsWith("files/") && !p.startsWith("hub.sqlite"),
    );
    for (const [name, stored] of [
      ["../../x.txt", "x.txt"],
      ["..\\..\\windows.txt", "windows.txt"],
      ["/etc/absolute.txt", "absolute.txt"],
      ["....//.hidden.txt", "hidden.txt"],
    ] as const) {
      const bytes = unique(`Sti ${name}`);
      const id = createdId(
        await postMultipart(
          h,
          secretariat,
          list(),
          rawMultipart({ name, bytes }, { title: `Sti ${stored}` }),
        ),
      );
      const [version] = versionsOf(await page(secretariat, docUrl(id)));
      expect(version!.name).toBe(stored);
      const got = await download(secretariat, fileUrl(id, version!.id, "download"));
      expect(disposition(got.res.headers.get("content-disposition")).name).toBe(stored);
      expect(got.bytes.equals(bytes)).toBe(true);
      expect(fs.existsSync(path.resolve(h.config.filesPath, "tmp", name))).toBe(false);
      expect(fs.existsSync(path.resolve(h.config.filesPath, name))).toBe(false);
    }
    expect(
      filesUnder(outside).filter((p) => !p.startsWith("files/") && !p.startsWith("hub.sqlite")),
    ).toEqual(before);
    expect(filesUnder(h.config.filesPath).every((p) => /^[0-9a-f]{2}\/[0-9a-f]{64}$/.test(p))).toBe(
      true,
    );
  });

  it("refuses an empty file (400) and a form without a file (400), keeping nothing", async () => {
    await expectNothingStored(h, async () => {
      const empty = await upload(
        member,
        { name: "tom.pdf", bytes: Buffer.alloc(0) },
        { title: "Tom" },
      );
      expect(empty.status).toBe(400);
      expect(alertOf(await empty.text())).toBe(TXT.empty);
      const none = await postMultipart(h, member, list(), formData(null, { title: "Ingen fil" }));
      expect(none.status).toBe(400);
      expect(alertOf(await none.text())).toBe(TXT.missing);
    });
  });

  it("refuses bad details with 400 and the field messages, and removes the uploaded file", async () => {
    await expectNothingStored(h, async () => {
      const res = await upload(
        member,
        { name: "notat.txt", bytes: unique("Notat med forkerte oplysninger") },
        {
          title: "Notat",
          documentDate: "2026-13-45",
          f2CaseNumber: "<script>alert(1)</script>",
          edocCaseNumber: "2025-0370200",
        },
      );
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(alertOf(html)).toBe(TXT.formInvalid);
      expect(fieldErrorOf(html, "documentDate")).toBe(TXT.date);
      expect(fieldErrorOf(html, "f2CaseNumber")).toBe(TXT.caseNumber);
      expect(html).not.toContain("<script>alert(1)");

      // A missing title, a folder of another space, and an organisation that does not exist.
      const otherFolder = (
        await h.db
          .selectFrom("folder")
          .innerJoin("space", "space.id", "folder.spaceId")
          .select("folder.id")
          .where("space.slug", "=", EXPERTS)
          .executeTakeFirstOrThrow()
      ).id;
      for (const fields of <Record<string, string>[]>[
        { title: "   " },
        { title: "Forkert mappe", folderId: otherFolder },
        { title: "Ukendt afsender", originOrganisationId: randomUUID() },
      ]) {
        const refused = await upload(member, { name: "notat.txt", bytes: unique("Notat") }, fields);
        expect(refused.status, JSON.stringify(fields)).toBe(400);
      }
    });
  });

  it("keeps a file that another version uses when an upload of the same content is refused", async () => {
    const bytes = unique("Delt indhold");
    const kept = await uploadOk(member, { name: "delt.txt", bytes }, { title: "Delt indhold" });
    await expectNothingStored(h, async () => {
      const res = await upload(
        member,
        { name: "delt.txt", bytes },
        { title: "Kopi", documentDate: "i går" },
      );
      expect(res.status).toBe(400);
    });
    const got = await download(member, fileUrl(kept.id, kept.versions[0]!.id, "download"));
    expect(got.res.status).toBe(200);
    expect(got.bytes.equals(bytes)).toBe(true);
  });

  it("answers 404 to a version upload for a document of another space, and stores nothing", async () => {
    const memo = rowsOf(await page(secretariat, list(EXPERTS))).find(
      (r) => r.title === MEMO.title,
    )!;
    const memoVersions = versionsOf(await page(secretariat, docUrl(memo.id, EXPERTS)));
    // The secretariat belongs to both spaces: only the space in the URL keeps them apart.
    await expectNothingStored(h, async () => {
      const res = await postMultipart(
        h,
        secretariat,
        docUrl(memo.id),
        formData(
          { name: "ny-version.pdf", bytes: pdf(`Ny version ${randomUUID()}`) },
          { note: "Forkert rum" },
        ),
      );
      expect(res.status).toBe(404);
      expect(mainOf(await res.text())).toContain(DA.notFound);
      for (const fields of <Record<string, string>[]>[
        { intent: "restoreVersion", versionId: memoVersions[0]!.id },
        { intent: "trash" },
        { intent: "edit", title: "Kapret" },
      ]) {
        expect((await secretariat.post(docUrl(memo.id), fields)).status, fields.intent).toBe(404);
      }
      expect((await secretariat.post(`${list()}/trash`, { documentId: memo.id })).status).toBe(404);
      for (const mode of ["download", "preview"]) {
        expect((await secretariat.get(fileUrl(memo.id, memoVersions[0]!.id, mode))).status).toBe(
          404,
        );
      }
    });
    expect(versionsOf(await page(secretariat, docUrl(memo.id, EXPERTS)))).toEqual(memoVersions);
  });

  it("answers 404 on every document URL to a member of another space", async () => {
    const training = rowsOf(await page(member, list())).find((r) =>
      r.title.startsWith("Oversigt over uddannelsesgange"),
    )!;
    const versions = versionsOf(await page(member, docUrl(training.id)));
    expect(versions).toHaveLength(2);
    const folder = new RegExp(`\\?folder=(${UUID_RE})`).exec(
      mainOf(await page(member, list())),
    )![1]!;
    await expectNothingStored(h, async () => {
      const pages = [list(), `${list()}?folder=${folder}`, docUrl(training.id), `${list()}/trash`];
      for (const pathname of pages) {
        const res = await outsider.get(pathname);
        expect(res.status, pathname).toBe(404);
        expect(mainOf(await res.text())).toContain(DA.notFound);
      }
      for (const v of versions) {
        for (const mode of ["download", "preview"]) {
          const res = await outsider.get(fileUrl(training.id, v.id, mode));
          expect(res.status, `${mode} of version ${v.no}`).toBe(404);
          expect(await res.text()).toBe(DA.notFound);
        }
      }
      const posts: Response[] = [
        await postMultipart(
          h,
          outsider,
          list(),
          formData({ name: "x.txt", bytes: unique("x") }, { title: "x" }),
        ),
        await postMultipart(
          h,
          outsider,
          docUrl(training.id),
          formData({ name: "x.txt", bytes: unique("x") }),
        ),
        await outsider.post(list(), { intent: "createFolder", name: "Indbrud" }),
        await outsider.post(docUrl(training.id), {
          intent: "restoreVersion",
          versionId: versions[1]!.id,
        }),
        await outsider.post(docUrl(training.id), { intent: "trash" }),
        await outsider.post(`${list()}/trash`, { documentId: training.id }),
      ];
      expect(posts.map((r) => r.status)).toEqual(posts.map(() => 404));
    });
    // And the other way round: the network's member sees nothing of the expert group's papers.
    const memo = rowsOf(await page(outsider, list(EXPERTS))).find((r) => r.title === MEMO.title)!;
    const [memoVersion] = versionsOf(await page(outsider, docUrl(memo.id, EXPERTS)));
    for (const pathname of [
      list(EXPERTS),
      docUrl(memo.id, EXPERTS),
      fileUrl(memo.id, memoVersion!.id, "download", EXPERTS),
      fileUrl(memo.id, memoVersion!.id, "preview", EXPERTS),
    ]) {
      expect((await member.get(pathname)).status, pathname).toBe(404);
    }
    // Signed out, every URL sends to the login page rather than serving anything.
    const anonymous = new Client(h.url);
    const res = await anonymous.get(fileUrl(training.id, versions[0]!.id, "download"));
    expect(res.status).not.toBe(200);
  });

  it("lets observers read and download, but not upload or change anything (403)", async () => {
    const listing = await page(observer, list());
    expect(mainOf(listing)).not.toContain(TXT.uploadHeading);
    const training = rowsOf(listing).find((r) =>
      r.title.startsWith("Oversigt over uddannelsesgange"),
    )!;
    const detail = await page(observer, docUrl(training.id));
    const versions = versionsOf(detail);
    expect(mainOf(detail)).not.toContain("Læg en ny version op");
    expect(mainOf(detail)).not.toContain("Flyt til papirkurven");
    const got = await download(observer, fileUrl(training.id, versions[1]!.id, "download"));
    expect(got.res.status).toBe(200);
    expect(got.bytes.toString("utf8")).toMatch(/^Dato;Tema;Sted/);

    await expectNothingStored(h, async () => {
      const refused: [string, Response][] = [
        [
          "upload",
          await upload(observer, { name: "o.txt", bytes: unique("o") }, { title: "Observatør" }),
        ],
        [
          "version",
          await postMultipart(
            h,
            observer,
            docUrl(training.id),
            formData({ name: "o.txt", bytes: unique("o") }),
          ),
        ],
        [
          "folder",
          await observer.post(list(), { intent: "createFolder", name: "Observatørens mappe" }),
        ],
        [
          "restore",
          await observer.post(docUrl(training.id), {
            intent: "restoreVersion",
            versionId: versions[1]!.id,
          }),
        ],
        ["edit", await observer.post(docUrl(training.id), { intent: "edit", title: "Ændret" })],
        ["trash", await observer.post(docUrl(training.id), { intent: "trash" })],
      ];
      for (const [what, res] of refused) {
        expect(res.status, what).toBe(403);
        expect(mainOf(await res.text()), what).toContain(DA.forbidden);
      }
    });
    expect(versionsOf(await page(observer, docUrl(training.id)))).toEqual(versions);
  });

  it("removes the temporary file of an upload whose connection drops, and stores no row", async () => {
    const boundary = "----hubinterrupted";
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nAfbrudt\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="stor.txt"\r\n` +
        "Content-Type: text/plain\r\n\r\n",
    );
    const declared = head.length + 2_000_000;
    await expectNothingStored(h, async () => {
      const req = http.request(`${h.url}${list()}`, {
        method: "POST",
        headers: {
          Origin: h.url,
          Cookie: member.cookieHeader(),
          "Content-Type": `multipart/form-data; boundary=${boundary}`,
          "Content-Length": String(declared),
        },
      });
      req.on("error", () => {}); // why: the test destroys the socket on purpose
      req.write(head);
      req.write(Buffer.alloc(300_000, "a"));
      // The server is writing the file into tmp/ by now.
      await eventually(() => {
        expect(filesUnder(path.join(h.config.filesPath, "tmp")).length).toBe(1);
      });
      req.destroy();
      await eventually(() => {
        expect(filesUnder(path.join(h.config.filesPath, "tmp"))).toEqual([]);
      });
    });
    // The hub carries on.
    expect((await member.get(list())).status).toBe(200);
  });

  it("leaves no temporary file when the connection drops right after the file part begins", async () => {
    const boundary = "----hubdropped";
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="kort.txt"\r\n` +
        "Content-Type: text/plain\r\n\r\nNogle få bytes",
    );
    await expectNothingStored(h, async () => {
      // Dropped before the server can have opened its temporary file: it must still find it.
      for (let i = 0; i < 10; i++) {
        const socket = net.connect(Number(new URL(h.url).port), "127.0.0.1");
        socket.on("error", () => {}); // why: the test resets the connection on purpose
        await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
        socket.write(
          `POST ${list()} HTTP/1.1\r\nHost: ${new URL(h.url).host}\r\nOrigin: ${h.url}\r\n` +
            `Cookie: ${member.cookieHeader()}\r\n` +
            `Content-Type: multipart/form-data; boundary=${boundary}\r\n` +
            `Content-Length: ${head.length + 10_000}\r\n\r\n`,
        );
        socket.write(head);
        await new Promise((r) => setTimeout(r, i * 3));
        socket.resetAndDestroy();
      }
      await eventually(() => {
        expect(filesUnder(path.join(h.config.filesPath, "tmp"))).toEqual([]);
      });
      // Give a late-opened file the chance to appear before the final look.
      await new Promise((r) => setTimeout(r, 200));
    });
    expect((await member.get(list())).status).toBe(200);
  });
});

describe("upload size limits", () => {
  let h: TestHub;
  let member: Client;
  const LIMIT = 1000;

  beforeAll(async () => {
    h = await startTestHub({ env: { UPLOAD_MAX_BYTES: String(LIMIT) } });
    member = await signIn(h, "ngo@bispebjerg.example");
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Sends only the request headers and resolves with the response, without writing any body. */
  function headersOnly(
    pathname: string,
    headers: Record<string, string>,
  ): Promise<{ status: number; body: string; bodySent: number }> {
    return new Promise((resolve, reject) => {
      const req = http.request(`${h.url}${pathname}`, {
        method: "POST",
        headers: { Origin: h.url, Cookie: member.cookieHeader(), ...headers },
      });
      const timer = setTimeout(
        () => reject(new Error("no answer before the body was sent")),
        5_000,
      );
      req.on("error", reject);
      req.on("response", (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, body, bodySent: req.socket?.bytesWritten ?? 0 });
          req.destroy();
        });
      });
      req.flushHeaders();
    });
  }

  it("refuses a declared length over the limit with 413 before the body is sent", async () => {
    await expectNothingStored(h, async () => {
      for (const pathname of [list(), docUrl(randomUUID())]) {
        const answer = await headersOnly(pathname, {
          "Content-Type": "multipart/form-data; boundary=x",
          "Content-Length": String(500 * 1024 * 1024),
        });
        expect(answer.status, pathname).toBe(413);
        expect(answer.body).toBe(TXT.requestTooLarge);
        // Only the request head went out: the server answered without waiting for a body.
        expect(answer.bodySent).toBeLessThan(2_000);
      }
    });
  });

  it("refuses a body without a declared length (411), since it could only be measured by buffering", async () => {
    await expectNothingStored(h, async () => {
      const answer = await headersOnly(list(), {
        "Content-Type": "multipart/form-data; boundary=x",
        "Transfer-Encoding": "chunked",
      });
      expect(answer.status).toBe(411);
      expect(answer.body).toBe(TXT.lengthRequired);
    });
  });

  it("refuses a file over the limit inside an allowed body with 413, keeping nothing", async () => {
    await expectNothingStored(h, async () => {
      const exact = await upload(Buffer.alloc(LIMIT + 1, "a"));
      expect(exact.status).toBe(413);
      expect(alertOf(await exact.text())).toMatch(/^Filen er for stor\./);
      // A file of exactly the limit is fine (and removed again by the refusal of its details).
      const atLimit = await upload(Buffer.alloc(LIMIT, "b"), { documentDate: "x" });
      expect(atLimit.status).toBe(400);
    });
  });

  it("refuses a body that is longer than it declared, keeping nothing", async () => {
    const boundary = "----hubliar";
    const head =
      `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nLøgn\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="l.txt"\r\n` +
      "Content-Type: text/plain\r\n\r\n";
    await expectNothingStored(h, async () => {
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = net.connect(Number(new URL(h.url).port), "127.0.0.1");
        let text = "";
        socket.on("data", (c) => (text += c.toString("utf8")));
        socket.on("error", () => resolve(text)); // why: the server may reset after refusing
        socket.on("close", () => resolve(text));
        setTimeout(() => reject(new Error("no answer")), 5_000);
        const declared = Buffer.byteLength(head) + 500;
        socket.write(
          `POST ${list()} HTTP/1.1\r\nHost: ${new URL(h.url).host}\r\nOrigin: ${h.url}\r\n` +
            `Cookie: ${member.cookieHeader()}\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\n` +
            `Content-Length: ${declared}\r\nConnection: close\r\n\r\n`,
        );
        socket.write(head);
        socket.end(Buffer.alloc(50_000, "c"));
      });
      // Only the declared bytes are read: the form inside them is cut off (400), and the
      // bytes after them are no valid request either, so whichever answers first says 400.
      expect(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1])).toBe(400);
      // The hub may still be cleaning up after the parser's answer went out.
      await eventually(() => {
        expect(filesUnder(path.join(h.config.filesPath, "tmp"))).toEqual([]);
      });
    });
    expect((await member.get(list())).status).toBe(200);
  });

  async function upload(bytes: Buffer, fields: Record<string, string> = {}) {
    return postMultipart(
      h,
      member,
      list(),
      formData({ name: "stor.txt", bytes }, { title: "Stor", ...fields }),
    );
  }
});

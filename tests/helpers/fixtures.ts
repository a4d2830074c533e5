import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { io, type Socket } from "socket.io-client";
import { hashPassword } from "../../app/auth/password.server";
import { blobPath } from "../../app/lib/blob-store.server";
import { newId, nowIso } from "../../app/lib/ids.server";
import { createDocument, moveToTrash, type StoredFile } from "../../app/models/document.server";
import { refreshSearchText } from "../../app/models/person.server";
import { createThread } from "../../app/models/thread.server";
import type { Database } from "../../db/client";
import { Client, DEMO_PASSWORD, type TestHub } from "./hub";

/** Danish texts the tests look for, as a visitor reads them. */
export const DA = {
  notFound: "Siden findes ikke, eller du har ikke adgang til den.",
  forbidden: "Du har ikke adgang til denne handling.",
  deactivatedLogin: "Din konto er deaktiveret. Kontakt sekretariatet.",
} as const;

/** The page's own content, without the header menu and footer. */
export function mainOf(html: string): string {
  return /<main[^]*?<\/main>/.exec(html)?.[0] ?? "";
}

/** The message rendered under a form field (Conform's `<form>-<field>-error` element). */
export function fieldError(html: string, field: string): string | null {
  return (
    new RegExp(`id="[^"]*-${field}-error" class="field__error">([^<]*)<`).exec(html)?.[1] ?? null
  );
}

/** Undoes React's HTML escaping of text, enough for names, emails and phone numbers. */
export function unescapeHtml(text: string): string {
  return text
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/** Ids of the people linked from `html` (`/people/<id>`), as a set. */
export function linkedPeople(html: string): Set<string> {
  return new Set([...html.matchAll(new RegExp(`href="/people/(${UUID})"`, "g"))].map((m) => m[1]!));
}

/** Addresses behind `mailto:` links in `html`, as a set. */
export function mailtoAddresses(html: string): Set<string> {
  return new Set([...html.matchAll(/href="mailto:([^"]+)"/g)].map((m) => unescapeHtml(m[1]!)));
}

/** A semicolon CSV as written by app/lib/csv.ts, BOM stripped, into rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const src = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ";") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && src[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

/** A CSV cell as the person's data: the anti-formula apostrophe removed, empty as null. */
export function csvValue(cell: string | undefined): string | null {
  if (!cell) return null;
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

export async function userId(db: Database, email: string): Promise<string> {
  const row = await db
    .selectFrom("user")
    .select("id")
    .where("email", "=", email)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function spaceId(db: Database, slug: string): Promise<string> {
  const row = await db
    .selectFrom("space")
    .select("id")
    .where("slug", "=", slug)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function organisationId(db: Database, name: string): Promise<string> {
  const row = await db
    .selectFrom("organisation")
    .select("id")
    .where("name", "=", name)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function membershipId(db: Database, slug: string, email: string): Promise<string> {
  const row = await db
    .selectFrom("membership")
    .innerJoin("space", "space.id", "membership.spaceId")
    .innerJoin("user", "user.id", "membership.userId")
    .select("membership.id")
    .where("space.slug", "=", slug)
    .where("user.email", "=", email)
    .where("membership.leftAt", "is", null)
    .executeTakeFirstOrThrow();
  return row.id;
}

let demoHash: Promise<string> | undefined;
/** The demo password's hash, computed once: argon2id per fixture person would be slow. */
export function demoPasswordHash(): Promise<string> {
  demoHash ??= hashPassword(DEMO_PASSWORD);
  return demoHash;
}

export interface PersonFixture {
  email: string;
  name: string;
  title?: string | null;
  organisationId?: string | null;
  phone?: string | null;
  contactVisibility?: "members" | "nobody";
  status?: "active" | "deactivated";
  expertise?: string[];
  /** Give the person the demo password, so that they can sign in. */
  canSignIn?: boolean;
}

/** Inserts a person straight into the database, searchable like a seeded one. */
export async function createPerson(db: Database, p: PersonFixture): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db
    .insertInto("user")
    .values({
      id,
      email: p.email.toLowerCase(),
      name: p.name,
      title: p.title ?? null,
      organisationId: p.organisationId ?? null,
      passwordHash: p.canSignIn ? await demoPasswordHash() : null,
      status: p.status ?? "active",
      bio: "",
      phone: p.phone ?? null,
      contactVisibility: p.contactVisibility ?? "members",
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  if (p.expertise?.length) {
    await db
      .insertInto("userExpertise")
      .values(p.expertise.map((tag) => ({ userId: id, tag })))
      .execute();
  }
  await refreshSearchText(db, { userId: id });
  return id;
}

/** A membership row, current unless `leftAt` is given. */
export async function createMembership(
  db: Database,
  m: { spaceId: string; userId: string; role: string; leftAt?: string | null },
): Promise<string> {
  const id = newId();
  await db
    .insertInto("membership")
    .values({
      id,
      spaceId: m.spaceId,
      userId: m.userId,
      role: m.role,
      appointedAt: "2024-03-01T00:00:00.000Z",
      leftAt: m.leftAt ?? null,
    })
    .execute();
  return id;
}

export async function createSpace(
  db: Database,
  s: { slug: string; name: string; kind?: string },
): Promise<string> {
  const id = newId();
  await db
    .insertInto("space")
    .values({
      id,
      slug: s.slug,
      name: s.name,
      kind: s.kind ?? "follow_up_group",
      purpose: `Formål for ${s.name}`,
      periodStart: "2025-01-01",
      periodEnd: null,
      visibility: "private",
      createdAt: nowIso(),
    })
    .execute();
  return id;
}

/** A thread with its opening post, written through the model as the route would. */
export async function createTestThread(
  db: Database,
  t: { spaceId: string; authorId: string; title: string; body: string },
): Promise<{ threadId: string; postId: string }> {
  const result: { threadId?: string; postId?: string; status?: string } = await createThread(db, {
    spaceId: t.spaceId,
    authorId: t.authorId,
    title: t.title,
    post: { body: t.body, html: `<p>${t.body}</p>`, mentionedUserIds: [] },
  });
  if (!result.threadId || !result.postId || (result.status && result.status !== "created")) {
    throw new Error(`could not create thread ${t.title}: ${JSON.stringify(result)}`);
  }
  return { threadId: result.threadId, postId: result.postId };
}

/** Row counts of every table in the database (found by introspection, so new tables count too). */
const tablesOf = new WeakMap<Database, Promise<string[]>>();

export async function rowCounts(db: Database): Promise<Record<string, number>> {
  if (!tablesOf.has(db)) {
    tablesOf.set(
      db,
      db.introspection
        .getTables()
        .then((all) => all.map((t) => t.name).filter((name) => !name.startsWith("kysely_"))),
    );
  }
  const tables = (await tablesOf.get(db)!).sort();
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await db
      .selectFrom(table as "user")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

/** A signed-in client; the sign-in goes through the real login form. */
export async function signIn(h: TestHub, email: string, password = DEMO_PASSWORD) {
  const client = new Client(h.url);
  await client.login(email, password);
  return client;
}

/** A new client that carries a copy of `from`'s cookies (so its responses cannot change them). */
export function cloneClient(from: Client | null, base: string): Client {
  const client = new Client(base);
  if (from) for (const [k, v] of from.cookies) client.cookies.set(k, v);
  return client;
}

export type SocketOutcome =
  { connected: true; socket: Socket } | { connected: false; error: Error };

/** Connects over WebSocket with the given cookie and the hub's own Origin. */
export function connectSocket(h: TestHub, cookie: string | null): Promise<SocketOutcome> {
  const socket = io(h.url, {
    transports: ["websocket"],
    extraHeaders: { Origin: h.url, ...(cookie ? { Cookie: cookie } : {}) },
    reconnection: false,
    timeout: 5_000,
    forceNew: true,
  });
  return new Promise((resolve) => {
    socket.once("connect", () => resolve({ connected: true, socket }));
    socket.once("connect_error", (error) => {
      socket.close();
      resolve({ connected: false, error });
    });
  });
}

/**
 * A small valid one-page PDF. `label` goes into a comment, so that different labels give
 * different bytes (and so different stored files: blobs are named by their content).
 */
export function testPdf(label: string): Buffer {
  const head = `%PDF-1.4\n% ${label.replace(/[^\x20-\x7e]/g, "_")}\n`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
  ];
  let body = head;
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref =
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("") +
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${body.length}\n%%EOF\n`;
  return Buffer.from(body + xref, "latin1");
}

/** Stores `bytes` in the files folder where an upload would put them; the file as the model wants it. */
export function storeTestBlob(
  filesDir: string,
  bytes: Buffer,
  file: { originalName?: string; mimeType?: string } = {},
): StoredFile {
  const hash = createHash("sha256").update(bytes).digest("hex");
  const target = blobPath(filesDir, hash);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, bytes);
  return {
    hash,
    size: bytes.length,
    mimeType: file.mimeType ?? "application/pdf",
    originalName: file.originalName ?? "x.pdf",
  };
}

/** A document with one version (a PDF of its own on disk), written through the model. */
export async function createTestDocument(
  db: Database,
  filesDir: string,
  d: { spaceId: string; userId: string; title: string; trashed?: boolean },
): Promise<{ documentId: string; versionId: string }> {
  const created = await createDocument(db, {
    spaceId: d.spaceId,
    userId: d.userId,
    metadata: {
      title: d.title,
      description: "",
      folderId: null,
      documentDate: null,
      originOrganisationId: null,
      f2CaseNumber: null,
      f2DocumentNumber: null,
      edocCaseNumber: null,
      tags: [],
    },
    file: storeTestBlob(filesDir, testPdf(`${d.title} ${newId()}`)),
    note: "",
  });
  if (d.trashed) {
    await moveToTrash(db, { spaceId: d.spaceId, documentId: created.documentId, userId: d.userId });
  }
  return created;
}

import fs from "node:fs";
import path from "node:path";
import { renderPost } from "../../app/lib/markdown.server";
import { copenhagenToUtc } from "../../app/lib/zoned-time";
import { foldForSearch } from "../../app/lib/search-fold";
import { newId } from "../../app/lib/ids.server";
import { migrateToLatest, openDatabase, type Database } from "../../db/client";
import type { DB } from "../../db/schema";
import { APPOINTED_AT_BY_SPACE } from "../../db/seed/data";
import { seedDemoData } from "../../db/seed/index";
import type { Insertable } from "kysely";
import { formatInt, log, progress, seconds } from "./log";
import { Random } from "./random";
import * as text from "./dataset-text";

/**
 * The benchmark's dataset: the demo seed as the base, then people, memberships, threads and
 * replies bulk-inserted with plain Kysely inside transactions. Each kind of data is its own
 * step, so later features add a step here. The plan (with its initiatives, partners and updates)
 * comes from the demo seed (db/seed/plan.ts), as do the demo meetings and documents; on top of
 * those come ~2,000 documents' metadata and ~500 meetings with agendas.
 */

export const KNOWN_SPACE = "bispebjerg-netvaerk";
/** The member the HTTP scenarios sign in as; the seed makes them a member of KNOWN_SPACE. */
export const MEMBER_EMAIL = "ngo@bispebjerg.example";
export const KNOWN_THREAD_REPLIES = 50;

export interface DatasetTargets {
  organisations: number;
  people: number;
  threads: number;
  replies: number;
  documents: number;
  meetings: number;
}

export function targetsFor(scale: number): DatasetTargets {
  return {
    organisations: Math.max(5, Math.round(200 * scale)),
    people: Math.max(30, Math.round(2000 * scale)),
    threads: Math.max(30, Math.round(5000 * scale)),
    replies: Math.max(500, Math.round(200_000 * scale)),
    documents: Math.max(20, Math.round(2000 * scale)),
    meetings: Math.max(10, Math.round(500 * scale)),
  };
}

export interface DatasetInfo {
  scale: number;
  targets: DatasetTargets;
  counts: Record<string, number>;
  knownThread: {
    spaceSlug: string;
    threadId: string;
    title: string;
    replies: number;
    marker: string;
  };
  /** An upcoming meeting of KNOWN_SPACE with a full agenda, as the member sees it. */
  knownMeeting: {
    spaceSlug: string;
    meetingId: string;
    title: string;
    /** Agenda items and sub-items the member sees (closed ones without access left out). */
    visibleItems: number;
    /** The title of a closed item the member may NOT see: must not be on the page. */
    hiddenTitle: string;
  };
  /** A common name fragment for the member directory search. */
  directoryQuery: string;
  /** Threads the thread list of KNOWN_SPACE shows (its first 100, pinned first). */
  threadListItems: number;
  /** Threads of KNOWN_SPACE (not the known one) the reply benchmark posts into. */
  replyThreadIds: string[];
  /** A generated member of KNOWN_SPACE whose session the fan-out viewers share. */
  viewerEmail: string;
  memberEmail: string;
  generatedInMs: number;
  databaseBytes: number;
}

type Row<T extends keyof DB> = Insertable<DB[T]>;

interface Space {
  id: string;
  slug: string;
}

interface Context {
  db: Database;
  rnd: Random;
  targets: DatasetTargets;
  spaces: Space[];
  passwordHash: string;
  /** Current, non-observer members per space id: who can write there. */
  writers: Map<string, string[]>;
  /** Current members per space id. */
  members: Map<string, string[]>;
  /** Current secretariat members per space id: who creates meetings and documents. */
  secretariat: Map<string, string[]>;
  counts: Record<string, number>;
  now: number;
}

const DAY = 86_400_000;
const SPACE_WEIGHTS: Record<string, number> = {
  "bispebjerg-netvaerk": 0.5,
  ekspertgruppen: 0.25,
  foelgegruppen: 0.25,
};

/** Inserts rows in statements of at most `perStatement` rows (SQLite's variable limit). */
async function insertMany<T extends keyof DB>(
  db: Database,
  table: T,
  rows: Row<T>[],
  perStatement: number,
) {
  for (let i = 0; i < rows.length; i += perStatement) {
    // Kysely's row type is generic over the table; the rows are checked by the caller's Row<T>.
    await db
      .insertInto(table)
      .values(rows.slice(i, i + perStatement) as never)
      .execute();
  }
}

export async function generateDataset(
  dbPath: string,
  { scale, seed, password }: { scale: number; seed: number; password: string },
): Promise<DatasetInfo> {
  const started = Date.now();
  const targets = targetsFor(scale);
  const { db, sqlite } = openDatabase(dbPath);
  try {
    await migrateToLatest(db);
    await seedDemoData(db, { password, filesDir: path.join(path.dirname(dbPath), "files") });
    // A throw-away file: no need to sync each bulk transaction. The server reopens it with the
    // production pragmas (synchronous = FULL).
    sqlite.pragma("synchronous = OFF");

    const member = await db
      .selectFrom("user")
      .select(["id", "passwordHash"])
      .where("email", "=", MEMBER_EMAIL)
      .executeTakeFirstOrThrow();
    const ctx: Context = {
      db,
      rnd: new Random(seed),
      targets,
      spaces: await db.selectFrom("space").select(["id", "slug"]).orderBy("slug").execute(),
      passwordHash: member.passwordHash!,
      writers: new Map(),
      members: new Map(),
      secretariat: new Map(),
      counts: {},
      now: Date.now(),
    };

    const organisationIds = await addOrganisations(ctx);
    const viewerEmail = await addPeople(ctx, organisationIds);
    await loadMembers(ctx);
    const threads = await addThreadsAndReplies(ctx, member.id);
    await addReaders(ctx, threads.all);
    const documentIds = await addDocuments(ctx);
    const knownMeeting = await addMeetings(ctx, member.id, documentIds);

    sqlite.pragma("wal_checkpoint(TRUNCATE)");
    for (const table of [
      "user",
      "membership",
      "thread",
      "post",
      "threadReader",
      "document",
      "meeting",
      "agendaItem",
      "attendance",
      "initiative",
    ] as const) {
      const row = await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      ctx.counts[`${table}Rows`] = Number(row.n);
    }
    const info: DatasetInfo = {
      scale,
      targets,
      counts: ctx.counts,
      knownThread: threads.known,
      knownMeeting,
      directoryQuery: DIRECTORY_QUERY,
      threadListItems: Math.min(
        100,
        threads.all.filter((t) => t.spaceId === ctx.spaces.find((s) => s.slug === KNOWN_SPACE)!.id)
          .length,
      ),
      replyThreadIds: threads.replyTargets,
      viewerEmail,
      memberEmail: MEMBER_EMAIL,
      generatedInMs: Date.now() - started,
      databaseBytes: 0,
    };
    return info;
  } finally {
    await db.destroy();
    // After closing, so the size includes everything checkpointed.
  }
}

export function databaseBytes(dbPath: string): number {
  let total = 0;
  for (const suffix of ["", "-wal", "-shm"]) {
    try {
      total += fs.statSync(dbPath + suffix).size;
    } catch {
      // absent
    }
  }
  return total;
}

async function addOrganisations(ctx: Context): Promise<{ id: string; name: string }[]> {
  const { rnd, targets } = ctx;
  const now = new Date(ctx.now).toISOString();
  const rows: Row<"organisation">[] = [];
  const names = new Set<string>();
  while (rows.length < targets.organisations) {
    const [type, prefixes] = rnd.pick(text.ORG_KINDS);
    let name = `${rnd.pick(prefixes)} ${rnd.pick(text.PLACES)}`;
    if (names.has(name)) name = `${name} ${rows.length + 1}`;
    names.add(name);
    rows.push({
      id: newId(),
      name,
      type,
      description: `${name} arbejder lokalt med forebyggelse og fællesskaber for børn, unge og familier.`,
      website: null,
      createdAt: now,
    });
  }
  await ctx.db.transaction().execute((trx) => insertMany(trx, "organisation", rows, 500));
  ctx.counts.organisations = rows.length;
  log(`  organisations: ${formatInt(rows.length)}`);
  return [
    ...rows.map((r) => ({ id: r.id, name: r.name })),
    ...(await ctx.db.selectFrom("organisation").select(["id", "name"]).execute()).filter(
      (o) => !names.has(o.name),
    ),
  ];
}

/** People with profiles, expertise, languages and 1–3 memberships; returns the viewer's email. */
async function addPeople(
  ctx: Context,
  organisations: { id: string; name: string }[],
): Promise<string> {
  const { rnd, targets, spaces } = ctx;
  const now = new Date(ctx.now).toISOString();
  const users: Row<"user">[] = [];
  const expertise: Row<"userExpertise">[] = [];
  const languages: Row<"userLanguage">[] = [];
  const memberships: Row<"membership">[] = [];
  const known = spaces.find((s) => s.slug === KNOWN_SPACE)!;
  let viewerEmail = "";

  for (let i = 0; i < targets.people; i++) {
    const id = newId();
    const first = rnd.pick(text.FIRST_NAMES);
    const middle = rnd.pick(text.MIDDLE_NAMES);
    const last = rnd.pick(text.LAST_NAMES);
    const name = [first, middle, last].filter(Boolean).join(" ");
    const org = rnd.pick(organisations);
    const title = rnd.pick(text.TITLES);
    const tags = rnd.sample(text.EXPERTISE, rnd.int(1, 3));
    const email = `${foldForSearch(first).replace(/\W/g, "")}.${foldForSearch(last).replace(/\W/g, "")}.${i}@bench.example`;
    if (i === 0) viewerEmail = email;
    users.push({
      id,
      email,
      name,
      title,
      organisationId: org.id,
      passwordHash: ctx.passwordHash,
      isSiteAdmin: 0,
      status: "active",
      locale: "da",
      bio: `${title} i ${org.name}. Arbejder med ${tags.join(", ")}.`,
      phone: rnd.chance(0.5)
        ? `+45 00 ${String(rnd.int(10, 99))} ${String(rnd.int(10, 99))} ${String(rnd.int(10, 99))}`
        : null,
      contactVisibility: rnd.chance(0.9) ? "members" : "nobody",
      searchText: foldForSearch([name, org.name, title, ...tags].join(" ")),
      createdAt: now,
      updatedAt: now,
    });
    for (const tag of tags) expertise.push({ userId: id, tag });
    languages.push({ userId: id, language: "da" });
    for (const language of rnd.sample(text.LANGUAGES, rnd.int(0, 2))) {
      languages.push({ userId: id, language });
    }

    // The first person is the fan-out viewer: a plain member of the known space.
    const count =
      i === 0
        ? 1
        : rnd.weighted([
            [1, 70],
            [2, 25],
            [3, 5],
          ] as const);
    const chosen =
      i === 0
        ? [known]
        : rnd.sample(
            spaces.flatMap((s) =>
              Array.from({ length: Math.round((SPACE_WEIGHTS[s.slug] ?? 0.2) * 20) }, () => s),
            ),
            count * 4,
          );
    const seen = new Set<string>();
    for (const space of chosen) {
      if (seen.has(space.id) || seen.size >= count) continue;
      seen.add(space.id);
      const role =
        i === 0
          ? "member"
          : rnd.weighted([
              ["member", 88],
              ["observer", 8],
              ["chair", 2],
              ["secretariat", 2],
            ] as const);
      const base = Date.parse(
        APPOINTED_AT_BY_SPACE[space.slug as keyof typeof APPOINTED_AT_BY_SPACE] ?? now,
      );
      const appointed = base + rnd.int(0, 300) * DAY;
      const left = i !== 0 && rnd.chance(0.03) ? appointed + rnd.int(30, 200) * DAY : null;
      memberships.push({
        id: newId(),
        spaceId: space.id,
        userId: id,
        role,
        appointedAt: new Date(Math.min(appointed, ctx.now)).toISOString(),
        leftAt: left && left < ctx.now ? new Date(left).toISOString() : null,
      });
    }
  }

  const bar = progress("people", users.length);
  await ctx.db.transaction().execute(async (trx) => {
    for (let i = 0; i < users.length; i += 1000) {
      await insertMany(trx, "user", users.slice(i, i + 1000), 500);
      bar.update(Math.min(users.length, i + 1000));
    }
    await insertMany(trx, "userExpertise", expertise, 2000);
    await insertMany(trx, "userLanguage", languages, 2000);
    await insertMany(trx, "membership", memberships, 1000);
  });
  bar.done(`(${formatInt(memberships.length)} memberships)`);
  ctx.counts.people = users.length;
  ctx.counts.memberships = memberships.length;
  return viewerEmail;
}

async function loadMembers(ctx: Context) {
  const rows = await ctx.db
    .selectFrom("membership")
    .innerJoin("user", "user.id", "membership.userId")
    .select(["membership.spaceId", "membership.userId", "membership.role"])
    .where("membership.leftAt", "is", null)
    .where("user.status", "=", "active")
    .execute();
  for (const space of ctx.spaces) {
    ctx.members.set(space.id, []);
    ctx.writers.set(space.id, []);
    ctx.secretariat.set(space.id, []);
  }
  for (const r of rows) {
    ctx.members.get(r.spaceId)?.push(r.userId);
    if (r.role !== "observer") ctx.writers.get(r.spaceId)?.push(r.userId);
    if (r.role === "secretariat") ctx.secretariat.get(r.spaceId)?.push(r.userId);
  }
}

function bodyPool(rnd: Random, size: number): { body: string; html: string }[] {
  const pool: { body: string; html: string }[] = [];
  for (let i = 0; i < size; i++) {
    const paragraphs = rnd.sample(text.PARAGRAPHS, rnd.int(1, 3));
    const body = paragraphs.join("\n\n") + rnd.pick(text.MARKDOWN_EXTRAS);
    pool.push({ body, html: renderPost(body).html });
  }
  return pool;
}

interface ThreadPlan {
  id: string;
  spaceId: string;
  authorId: string;
  replies: number;
  createdAt: number;
}

/** Reply counts with a long tail: most threads short, a few long (capped at 1,500). */
function replyCounts(rnd: Random, threads: number, total: number): number[] {
  const weights = Array.from({ length: threads }, () => Math.min(40, 1 / (1 - rnd.next() * 0.98)));
  const sum = weights.reduce((s, w) => s + w, 0);
  const counts = weights.map((w) => Math.min(1500, Math.floor((w / sum) * total)));
  let missing = total - counts.reduce((s, c) => s + c, 0);
  while (missing > 0) {
    const i = rnd.int(0, threads - 1);
    if (counts[i]! < 1500) {
      counts[i]!++;
      missing--;
    }
  }
  return counts;
}

async function addThreadsAndReplies(ctx: Context, memberId: string) {
  const { rnd, targets, spaces } = ctx;
  const known = spaces.find((s) => s.slug === KNOWN_SPACE)!;
  const pool = bodyPool(rnd, 400);
  const spaceWeights = spaces.map((s) => [s, SPACE_WEIGHTS[s.slug] ?? 0.2] as const);

  // The known thread first: exactly 50 replies, in the known space, readable by the member.
  const plans: ThreadPlan[] = [];
  const knownId = newId();
  const counts = replyCounts(rnd, targets.threads - 1, targets.replies - KNOWN_THREAD_REPLIES);
  for (let i = 0; i < targets.threads; i++) {
    const space = i === 0 ? known : rnd.weighted(spaceWeights);
    const writers = ctx.writers.get(space.id)!;
    plans.push({
      id: i === 0 ? knownId : newId(),
      spaceId: space.id,
      authorId: i === 0 ? memberId : rnd.pick(writers),
      replies: i === 0 ? KNOWN_THREAD_REPLIES : counts[i - 1]!,
      createdAt: ctx.now - rnd.int(1, 700) * DAY - rnd.int(0, DAY),
    });
  }
  const knownTitle = "Koordinering af aktiviteter i efterårsferien (benchmarktråd)";
  const marker = `Svar ${KNOWN_THREAD_REPLIES} af ${KNOWN_THREAD_REPLIES} i benchmarktråden.`;

  const bar = progress("threads + replies", targets.replies);
  let repliesDone = 0;
  const CHUNK = 20_000; // replies per transaction
  let threadRows: Row<"thread">[] = [];
  let postRows: Row<"post">[] = [];
  const flush = async () => {
    if (!threadRows.length) return;
    const threadsNow = threadRows;
    const postsNow = postRows;
    threadRows = [];
    postRows = [];
    await ctx.db.transaction().execute(async (trx) => {
      await insertMany(trx, "thread", threadsNow, 500);
      for (let i = 0; i < postsNow.length; i += 2000) {
        await insertMany(trx, "post", postsNow.slice(i, i + 2000), 500);
        repliesDone += postsNow.slice(i, i + 2000).length;
        bar.update(Math.min(targets.replies, repliesDone));
      }
    });
  };

  for (const plan of plans) {
    const writers = ctx.writers.get(plan.spaceId)!;
    let at = plan.createdAt;
    const posts = 1 + plan.replies;
    for (let seq = 1; seq <= posts; seq++) {
      if (seq > 1) at += rnd.int(5, 60 * 24) * 60_000;
      at = Math.min(at, ctx.now - (posts - seq) * 1000);
      const isKnownLast = plan.id === knownId && seq === posts;
      const content = rnd.pick(pool);
      const body = isKnownLast ? `${content.body}\n\n${marker}` : content.body;
      postRows.push({
        id: newId(),
        threadId: plan.id,
        spaceId: plan.spaceId,
        seq,
        authorId: seq === 1 ? plan.authorId : rnd.pick(writers),
        clientId: null,
        body,
        bodyHtml: isKnownLast ? renderPost(body).html : content.html,
        createdAt: new Date(at).toISOString(),
        editedAt: null,
        deletedAt: null,
        hiddenAt: null,
        hiddenById: null,
        hiddenReason: null,
      });
    }
    threadRows.push({
      id: plan.id,
      spaceId: plan.spaceId,
      title:
        plan.id === knownId
          ? knownTitle
          : `${rnd.pick(text.THREAD_SUBJECTS)} – ${rnd.pick(text.PLACES)}`,
      authorId: plan.authorId,
      subjectType: null,
      subjectId: null,
      lastSeq: posts,
      replyCount: plan.replies,
      lastPostAt: new Date(at).toISOString(),
      pinnedAt:
        plan.id !== knownId && rnd.chance(0.01) ? new Date(plan.createdAt).toISOString() : null,
      lockedAt: plan.id !== knownId && rnd.chance(0.02) ? new Date(at).toISOString() : null,
      createdAt: new Date(plan.createdAt).toISOString(),
    });
    if (postRows.length >= CHUNK) await flush();
  }
  await flush();
  // The opening posts are not replies; the bar counts rows written.
  bar.done(`(${formatInt(plans.length)} threads, ${formatInt(repliesDone)} posts incl. openings)`);
  ctx.counts.threads = plans.length;
  ctx.counts.replies = plans.reduce((s, p) => s + p.replies, 0);

  const lockedIds = new Set(
    (
      await ctx.db.selectFrom("thread").select("id").where("lockedAt", "is not", null).execute()
    ).map((t) => t.id),
  );
  const candidates = plans
    .filter((p) => p.spaceId === known.id && p.id !== knownId && !lockedIds.has(p.id))
    .map((p) => p.id);
  return {
    all: plans,
    known: {
      spaceSlug: KNOWN_SPACE,
      threadId: knownId,
      title: knownTitle,
      replies: KNOWN_THREAD_REPLIES,
      marker,
    },
    replyTargets: rnd.sample(candidates, 200),
  };
}

/** Read positions and follows: the author of each thread plus a few readers. */
async function addReaders(ctx: Context, threads: ThreadPlan[]) {
  const { rnd } = ctx;
  const rows: Row<"threadReader">[] = [];
  const now = new Date(ctx.now).toISOString();
  for (const t of threads) {
    const lastSeq = t.replies + 1;
    const readers = new Set([
      t.authorId,
      ...rnd.sample(ctx.members.get(t.spaceId)!, rnd.int(0, 5)),
    ]);
    for (const userId of readers) {
      const isAuthor = userId === t.authorId;
      const read = isAuthor ? lastSeq : rnd.int(0, lastSeq);
      rows.push({
        threadId: t.id,
        userId,
        lastReadSeq: read,
        previousReadSeq: Math.max(0, read - rnd.int(0, 5)),
        subscription: isAuthor ? "follow" : rnd.chance(0.05) ? "mute" : null,
        updatedAt: now,
      });
    }
  }
  const bar = progress("thread readers", rows.length);
  await ctx.db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 5000) {
      await insertMany(trx, "threadReader", rows.slice(i, i + 5000), 1000);
      bar.update(Math.min(rows.length, i + 5000));
    }
  });
  bar.done();
  ctx.counts.threadReaders = rows.length;
}

export function describeDataset(info: DatasetInfo): string {
  const c = info.counts;
  return (
    `${formatInt(c.people ?? 0)} generated people (+ seed), ${formatInt(c.organisations ?? 0)} organisations, ` +
    `${formatInt(c.memberships ?? 0)} memberships, ${formatInt(c.threads ?? 0)} threads, ` +
    `${formatInt(c.replies ?? 0)} replies, ${formatInt(c.threadReaders ?? 0)} read positions, ` +
    `${formatInt(c.documents ?? 0)} documents, ${formatInt(c.meetings ?? 0)} meetings with ` +
    `${formatInt(c.agendaItems ?? 0)} agenda items, the plan (${formatInt(c.initiativeRows ?? 0)} initiatives) ` +
    `(scale ${info.scale}) in ${seconds(info.generatedInMs)}`
  );
}

/** A fragment of common surnames (Hansen, Jensen, Nielsen, Andersen …) as a person types it. */
const DIRECTORY_QUERY = "sen";

/** The creator of a space's meetings and documents: its secretariat, else any writer. */
function organiser(ctx: Context, spaceId: string): string {
  const secretariat = ctx.secretariat.get(spaceId)!;
  return secretariat.length ? ctx.rnd.pick(secretariat) : ctx.rnd.pick(ctx.writers.get(spaceId)!);
}

/**
 * Documents' metadata (no files): a folder or two per space, one version each with its text
 * already extracted, so the server's extraction queue has nothing to do at start.
 */
async function addDocuments(ctx: Context): Promise<Map<string, string[]>> {
  const { rnd, targets, spaces } = ctx;
  const spaceWeights = spaces.map((s) => [s, SPACE_WEIGHTS[s.slug] ?? 0.2] as const);
  const folders: Row<"folder">[] = [];
  const folderIds = new Map<string, string[]>();
  const nowIso = new Date(ctx.now).toISOString();
  for (const space of spaces) {
    const ids: string[] = [];
    for (const name of ["Mødemateriale", "Notater", "Kursusmateriale"]) {
      const id = newId();
      ids.push(id);
      folders.push({ id, spaceId: space.id, name, createdAt: nowIso });
    }
    folderIds.set(space.id, ids);
  }
  const documents: Row<"document">[] = [];
  const versions: Row<"documentVersion">[] = [];
  const tags: Row<"documentTag">[] = [];
  const bySpace = new Map<string, string[]>(spaces.map((s) => [s.id, []]));
  for (let i = 0; i < targets.documents; i++) {
    const space = rnd.weighted(spaceWeights);
    const id = newId();
    const versionId = newId();
    const createdAt = new Date(ctx.now - rnd.int(1, 700) * DAY).toISOString();
    const kind = rnd.pick(text.DOCUMENT_KINDS);
    const title = `${kind}: ${rnd.pick(text.THREAD_SUBJECTS)} (${rnd.pick(text.PLACES)})`;
    const author = organiser(ctx, space.id);
    documents.push({
      id,
      spaceId: space.id,
      folderId: rnd.chance(0.7) ? rnd.pick(folderIds.get(space.id)!) : null,
      title,
      description: rnd.pick(text.PARAGRAPHS).slice(0, 200),
      documentDate: createdAt.slice(0, 10),
      originOrganisationId: null,
      f2CaseNumber: rnd.chance(0.3) ? `2024-${String(rnd.int(1000, 99999))}` : null,
      f2DocumentNumber: null,
      edocCaseNumber: null,
      currentVersionId: versionId,
      createdById: author,
      createdAt,
      updatedAt: createdAt,
      deletedAt: null,
      deletedById: null,
    });
    versions.push({
      id: versionId,
      documentId: id,
      spaceId: space.id,
      versionNo: 1,
      // Never served: the benchmark reads pages, not files.
      blobHash: id
        .replace(/[^0-9a-f]/gi, "0")
        .padEnd(64, "0")
        .slice(0, 64)
        .toLowerCase(),
      size: rnd.int(20_000, 2_000_000),
      mimeType: "application/pdf",
      originalName: `${kind.toLowerCase()}-${i + 1}.pdf`,
      uploadedById: author,
      createdAt,
      extractionStatus: "done",
      extractedText: rnd.pick(text.PARAGRAPHS),
    });
    for (const tag of rnd.sample(text.EXPERTISE, rnd.int(0, 2))) tags.push({ documentId: id, tag });
    bySpace.get(space.id)!.push(id);
  }
  const bar = progress("documents", documents.length);
  await ctx.db.transaction().execute(async (trx) => {
    await insertMany(trx, "folder", folders, 500);
    for (let i = 0; i < documents.length; i += 500) {
      await insertMany(trx, "document", documents.slice(i, i + 500), 500);
      await insertMany(trx, "documentVersion", versions.slice(i, i + 500), 500);
      bar.update(Math.min(documents.length, i + 500));
    }
    await insertMany(trx, "documentTag", tags, 1000);
  });
  bar.done();
  ctx.counts.documents = documents.length;
  return bySpace;
}

/** "YYYY-MM-DD" of an instant, for a Copenhagen wall-clock time on that day. */
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Meetings with agendas over the spaces, two thirds past (held, some minutes begun, a few
 * cancelled), the rest upcoming (published, a few drafts): 5–10 items, some with sub-items,
 * papers linked to the space's documents, a few closed items with agendaItemAccess, and
 * attendance answers from some of the members. The first is the known meeting the HTTP
 * scenarios read: upcoming, in KNOWN_SPACE, 10 items, one closed item naming the member and one
 * that does not.
 */
async function addMeetings(
  ctx: Context,
  memberId: string,
  documentIds: Map<string, string[]>,
): Promise<DatasetInfo["knownMeeting"]> {
  const { rnd, targets, spaces } = ctx;
  const known = spaces.find((s) => s.slug === KNOWN_SPACE)!;
  const spaceWeights = spaces.map((s) => [s, SPACE_WEIGHTS[s.slug] ?? 0.2] as const);
  const descriptions = bodyPool(rnd, 60);
  const meetings: Row<"meeting">[] = [];
  const items: Row<"agendaItem">[] = [];
  const access: Row<"agendaItemAccess">[] = [];
  const links: Row<"documentLink">[] = [];
  const attendance: Row<"attendance">[] = [];
  const knownInfo: DatasetInfo["knownMeeting"] = {
    spaceSlug: KNOWN_SPACE,
    meetingId: "",
    title: "Netværksmøde med fuld dagsorden (benchmarkmøde)",
    visibleItems: 0,
    hiddenTitle: "Lukket punkt uden adgang for medlemmet (benchmark)",
  };

  for (let m = 0; m < targets.meetings; m++) {
    const isKnown = m === 0;
    const space = isKnown ? known : rnd.weighted(spaceWeights);
    const members = ctx.members.get(space.id)!;
    const secretary = organiser(ctx, space.id);
    // Past: up to ~2 years back; upcoming: up to half a year ahead. The known one in 2 weeks.
    const dayOffset = isKnown ? 14 : rnd.chance(2 / 3) ? -rnd.int(1, 700) : rnd.int(1, 180);
    const day = dayOf(ctx.now + dayOffset * DAY);
    const startsAt = copenhagenToUtc(`${day}T${rnd.pick(["09:00", "13:00", "15:30", "17:00"])}`)!;
    const duration = rnd.pick([90, 120, 150]);
    const endsAt = new Date(Date.parse(startsAt) + duration * 60_000).toISOString();
    const isPast = dayOffset < 0;
    const status = isKnown
      ? "published"
      : isPast
        ? rnd.chance(0.03)
          ? "cancelled"
          : "held"
        : rnd.chance(0.1)
          ? "draft"
          : "published";
    const createdAt = new Date(Date.parse(startsAt) - rnd.int(20, 60) * DAY).toISOString();
    const publishedAt =
      status === "draft"
        ? null
        : new Date(Date.parse(createdAt) + rnd.int(1, 10) * DAY).toISOString();
    const id = newId();
    if (isKnown) knownInfo.meetingId = id;
    meetings.push({
      id,
      spaceId: space.id,
      seriesId: null,
      seriesDate: null,
      title: isKnown
        ? knownInfo.title
        : `${rnd.pick(text.MEETING_TITLES)} – ${rnd.pick(text.PLACES)}`,
      description: rnd.pick(text.PARAGRAPHS),
      startsAt,
      endsAt,
      place: rnd.pick(text.MEETING_ROOMS),
      onlineUrl: rnd.chance(0.3) ? "https://meet.example/netvaerk" : null,
      status,
      publishedAt,
      cancelledAt: status === "cancelled" ? publishedAt : null,
      minutesStatus: status === "held" ? rnd.pick(["none", "draft"]) : "none",
      minutesVersion: 0,
      minutesCirculatedAt: null,
      calendarSequence: 0,
      createdById: secretary,
      createdAt,
      updatedAt: publishedAt ?? createdAt,
    });

    const papers = documentIds.get(space.id)!;
    const topCount = isKnown ? 10 : rnd.int(5, 10);
    const titles = rnd.sample(text.AGENDA_TITLES, topCount);
    for (let p = 0; p < topCount; p++) {
      const itemId = newId();
      // The known meeting: item 4 is closed and names the member, item 7 is closed without them.
      const closed = isKnown ? p === 3 || p === 6 : rnd.chance(0.05);
      const title = isKnown && p === 6 ? knownInfo.hiddenTitle : titles[p]!;
      const description = rnd.pick(descriptions);
      items.push({
        id: itemId,
        meetingId: id,
        spaceId: space.id,
        parentId: null,
        position: p + 1,
        title,
        description: description.body,
        descriptionHtml: description.html,
        presenter: rnd.chance(0.6) ? rnd.pick(text.FIRST_NAMES) : "",
        durationMinutes: rnd.pick([5, 10, 15, 20, 30]),
        kind: rnd.pick(["orientation", "discussion", "decision"]),
        state: "accepted",
        proposedById: null,
        declineReason: null,
        isClosed: closed ? 1 : 0,
        minutesNotes: "",
        minutesDecision: "",
        createdById: secretary,
        createdAt,
        updatedAt: createdAt,
      });
      if (closed) {
        const named = new Set(rnd.sample(members, rnd.int(2, 6)));
        named.add(secretary);
        if (isKnown) {
          if (p === 3) named.add(memberId);
          else named.delete(memberId);
        }
        for (const userId of named) access.push({ agendaItemId: itemId, userId });
      }
      const visible = !closed || (isKnown && p === 3);
      if (isKnown && visible) knownInfo.visibleItems++;
      for (const documentId of rnd.sample(papers, isKnown ? rnd.int(1, 3) : rnd.int(0, 2))) {
        links.push({ documentId, subjectType: "agenda_item", subjectId: itemId });
      }
      const subs = isKnown ? (p % 3 === 1 ? 2 : 0) : rnd.chance(0.25) ? rnd.int(1, 3) : 0;
      for (let s = 0; s < subs; s++) {
        const subId = newId();
        items.push({
          id: subId,
          meetingId: id,
          spaceId: space.id,
          parentId: itemId,
          position: s + 1,
          title: text.SUB_ITEM_TITLES[s % text.SUB_ITEM_TITLES.length]!,
          description: "",
          descriptionHtml: "",
          presenter: "",
          durationMinutes: rnd.pick([5, 10, 15]),
          kind: "discussion",
          state: "accepted",
          proposedById: null,
          declineReason: null,
          isClosed: 0,
          minutesNotes: "",
          minutesDecision: "",
          createdById: secretary,
          createdAt,
          updatedAt: createdAt,
        });
        if (isKnown && visible) knownInfo.visibleItems++;
        if (rnd.chance(0.3)) {
          links.push({
            documentId: rnd.pick(papers),
            subjectType: "agenda_item",
            subjectId: subId,
          });
        }
      }
    }

    if (status !== "draft") {
      const answering = rnd.sample(members, Math.min(members.length, rnd.int(8, 40)));
      if (isKnown && !answering.includes(memberId)) answering.push(memberId);
      for (const userId of answering) {
        attendance.push({
          meetingId: id,
          userId,
          response: rnd.weighted([
            ["attending", 70],
            ["absent", 20],
            ["maybe", 10],
          ] as const),
          note: "",
          respondedAt: publishedAt ?? createdAt,
        });
      }
    }
  }

  const bar = progress("meetings with agendas", meetings.length);
  await ctx.db.transaction().execute(async (trx) => {
    for (let i = 0; i < meetings.length; i += 100) {
      await insertMany(trx, "meeting", meetings.slice(i, i + 100), 100);
      bar.update(Math.min(meetings.length, i + 100));
    }
    // Parents before their sub-items: each item is pushed before its children.
    await insertMany(trx, "agendaItem", items, 200);
    await insertMany(trx, "agendaItemAccess", access, 1000);
    // A document may be drawn twice for one item: the primary key would refuse the second.
    const unique = [...new Map(links.map((l) => [`${l.documentId}|${l.subjectId}`, l])).values()];
    await insertMany(trx, "documentLink", unique, 1000);
    await insertMany(trx, "attendance", attendance, 1000);
    ctx.counts.documentLinks = unique.length;
  });
  bar.done(
    `(${formatInt(items.length)} agenda items, ${formatInt(attendance.length)} attendance answers)`,
  );
  ctx.counts.meetings = meetings.length;
  ctx.counts.agendaItems = items.length;
  ctx.counts.closedItems = new Set(access.map((a) => a.agendaItemId)).size;
  ctx.counts.attendance = attendance.length;
  return knownInfo;
}

/**
 * What is wrong with a meeting page response for the known meeting, or null: every item the
 * member may see (items and sub-items), and not the closed item that does not name them.
 */
export function meetingProblem(info: DatasetInfo, status: number, html: string): string | null {
  if (status !== 200) return `HTTP ${status}`;
  const items = (html.match(/<li class="agenda__item"/g) ?? []).length;
  if (items !== info.knownMeeting.visibleItems) {
    return `${items} agenda items shown, expected ${info.knownMeeting.visibleItems}`;
  }
  if (html.includes(info.knownMeeting.hiddenTitle)) return "a closed item without access is shown";
  return null;
}

/** What is wrong with the known space's thread list, or null. */
export function threadListProblem(info: DatasetInfo, status: number, html: string): string | null {
  if (status !== 200) return `HTTP ${status}`;
  const items = (html.match(/<li class="thread-list__item"/g) ?? []).length;
  return items === info.threadListItems
    ? null
    : `${items} threads listed, expected ${info.threadListItems}`;
}

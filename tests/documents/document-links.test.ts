import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkDocument as linkAgendaPaper } from "../../app/models/agenda.server";
import { createConsultation } from "../../app/models/consultation.server";
import { linkDocument as linkInitiativeDocument } from "../../app/models/plan.server";
import {
  createMembership,
  createPerson,
  createTestDocument,
  createTestThread,
  DA,
  mainOf,
  rowCounts,
  signIn,
  spaceId,
  unescapeHtml,
  userId,
} from "../helpers/fixtures";
import type { Client, TestHub } from "../helpers/hub";
import { startTestHub } from "../helpers/hub";
import { createTestAgendaItem, createTestMeeting } from "../helpers/meeting-fixtures";

/**
 * Where a document is used: the "Bruges i" section of the document page (agenda items,
 * initiatives, consultations and threads, each only as far as the viewer may see it), linking a
 * document to a thread and back, the thread page's list of documents, and every list of linked
 * documents dropping a document once it is in the trash. All over real HTTP on a seeded hub.
 */

const NETWORK = "bispebjerg-netvaerk";
const EXPERTS = "ekspertgruppen";
const SECRETARIAT = "sekretariat@bif.example";
const docUrl = (id: string) => `/spaces/${NETWORK}/documents/${id}`;
const threadUrl = (id: string) => `/spaces/${NETWORK}/threads/${id}`;
const meetingUrl = (id: string) => `/spaces/${NETWORK}/meetings/${id}`;
const consultationUrl = (id: string) => `/spaces/${NETWORK}/consultations/${id}`;

const TXT = {
  usedIn: "Bruges i",
  threadNotInSpace: "Tråden findes ikke i dette rum.",
  chooseThread: "Vælg en tråd.",
  threadDocuments: "Dokumenter",
};

let h: TestHub;
let network: string;
let secretariatId: string;
const people: Record<"named" | "plain" | "observer", string> = {
  named: "",
  plain: "",
  observer: "",
};
const clients = {} as Record<"named" | "plain" | "observer" | "secretariat", Client>;
const tag = randomUUID().slice(0, 8);

/** A page's HTML as the person gets it (status checked), entities undone. */
async function page(client: Client, path: string): Promise<string> {
  const res = await client.get(path);
  expect(res.status, path).toBe(200);
  return unescapeHtml(await res.text());
}

/** The document page's "Bruges i" section. */
function usesOf(html: string): string {
  return /<section aria-labelledby="uses-heading">[^]*?<\/section>/.exec(mainOf(html))?.[0] ?? "";
}

async function linkCount(): Promise<number> {
  return (await rowCounts(h.db)).documentLink!;
}

/**
 * A document of the network linked everywhere a feature links documents: as a paper on an open
 * item, a closed item and an item of a draft meeting, to an initiative and to a consultation.
 */
async function linkedDocument(label: string) {
  const title = `Bilag ${label} ${tag}`;
  const { documentId } = await createTestDocument(h.db, h.config.filesPath, {
    spaceId: network,
    userId: secretariatId,
    title,
  });
  const meeting = { spaceId: network, createdById: secretariatId };
  const meetingTitle = `Netværksmøde ${label} ${tag}`;
  const meetingId = await createTestMeeting(h.db, {
    ...meeting,
    title: meetingTitle,
    status: "published",
    startsAt: "2026-03-19T15:00:00.000Z",
  });
  const openItem = `Åbent punkt ${label} ${tag}`;
  const openItemId = await createTestAgendaItem(h.db, {
    ...meeting,
    meetingId,
    title: openItem,
    position: 1,
  });
  const closedItem = `Lukket punkt ${label} ${tag}`;
  const closedItemId = await createTestAgendaItem(h.db, {
    ...meeting,
    meetingId,
    title: closedItem,
    position: 2,
    access: [people.named],
  });
  const draftMeetingId = await createTestMeeting(h.db, {
    ...meeting,
    title: `Kladdemøde ${label} ${tag}`,
    status: "draft",
  });
  const draftItem = `Kladdepunkt ${label} ${tag}`;
  const draftItemId = await createTestAgendaItem(h.db, {
    ...meeting,
    meetingId: draftMeetingId,
    title: draftItem,
    position: 1,
  });
  for (const itemId of [openItemId, closedItemId, draftItemId]) {
    await linkAgendaPaper(h.db, { itemId, documentId });
  }

  const initiative = await h.db
    .selectFrom("initiative")
    .select(["id", "title"])
    .orderBy("title")
    .executeTakeFirstOrThrow();
  await linkInitiativeDocument(h.db, { initiativeId: initiative.id, documentId });

  const consultationTitle = `Høring ${label} ${tag}`;
  const consultation = await createConsultation(h.db, {
    spaceId: network,
    createdById: secretariatId,
    title: consultationTitle,
    question: "Hvad mener I?",
    questionHtml: "<p>Hvad mener I?</p>",
    deadline: "2099-01-01T12:00:00.000Z",
    audience: "all",
    recipientIds: [],
    answerVisibility: "members",
    documentIds: [documentId],
  });
  if (consultation.status !== "created") throw new Error(consultation.status);

  const threadTitle = `Tråd ${label} ${tag}`;
  const { threadId } = await createTestThread(h.db, {
    spaceId: network,
    authorId: secretariatId,
    title: threadTitle,
    body: "Lad os drøfte bilaget.",
  });
  return {
    documentId,
    title,
    meetingId,
    meetingTitle,
    openItemId,
    openItem,
    closedItem,
    draftMeetingId,
    draftItem,
    initiative,
    consultationId: consultation.consultationId,
    consultationTitle,
    threadId,
    threadTitle,
  };
}

beforeAll(async () => {
  h = await startTestHub();
  network = await spaceId(h.db, NETWORK);
  secretariatId = await userId(h.db, SECRETARIAT);
  for (const [key, role] of [
    ["named", "member"],
    ["plain", "member"],
    ["observer", "observer"],
  ] as const) {
    const email = `links.${key}.${tag}@example.org`;
    people[key] = await createPerson(h.db, { email, name: `Links ${key}`, canSignIn: true });
    await createMembership(h.db, { spaceId: network, userId: people[key], role });
    clients[key] = await signIn(h, email);
  }
  clients.secretariat = await signIn(h, SECRETARIAT);
});
afterAll(async () => {
  await h?.close();
});

describe("where a document is used", () => {
  let d: Awaited<ReturnType<typeof linkedDocument>>;
  beforeAll(async () => {
    d = await linkedDocument("brug");
  });

  it("shows a member the agenda item, initiative, consultation and thread, each linking to its page", async () => {
    const linked = await clients.plain.post(docUrl(d.documentId), {
      intent: "linkThread",
      threadId: d.threadId,
    });
    expect(linked.status).toBe(302);
    expect(linked.headers.get("location")).toBe(docUrl(d.documentId));

    const uses = usesOf(await page(clients.plain, docUrl(d.documentId)));
    expect(uses).toContain(TXT.usedIn);
    expect(uses).toContain(`href="${meetingUrl(d.meetingId)}#item-${d.openItemId}"`);
    expect(uses).toContain(`${d.meetingTitle} (19. marts 2026): ${d.openItem}`);
    expect(uses).toContain(`href="/plan/${d.initiative.id}"`);
    expect(uses).toContain(d.initiative.title);
    expect(uses).toContain(`href="${consultationUrl(d.consultationId)}"`);
    expect(uses).toContain(d.consultationTitle);
    expect(uses).toContain(`href="${threadUrl(d.threadId)}"`);
    expect(uses).toContain(d.threadTitle);

    // The links lead somewhere the member may go.
    for (const path of [
      meetingUrl(d.meetingId),
      `/plan/${d.initiative.id}`,
      consultationUrl(d.consultationId),
      threadUrl(d.threadId),
    ]) {
      expect((await clients.plain.get(path)).status, path).toBe(200);
    }
  });

  it("hides a closed item from members not named on it, title and all, and shows it to those named", async () => {
    const plain = await page(clients.plain, docUrl(d.documentId));
    expect(plain).not.toContain(d.closedItem);
    const named = await page(clients.named, docUrl(d.documentId));
    expect(usesOf(named)).toContain(d.closedItem);
    expect(usesOf(named)).toContain(d.openItem);
  });

  it("hides a draft meeting's item from members and shows it to the secretariat", async () => {
    for (const who of ["plain", "named", "observer"] as const) {
      const html = await page(clients[who], docUrl(d.documentId));
      expect(html, who).not.toContain(d.draftItem);
      expect(html, who).not.toContain(d.draftMeetingId);
    }
    const secretariat = usesOf(await page(clients.secretariat, docUrl(d.documentId)));
    expect(secretariat).toContain(d.draftItem);
    // The secretariat is not named on the closed item either: that rule has no exception.
    expect(secretariat).not.toContain(d.closedItem);
  });

  it("lets a writer link the document to a thread of the space and unlink it again", async () => {
    const { threadId } = await createTestThread(h.db, {
      spaceId: network,
      authorId: secretariatId,
      title: `Endnu en tråd ${tag}`,
      body: "Et indlæg",
    });
    // The page offers the space's threads, newest activity first, in a labelled select.
    const form = mainOf(await page(clients.plain, docUrl(d.documentId)));
    const select = /<select id="link-threadId"[^]*?<\/select>/.exec(form)?.[0] ?? "";
    expect(form).toContain('<label for="link-threadId">Knyt dokumentet til en tråd</label>');
    expect(select).toContain(`value="${threadId}"`);
    expect(/value="([0-9a-f-]{36})"/.exec(select)?.[1]).toBe(threadId); // the newest first
    expect(select).not.toContain(`value="${d.threadId}"`); // already linked

    const res = await clients.plain.post(docUrl(d.documentId), { intent: "linkThread", threadId });
    expect(res.status).toBe(302);
    expect(usesOf(await page(clients.plain, docUrl(d.documentId)))).toContain(
      `href="${threadUrl(threadId)}"`,
    );
    expect(mainOf(await page(clients.plain, threadUrl(threadId)))).toContain(d.title);

    const before = await linkCount();
    const unlinked = await clients.named.post(docUrl(d.documentId), {
      intent: "unlinkThread",
      threadId,
    });
    expect(unlinked.status).toBe(302);
    expect(await linkCount()).toBe(before - 1);
    const after = usesOf(await page(clients.plain, docUrl(d.documentId)));
    expect(after).not.toContain(`href="${threadUrl(threadId)}"`);
    expect(after).toContain(`<option value="${threadId}">Endnu en tråd ${tag}</option>`);
    expect(mainOf(await page(clients.plain, threadUrl(threadId)))).not.toContain(d.title);
  });

  it("refuses an observer with 403 and writes nothing", async () => {
    const html = mainOf(await page(clients.observer, docUrl(d.documentId)));
    expect(html).toContain(d.threadTitle); // they see the link …
    expect(html).not.toContain('name="intent" value="linkThread"'); // … but get no form
    expect(html).not.toContain('name="intent" value="unlinkThread"');

    const before = await rowCounts(h.db);
    for (const intent of ["linkThread", "unlinkThread"]) {
      const res = await clients.observer.post(docUrl(d.documentId), {
        intent,
        threadId: d.threadId,
      });
      expect(res.status, intent).toBe(403);
      expect(await res.text()).toContain(DA.forbidden);
    }
    expect(await rowCounts(h.db)).toEqual(before);
  });

  it("refuses a thread of another space or no thread at all with a clear message, writing nothing", async () => {
    const experts = await spaceId(h.db, EXPERTS);
    const { threadId: foreign } = await createTestThread(h.db, {
      spaceId: experts,
      authorId: secretariatId,
      title: `Ekspertgruppens tråd ${tag}`,
      body: "Et indlæg",
    });
    const before = await rowCounts(h.db);
    for (const [fields, message] of [
      [{ intent: "linkThread", threadId: foreign }, TXT.threadNotInSpace],
      [{ intent: "unlinkThread", threadId: foreign }, TXT.threadNotInSpace],
      [{ intent: "linkThread", threadId: randomUUID() }, TXT.threadNotInSpace],
      [{ intent: "linkThread", threadId: "" }, TXT.chooseThread],
      [{ intent: "linkThread", threadId: "../../etc" }, TXT.chooseThread],
    ] as const) {
      // The secretariat is a member of both spaces: even they cannot link across spaces.
      const res = await clients.secretariat.post(docUrl(d.documentId), { ...fields });
      expect(res.status, JSON.stringify(fields)).toBe(400);
      const html = unescapeHtml(await res.text());
      expect(html).toContain(message);
      expect(html).not.toContain(`Ekspertgruppens tråd ${tag}`);
    }
    expect(await rowCounts(h.db)).toEqual(before);
    const foreignPage = await page(clients.secretariat, `/spaces/${EXPERTS}/threads/${foreign}`);
    expect(foreignPage).not.toContain(d.title);
  });
});

describe("a document in the trash", () => {
  it("disappears from the thread page, the agenda, the initiative and the consultation", async () => {
    const d = await linkedDocument("papirkurv");
    expect(
      (
        await clients.plain.post(docUrl(d.documentId), {
          intent: "linkThread",
          threadId: d.threadId,
        })
      ).status,
    ).toBe(302);

    const places = [
      threadUrl(d.threadId),
      meetingUrl(d.meetingId),
      `/plan/${d.initiative.id}`,
      consultationUrl(d.consultationId),
    ];
    const thread = mainOf(await page(clients.plain, threadUrl(d.threadId)));
    expect(thread).toContain(`<h2 id="thread-documents">${TXT.threadDocuments}</h2>`);
    expect(thread).toContain(`href="${docUrl(d.documentId)}"`);
    for (const path of places) {
      const html = mainOf(await page(clients.plain, path));
      expect(html, path).toContain(d.title);
      expect(html, path).toContain(`href="${docUrl(d.documentId)}"`);
    }

    const trashed = await clients.secretariat.post(docUrl(d.documentId), { intent: "trash" });
    expect(trashed.status).toBe(302);

    for (const path of places) {
      const html = await page(clients.plain, path);
      expect(html, path).not.toContain(d.title);
      expect(html, path).not.toContain(d.documentId);
    }
    expect(mainOf(await page(clients.plain, threadUrl(d.threadId)))).not.toContain(
      'id="thread-documents"',
    );
    // The links stay (the document can be restored from the trash); the page is gone meanwhile.
    expect((await clients.plain.get(docUrl(d.documentId))).status).toBe(404);
  });

  it("comes back everywhere when the secretariat restores it", async () => {
    const d = await linkedDocument("gendannet");
    await clients.plain.post(docUrl(d.documentId), { intent: "linkThread", threadId: d.threadId });
    await clients.secretariat.post(docUrl(d.documentId), { intent: "trash" });
    const restored = await clients.secretariat.post(`/spaces/${NETWORK}/documents/trash`, {
      documentId: d.documentId,
    });
    expect(restored.status).toBe(302);
    for (const path of [threadUrl(d.threadId), meetingUrl(d.meetingId)]) {
      expect(mainOf(await page(clients.plain, path)), path).toContain(d.title);
    }
  });
});

import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestHub, type TestHub } from "../helpers/hub";
import { DA, mainOf, signIn, unescapeHtml, userId } from "../helpers/fixtures";
import { createThread as createThreadInDb } from "../../app/models/thread.server";

/**
 * Threads over plain HTTP, as a browser without JavaScript uses them: every change is a form post
 * to the route action, every outcome is read back from the pages people see.
 */

const SLUG = "bispebjerg-netvaerk";
const LIST = `/spaces/${SLUG}/threads`;
const threadUrl = (id: string) => `${LIST}/${id}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Danish texts of the thread pages, as a member reads them. */
const TXT = {
  required: "Udfyld feltet.",
  tooLong: "Indlægget må højst være 20.000 tegn.",
  locked: "Tråden er lukket for nye indlæg.",
  deleted: "Indlægget er slettet af forfatteren.",
  hidden: (reason: string) => `Indlægget er skjult af sekretariatet: ${reason}`,
  hiddenForModerator: (reason: string) => `Skjult for medlemmerne: ${reason}`,
  observer: "Som observatør kan du læse med, men ikke skrive.",
  newMarker: "Nyt siden dit sidste besøg",
  historyTitle: "Tidligere versioner",
};

interface PagePost {
  seq: number;
  /** The post's markup as served, from its list item up to the next one. */
  html: string;
}

/** The posts of a thread page, in page order. */
function postsOf(page: string): PagePost[] {
  const main = mainOf(page);
  const start = main.indexOf('<ol class="posts"');
  if (start < 0) return [];
  const end = main.indexOf('<p class="typing"', start);
  const parts = main.slice(start, end < 0 ? undefined : end).split(/<li id="p(\d+)">/);
  const posts: PagePost[] = [];
  for (let i = 1; i < parts.length; i += 2) {
    posts.push({ seq: Number(parts[i]), html: parts[i + 1]! });
  }
  return posts;
}

/** The threads of a list page, in page order, with their unread counts. */
function threadsOf(page: string): { id: string; unread: number; muted: boolean }[] {
  return mainOf(page)
    .split('<li class="thread-list__item">')
    .slice(1)
    .map((chunk) => ({
      id: /href="\/spaces\/[^/]+\/threads\/([0-9a-f-]{36})"/.exec(chunk)?.[1] ?? "",
      unread: Number(/<p class="unread">(\d+) ny[te] indlæg<\/p>/.exec(chunk)?.[1] ?? 0),
      muted: chunk.includes("· lydløs"),
    }));
}

/** The unread badge next to the space in the header menu (0 when there is none). */
function headerUnread(page: string, slug = SLUG): number {
  const link = new RegExp(
    `href="/spaces/${slug}"[^>]*>[^<]*(<span class="nav-badge">[^<]*</span>)?`,
  );
  const match = link.exec(page);
  if (!match) throw new Error(`no header link to ${slug}`);
  return Number(/(\d+) ulæst/.exec(match[1] ?? "")?.[1] ?? 0);
}

/** The alert the thread page shows after a refused post. */
function alertOf(page: string): string | null {
  const text = /<p role="alert" class="form-error">([^<]*)<\/p>/.exec(page)?.[1];
  return text === undefined ? null : unescapeHtml(text);
}

describe("threads over HTTP", () => {
  let h: TestHub;
  let member: Client; // Yasmin Haddad, member
  let amira: Client; // Amira Khalil, member
  let secretariat: Client; // Mette Lindholm
  let chair: Client; // Leyla Özdemir
  let observer: Client; // Emre Yılmaz
  let former: Client; // Jonas Vestergaard, left the space
  let outsider: Client; // Sofie Bach Nielsen, ekspertgruppen only
  let ids: Record<"member" | "amira" | "chair" | "former" | "outsider", string>;

  beforeAll(async () => {
    h = await startTestHub();
    [member, amira, secretariat, chair, observer, former, outsider] = await Promise.all([
      signIn(h, "ngo@bispebjerg.example"),
      signIn(h, "amira.khalil@boernsvilkaar.example"),
      signIn(h, "sekretariat@bif.example"),
      signIn(h, "leyla.ozdemir@bif.example"),
      signIn(h, "emre.yilmaz@nordvestgym.example"),
      signIn(h, "jonas.vestergaard@cdp.example"),
      signIn(h, "ekspert@boernsvilkaar.example"),
    ]);
    ids = {
      member: await userId(h.db, "ngo@bispebjerg.example"),
      amira: await userId(h.db, "amira.khalil@boernsvilkaar.example"),
      chair: await userId(h.db, "leyla.ozdemir@bif.example"),
      former: await userId(h.db, "jonas.vestergaard@cdp.example"),
      outsider: await userId(h.db, "rasmus.kjaer@cntact.example"),
    };
  });
  afterAll(async () => {
    await h?.close();
  });

  async function createThread(
    client: Client,
    title: string,
    body = `Første indlæg i ${title}`,
  ): Promise<string> {
    const res = await client.post(LIST, { title, body, clientId: randomUUID() });
    expect(res.status).toBe(302);
    const id = res.headers.get("location")?.split("/").pop() ?? "";
    expect(id).toMatch(UUID);
    expect(res.headers.get("location")).toBe(threadUrl(id));
    return id;
  }

  function reply(client: Client, threadId: string, body: string, clientId = randomUUID()) {
    return client.post(threadUrl(threadId), { intent: "reply", body, clientId });
  }

  async function replyOk(client: Client, threadId: string, body: string): Promise<number> {
    const res = await reply(client, threadId, body);
    expect(res.status).toBe(200);
    return (await storedPosts(threadId)).length;
  }

  async function page(client: Client, path: string): Promise<string> {
    const res = await client.get(path);
    expect(res.status, path).toBe(200);
    return res.text();
  }

  function storedPosts(threadId: string) {
    return h.db
      .selectFrom("post")
      .select(["id", "seq", "body", "authorId", "clientId"])
      .where("threadId", "=", threadId)
      .orderBy("seq")
      .execute();
  }

  async function postIdAt(threadId: string, seq: number): Promise<string> {
    const posts = await storedPosts(threadId);
    return posts.find((p) => p.seq === seq)!.id;
  }

  async function threadCount(): Promise<number> {
    const row = await h.db
      .selectFrom("thread")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it("creating a thread redirects to it, and the list and the page show it", async () => {
    const id = await createThread(
      member,
      "Sommeraktiviteter 2026",
      "Hvem kan stå for **grillen**?",
    );
    const threadPage = await page(member, threadUrl(id));
    expect(mainOf(threadPage)).toContain("<h1>Sommeraktiviteter 2026</h1>");
    const posts = postsOf(threadPage);
    expect(posts.map((p) => p.seq)).toEqual([1]);
    expect(posts[0]!.html).toContain("Hvem kan stå for <strong>grillen</strong>?");
    expect(threadsOf(await page(amira, LIST)).map((t) => t.id)).toContain(id);
  });

  it("a new thread without a title or text is refused with Danish messages, and nothing is stored", async () => {
    const before = await threadCount();
    const res = await member.post(LIST, { title: "  ", body: "", clientId: randomUUID() });
    expect(res.status).toBe(400);
    const html = mainOf(await res.text());
    expect(html.match(new RegExp(`class="field__error">${TXT.required}<`, "g"))?.length).toBe(2);
    expect(await threadCount()).toBe(before);
  });

  it("a retried new thread with the same client id is stored once and leads to the same thread", async () => {
    const before = await threadCount();
    const fields = {
      title: "Nøglepersonsuddannelsen",
      body: "Tilmelding?",
      clientId: randomUUID(),
    };
    const first = await member.post(LIST, fields);
    const retry = await member.post(LIST, fields);
    expect(first.status).toBe(302);
    expect(retry.status).toBe(302);
    expect(retry.headers.get("location")).toBe(first.headers.get("location"));
    expect(await threadCount()).toBe(before + 1);

    // A client id already spent on a reply is no retry of a new thread: refused, nothing stored.
    const threadId = first.headers.get("location")!.split("/").pop()!;
    const replyId = randomUUID();
    expect((await reply(member, threadId, "Et svar", replyId)).status).toBe(200);
    const reused = await member.post(LIST, { title: "Genbrugt id", body: "x", clientId: replyId });
    expect(reused.status).toBe(400);
    expect(mainOf(await reused.text())).toContain("Formularen kunne ikke læses. Prøv igen.");
    expect(await threadCount()).toBe(before + 1);
  });

  it("replies appear in order; a retried reply with the same client id is stored once", async () => {
    const id = await createThread(member, "Mødested i efteråret");
    expect(await replyOk(amira, id, "Vi kan låne salen i beboerhuset.")).toBe(2);
    const clientId = randomUUID();
    const first = await reply(chair, id, "Jeg booker salen.", clientId);
    const retry = await reply(chair, id, "Jeg booker salen.", clientId);
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);

    const stored = await storedPosts(id);
    expect(stored.map((p) => p.seq)).toEqual([1, 2, 3]);
    expect(stored.filter((p) => p.clientId === clientId)).toHaveLength(1);
    const posts = postsOf(await page(member, threadUrl(id)));
    expect(posts.map((p) => p.seq)).toEqual([1, 2, 3]);
    expect(posts[1]!.html).toContain("Vi kan låne salen i beboerhuset.");
    expect(posts[2]!.html).toContain("Jeg booker salen.");
  });

  it("an empty or oversized reply gets 400 with the Danish message, and nothing is stored", async () => {
    const id = await createThread(member, "Grænser for indlæg");
    const cases: [string, string][] = [
      ["", TXT.required],
      ["   \n\t ", TXT.required],
      ["x".repeat(20_001), TXT.tooLong],
    ];
    for (const [body, message] of cases) {
      const res = await reply(member, id, body);
      expect(res.status, `${body.length} characters`).toBe(400);
      expect(alertOf(await res.text())).toBe(message);
    }
    expect((await storedPosts(id)).map((p) => p.seq)).toEqual([1]);
    // The limit itself is allowed.
    expect(await replyOk(member, id, "y".repeat(20_000))).toBe(2);
  });

  it("Markdown with script, iframe, javascript: links and onerror renders inert", async () => {
    const id = await createThread(member, "Markdown-test");
    const body = [
      "<script>alert('xss')</script>",
      '<iframe src="https://evil.example"></iframe>',
      '<img src="x" onerror="alert(1)">',
      "[klik](javascript:alert(1))",
      "[KLIK](JAVASCRIPT:alert(2))",
      "[tab](java\tscript:alert(3))",
      "[data](data:text/html;base64,PHNjcmlwdD4=)",
      '<a href="javascript:alert(4)">rå</a>',
      "[sikker](https://www.kk.dk/)",
    ].join("\n\n");
    expect(await replyOk(member, id, body)).toBe(2);

    for (const viewer of [member, amira, secretariat]) {
      const post = postsOf(await page(viewer, threadUrl(id)))[1]!.html;
      expect(post).not.toMatch(/<script/i);
      expect(post).not.toMatch(/<iframe/i);
      expect(post).not.toMatch(/<img/i);
      expect(post).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
      const hrefs = [...post.matchAll(/href="([^"]*)"/g)].map((m) => unescapeHtml(m[1]!));
      for (const href of hrefs) expect(href).not.toMatch(/^\s*(javascript|data|vbscript):/i);
      // The text is still there for people to read, as text.
      expect(post).toContain("&lt;script&gt;alert(");
      expect(post).toContain(
        '<a href="https://www.kk.dk/" rel="nofollow noopener noreferrer ugc">sikker</a>',
      );
    }
  });

  it("an @mention of a member links to the person and is stored; others stay plain text", async () => {
    const id = await createThread(member, "Hvem tager referat?");
    const body =
      "@leyla.ozdemir kan du tage det? Ellers @rasmus.kjaer eller @jonas.vestergaard, eller @ingen.her.";
    expect(await replyOk(member, id, body)).toBe(2);

    const post = postsOf(await page(amira, threadUrl(id)))[1]!.html;
    expect(post).toContain(
      `<a href="/people/${ids.chair}" class="mention" data-mention="${ids.chair}">@Leyla Özdemir</a>`,
    );
    // Rasmus is not in the space, Jonas has left it.
    expect(post).not.toContain(`/people/${ids.outsider}`);
    expect(post).not.toContain(`/people/${ids.former}`);
    expect(post).toContain("@rasmus.kjaer");
    expect(post).toContain("@jonas.vestergaard");
    const mentions = await h.db
      .selectFrom("postMention")
      .select("userId")
      .where("postId", "=", await postIdAt(id, 2))
      .execute();
    expect(mentions.map((m) => m.userId)).toEqual([ids.chair]);
  });

  it("the author edits a post and its history keeps the old text; nobody else may edit it", async () => {
    const id = await createThread(member, "Datoer for netværksmødet");
    await replyOk(member, id, "Mødet er den 3. marts.");
    const postId = await postIdAt(id, 2);

    const edit = await member.post(threadUrl(id), {
      intent: "edit",
      postId,
      body: "Mødet er flyttet til den 10. marts.",
    });
    expect(edit.status).toBe(200);
    const post = postsOf(await page(amira, threadUrl(id)))[1]!.html;
    expect(post).toContain("Mødet er flyttet til den 10. marts.");
    expect(post).not.toContain("3. marts");
    expect(post).toContain(`href="${threadUrl(id)}/posts/${postId}/history"`);

    const history = mainOf(await page(amira, `${threadUrl(id)}/posts/${postId}/history`));
    expect(history).toContain(TXT.historyTitle);
    expect(history).toContain("Mødet er flyttet til den 10. marts.");
    expect(history).toContain("Mødet er den 3. marts.");

    // Another member, the chair and the secretariat are not the author.
    for (const other of [amira, chair, secretariat]) {
      const res = await other.post(threadUrl(id), { intent: "edit", postId, body: "Overtaget" });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain(DA.forbidden);
    }
    const stored = (await storedPosts(id))[1]!;
    expect(stored.body).toBe("Mødet er flyttet til den 10. marts.");
    const revisions = await h.db
      .selectFrom("postRevision")
      .select("body")
      .where("postId", "=", postId)
      .execute();
    expect(revisions.map((r) => r.body)).toEqual(["Mødet er den 3. marts."]);
  });

  it("the author deletes a post: a tombstone keeps its place and the text is gone for everyone", async () => {
    const id = await createThread(member, "Lokaler");
    await replyOk(member, id, "Fortrydes: hemmeligt telefonnummer 12345678");
    await replyOk(amira, id, "Tak, noteret.");
    const postId = await postIdAt(id, 2);

    const other = await amira.post(threadUrl(id), { intent: "delete", postId });
    expect(other.status).toBe(403);

    const res = await member.post(threadUrl(id), { intent: "delete", postId });
    expect(res.status).toBe(200);
    for (const viewer of [amira, secretariat, member]) {
      const posts = postsOf(await page(viewer, threadUrl(id)));
      expect(posts.map((p) => p.seq)).toEqual([1, 2, 3]);
      expect(posts[1]!.html).toContain(TXT.deleted);
      expect(posts[1]!.html).toContain("slettet");
      expect(posts[1]!.html).not.toContain("12345678");
      expect(posts[2]!.html).toContain("Tak, noteret.");
    }
    expect((await storedPosts(id))[1]!.body).toBe("");
    expect((await member.get(`${threadUrl(id)}/posts/${postId}/history`)).status).toBe(404);
  });

  it("the secretariat hides a reply with a reason and shows it again; members see only the reason", async () => {
    const id = await createThread(member, "Debat om pressen");
    await replyOk(amira, id, "Et skarpt indlæg om en navngiven journalist.");
    const postId = await postIdAt(id, 2);
    const reason = "Hold tonen saglig";

    // Neither members nor the chair moderate.
    for (const other of [member, chair]) {
      const res = await other.post(threadUrl(id), { intent: "hide", postId, reason });
      expect(res.status).toBe(403);
    }
    expect((await secretariat.post(threadUrl(id), { intent: "hide", postId, reason })).status).toBe(
      200,
    );

    for (const viewer of [member, amira, chair, observer]) {
      const post = postsOf(await page(viewer, threadUrl(id)))[1]!.html;
      expect(post).toContain(TXT.hidden(reason));
      expect(post).not.toContain("navngiven journalist");
    }
    const moderated = postsOf(await page(secretariat, threadUrl(id)))[1]!.html;
    expect(moderated).toContain(TXT.hiddenForModerator(reason));
    expect(moderated).toContain("Et skarpt indlæg om en navngiven journalist.");

    expect((await secretariat.post(threadUrl(id), { intent: "unhide", postId })).status).toBe(200);
    const shown = postsOf(await page(member, threadUrl(id)))[1]!.html;
    expect(shown).toContain("Et skarpt indlæg om en navngiven journalist.");
    expect(shown).not.toContain(reason);
  });

  it("a locked thread refuses replies with 409 and the Danish message; unlocked it takes them again", async () => {
    const id = await createThread(member, "Afsluttet drøftelse");
    expect((await member.post(threadUrl(id), { intent: "lock" })).status).toBe(403);
    expect((await secretariat.post(threadUrl(id), { intent: "lock" })).status).toBe(200);

    for (const writer of [member, chair, secretariat]) {
      const res = await reply(writer, id, "Et sidste ord");
      expect(res.status).toBe(409);
      expect(alertOf(await res.text())).toBe(TXT.locked);
    }
    expect((await storedPosts(id)).map((p) => p.seq)).toEqual([1]);
    expect(mainOf(await page(member, threadUrl(id)))).toContain(TXT.locked);

    expect((await secretariat.post(threadUrl(id), { intent: "unlock" })).status).toBe(200);
    expect(await replyOk(member, id, "Alligevel et ord mere")).toBe(2);
  });

  it("a pinned thread comes first in the list, ahead of newer activity", async () => {
    const older = await createThread(member, "Fast info: kontaktliste");
    const newer = await createThread(member, "Nyeste tråd");
    await replyOk(amira, newer, "Aktivitet");
    const order = async () => threadsOf(await page(amira, LIST)).map((t) => t.id);
    expect((await order()).indexOf(newer)).toBeLessThan((await order()).indexOf(older));

    expect((await chair.post(threadUrl(older), { intent: "pin" })).status).toBe(403);
    expect((await secretariat.post(threadUrl(older), { intent: "pin" })).status).toBe(200);
    expect((await order())[0]).toBe(older);
    expect(mainOf(await page(amira, threadUrl(older)))).toContain("Fastgjort");

    expect((await secretariat.post(threadUrl(older), { intent: "unpin" })).status).toBe(200);
    expect((await order()).indexOf(newer)).toBeLessThan((await order()).indexOf(older));
  });

  it("the list shows 100 threads: every pinned one first, then the latest activity", async () => {
    // More threads than the list holds, older than anything else here; the oldest gets pinned.
    const space = await h.db
      .selectFrom("space")
      .select("id")
      .where("slug", "=", SLUG)
      .executeTakeFirstOrThrow();
    const start = Date.parse("2020-01-01T09:00:00Z");
    const bulk: string[] = [];
    for (let i = 0; i < 110; i++) {
      const created = await createThreadInDb(h.db, {
        spaceId: space.id,
        authorId: ids.member,
        title: `Arkivtråd ${i + 1}`,
        post: { body: "Gammel tråd", html: "<p>Gammel tråd</p>", mentionedUserIds: [] },
        now: new Date(start + i * 60_000),
      });
      bulk.push(created.threadId);
    }
    expect((await secretariat.post(threadUrl(bulk[0]!), { intent: "pin" })).status).toBe(200);

    const listed = threadsOf(await page(amira, LIST)).map((t) => t.id);
    const all = await h.db
      .selectFrom("thread")
      .select(["id", "pinnedAt"])
      .where("spaceId", "=", space.id)
      .orderBy("lastPostAt", "desc")
      .execute();
    const expected = [
      ...all.filter((t) => t.pinnedAt !== null),
      ...all.filter((t) => t.pinnedAt === null),
    ]
      .slice(0, 100)
      .map((t) => t.id);
    expect(all.length).toBeGreaterThan(100);
    expect(listed).toEqual(expected);
    expect(listed).toContain(bulk[0]);
    expect(listed).not.toContain(bulk[1]);

    // Gone again, so the unread counts the next tests check are not swamped by these.
    await h.db.deleteFrom("threadReader").where("threadId", "in", bulk).execute();
    await h.db.deleteFrom("post").where("threadId", "in", bulk).execute();
    await h.db.deleteFrom("thread").where("id", "in", bulk).execute();
  });

  it("an observer reads the thread but may not reply or start one", async () => {
    const id = await createThread(member, "Observatører læser med");
    const threadPage = mainOf(await page(observer, threadUrl(id)));
    expect(threadPage).toContain("Observatører læser med");
    expect(threadPage).toContain(TXT.observer);
    expect(threadPage).not.toContain('name="intent" value="reply"');
    expect(threadsOf(await page(observer, LIST)).map((t) => t.id)).toContain(id);

    const before = await threadCount();
    const res = await reply(observer, id, "Må jeg skrive?");
    expect(res.status).toBe(403);
    expect(await res.text()).toContain(DA.forbidden);
    const create = await observer.post(LIST, { title: "Fra observatøren", body: "Hej" });
    expect(create.status).toBe(403);
    expect((await storedPosts(id)).map((p) => p.seq)).toEqual([1]);
    expect(await threadCount()).toBe(before);
  });

  it("a non-member and a former member get 404 on the list, the thread, its history and posts", async () => {
    const id = await createThread(member, "Kun for netværket");
    await replyOk(member, id, "Første svar");
    const postId = await postIdAt(id, 1);
    await member.post(threadUrl(id), { intent: "edit", postId, body: "Rettet" });
    const before = await threadCount();

    for (const stranger of [outsider, former]) {
      for (const path of [LIST, threadUrl(id), `${threadUrl(id)}/posts/${postId}/history`]) {
        const res = await stranger.get(path);
        expect(res.status, path).toBe(404);
        const html = await res.text();
        expect(html).toContain(DA.notFound);
        expect(html).not.toContain("Kun for netværket");
      }
      const posted = await reply(stranger, id, "Indtrængen");
      expect(posted.status).toBe(404);
      const created = await stranger.post(LIST, { title: "Udefra", body: "Hej" });
      expect(created.status).toBe(404);
      for (const intent of ["lock", "pin"]) {
        expect((await stranger.post(threadUrl(id), { intent })).status).toBe(404);
      }
    }
    // The thread's id under the outsider's own space finds nothing either.
    const crossed = await outsider.get(`/spaces/ekspertgruppen/threads/${id}`);
    expect(crossed.status).toBe(404);
    expect((await reply(outsider, id, "x")).status).toBe(404);
    const viaOwn = await outsider.post(`/spaces/ekspertgruppen/threads/${id}`, {
      intent: "reply",
      body: "Via mit eget rum",
      clientId: randomUUID(),
    });
    expect(viaOwn.status).toBe(404);
    expect((await storedPosts(id)).map((p) => p.seq)).toEqual([1, 2]);
    expect(await threadCount()).toBe(before);
  });

  it("follow and mute are saved per person, and a muted thread leaves the header count", async () => {
    const id = await createThread(member, "Nyhedsbrev");
    const selected = async (client: Client) =>
      /<select id="subscription"[^>]*>[^]*?<option value="(\w+)" selected=""/.exec(
        await page(client, threadUrl(id)),
      )?.[1];
    expect(await selected(amira)).toBe("normal");

    const follow = await amira.post(threadUrl(id), { intent: "subscribe", subscription: "follow" });
    expect(follow.status).toBe(200);
    expect(await selected(amira)).toBe("follow");
    // Someone else's choice is their own.
    expect(await selected(chair)).toBe("normal");

    await amira.post(threadUrl(id), { intent: "subscribe", subscription: "mute" });
    expect(await selected(amira)).toBe("mute");
    const before = headerUnread(await page(amira, "/"));
    await replyOk(member, id, "Nyt i en lydløs tråd");
    const list = await page(amira, LIST);
    expect(threadsOf(list).find((t) => t.id === id)?.muted).toBe(true);
    expect(headerUnread(list)).toBe(before);

    await amira.post(threadUrl(id), { intent: "subscribe", subscription: "normal" });
    expect(await selected(amira)).toBe("normal");
    const bad = await amira.post(threadUrl(id), { intent: "subscribe", subscription: "spam" });
    expect(bad.status).toBe(400);
  });

  it("a reply by someone else shows as unread on the list and in the header until the thread is read", async () => {
    const id = await createThread(member, "Ulæste indlæg");
    // Amira catches up on everything in the space first.
    for (const t of threadsOf(await page(amira, LIST))) await page(amira, threadUrl(t.id));
    let list = await page(amira, LIST);
    expect(threadsOf(list).every((t) => t.unread === 0)).toBe(true);
    expect(headerUnread(list)).toBe(0);

    await replyOk(member, id, "Nyt svar til Amira");
    list = await page(amira, LIST);
    expect(threadsOf(list).find((t) => t.id === id)?.unread).toBe(1);
    expect(mainOf(list)).toContain('<p class="unread">1 nyt indlæg</p>');
    expect(headerUnread(list)).toBe(1);
    expect(headerUnread(await page(amira, "/"))).toBe(1);
    // One's own reply is never unread for oneself.
    expect(threadsOf(await page(member, LIST)).find((t) => t.id === id)?.unread).toBe(0);

    await page(amira, threadUrl(id));
    list = await page(amira, LIST);
    expect(threadsOf(list).find((t) => t.id === id)?.unread).toBe(0);
    expect(headerUnread(list)).toBe(0);
  });

  it("'Nyt siden dit sidste besøg' marks the first post that is new since the last visit", async () => {
    const id = await createThread(member, "Markør for nye indlæg");
    await replyOk(member, id, "Svar to");
    // The first visit has nothing to compare with.
    expect(await page(amira, threadUrl(id))).not.toContain(TXT.newMarker);

    await replyOk(amira, id, "Amiras eget svar");
    await replyOk(member, id, "Svar fire");
    await replyOk(chair, id, "Svar fem");
    const posts = postsOf(await page(amira, threadUrl(id)));
    const marked = posts.filter((p) => p.html.includes(TXT.newMarker));
    expect(marked.map((p) => p.seq)).toEqual([4]);
    expect(marked[0]!.html.indexOf(TXT.newMarker)).toBeLessThan(
      marked[0]!.html.indexOf("Svar fire"),
    );

    // Read now: the next visit has no marker.
    expect(await page(amira, threadUrl(id))).not.toContain(TXT.newMarker);
  });
});

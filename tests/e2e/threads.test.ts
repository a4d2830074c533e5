import type { Browser, BrowserContext, Page, WebSocket } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { SPACES } from "../../db/seed/data";
import { DEMO_PASSWORD, startTestHub, type TestHub } from "../helpers/hub";
import {
  expectNoAxeViolations,
  expectNoAxeViolationsWithoutJs,
  launchBrowser,
  newUserContext,
  waitForHydration,
} from "./browser";

// Discussion threads in a real Chromium against the production build: the live parts (replies,
// presence, typing, unread counts, catch-up after a lost connection) between two or more people
// at once, each in their own context, and the same thread without JavaScript. One hub and one
// browser for the file; the tests run in order and share one thread, started in the first test.

let hub: TestHub;
let browser: Browser;
const contexts: BrowserContext[] = [];
const sessions: Session[] = [];

beforeAll(async () => {
  [hub, browser] = await Promise.all([startTestHub(), launchBrowser()]);
}, 60_000);

afterAll(async () => {
  await Promise.allSettled(contexts.map((c) => c.close()));
  await browser?.close();
  await hub?.close();
}, 20_000);

// No page may report a CSP violation or an uncaught error, in any step.
afterEach(() => {
  expect(sessions.flatMap((s) => s.problems)).toEqual([]);
});

type Session = Awaited<ReturnType<typeof newUserContext>> & { name: string };

const NETWORK = SPACES.find((s) => s.slug === "bispebjerg-netvaerk")!;
const LIST_PATH = `/spaces/${NETWORK.slug}/threads`;
const THREAD_PATH = new RegExp(`/spaces/${NETWORK.slug}/threads/[0-9a-f-]{36}$`);

/** Retries until the page catches up; a loaded 2-core machine needs more than the 1 s default. */
const poll = <T>(read: () => T | Promise<T>, timeout = 5_000) =>
  expect.poll(read, { timeout, interval: 50 });

/** A signed-in person with their own context, kept for the whole file. */
async function openSession(
  name: string,
  options: Parameters<typeof newUserContext>[2] = {},
): Promise<Session> {
  const session = { ...(await newUserContext(browser, hub.url, options)), name };
  contexts.push(session.context);
  sessions.push(session);
  return session;
}

/** Signs in over HTTP in the context (cookies are shared with its pages): no page visited. */
async function signInQuietly(session: Session, email: string) {
  const response = await session.context.request.post("/login", {
    form: { email, password: DEMO_PASSWORD },
    headers: { Origin: hub.url },
    maxRedirects: 0,
  });
  expect(response.status(), `login as ${email}`).toBe(302);
}

/** Opens a path, waits for hydration, and checks the page with axe. */
async function visit(page: Page, path: string, label?: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  await waitForHydration(page);
  await expectNoAxeViolations(page, label);
}

const posts = (page: Page) => page.getByRole("list", { name: "Indlæg", exact: true });
/** The list item of the one post whose text contains `text`. */
const postWith = (page: Page, text: string) =>
  posts(page).locator(":scope > li").filter({ hasText: text });
/** The text of every post body on the page, in order (tombstones and hidden notices included). */
const postTexts = (page: Page) =>
  posts(page)
    .locator(":scope > li article")
    .evaluateAll((articles) =>
      articles.map((a) =>
        (
          a.querySelector(".post__body")?.textContent ??
          a.querySelector(":scope > p")?.textContent ??
          ""
        ).trim(),
      ),
    );
const presence = (page: Page) => page.locator("p.presence");
const typing = (page: Page) => page.locator("p.typing");
const replyBox = (page: Page) => page.getByLabel("Dit svar", { exact: true });
const mainNav = (page: Page) => page.getByRole("navigation", { name: "Hovedmenu" });
const networkNavLink = (page: Page) =>
  mainNav(page).getByRole("link", { name: new RegExp(`^${NETWORK.name}`) });

/** The number in a space's unread badge in the header menu ("3 ulæste"), 0 without one. */
function unreadBadge(linkText: string): number {
  const match = /(\d+) ulæste?$/.exec(linkText.trim());
  return match ? Number(match[1]) : 0;
}

/** Posts a reply through the form with JavaScript on and waits until the form is ready again. */
async function reply(page: Page, text: string) {
  await replyBox(page).fill(text);
  await page.getByRole("button", { name: "Send svar", exact: true }).click();
  await postWith(page, text).waitFor();
  await poll(() => replyBox(page).inputValue()).toBe("");
  await poll(() => page.getByRole("button", { name: "Send svar", exact: true }).isEnabled()).toBe(
    true,
  );
}

/** Marks the document, so a later check can tell that no reload or document navigation happened. */
const markDocument = (page: Page) =>
  page.evaluate(() => {
    (window as unknown as { __sameDocument?: boolean }).__sameDocument = true;
  });
const isSameDocument = (page: Page) =>
  page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true);

// People and state shared by the steps below.
let ngo: Session; // Yasmin Haddad, member of the network
let secretariat: Session; // Mette Lindholm, the network's secretariat
let threadPath: string;
const secretariatSockets: WebSocket[] = [];

const THREAD_TITLE = "Fælles kalender for forårets aktiviteter";
const OPENING_BODY = [
  "Forslag til en **fælles kalender** for netværkets aktiviteter i foråret:",
  "",
  "- Kvartersvandring på Bispebjerg Bakke i april",
  "- Forældrecafé i *Nordvest* i maj",
  "",
  "@leyla.ozdemir kan du tage det med på næste netværksmøde?",
].join("\n");
// Long enough that typing it key by key goes past the socket's flood limit (40 events / 10 s)
// unless the page sends typing notices sparingly; the next steps need that socket to work.
const FIRST_REPLY =
  "Vi kan låne lokalerne i beboerhuset til forældrecaféen, hvis vi melder datoen ind inden den 1. marts.";
const SECRETARIAT_REPLY = "Godt forslag. Jeg sætter kalenderen på dagsordenen til mødet i februar.";

describe("discussion threads in the browser", () => {
  test("a member starts a thread with Markdown and a mention; others see it listed with an unread count", async () => {
    [ngo, secretariat] = await Promise.all([
      openSession("Yasmin Haddad"),
      openSession("Mette Lindholm"),
    ]);
    secretariat.page.on("websocket", (ws) => secretariatSockets.push(ws));
    await Promise.all([
      signInQuietly(ngo, "ngo@bispebjerg.example"),
      signInQuietly(secretariat, "sekretariat@bif.example"),
    ]);

    // The secretariat has the network's thread list open (the demo threads).
    await visit(secretariat.page, LIST_PATH, "thread list");
    expect(await secretariat.page.locator(".thread-list__item").count()).toBeGreaterThan(0);
    const unreadBefore = unreadBadge(await networkNavLink(secretariat.page).innerText());
    await markDocument(secretariat.page);

    // The member starts a thread from the same list.
    const { page } = ngo;
    await visit(page, LIST_PATH, "thread list with the new-thread form");
    await page
      .getByText("Hubben er for fagpersoner og organisationer", { exact: false })
      .first()
      .waitFor();
    await page.getByLabel("Emne", { exact: true }).fill(THREAD_TITLE);
    await page.getByLabel("Første indlæg", { exact: true }).fill(OPENING_BODY);
    await page.getByRole("button", { name: "Opret tråd", exact: true }).click();
    await page.waitForURL(THREAD_PATH);
    threadPath = new URL(page.url()).pathname;
    await page.getByRole("heading", { level: 1, name: THREAD_TITLE, exact: true }).waitFor();
    await waitForHydration(page);

    // Markdown is rendered, raw text is not shown, and the mention links to Leyla's profile.
    const opening = postWith(page, "fælles kalender");
    expect(await opening.locator(".post__body strong").innerText()).toBe("fælles kalender");
    expect(await opening.locator(".post__body em").innerText()).toBe("Nordvest");
    expect(await opening.locator(".post__body li").allInnerTexts()).toEqual([
      "Kvartersvandring på Bispebjerg Bakke i april",
      "Forældrecafé i Nordvest i maj",
    ]);
    expect(await opening.innerText()).not.toContain("**");
    const leyla = await hub.db
      .selectFrom("user")
      .select("id")
      .where("email", "=", "leyla.ozdemir@bif.example")
      .executeTakeFirstOrThrow();
    const mention = opening.getByRole("link", { name: "@Leyla Özdemir", exact: true });
    expect(await mention.getAttribute("href")).toBe(`/people/${leyla.id}`);
    await presence(page).waitFor({ state: "attached" });
    await expectNoAxeViolations(page, "new thread");

    // The secretariat's list shows the thread live, with one unread post, and so does the badge
    // in the header menu, all without a reload.
    const item = secretariat.page.locator(".thread-list__item").filter({ hasText: THREAD_TITLE });
    await item.waitFor({ timeout: 8_000 });
    await poll(() => item.locator(".unread").innerText()).toBe("1 nyt indlæg");
    expect(await item.innerText()).toContain("Startet af Yasmin Haddad");
    await poll(async () => unreadBadge(await networkNavLink(secretariat.page).innerText())).toBe(
      unreadBefore + 1,
    );
    expect(await isSameDocument(secretariat.page)).toBe(true);
    await expectNoAxeViolations(secretariat.page, "thread list with an unread thread");
  });

  test("two people in the same thread see each other, each other's typing and replies without reload", async () => {
    const sec = secretariat.page;
    const page = ngo.page;

    // The secretariat opens the thread from the list (a client-side navigation).
    await sec.getByRole("link", { name: THREAD_TITLE, exact: true }).click();
    await sec.waitForURL(`${hub.url}${threadPath}`);
    await sec.getByRole("heading", { level: 1, name: THREAD_TITLE, exact: true }).waitFor();

    // Each sees the other reading along.
    await poll(() => presence(sec).innerText()).toBe("Læser med nu: Yasmin Haddad");
    await poll(() => presence(page).innerText()).toBe("Læser med nu: Mette Lindholm");
    await expectNoAxeViolations(sec, "thread, opened by a second person");
    await Promise.all([markDocument(page), markDocument(sec)]);

    // Typing key by key shows "… skriver …" on the other page.
    await replyBox(page).pressSequentially(FIRST_REPLY.slice(0, 20));
    await poll(() => typing(sec).innerText()).toBe("Yasmin Haddad skriver …");
    // The rest, key by key: one input event per key, far more than the socket may send in 10 s.
    await replyBox(page).pressSequentially(FIRST_REPLY.slice(20));
    expect(await replyBox(page).inputValue()).toBe(FIRST_REPLY);
    await page.getByRole("button", { name: "Send svar", exact: true }).click();

    // The reply appears on the other page, once, without a reload; the typing notice goes away.
    await postWith(sec, FIRST_REPLY).waitFor();
    expect(await postWith(sec, FIRST_REPLY).count()).toBe(1);
    expect(await postWith(sec, FIRST_REPLY).innerText()).toContain("Yasmin Haddad");
    await poll(() => typing(sec).innerText()).toBe("");
    expect(await isSameDocument(sec)).toBe(true);
    // The poster's form is emptied for the next reply.
    await poll(() => replyBox(page).inputValue()).toBe("");

    // And the other way round: the member, who typed fast a moment ago, still gets replies live.
    await replyBox(sec).pressSequentially("Godt");
    await poll(() => typing(page).innerText()).toBe("Mette Lindholm skriver …");
    await replyBox(sec).fill(SECRETARIAT_REPLY);
    await sec.getByRole("button", { name: "Send svar", exact: true }).click();
    await postWith(page, SECRETARIAT_REPLY).waitFor();
    expect(await postTexts(page)).toEqual([
      expect.stringContaining("fælles kalender"),
      FIRST_REPLY,
      SECRETARIAT_REPLY,
    ]);
    expect(await postTexts(sec)).toEqual(await postTexts(page));
    expect(await isSameDocument(page)).toBe(true);
    expect(await isSameDocument(sec)).toBe(true);
    await expectNoAxeViolations(page, "thread with live replies");
  });

  test("the author edits a reply (history kept) and deletes another (a tombstone remains)", async () => {
    const page = ngo.page;
    const sec = secretariat.page;
    const first = postWith(page, FIRST_REPLY);
    const seq = (await first.getAttribute("id"))!;
    const edited = `${FIRST_REPLY} Jeg har talt med beboerhuset.`;

    await first.getByText("Rediger", { exact: true }).click();
    const editor = first.getByLabel("Ret indlægget", { exact: true });
    expect(await editor.inputValue()).toBe(FIRST_REPLY);
    await expectNoAxeViolations(page, "thread with the edit form open");
    await editor.fill(edited);
    await first.getByRole("button", { name: "Gem ændring", exact: true }).click();

    const post = page.locator(`li#${seq}`);
    await poll(() => post.locator(".post__body").innerText()).toBe(edited);
    await post.getByRole("link", { name: "redigeret", exact: true }).waitFor();
    // The other reader gets the new text without a reload.
    await poll(() => sec.locator(`li#${seq} .post__body`).innerText()).toBe(edited);
    expect(await isSameDocument(sec)).toBe(true);

    // The history shows the earlier version next to the current one.
    await post.getByRole("link", { name: "redigeret", exact: true }).click();
    await page.waitForURL(/\/posts\/[0-9a-f-]{36}\/history$/);
    await page
      .getByRole("heading", { level: 1, name: "Tidligere versioner", exact: true })
      .waitFor();
    const history = await page.locator("main").innerText();
    expect(history).toContain("Nuværende version");
    expect(history).toContain(edited);
    expect(history).toMatch(/Version erstattet .+ af Yasmin Haddad/);
    expect(await page.locator("main pre").allInnerTexts()).toEqual([edited, FIRST_REPLY]);
    await expectNoAxeViolations(page, "post history");

    // Back in the thread, a reply posted by mistake is deleted: a tombstone stays in its place.
    await page.getByRole("link", { name: THREAD_TITLE, exact: true }).click();
    await page.waitForURL(`${hub.url}${threadPath}`);
    // Rejoined over the same socket (the fast typing earlier did not use up its event budget).
    await poll(() => presence(page).innerText()).toBe("Læser med nu: Mette Lindholm");
    const mistake = "Ups, den besked var til en anden tråd.";
    await reply(page, mistake);
    await postWith(sec, mistake).waitFor();
    const wrong = postWith(page, mistake);
    const wrongSeq = (await wrong.getAttribute("id"))!;
    await wrong.getByRole("button", { name: "Slet", exact: true }).click();
    const tombstone = "Indlægget er slettet af forfatteren.";
    await poll(() => page.locator(`li#${wrongSeq} article`).innerText()).toContain(tombstone);
    expect(await page.locator(`li#${wrongSeq}`).innerText()).not.toContain(mistake);
    await poll(() => sec.locator(`li#${wrongSeq} article`).innerText()).toContain(tombstone);
    expect(await sec.locator(`li#${wrongSeq}`).innerText()).not.toContain(mistake);
    expect(await isSameDocument(sec)).toBe(true);
    await expectNoAxeViolations(page, "thread with a deleted post");
  });

  test("a reader who was offline while three replies landed gets all three, once, in order", async () => {
    const page = ngo.page;
    const sec = secretariat.page;
    expect(await isSameDocument(sec)).toBe(true);
    const socketBefore = secretariatSockets.at(-1)!;
    expect(socketBefore.isClosed()).toBe(false);
    const before = await postTexts(sec);

    const burst = [
      "Første svar, mens sekretariatet er offline.",
      "Andet svar: caféen kan også holdes om lørdagen.",
      "Tredje svar: jeg sender en oversigt over datoerne.",
    ];
    await secretariat.context.setOffline(true);
    try {
      await socketBefore.waitForEvent("close", { timeout: 5_000 });
      // The server notices too: the member no longer sees the secretariat reading along.
      await poll(() => presence(page).innerText(), 8_000).toBe("");
      for (const text of burst) await reply(page, text);
      expect(await postTexts(sec)).toEqual(before);
    } finally {
      await secretariat.context.setOffline(false);
    }
    // socket.io reconnects by itself (a new WebSocket that stays open) and rejoins the thread.
    const socketsBefore = secretariatSockets.length;
    await poll(
      () =>
        secretariatSockets
          .slice(socketsBefore - 1)
          .some((ws) => ws !== socketBefore && !ws.isClosed()),
      15_000,
    ).toBe(true);
    await poll(() => postTexts(sec), 10_000).toEqual([...before, ...burst]);
    const ids = await posts(sec)
      .locator(":scope > li")
      .evaluateAll((li) => li.map((l) => l.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(await postTexts(sec)).toEqual(await postTexts(page));
    await poll(() => presence(page).innerText()).toBe("Læser med nu: Mette Lindholm");
    expect(await isSameDocument(sec)).toBe(true);
    await expectNoAxeViolations(sec, "thread after catching up");
  });

  test("without JavaScript, a reply is a normal form post and is shown in the response", async () => {
    const leyla = await openSession("Leyla Özdemir", {
      javaScriptEnabled: false,
    });
    await signInQuietly(leyla, "leyla.ozdemir@bif.example");
    const { page } = leyla;
    const response = await page.goto(threadPath);
    expect(response?.status()).toBe(200);
    // She is mentioned in the opening post and sees the whole thread so far.
    await page.getByRole("heading", { level: 1, name: THREAD_TITLE, exact: true }).waitFor();
    expect(await postTexts(page)).toEqual(await postTexts(ngo.page));
    await expectNoAxeViolationsWithoutJs(page, "thread");

    const text = "Ja, jeg tager kalenderen med på netværksmødet den 12. februar.";
    await replyBox(page).fill(text);
    const [posted] = await Promise.all([
      page.waitForResponse(
        (r) => r.request().method() === "POST" && r.request().isNavigationRequest(),
      ),
      page.getByRole("button", { name: "Send svar", exact: true }).click(),
    ]);
    expect(posted.status()).toBe(200);
    expect(new URL(posted.url()).pathname).toBe(threadPath);
    await postWith(page, text).waitFor();
    expect(await postWith(page, text).innerText()).toContain("Leyla Özdemir");
    expect(await replyBox(page).inputValue()).toBe("");
    await expectNoAxeViolationsWithoutJs(page, "thread after a reply without JavaScript");

    // The people viewing with JavaScript get it live all the same.
    await postWith(ngo.page, text).waitFor();
    await postWith(secretariat.page, text).waitFor();
    expect(await isSameDocument(secretariat.page)).toBe(true);
  });

  test("an observer reads along without a reply form and finds what is new since the last visit", async () => {
    const emre = await openSession("Emre Yılmaz");
    await signInQuietly(emre, "emre.yilmaz@nordvestgym.example");
    const { page } = emre;
    await visit(page, threadPath, "thread for an observer");
    await page
      .getByText("Som observatør kan du læse med, men ikke skrive.", { exact: true })
      .waitFor();
    expect(await replyBox(page).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Send svar" }).count()).toBe(0);
    expect(await page.getByText("Rediger", { exact: true }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Slet" }).count()).toBe(0);
    // A first visit has no "new since" marker.
    expect(await page.getByText("Nyt siden dit sidste besøg").count()).toBe(0);
    await poll(() => presence(page).innerText()).toMatch(/^Læser med nu: .*Yasmin Haddad/);
    await poll(() => presence(ngo.page).innerText()).toBe(
      "Læser med nu: Emre Yılmaz, Mette Lindholm",
    );

    // He goes back to the list; a new reply lands there as one unread post.
    await page.locator("main .eyebrow").getByRole("link", { name: NETWORK.name }).click();
    await page.waitForURL(`${hub.url}${LIST_PATH}`);
    await poll(() => presence(ngo.page).innerText()).toBe("Læser med nu: Mette Lindholm");
    const text = "Husk at tilmelde jer kvartersvandringen senest fredag.";
    await reply(ngo.page, text);
    const item = page.locator(".thread-list__item").filter({ hasText: THREAD_TITLE });
    await poll(() => item.locator(".unread").innerText(), 8_000).toBe("1 nyt indlæg");
    await expectNoAxeViolations(page, "thread list for an observer");

    // Opening the thread again marks where the new part begins.
    await item.getByRole("link", { name: THREAD_TITLE, exact: true }).click();
    await page.waitForURL(`${hub.url}${threadPath}`);
    const marker = page.getByText("Nyt siden dit sidste besøg", { exact: true });
    await marker.waitFor();
    expect(await postWith(page, text).locator(".new-marker").count()).toBe(1);
    expect(await page.locator(".new-marker").count()).toBe(1);
    await expectNoAxeViolations(page, "thread with the new-since marker");
  });

  test("the secretariat hides a reply with a reason, pins and locks the thread", async () => {
    const sec = secretariat.page;
    const page = ngo.page;
    const target = "Husk at tilmelde jer kvartersvandringen senest fredag.";
    const reason = "Tilmelding sker via kommunens side, ikke i tråden.";

    const moderated = postWith(sec, target);
    await moderated.locator("summary", { hasText: "Skjul" }).click();
    await moderated.getByLabel("Begrundelse (vises for medlemmerne)", { exact: true }).fill(reason);
    await moderated.locator("details").getByRole("button", { name: "Skjul", exact: true }).click();

    // The secretariat still sees the text, marked as hidden; the member sees only the reason.
    const seq = (await moderated.getAttribute("id"))!;
    await poll(() => sec.locator(`li#${seq}`).innerText()).toContain(
      `Skjult for medlemmerne: ${reason}`,
    );
    expect(await sec.locator(`li#${seq} .post__body`).innerText()).toBe(target);
    await poll(() => page.locator(`li#${seq} article`).innerText()).toContain(
      `Indlægget er skjult af sekretariatet: ${reason}`,
    );
    expect(await page.locator(`li#${seq}`).innerText()).not.toContain(target);
    await expectNoAxeViolations(sec, "thread with a hidden reply (secretariat)");

    // Pinning and locking show on both pages at once.
    await sec.getByRole("button", { name: "Fastgør", exact: true }).click();
    await sec.getByRole("button", { name: "Frigør", exact: true }).waitFor();
    await poll(() => page.locator("main .badge").allInnerTexts()).toEqual(["Fastgjort"]);
    await sec.getByRole("button", { name: "Luk tråden", exact: true }).click();
    await sec.getByRole("button", { name: "Genåbn tråden", exact: true }).waitFor();

    const lockedNotice = "Tråden er lukket for nye indlæg.";
    for (const p of [sec, page]) {
      await p.getByText(lockedNotice, { exact: true }).waitFor();
      await poll(() => replyBox(p).count()).toBe(0);
      await poll(() => p.locator("main .badge").allInnerTexts()).toEqual(["Fastgjort", "Lukket"]);
    }
    // Nothing can be edited in a locked thread either.
    expect(await page.getByText("Rediger", { exact: true }).count()).toBe(0);
    expect(await isSameDocument(page)).toBe(true);
    await expectNoAxeViolations(page, "locked thread with a hidden reply (member)");

    // The list shows the thread pinned and locked.
    await visit(page, LIST_PATH, "thread list with a pinned, locked thread");
    const item = page.locator(".thread-list__item").filter({ hasText: THREAD_TITLE });
    expect(await item.locator(".badge").allInnerTexts()).toEqual(["Fastgjort", "Lukket"]);
  });
});

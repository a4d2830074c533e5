import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { CONSULTATIONS } from "../../db/seed/consultations";
import { DEMO_PASSWORD, startTestHub, type TestHub } from "../helpers/hub";
import {
  expectNoAxeViolations,
  expectNoAxeViolationsWithoutJs,
  launchBrowser,
  newUserContext,
  waitForHydration,
} from "./browser";

// A consultation in the follow-up group in a real Chromium against the production build: a
// member opens the seeded open consultation from the list and answers it with a stance; the
// secretariat sees the response rate move. One hub and one browser for the file; the tests run
// in order.

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

type Session = Awaited<ReturnType<typeof newUserContext>>;

const LIST_PATH = "/spaces/foelgegruppen/consultations";
const CONSULTATION_URL = new RegExp(`${LIST_PATH}/[0-9a-f-]{36}$`);
const OPEN = CONSULTATIONS.find((c) => c.space === "foelgegruppen" && !c.closed)!;
const CLOSED = CONSULTATIONS.find((c) => c.space === "foelgegruppen" && c.closed)!;
const ANSWER = "Rådgiverne i jobcentret og kompetenceudviklingen på skolerne bør fortsætte.";

/** Retries until the page catches up; a loaded 2-core machine needs more than the 1 s default. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 5_000, interval: 50 });

async function openSession(): Promise<Session> {
  const session = await newUserContext(browser, hub.url);
  contexts.push(session.context);
  sessions.push(session);
  return session;
}

async function signInQuietly(session: Session, email: string) {
  const response = await session.context.request.post("/login", {
    form: { email, password: DEMO_PASSWORD },
    headers: { Origin: hub.url },
    maxRedirects: 0,
  });
  expect(response.status(), `login as ${email}`).toBe(302);
}

async function visit(page: Page, path: string, label?: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  await waitForHydration(page);
  await expectNoAxeViolations(page, label);
}

/** The list item of a consultation in the list of open (or closed) consultations. */
const itemOf = (page: Page, title: string) =>
  page.locator("li.thread-list__item").filter({ hasText: title });

const responseRate = (page: Page) =>
  page
    .locator("section")
    .filter({ has: page.getByRole("heading", { name: "Svarstatus" }) })
    .locator("strong")
    .first()
    .textContent();

describe("a consultation in the follow-up group", () => {
  let secretariat: Session;
  let member: Session;
  let consultationPath = "";
  let asked = 0;

  test("the secretariat sees how many of those asked have answered", async () => {
    secretariat = await openSession();
    await signInQuietly(secretariat, "sekretariat@bif.example");
    const { page } = secretariat;
    await visit(page, LIST_PATH, "consultation list (secretariat)");
    const item = itemOf(page, OPEN.title);
    await item.getByRole("link", { name: OPEN.title }).click();
    await page.waitForURL(CONSULTATION_URL);
    consultationPath = new URL(page.url()).pathname;
    await page.getByRole("heading", { level: 1, name: OPEN.title }).waitFor();
    await waitForHydration(page);
    await expectNoAxeViolations(page, "consultation (secretariat)");
    const rate = await responseRate(page);
    const match = /^(\d+) af (\d+) har svaret$/.exec(rate ?? "");
    expect(match, rate ?? "").not.toBeNull();
    expect(Number(match![1])).toBe(OPEN.answers.length);
    asked = Number(match![2]);
    await expect
      .poll(() =>
        page.getByRole("list", { name: "Mangler at svare" }).getByText("Kasper Mortensen").count(),
      )
      .toBe(1);
  });

  test("a member opens it from the list and answers with a stance", async () => {
    member = await openSession();
    await signInQuietly(member, "medarbejder@jobcenter.example");
    const { page } = member;
    await visit(page, LIST_PATH, "consultation list (member)");
    const item = itemOf(page, OPEN.title);
    await expect.poll(() => item.textContent()).toContain("Ikke besvaret");
    await item.getByRole("link", { name: OPEN.title }).click();
    await page.waitForURL(consultationPath);
    await page.getByRole("heading", { level: 1, name: OPEN.title }).waitFor();
    await waitForHydration(page);
    await expectNoAxeViolations(page, "consultation (member, before answering)");

    // Others' answers are open to members in this consultation.
    await page.getByText(OPEN.answers[0]!.body).waitFor();

    await page.getByRole("textbox", { name: "Svar", exact: true }).fill(ANSWER);
    await page.getByLabel("Holdning (valgfri)").selectOption({ label: "Delvist enig" });
    await page.getByRole("button", { name: "Send svar" }).click();
    await page.getByRole("status").filter({ hasText: "Dit svar er gemt." }).waitFor();
    await expectNoAxeViolations(page, "consultation (member, after answering)");
    // The answer is among the answers, with its stance, and can still be changed.
    const mine = page.locator("li.post").filter({ hasText: ANSWER });
    await expect.poll(() => mine.textContent()).toContain("Delvist enig");
    await page.getByRole("button", { name: "Gem ændret svar" }).waitFor();

    await visit(page, LIST_PATH, "consultation list (member, after answering)");
    await expect.poll(() => itemOf(page, OPEN.title).textContent()).toContain("Besvaret");
    expect(await itemOf(page, OPEN.title).textContent()).not.toContain("Ikke besvaret");
  });

  test("the secretariat sees the response rate change", async () => {
    const { page } = secretariat;
    await visit(page, consultationPath, "consultation (secretariat, after the answer)");
    await poll(() => responseRate(page)).toBe(`${OPEN.answers.length + 1} af ${asked} har svaret`);
    expect(
      await page
        .getByRole("list", { name: "Mangler at svare" })
        .getByText("Kasper Mortensen")
        .count(),
    ).toBe(0);
    await page.locator("li.post").filter({ hasText: ANSWER }).waitFor();
  });

  test("a closed consultation shows its outcome first, with and without JavaScript", async () => {
    const { page } = member;
    await visit(page, LIST_PATH, "consultation list");
    await itemOf(page, CLOSED.title).getByRole("link", { name: CLOSED.title }).click();
    await page.getByRole("heading", { level: 1, name: CLOSED.title }).waitFor();
    await waitForHydration(page);
    await expectNoAxeViolations(page, "closed consultation");
    const outcome = page.getByRole("region", { name: "Resultat af høringen" });
    await outcome.getByText("Statusnotatet er sendt videre").waitFor();
    // Answers meant for the secretariat stay hidden from a member.
    await page.getByText("Svarene kan kun læses af sekretariatet.").first().waitFor();
    expect(await page.getByText(CLOSED.answers[0]!.body).count()).toBe(0);
    await expectNoAxeViolationsWithoutJs(page, "closed consultation");
  });
});

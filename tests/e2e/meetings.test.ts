import type { Browser, BrowserContext, Page } from "playwright-core";
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

// A meeting in a real Chromium against the production build: the secretariat creates it, builds
// an agenda (two items, a sub-item, a reorder) and publishes it; a member sends an apology with a
// note; the secretariat's open page shows the answer in the attendance table without a reload.
// Every page visited is checked with axe.

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

afterEach(() => {
  expect(sessions.flatMap((s) => s.problems)).toEqual([]);
});

type Session = Awaited<ReturnType<typeof newUserContext>>;

const NETWORK = SPACES.find((s) => s.slug === "bispebjerg-netvaerk")!;
const LIST_PATH = `/spaces/${NETWORK.slug}/meetings`;
const MEETING_URL = new RegExp(`${LIST_PATH}/[0-9a-f-]{36}$`);

const poll = <T>(read: () => T | Promise<T>, timeout = 5_000) =>
  expect.poll(read, { timeout, interval: 50 });

async function openSession(email: string): Promise<Session> {
  const session = await newUserContext(browser, hub.url);
  contexts.push(session.context);
  sessions.push(session);
  const response = await session.context.request.post("/login", {
    form: { email, password: DEMO_PASSWORD },
    headers: { Origin: hub.url },
    maxRedirects: 0,
  });
  expect(response.status(), `login as ${email}`).toBe(302);
  return session;
}

async function visit(page: Page, path: string, label?: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  await waitForHydration(page);
  await expectNoAxeViolations(page, label);
}

/** The agenda's item headings as shown ("Kl. 17.00 1. Velkomst"), in page order. */
const agenda = (page: Page) =>
  page
    .locator("h3.agenda__title")
    .evaluateAll((hs) => hs.map((h) => (h.textContent ?? "").replace(/\s+/g, " ").trim()));

const section = (page: Page, heading: string) =>
  page.getByRole("region", { name: heading, exact: true });

describe("meetings in the browser", () => {
  let meetingPath = "";
  let secretariat: Session;

  test("the secretariat creates a meeting, builds its agenda, reorders it and publishes it", async () => {
    secretariat = await openSession("sekretariat@bif.example");
    const { page } = secretariat;
    await visit(page, LIST_PATH, "meetings list");

    const create = section(page, "Opret møde");
    await create.getByLabel("Titel").fill("Netværksmøde i marts");
    await create.getByLabel("Start").fill("2031-03-11T17:00");
    await create.getByLabel("Slut").fill("2031-03-11T19:00");
    await create.getByLabel("Sted", { exact: true }).fill("Bispebjerg Bibliotek");
    await create.getByRole("button", { name: "Opret møde" }).click();
    await page.waitForURL(MEETING_URL);
    meetingPath = new URL(page.url()).pathname;
    await waitForHydration(page);
    await poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe(
      "Netværksmøde i marts",
    );
    await expectNoAxeViolations(page, "new meeting");

    const add = section(page, "Tilføj punkt");
    const addItem = async (title: string, minutes: string, parent?: string) => {
      await add.getByLabel("Titel").fill(title);
      await add.getByLabel("Varighed i minutter").fill(minutes);
      if (parent) await add.getByLabel("Underpunkt til").selectOption({ label: parent });
      await add.getByRole("button", { name: "Tilføj punktet" }).click();
      await page.locator("h3.agenda__title", { hasText: title }).waitFor();
    };
    await addItem("Velkomst", "15");
    await add.getByLabel("Type").selectOption("discussion");
    await addItem("Status på indsatserne", "30");
    await addItem("Skolerne", "10", "2. Status på indsatserne");
    await poll(() => agenda(page)).toEqual([
      "Kl. 17.00 1. Velkomst",
      "Kl. 17.15 2. Status på indsatserne",
      "Kl. 17.45 2.1. Skolerne",
    ]);
    await expectNoAxeViolations(page, "agenda with items");

    await page.getByRole("button", { name: "Flyt »Status på indsatserne« op" }).click();
    await poll(() => agenda(page)).toEqual([
      "Kl. 17.00 1. Status på indsatserne",
      "Kl. 17.30 1.1. Skolerne",
      "Kl. 17.40 2. Velkomst",
    ]);
    // The reorder control is a form button: reachable and usable from the keyboard.
    const down = page.getByRole("button", { name: "Flyt »Status på indsatserne« ned" });
    await down.focus();
    await page.keyboard.press("Enter");
    await poll(() => agenda(page)).toEqual([
      "Kl. 17.00 1. Velkomst",
      "Kl. 17.15 2. Status på indsatserne",
      "Kl. 17.45 2.1. Skolerne",
    ]);

    await page.getByRole("button", { name: "Offentliggør dagsordenen" }).click();
    await poll(() => page.getByRole("status").innerText()).toContain(
      "Dagsordenen er offentliggjort",
    );
    await poll(() => page.locator(".meta-list").innerText()).toContain("Offentliggjort");
    await expectNoAxeViolations(page, "published meeting");
    await visit(page, `${meetingPath}/print`, "print view");
    await poll(() => page.locator("h2.print-agenda__title").first().innerText()).toContain(
      "17.00 1. Velkomst",
    );
  }, 90_000);

  test("a member sends an apology with a note; the secretariat's open page shows it live", async () => {
    const { page: sPage } = secretariat;
    await visit(sPage, meetingPath, "meeting page (secretariat)");
    const table = sPage.getByRole("region", { name: "Medlemmernes svar" });
    await poll(() => table.locator("tr", { hasText: "Yasmin Haddad" }).innerText()).toContain(
      "Ikke svaret",
    );

    const { page } = await openSession("ngo@bispebjerg.example");
    await visit(page, LIST_PATH, "meetings list (member)");
    await page.getByRole("link", { name: "Netværksmøde i marts" }).click();
    await page.waitForURL(MEETING_URL);
    await waitForHydration(page);
    await expectNoAxeViolations(page, "meeting page (member)");
    expect(await page.getByRole("heading", { name: "Medlemmernes svar" }).count()).toBe(0);

    await page.getByRole("radio", { name: "Afbud" }).check();
    await page.getByLabel("Bemærkning (valgfri)").fill("Ferie i uge 11");
    await page.getByRole("button", { name: "Gem svar" }).click();
    await poll(() => page.getByRole("status").innerText()).toBe("Dit svar er gemt.");
    await poll(() => page.locator(".my-answer").innerText()).toBe(
      "Dit svar: Afbud (Ferie i uge 11)",
    );
    await expectNoAxeViolations(page, "meeting page after answering");

    // No reload on the secretariat's side: the socket event revalidates the page.
    await poll(() => table.locator("tr", { hasText: "Yasmin Haddad" }).innerText(), 10_000).toMatch(
      /Afbud\s+Ferie i uge 11/,
    );
    await expectNoAxeViolations(sPage, "attendance table");
    await expectNoAxeViolationsWithoutJs(page, "meeting page (member)");
  }, 90_000);
});

import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { createActivity } from "../../app/models/activity.server";
import { DEMO_PASSWORD, startTestHub, type TestHub } from "../helpers/hub";
import { organisationId, spaceId, userId } from "../helpers/fixtures";
import { expectNoAxeViolations, launchBrowser, newUserContext, waitForHydration } from "./browser";

// Local activities in a real Chromium against the production build: a network member posts an
// activity that overlaps another for the same target group, reads the warning, confirms, and
// finds it in the month view; the secretariat's training pages pass axe too.

let hub: TestHub;
let browser: Browser;
const contexts: BrowserContext[] = [];
const problems: string[][] = [];

const LIST = "/spaces/bispebjerg-netvaerk/activities";

beforeAll(async () => {
  [hub, browser] = await Promise.all([startTestHub(), launchBrowser()]);
  // The activity the new one will collide with, posted by another organisation.
  const result = await createActivity(hub.db, {
    spaceId: await spaceId(hub.db, "bispebjerg-netvaerk"),
    createdById: await userId(hub.db, "amira.khalil@boernsvilkaar.example"),
    confirmOverlap: false,
    activity: {
      title: "Lektiecafé på biblioteket",
      startsAt: "2031-05-12T14:00:00.000Z", // 16:00 in Copenhagen (summer time)
      endsAt: "2031-05-12T16:00:00.000Z",
      place: "Bispebjerg Bibliotek",
      targetGroup: "children",
      organiserOrganisationId: await organisationId(hub.db, "Børns Vilkår"),
      contactName: "Amira Khalil",
      contactDetails: "amira.khalil@boernsvilkaar.example",
      description: "",
      descriptionHtml: "",
    },
  });
  if (result.status !== "saved") throw new Error("setup activity not stored");
}, 60_000);

afterAll(async () => {
  await Promise.allSettled(contexts.map((c) => c.close()));
  await browser?.close();
  await hub?.close();
}, 20_000);

afterEach(() => {
  expect(problems.flat()).toEqual([]);
});

async function signedIn(email: string): Promise<Page> {
  const session = await newUserContext(browser, hub.url);
  contexts.push(session.context);
  problems.push(session.problems);
  const response = await session.context.request.post("/login", {
    form: { email, password: DEMO_PASSWORD },
    headers: { Origin: hub.url },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
  return session.page;
}

async function visit(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  await waitForHydration(page);
  await expectNoAxeViolations(page);
}

describe("local activities in the browser", () => {
  test("a member posts an overlapping activity, confirms the warning and finds it in the month view", async () => {
    const page = await signedIn("ngo@bispebjerg.example");
    await visit(page, LIST);
    await expect
      .poll(() => page.getByRole("link", { name: "Aktiviteter", exact: true }).count())
      .toBeGreaterThan(0);

    await page.getByLabel("Titel", { exact: true }).fill("Børnenes kreaværksted");
    await page.getByLabel("Starter").fill("2031-05-12T17:00");
    await page.getByLabel("Slutter").fill("2031-05-12T19:00");
    await page.getByLabel("Sted", { exact: true }).fill("Nordvest Kulturhus");
    // The filter above the list has a "Målgruppe" too: the form's is the last one.
    await page.getByLabel("Målgruppe", { exact: true }).last().selectOption("children");
    await page.getByLabel("Kontaktperson (navn)").fill("Yasmin Haddad");
    await page.getByLabel("Kontaktpersonens e-mail eller telefon").fill("ngo@bispebjerg.example");
    await page.getByRole("button", { name: "Opret aktivitet" }).click();

    const warning = page.getByRole("alert").filter({
      hasText: "Overlapper med en anden aktivitet for samme målgruppe",
    });
    await expect.poll(() => warning.count()).toBe(1);
    expect(await warning.textContent()).toContain("Lektiecafé på biblioteket");
    expect(await warning.textContent()).toContain("Intet er gemt endnu");
    await expectNoAxeViolations(page, "overlap warning");
    expect(
      await hub.db
        .selectFrom("activity")
        .select("id")
        .where("title", "=", "Børnenes kreaværksted")
        .execute(),
    ).toHaveLength(0);

    await page.getByRole("button", { name: "Gem alligevel" }).click();
    await page.waitForURL(/\/activities\/[0-9a-f-]{36}$/);
    await waitForHydration(page);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(
      "Børnenes kreaværksted",
    );
    await expectNoAxeViolations(page, "activity page");

    await visit(page, `${LIST}?view=month&month=2031-05`);
    const grid = page.getByRole("table", { name: "Aktiviteter i maj 2031" });
    const cell = grid.getByRole("cell").filter({ hasText: "mandag den 12. maj 2031" });
    expect(await cell.getByRole("link").allTextContents()).toEqual([
      "16.00 Lektiecafé på biblioteket",
      "17.00 Børnenes kreaværksted",
    ]);
    await page.getByRole("link", { name: /Næste måned/ }).click();
    await page.waitForURL(/month=2031-06/);
    await expectNoAxeViolations(page, "next month");
  });

  test("the secretariat's training pages pass axe", async () => {
    const page = await signedIn("sekretariat@bif.example");
    await visit(page, "/spaces/bispebjerg-netvaerk/training");
    await page.getByRole("link", { name: "Nøglepersonsuddannelsen – forår 2026" }).click();
    await page.waitForURL(/\/training\/[0-9a-f-]{36}$/);
    await waitForHydration(page);
    await expectNoAxeViolations(page, "course page");
    await page.getByRole("button", { name: "Markér Amira Khalil som gennemført" }).click();
    await expect
      .poll(() =>
        page.getByRole("button", { name: "Fortryd gennemførelse for Amira Khalil" }).count(),
      )
      .toBe(1);
    await visit(page, "/people");
  });
});

import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { DEMO_PASSWORD, startTestHub, type TestHub } from "../helpers/hub";
import { spaceId, userId } from "../helpers/fixtures";
import { createTestAgendaItem, createTestMeeting } from "../helpers/meeting-fixtures";
import {
  expectNoAxeViolations,
  expectNoAxeViolationsWithoutJs,
  launchBrowser,
  newUserContext,
  waitForHydration,
} from "./browser";

// Minutes and action items in a real Chromium against the production build: the secretariat
// writes, approves and hands out an action item; the assignee finds it under "My action items"
// and marks it done; the print layout hides the navigation. axe on every page visited.

let hub: TestHub;
let browser: Browser;
const contexts: BrowserContext[] = [];
const sessions: Session[] = [];
type Session = Awaited<ReturnType<typeof newUserContext>>;

const SLUG = "bispebjerg-netvaerk";
let minutesPath = "";
let itemId = "";

beforeAll(async () => {
  [hub, browser] = await Promise.all([startTestHub(), launchBrowser()]);
  const space = await spaceId(hub.db, SLUG);
  const secretariat = await userId(hub.db, "sekretariat@bif.example");
  const meetingId = await createTestMeeting(hub.db, {
    spaceId: space,
    createdById: secretariat,
    title: "Netværksmøde maj",
  });
  itemId = await createTestAgendaItem(hub.db, {
    meetingId,
    spaceId: space,
    createdById: secretariat,
    title: "Nøglepersonsuddannelsen",
    position: 1,
  });
  await createTestAgendaItem(hub.db, {
    meetingId,
    spaceId: space,
    createdById: secretariat,
    title: "Eventuelt",
    position: 2,
  });
  minutesPath = `/spaces/${SLUG}/meetings/${meetingId}/minutes`;
}, 60_000);

afterAll(async () => {
  await Promise.allSettled(contexts.map((c) => c.close()));
  await browser?.close();
  await hub?.close();
}, 20_000);

afterEach(() => {
  expect(sessions.flatMap((s) => s.problems)).toEqual([]);
});

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

async function visit(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  await waitForHydration(page);
  await expectNoAxeViolations(page);
}

describe("minutes and action items in the browser", () => {
  test("the secretariat writes, approves and hands out an action item", async () => {
    const { page } = await openSession("sekretariat@bif.example");
    await visit(page, minutesPath);
    await page.getByText("Skriv referat for Nøglepersonsuddannelsen").click();
    await page.getByLabel("Referat (Markdown)").first().fill("Første hold er **i gang**.");
    await page.getByLabel("Beslutning (Markdown)").first().fill("Andet hold starter i august.");
    await page.getByRole("button", { name: "Gem" }).first().click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("gemt");
    await expect
      .poll(() => page.locator(`#item-${itemId} strong`).first().textContent())
      .toBe("i gang");
    await expectNoAxeViolations(page, "minutes after saving");

    await page.getByRole("button", { name: "Godkend referatet (version 1)" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toBe("Referatet er godkendt.");
    await expect.poll(() => page.getByText(/Godkendt af Mette Lindholm/).count()).toBe(1);
    await expectNoAxeViolations(page, "approved minutes");

    await page.getByText("Nyt opfølgningspunkt fra Nøglepersonsuddannelsen").click();
    const form = page.locator(`#item-${itemId} form`).filter({ hasText: "Opret opfølgningspunkt" });
    await form.getByLabel("Titel").fill("Find undervisere til andet hold");
    await form.getByLabel("Ansvarlig").selectOption({ label: "Amira Khalil" });
    await form.getByLabel("Frist").fill("2020-08-01");
    await form.getByRole("button", { name: "Opret opfølgningspunkt" }).click();
    await expect
      .poll(() => page.locator(`#item-${itemId}`).textContent())
      .toContain("Find undervisere til andet hold");
    await expect.poll(() => page.locator(`#item-${itemId}`).textContent()).toContain("Overskredet");

    await visit(page, `/spaces/${SLUG}/action-items`);
    await expectNoAxeViolationsWithoutJs(page, "action items");
  });

  test("the assignee finds the action item under My action items and marks it done", async () => {
    const { page } = await openSession("amira.khalil@boernsvilkaar.example");
    await visit(page, "/");
    await page.getByRole("link", { name: "Mine opfølgningspunkter" }).click();
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe("Mine opfølgningspunkter");
    await expectNoAxeViolations(page, "my action items");
    const item = page.locator("li.action-item").filter({ hasText: "Find undervisere" });
    await expect.poll(() => item.textContent()).toContain("Overskredet");
    await item.getByLabel(/Skift status for/).selectOption("done");
    await item.getByRole("button", { name: "Gem status" }).click();
    await expect.poll(() => item.textContent()).toContain("Udført");
    await expect.poll(() => item.textContent()).not.toContain("Overskredet");
  });

  test("the print layout shows the minutes without navigation", async () => {
    const { page } = await openSession("ngo@bispebjerg.example");
    await visit(page, `${minutesPath}?print=1`);
    await page.emulateMedia({ media: "print" });
    await expect.poll(() => page.locator(".site-header").isVisible()).toBe(false);
    await expect.poll(() => page.locator(".site-footer").isVisible()).toBe(false);
    await expect.poll(() => page.getByText("Andet hold starter i august.").isVisible()).toBe(true);
  });
});

import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { DEMO_PASSWORD, startTestHub, type TestHub } from "../helpers/hub";
import {
  expectNoAxeViolations,
  expectNoAxeViolationsWithoutJs,
  launchBrowser,
  newUserContext,
  waitForHydration,
} from "./browser";

// The calendar page in a real Chromium: found from the profile page, a feed link created and
// shown once, renewed (the old link then answers 404), and the same without JavaScript. axe
// checks every state of the page.

let hub: TestHub;
let browser: Browser;
const contexts: BrowserContext[] = [];
const sessions: Session[] = [];

type Session = Awaited<ReturnType<typeof newUserContext>>;

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

async function openSession(email: string, options: Parameters<typeof newUserContext>[2] = {}) {
  const session = await newUserContext(browser, hub.url, options);
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

/** The feed's path on the test hub (the shown URL carries the configured public address). */
const pathOf = (url: string) => new URL(url).pathname;

describe("calendar page", () => {
  test("a member finds the calendar from the profile, creates a link and renews it", async () => {
    const { page, context } = await openSession("ngo@bispebjerg.example");
    await page.goto("/profile");
    await waitForHydration(page);
    await page.getByRole("link", { name: "Kalenderlink til dine møder" }).click();
    await page.waitForURL(/\/calendar$/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Kalender");
    await expect.poll(() => page.getByText("Du har ikke et kalenderlink endnu.").count()).toBe(1);
    await expectNoAxeViolations(page);

    await page.getByRole("button", { name: "Opret kalenderlink" }).click();
    const field = page.getByLabel("Dit kalenderlink", { exact: true });
    await expect.poll(() => field.count(), { timeout: 5_000 }).toBe(1);
    const first = await field.inputValue();
    expect(first).toMatch(/^http:\/\/localhost:\d+\/calendar\/feed\/[a-z2-7]{32}\.ics$/);
    await expect.poll(() => page.getByText("Dit kalenderlink er oprettet.").count()).toBe(1);
    await expectNoAxeViolations(page, "calendar page with a new link");

    const feed = await context.request.get(pathOf(first));
    expect(feed.status()).toBe(200);
    expect(feed.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
    expect(await feed.text()).toContain("BEGIN:VEVENT");

    await page.getByRole("button", { name: "Forny kalenderlink" }).click();
    await expect
      .poll(() => page.getByText("Dit kalenderlink er fornyet.", { exact: false }).count())
      .toBe(1);
    const second = await page.getByLabel("Dit kalenderlink", { exact: true }).inputValue();
    expect(second).not.toBe(first);
    expect((await context.request.get(pathOf(first))).status()).toBe(404);
    expect((await context.request.get(pathOf(second))).status()).toBe(200);
    await expectNoAxeViolations(page, "calendar page after renewing");

    // Reloaded, the page no longer shows any link: only its hash is stored.
    await page.goto("/calendar");
    await waitForHydration(page);
    expect(await page.getByLabel("Dit kalenderlink", { exact: true }).count()).toBe(0);
    expect(await page.content()).not.toContain(pathOf(second));
  });

  test("works without JavaScript", async () => {
    const { page, context } = await openSession("medarbejder@jobcenter.example", {
      javaScriptEnabled: false,
    });
    await page.goto("/calendar");
    await expectNoAxeViolationsWithoutJs(page);
    await page.getByRole("button", { name: "Opret kalenderlink" }).click();
    const url = await page.getByLabel("Dit kalenderlink", { exact: true }).inputValue();
    expect((await context.request.get(pathOf(url))).status()).toBe(200);
    await expectNoAxeViolationsWithoutJs(page, "calendar page with a new link");
  });
});

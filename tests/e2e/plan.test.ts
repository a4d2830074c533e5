import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { DEMO_PASSWORD, startTestHub, type TestHub } from "../helpers/hub";
import {
  expectNoAxeViolations,
  expectNoAxeViolationsWithoutJs,
  launchBrowser,
  newUserContext,
  waitForHydration,
} from "./browser";

// The action plan in a real Chromium against the production build: an expert-group member
// opens the overview, narrows it to what ends within 12 months, opens an initiative and gives
// (then changes) a continuation recommendation; every page is checked with axe.

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

const PLAN_TITLE = "Handleplan til forebyggelse af negativ social kontrol 2024-2026";
const INITIATIVE = "Helhedsorienteret skoleindsats for elever, forældre og lærere";

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

async function settle(page: Page, label: string) {
  await waitForHydration(page);
  await expectNoAxeViolations(page, label);
}

const tableRows = (page: Page) =>
  page.getByRole("table", { name: "Indsatser i handleplanen" }).locator("tbody tr");

test("an expert-group member filters the plan, opens an initiative and recommends", async () => {
  const session = await openSession();
  const { page } = session;
  await signInQuietly(session, "ekspert@boernsvilkaar.example");

  // From the main navigation to the overview.
  await page.goto("/");
  await waitForHydration(page);
  await page
    .getByRole("navigation", { name: "Hovedmenu" })
    .getByRole("link", { name: "Handleplan" })
    .click();
  await expect.poll(() => new URL(page.url()).pathname).toBe("/plan");
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(PLAN_TITLE);
  await settle(page, "/plan");
  await expectNoAxeViolationsWithoutJs(page, "/plan");
  const chart = page.getByRole("img", { name: "Tidslinje over indsatsernes løbetid" });
  await expect.poll(() => chart.count()).toBe(1);
  const allRows = await tableRows(page).count();
  expect(allRows).toBe(8);

  // What ends within 12 months (today is in the plan's last year, so what ends with it).
  await page.getByLabel("Slutter inden for").selectOption({ label: "12 måneder" });
  await page.getByRole("button", { name: "Filtrer", exact: true }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get("endingWithin")).toBe("12");
  await settle(page, "/plan?endingWithin=12");
  const shown = await tableRows(page).count();
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThan(allRows);
  await expect.poll(() => page.getByRole("status").textContent()).toBe(`${shown} indsatser vises.`);
  const ends = await tableRows(page)
    .locator("td:nth-child(6) time")
    .evaluateAll((cells) => cells.map((c) => c.getAttribute("datetime") ?? ""));
  const limit = new Date();
  limit.setUTCMonth(limit.getUTCMonth() + 12);
  for (const end of ends) expect(end <= limit.toISOString().slice(0, 10)).toBe(true);

  // Open an initiative from the table.
  await tableRows(page).getByRole("link", { name: INITIATIVE }).click();
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(INITIATIVE);
  await settle(page, "initiative page");

  // Recommend: adjust, with a reason.
  const form = page.getByRole("form", { name: "Din anbefaling" });
  await form.getByRole("radio", { name: "Justeres" }).check();
  await form.getByLabel("Begrundelse").fill("Bør fortsætte med mere forældredialog.");
  await form.getByRole("button", { name: "Gem anbefalingen" }).click();
  await expect.poll(() => page.getByText("Din nuværende anbefaling: Justeres").count()).toBe(1);
  const summary = page.getByRole("table", { name: "Antal anbefalinger pr. svar" });
  await expect
    .poll(() =>
      summary
        .getByRole("row", { name: /Justeres/ })
        .getByRole("cell")
        .textContent(),
    )
    .toBe("1");
  await settle(page, "initiative page after recommending");

  // And changes her mind before the deadline: still one answer, now "continue".
  await form.getByRole("radio", { name: "Videreføres" }).check();
  await form.getByLabel("Begrundelse").fill("Skolerne efterspørger forløbene.");
  await form.getByRole("button", { name: "Gem anbefalingen" }).click();
  await expect.poll(() => page.getByText("Din nuværende anbefaling: Videreføres").count()).toBe(1);
  await expect
    .poll(() =>
      summary
        .getByRole("row", { name: /Justeres/ })
        .getByRole("cell")
        .textContent(),
    )
    .toBe("0");
  await expect
    .poll(() =>
      summary
        .getByRole("row", { name: /Videreføres/ })
        .getByRole("cell")
        .textContent(),
    )
    .toBe("1");
  await settle(page, "initiative page after changing the recommendation");
}, 90_000);

import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { SPACES } from "../../db/seed/data";
import { makeTextPdf } from "../../db/seed/documents";
import { DEMO_PASSWORD, startTestHub, type TestHub } from "../helpers/hub";
import {
  expectNoAxeViolations,
  expectNoAxeViolationsWithoutJs,
  launchBrowser,
  newUserContext,
  waitForHydration,
} from "./browser";

// The document library in a real Chromium against the production build: uploading through the
// form (with its progress), a new version, restoring an old one, the trash and back, a refused
// upload, and the same form without JavaScript. One hub and one browser for the file; the tests
// run in order and the first one follows a single paper through its life.

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

const NETWORK = SPACES.find((s) => s.slug === "bispebjerg-netvaerk")!;
const LIST_PATH = `/spaces/${NETWORK.slug}/documents`;
const TRASH_PATH = `${LIST_PATH}/trash`;
const DOCUMENT_URL = new RegExp(`${LIST_PATH}/[0-9a-f-]{36}$`);

const TXT = {
  type: "Filtypen er ikke tilladt, eller filens navn passer ikke til dens indhold.",
  restoredNote: "Gendannet fra en tidligere version",
};

/** Retries until the page catches up; a loaded 2-core machine needs more than the 1 s default. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 5_000, interval: 50 });

async function openSession(options: Parameters<typeof newUserContext>[2] = {}): Promise<Session> {
  const session = await newUserContext(browser, hub.url, options);
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

const heading = (page: Page, name: string) =>
  page.getByRole("heading", { level: 1, name, exact: true });
const uploadForm = (page: Page) =>
  page
    .locator("section")
    .filter({ has: page.getByRole("heading", { name: "Læg et dokument op" }) });
const versionForm = (page: Page) =>
  page
    .locator("section")
    .filter({ has: page.getByRole("heading", { name: "Læg en ny version op" }) });

/** The version history as shown: [number, file name, note] per row, newest first. */
function versionRows(page: Page) {
  return page
    .getByRole("region", { name: "Versioner" })
    .locator("tbody tr")
    .evaluateAll((rows) =>
      rows.map((row) => {
        const cells = [...row.querySelectorAll("td")];
        return [
          cells[0]?.textContent?.trim() ?? "",
          cells[1]?.querySelector("a")?.textContent?.trim() ?? "",
          cells[3]?.textContent?.trim() ?? "",
        ];
      }),
    );
}

/** The titles linked from the document list. */
function listedTitles(page: Page) {
  return page
    .getByRole("region", { name: "Dokumenter" })
    .locator("tbody tr td:first-child a")
    .allTextContents();
}

/** The text of every `<dt>`/`<dd>` pair of the document's details. */
function details(page: Page) {
  return page.locator("dl.meta-list").evaluate((dl) => {
    const out: Record<string, string> = {};
    const terms = [...dl.querySelectorAll("dt")];
    for (const dt of terms) out[dt.textContent ?? ""] = dt.nextElementSibling?.textContent ?? "";
    return out;
  });
}

describe("the document library in a browser", () => {
  const TITLE = "Referat af netværksmødet 8. december 2026";
  const V1 = { name: "Referat netværksmøde – æøå.pdf", text: "Referat, første udkast" };
  const V2 = { name: "Referat netværksmøde – endelig.pdf", text: "Referat, endelig udgave" };
  let secretariat: Session;
  let documentUrl: string;

  test("the secretariat uploads a paper through the form with its details and sees the progress", async () => {
    secretariat = await openSession();
    await signInQuietly(secretariat, "sekretariat@bif.example");
    const { page } = secretariat;
    await visit(page, LIST_PATH, "document list");
    await heading(page, "Dokumenter").waitFor();

    const form = uploadForm(page);
    await form.getByLabel("Fil", { exact: true }).setInputFiles({
      name: V1.name,
      mimeType: "application/pdf",
      buffer: makeTextPdf([V1.text]),
    });
    await form.getByLabel("Titel", { exact: true }).fill(TITLE);
    await form.getByLabel("Beskrivelse", { exact: true }).fill("Referat til godkendelse.");
    await form.getByLabel("Mappe", { exact: true }).selectOption({ label: "Netværksmøder" });
    await form.getByLabel("Dokumentdato", { exact: true }).fill("2026-12-08");
    await form
      .getByLabel("Afsender (organisation)", { exact: true })
      .selectOption({ label: "BIF" });
    await form.getByLabel("Sagsnummer i F2", { exact: true }).fill("2025 - 24329");
    await form.getByLabel("Dokumentnummer i F2", { exact: true }).fill("9764425");
    await form.getByLabel("Sagsnummer i eDoc", { exact: true }).fill("2025-0370200");
    await form.getByLabel("Emneord", { exact: true }).fill("referat, netværksmøde");
    await form.getByLabel("Note om versionen", { exact: true }).fill("Første udkast");

    // why: a local upload of a few kB finishes before anyone could see the progress bar; holding
    // the request back for a moment (it still reaches the real server) makes it observable.
    await page.route(`**${LIST_PATH}`, async (route) => {
      if (route.request().method() === "POST") await new Promise((r) => setTimeout(r, 600));
      await route.continue();
    });
    await form.getByRole("button", { name: "Læg op", exact: true }).click();
    const progress = page.getByRole("progressbar", { name: "Overfører" });
    await progress.waitFor();
    await page.waitForURL(DOCUMENT_URL);
    await page.unroute(`**${LIST_PATH}`);
    documentUrl = new URL(page.url()).pathname;

    await heading(page, TITLE).waitFor();
    await waitForHydration(page);
    await expectNoAxeViolations(page, "document page");
    expect(await details(page)).toEqual({
      Dokumentdato: "8. december 2026",
      "Afsender (organisation)": "BIF",
      "Sagsnummer i F2": "2025 - 24329",
      "Dokumentnummer i F2": "9764425",
      "Sagsnummer i eDoc": "2025-0370200",
      Emneord: "netværksmøde, referat",
    });
    expect(await versionRows(page)).toEqual([["1", V1.name, "Første udkast"]]);
    await page.getByRole("link", { name: "Vis i browseren" }).waitFor();

    // The download keeps the exact name, Danish letters and all.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: `Hent ${V1.name}`, exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(V1.name);
  });

  test("a new version, then restoring version 1 as version 3", async () => {
    const { page } = secretariat;
    const form = versionForm(page);
    await form.getByLabel("Fil", { exact: true }).setInputFiles({
      name: V2.name,
      mimeType: "application/pdf",
      buffer: makeTextPdf([V2.text]),
    });
    await form.getByLabel("Note om versionen", { exact: true }).fill("Rettelser fra mødet");
    await form.getByRole("button", { name: "Læg version op", exact: true }).click();
    await poll(() => versionRows(page)).toEqual([
      ["2", V2.name, "Rettelser fra mødet"],
      ["1", V1.name, "Første udkast"],
    ]);
    await waitForHydration(page);
    await expectNoAxeViolations(page, "document page with two versions");
    await page.getByRole("link", { name: `Hent ${V2.name}`, exact: true }).waitFor();

    await page.getByRole("button", { name: "Gendan version 1", exact: true }).click();
    await poll(() => versionRows(page)).toEqual([
      ["3", V1.name, TXT.restoredNote],
      ["2", V2.name, "Rettelser fra mødet"],
      ["1", V1.name, "Første udkast"],
    ]);
    await page.getByRole("link", { name: `Hent ${V1.name}`, exact: true }).waitFor();
    await expectNoAxeViolations(page, "document page after restoring");
  });

  test("linking the paper to a thread: listed under Bruges i and on the thread page, then unlinked", async () => {
    const { page } = secretariat;
    const THREAD = "Delt materiale: oversigt over rådgivning og sparring for fagpersoner";
    const uses = page.getByRole("region", { name: "Bruges i" });
    await uses
      .getByLabel("Knyt dokumentet til en tråd", { exact: true })
      .selectOption({ label: THREAD });
    await uses.getByRole("button", { name: "Knyt til tråden", exact: true }).click();
    await uses.getByRole("link", { name: THREAD, exact: true }).waitFor();
    await waitForHydration(page);
    await expectNoAxeViolations(page, "document page linked to a thread");

    await uses.getByRole("link", { name: THREAD, exact: true }).click();
    await heading(page, THREAD).waitFor();
    await waitForHydration(page);
    await expectNoAxeViolations(page, "thread page with its documents");
    await page
      .getByRole("region", { name: "Dokumenter" })
      .getByRole("link", { name: TITLE, exact: true })
      .click();
    await heading(page, TITLE).waitFor();

    await uses
      .getByRole("button", { name: `Fjern dokumentet fra tråden ${THREAD}`, exact: true })
      .click();
    await poll(() => uses.getByRole("link", { name: THREAD, exact: true }).count()).toBe(0);
  });

  test("moving the paper to the trash, and the secretariat restoring it from there", async () => {
    const { page } = secretariat;
    await page.getByRole("button", { name: "Flyt til papirkurven", exact: true }).click();
    await page.waitForURL(`${hub.url}${LIST_PATH}`);
    await heading(page, "Dokumenter").waitFor();
    await poll(() => listedTitles(page)).not.toContain(TITLE);

    await page
      .getByRole("navigation", { name: "Mapper" })
      .getByRole("link", { name: "Papirkurv", exact: true })
      .click();
    await page.waitForURL(`${hub.url}${TRASH_PATH}`);
    await heading(page, "Papirkurv").waitFor();
    await waitForHydration(page);
    await expectNoAxeViolations(page, "trash");
    const entry = page.locator("li").filter({ hasText: TITLE });
    await expect.poll(() => entry.textContent()).toContain("slettet af Mette Lindholm");

    await entry.getByRole("button", { name: `Gendan ${TITLE}`, exact: true }).click();
    await page.waitForURL(`${hub.url}${documentUrl}`);
    await heading(page, TITLE).waitFor();
    expect(await versionRows(page)).toHaveLength(3);
    await visit(page, LIST_PATH, "document list after restoring");
    expect(await listedTitles(page)).toContain(TITLE);
  });

  test("a member's upload of a .txt file holding a PDF is refused with the Danish message", async () => {
    const session = await openSession();
    await signInQuietly(session, "ngo@bispebjerg.example");
    const { page } = session;
    await visit(page, LIST_PATH, "document list (member)");
    const form = uploadForm(page);
    await form.getByLabel("Fil", { exact: true }).setInputFiles({
      name: "noter.txt",
      mimeType: "text/plain",
      buffer: makeTextPdf(["Egentlig en PDF"]),
    });
    await form.getByLabel("Titel", { exact: true }).fill("Noter fra mødet");
    await form.getByRole("button", { name: "Læg op", exact: true }).click();
    await form.getByRole("alert").filter({ hasText: TXT.type }).waitFor();
    expect(new URL(page.url()).pathname).toBe(LIST_PATH);
    expect(await page.getByRole("progressbar").count()).toBe(0);
    await expectNoAxeViolations(page, "refused upload");
    expect(await listedTitles(page)).not.toContain("Noter fra mødet");
  });

  test("without JavaScript the upload form is a plain multipart post", async () => {
    const session = await openSession({ javaScriptEnabled: false });
    await signInQuietly(session, "ngo@bispebjerg.example");
    const { page } = session;
    expect((await page.goto(LIST_PATH))?.status()).toBe(200);
    await heading(page, "Dokumenter").waitFor();
    await expectNoAxeViolationsWithoutJs(page, "document list");

    // A refused file first: the answer is the page again, with the message.
    const form = uploadForm(page);
    await form.getByLabel("Fil", { exact: true }).setInputFiles({
      name: "billede.png",
      mimeType: "image/png",
      buffer: Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"),
    });
    await form.getByLabel("Titel", { exact: true }).fill("Billede");
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      form.getByRole("button", { name: "Læg op", exact: true }).click(),
    ]);
    await page.getByRole("alert").filter({ hasText: TXT.type }).first().waitFor();
    await expectNoAxeViolationsWithoutJs(page, "refused upload without JavaScript");

    const title = "Dagsorden uden JavaScript";
    await uploadForm(page)
      .getByLabel("Fil", { exact: true })
      .setInputFiles({
        name: "dagsorden.md",
        mimeType: "text/markdown",
        buffer: Buffer.from("# Dagsorden\n\n1. Velkomst\n2. Eventuelt\n"),
      });
    await uploadForm(page).getByLabel("Titel", { exact: true }).fill(title);
    await uploadForm(page).getByRole("button", { name: "Læg op", exact: true }).click();
    await page.waitForURL(DOCUMENT_URL);
    await heading(page, title).waitFor();
    expect(await versionRows(page)).toEqual([["1", "dagsorden.md", ""]]);
    await expectNoAxeViolationsWithoutJs(page, "document page without JavaScript");
  });
});

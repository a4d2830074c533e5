import fs from "node:fs/promises";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SPACES } from "../../db/seed/data";
import { DEMO_PASSWORD, startTestHub, type TestHub } from "../helpers/hub";
import { expectNoAxeViolations, launchBrowser, newUserContext, waitForHydration } from "./browser";

// Spaces, members, the directory, profiles, organisations and their administration, in a real
// Chromium against the production build. One hub and one browser for the file; every person gets
// a fresh context, kept for the whole file so later steps can look at what earlier ones changed.
// The tests run in order and build on each other: the audit log in step 4 shows steps 2 and 3.

let hub: TestHub;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [hub, browser] = await Promise.all([startTestHub(), launchBrowser()]);
}, 60_000);

afterAll(async () => {
  await Promise.allSettled(contexts.map((c) => c.close()));
  await browser?.close();
  await hub?.close();
}, 20_000);

type Session = Awaited<ReturnType<typeof newUserContext>>;

async function openContext(): Promise<Session> {
  const session = await newUserContext(browser, hub.url);
  contexts.push(session.context);
  return session;
}

const NETWORK = SPACES.find((s) => s.slug === "bispebjerg-netvaerk")!;
const EXPERT_GROUP = SPACES.find((s) => s.slug === "ekspertgruppen")!;
const MEMBERS_PATH = `/spaces/${NETWORK.slug}/members`;
const NOT_FOUND_TEXT = "Siden findes ikke, eller du har ikke adgang til den.";
const CSV_HEADER = "Navn;Organisation;Stilling;Rolle;Udpeget;Udtrådt;E-mail;Telefon";

/** Retries until the page catches up; a loaded 2-core machine needs more than the 1 s default. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 5_000, interval: 50 });
const mainNav = (page: Page) => page.getByRole("navigation", { name: "Hovedmenu" });
const status = (page: Page, text: string) => page.getByRole("status").filter({ hasText: text });

/** Opens a path, waits for hydration, and checks the page with axe. */
async function visit(page: Page, path: string) {
  const response = await page.goto(path);
  await waitForHydration(page);
  await expectNoAxeViolations(page);
  return response;
}

async function expectHeading(page: Page, text: string) {
  await page.getByRole("heading", { level: 1, name: text, exact: true }).waitFor();
}

/** Signs in through the login form and checks the home page it lands on. */
async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await visit(page, "/login");
  await page.getByLabel("E-mail", { exact: true }).fill(email);
  await page.getByLabel("Adgangskode", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Log ind", exact: true }).click();
  await page.waitForURL(`${hub.url}/`);
  await expectHeading(page, "Mine rum");
  await waitForHydration(page);
  await expectNoAxeViolations(page, `home of ${email}`);
}

/**
 * Target and text of every link in `scope` whose target matches `href`; a space's unread badge
 * is left out of its text (it depends on what the demo data leaves unread).
 */
async function linksTo(scope: Locator, href: RegExp): Promise<{ href: string; text: string }[]> {
  const all = await scope.getByRole("link").evaluateAll((links) =>
    links.map((a) => {
      const copy = a.cloneNode(true) as Element;
      copy.querySelectorAll(".nav-badge").forEach((badge) => badge.remove());
      return { href: a.getAttribute("href") ?? "", text: (copy.textContent ?? "").trim() };
    }),
  );
  return all.filter((l) => href.test(l.href)).sort((a, b) => a.href.localeCompare(b.href));
}

const SPACE_PAGE = /^\/spaces\/[^/]+$/;
const networkLink = { href: `/spaces/${NETWORK.slug}`, text: NETWORK.name };

/** The table regions of the members page, named by their headings. */
const currentMembers = (page: Page) => page.getByRole("region", { name: /nuværende medlem/ });
const formerMembers = (page: Page) =>
  page.getByRole("region", { name: "Tidligere medlemmer", exact: true });

/** Names linked in a members table. */
const namesIn = (region: Locator) =>
  region.getByRole("link").evaluateAll((links) => links.map((a) => (a.textContent ?? "").trim()));

/** The role column of one person's row in the current-members table. */
const roleOf = (page: Page, name: string) =>
  currentMembers(page)
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name, exact: true }) })
    .getByRole("cell")
    .nth(2)
    .innerText();

/** Names of the people found on a directory page. */
const directoryNames = (page: Page) =>
  page
    .locator("main .card-title")
    .evaluateAll((titles) => titles.map((h) => (h.textContent ?? "").trim()));

/** A denied space answers exactly like a missing one: a Danish 404 page. */
async function expectNotFoundPage(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(404);
  await waitForHydration(page);
  await expectHeading(page, "Der skete en fejl");
  await page.getByText(NOT_FOUND_TEXT, { exact: true }).waitFor();
  expect(await page.locator("main").innerText()).not.toContain(EXPERT_GROUP.name);
  await expectNoAxeViolations(page, `404 for ${path}`);
}

/**
 * An error message a screen reader user learns of: the field is marked invalid, its description
 * points at the visible message, and focus has moved to the field so the message is read out.
 */
async function expectFieldError(page: Page, label: string, message: string) {
  const field = page.getByLabel(label, { exact: true });
  await page.getByText(message, { exact: true }).waitFor();
  await poll(() => field.getAttribute("aria-invalid")).toBe("true");
  const ids = ((await field.getAttribute("aria-describedby")) ?? "").split(/\s+/).filter(Boolean);
  expect(new Set(ids).size, "aria-describedby names an element twice").toBe(ids.length);
  const descriptions = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).innerText()));
  expect(descriptions.map((d) => d.trim())).toContain(message);
  await poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
}

const activeElement = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return { tag: el?.tagName.toLowerCase(), name: el?.getAttribute("name") };
  });

// Sessions kept across the steps below.
let ngo: Session;
let secretariat: Session;
let admin: Session;

const INVITED_AND_REVOKED = "revideret.invitation@ms.example";
const NEWCOMER_EMAIL = "nyt.netvaerksmedlem@ms.example";
const NEWCOMER_NAME = "Sara Nørgaard Ibsen";
const NEW_TAG = "kvartersvandringer";
const NEW_BIO =
  "Koordinerer lokale aktiviteter på Bispebjerg Bakke og planlægger kvartersvandringer med frivillige.";

describe("spaces, people and membership in the browser", () => {
  test("a network member sees only the network, its members, the directory and their own profile", async () => {
    ngo = await openContext();
    const { page } = ngo;
    await signIn(page, "ngo@bispebjerg.example");

    // The header menu and the spaces page name the local network and nothing else.
    expect(await linksTo(mainNav(page), SPACE_PAGE)).toEqual([networkLink]);
    await visit(page, "/spaces");
    await expectHeading(page, "Rum");
    expect(await linksTo(page.locator("main"), SPACE_PAGE)).toEqual([networkLink]);
    expect(await page.getByRole("heading", { name: "Andre rum (som administrator)" }).count()).toBe(
      0,
    );

    // The overview, reached from the card.
    await page.locator("main").getByRole("link", { name: NETWORK.name }).click();
    await page.waitForURL(`${hub.url}/spaces/${NETWORK.slug}`);
    await expectHeading(page, NETWORK.name);
    await page.getByText("Din rolle: Medlem").first().waitFor();
    await page.getByRole("heading", { level: 2, name: "Formål" }).waitFor();
    await page
      .getByText(/^Periode: .+ – .*2027$/)
      .first()
      .waitFor();
    await expectNoAxeViolations(page, "network overview");

    // The members page: current and former members, nothing to manage.
    await page
      .getByRole("navigation", { name: `Sider i ${NETWORK.name}` })
      .getByRole("link", { name: "Medlemmer" })
      .click();
    await page.waitForURL(`${hub.url}${MEMBERS_PATH}`);
    await expectHeading(page, "Medlemmer");
    await poll(() => namesIn(currentMembers(page))).toEqual(
      expect.arrayContaining(["Leyla Özdemir", "Yasmin Haddad", "Mette Lindholm", "Peter Brandt"]),
    );
    expect(await namesIn(currentMembers(page))).not.toContain("Jonas Vestergaard");
    expect(await namesIn(formerMembers(page))).toEqual(["Jonas Vestergaard"]);
    expect(await roleOf(page, "Leyla Özdemir")).toBe("Formand");
    // Nadia Rahimi shows her contact details to nobody.
    expect(
      await currentMembers(page)
        .getByRole("row")
        .filter({ has: page.getByRole("link", { name: "Nadia Rahimi" }) })
        .innerText(),
    ).toContain("Ikke synlig");
    expect(await page.getByRole("button", { name: /Skift rolle|Afslut medlemskab/ }).count()).toBe(
      0,
    );
    expect(await page.getByRole("columnheader", { name: "Administrer" }).count()).toBe(0);
    expect(await page.getByRole("heading", { name: "Inviter til rummet" }).count()).toBe(0);
    expect(await page.getByRole("link", { name: "Hent medlemslisten (CSV)" }).count()).toBe(0);
    await expectNoAxeViolations(page, "members page for a member");

    // The expert group cannot be reached by any URL.
    await expectNotFoundPage(page, `/spaces/${EXPERT_GROUP.slug}`);
    await expectNotFoundPage(page, `/spaces/${EXPERT_GROUP.slug}/members`);
    await expectNotFoundPage(page, "/spaces/findes-ikke");
    // The export is a download, not a page: its refusal is plain Danish text.
    const csv = await page.request.get(`/spaces/${EXPERT_GROUP.slug}/members.csv`);
    expect(csv.status()).toBe(404);
    expect((await csv.text()).trim()).toBe(NOT_FOUND_TEXT);
    const ownCsv = await page.request.get(`/spaces/${NETWORK.slug}/members.csv`);
    expect(ownCsv.status()).toBe(403);

    // The directory: search folds diacritics ("ozdemir" finds Özdemir).
    await visit(page, "/people");
    await expectHeading(page, "Personer");
    await page.getByLabel("Søg på navn, organisation eller fagområde").fill("ozdemir");
    await page.getByLabel("Søg på navn, organisation eller fagområde").press("Enter");
    await page.waitForURL(/\/people\?.*q=ozdemir/);
    await poll(() => directoryNames(page)).toEqual(["Leyla Özdemir"]);
    await status(page, "1 person").waitFor();
    await expectNoAxeViolations(page, "directory search for ozdemir");

    // A person page, and from it the person's organisation.
    await page.getByRole("link", { name: "Leyla Özdemir" }).click();
    await page.waitForURL(/\/people\/[0-9a-f-]+$/);
    await expectHeading(page, "Leyla Özdemir");
    await page.getByText("nøglepersonsuddannelse", { exact: false }).first().waitFor();
    expect(await page.getByRole("link", { name: "Rediger din profil" }).count()).toBe(0);
    // Only the shared space is listed, never the person's other memberships.
    expect(await linksTo(page.locator("main"), SPACE_PAGE)).toEqual([networkLink]);
    await expectNoAxeViolations(page, "person page");

    await page.locator("main").getByRole("link", { name: "BIF", exact: true }).click();
    await page.waitForURL(/\/organisations\/[0-9a-f-]+$/);
    await expectHeading(page, "BIF");
    await page.getByText("Kommunal enhed", { exact: true }).waitFor();
    await page.locator("main").getByRole("link", { name: "Leyla Özdemir" }).waitFor();
    // Henrik Dahl Jensen (BIF) shares no space with this person.
    expect(
      await page.locator("main").getByRole("link", { name: "Henrik Dahl Jensen" }).count(),
    ).toBe(0);
    expect(await linksTo(page.locator("main"), SPACE_PAGE)).toEqual([networkLink]);
    await expectNoAxeViolations(page, "organisation page");

    await mainNav(page).getByRole("link", { name: "Organisationer" }).click();
    await page.waitForURL(`${hub.url}/organisations`);
    await expectHeading(page, "Organisationer");
    await expectNoAxeViolations(page, "organisations");

    expect(ngo.problems).toEqual([]);
  }, 45_000);

  test("a member edits their profile: errors are announced, saved changes show in the directory", async () => {
    const { page } = ngo;
    await page.getByRole("link", { name: "Logget ind som Yasmin Haddad" }).click();
    await page.waitForURL(`${hub.url}/profile`);
    await expectHeading(page, "Min profil");
    await waitForHydration(page);
    await expectNoAxeViolations(page, "profile");

    const phone = page.getByLabel("Telefon", { exact: true });
    expect(await phone.inputValue()).toBe("+45 00 00 10 04");
    await phone.fill("abc");
    await page.getByRole("button", { name: "Gem profil" }).click();
    await expectFieldError(
      page,
      "Telefon",
      "Skriv et telefonnummer med cifre, mellemrum, + eller -.",
    );
    expect(await page.getByRole("status").filter({ hasText: "Din profil er gemt." }).count()).toBe(
      0,
    );
    await expectNoAxeViolations(page, "profile with an invalid phone number");

    await phone.fill("+45 00 00 10 04");
    await page.getByLabel("Kort præsentation", { exact: true }).fill(NEW_BIO);
    const expertise = page.getByLabel("Fagområder", { exact: true });
    const tags = async () =>
      (await expertise.inputValue())
        .split(",")
        .map((t) => t.trim())
        .sort();
    expect(await tags()).toEqual(["aktiviteter for unge", "frivillighed", "lokalsamfund"]);
    await expertise.fill(`lokalsamfund, frivillighed, aktiviteter for unge, ${NEW_TAG}`);
    await page.getByRole("button", { name: "Gem profil" }).click();
    await status(page, "Din profil er gemt.").waitFor();
    await poll(() => phone.getAttribute("aria-invalid")).toBeNull();
    expect(await page.getByLabel("Kort præsentation", { exact: true }).inputValue()).toBe(NEW_BIO);
    expect(await tags()).toEqual(["aktiviteter for unge", "frivillighed", NEW_TAG, "lokalsamfund"]);
    await expectNoAxeViolations(page, "profile saved");

    // The new tag finds the person in the directory, and their own page shows it.
    await visit(page, `/people?q=${NEW_TAG}`);
    await poll(() => directoryNames(page)).toEqual(["Yasmin Haddad"]);
    await page.locator("main .tags").getByText(NEW_TAG, { exact: true }).waitFor();

    await page.locator("main").getByRole("link", { name: "Yasmin Haddad" }).click();
    await page.waitForURL(/\/people\/[0-9a-f-]+$/);
    await expectHeading(page, "Yasmin Haddad");
    await page.getByText(NEW_BIO, { exact: true }).waitFor();
    expect(await page.locator("main dd").first().innerText()).toContain(NEW_TAG);
    await page.getByRole("link", { name: "Rediger din profil" }).waitFor();
    await expectNoAxeViolations(page, "own person page");

    expect(ngo.problems).toEqual([]);
  }, 30_000);

  test("the secretariat invites, resends, revokes, changes a role, ends a membership and exports", async () => {
    secretariat = await openContext();
    const { page } = secretariat;
    await signIn(page, "sekretariat@bif.example");
    await visit(page, MEMBERS_PATH);
    await expectHeading(page, "Medlemmer");
    await page.getByRole("heading", { name: "Inviter til rummet" }).waitFor();
    await page.getByText("Ingen afventende invitationer.").waitFor();
    await page.getByRole("button", { name: "Skift rolle Peter Brandt" }).waitFor();
    await page.getByRole("button", { name: "Afslut medlemskab Peter Brandt" }).waitFor();
    await page.getByRole("link", { name: "Hent medlemslisten (CSV)" }).waitFor();
    await expectNoAxeViolations(page, "members page with manage controls");

    // The invitation form by keyboard: labelled fields in order, submitted with Enter.
    await page.getByLabel("E-mail", { exact: true }).focus();
    await page.keyboard.type(INVITED_AND_REVOKED);
    await page.keyboard.press("Tab");
    expect(await activeElement(page)).toEqual({ tag: "select", name: "role" });
    const role = page.getByLabel("Rolle", { exact: true });
    expect(await role.inputValue()).toBe("member");
    await role.selectOption({ label: "Medlem" });
    await page.keyboard.press("Tab");
    expect(await activeElement(page)).toMatchObject({ tag: "button" });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Send invitation");
    await page.keyboard.press("Enter");
    await status(page, `Invitationen er sendt til ${INVITED_AND_REVOKED}.`).waitFor();
    const pending = page.locator("main .plain-list li").filter({ hasText: INVITED_AND_REVOKED });
    await pending.waitFor();
    expect(await pending.innerText()).toContain("Medlem");
    expect(await page.getByLabel("E-mail", { exact: true }).inputValue()).toBe("");
    await expectNoAxeViolations(page, "invitation sent");

    await page.getByRole("button", { name: `Send igen ${INVITED_AND_REVOKED}` }).click();
    await status(page, `Invitationen er sendt igen til ${INVITED_AND_REVOKED}.`).waitFor();
    await poll(() => pending.count()).toBe(1);

    await page.getByRole("button", { name: `Tilbagekald ${INVITED_AND_REVOKED}` }).click();
    await status(page, `Invitationen til ${INVITED_AND_REVOKED} er tilbagekaldt.`).waitFor();
    await poll(() => pending.count()).toBe(0);
    await page.getByText("Ingen afventende invitationer.").waitFor();
    await expectNoAxeViolations(page, "invitation revoked");

    // A role change through the row's select and button.
    expect(await roleOf(page, "Peter Brandt")).toBe("Medlem");
    await page
      .getByLabel("Rolle for Peter Brandt", { exact: true })
      .selectOption({ label: "Observatør" });
    await page.getByRole("button", { name: "Skift rolle Peter Brandt" }).click();
    await status(page, "Rollen for Peter Brandt er ændret.").waitFor();
    await poll(() => roleOf(page, "Peter Brandt")).toBe("Observatør");

    // Ending a membership keeps the person, as a former member.
    await page.getByRole("button", { name: "Afslut medlemskab Hanne Kristiansen" }).click();
    await status(page, "Medlemskabet for Hanne Kristiansen er afsluttet.").waitFor();
    await poll(() => namesIn(formerMembers(page))).toEqual(
      expect.arrayContaining(["Hanne Kristiansen", "Jonas Vestergaard"]),
    );
    expect(await namesIn(currentMembers(page))).not.toContain("Hanne Kristiansen");
    await expectNoAxeViolations(page, "after role change and ended membership");

    // The export downloads a Danish CSV that already holds the changes.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Hent medlemslisten (CSV)" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${NETWORK.slug}-medlemmer.csv`);
    const text = (await fs.readFile(await download.path(), "utf8")).replace(/^\uFEFF/, "");
    const lines = text.split("\r\n");
    expect(lines[0]).toBe(CSV_HEADER);
    const hanne = lines.find((l) => l.startsWith("Hanne Kristiansen;"));
    expect(hanne).toMatch(/;Medlem;\d{4}-\d{2}-\d{2};\d{4}-\d{2}-\d{2};/);
    expect(lines.find((l) => l.startsWith("Peter Brandt;"))).toContain(";Observatør;");
    // Nadia Rahimi shows her contact details to nobody, so the export leaves them out too.
    expect(lines.find((l) => l.startsWith("Nadia Rahimi;"))).not.toContain("@");
    expect(page.url()).toBe(`${hub.url}${MEMBERS_PATH}`);

    expect(secretariat.problems).toEqual([]);
  }, 45_000);

  test("an invitation to the network is mailed, accepted, and the newcomer appears in the directory", async () => {
    const { page } = secretariat;
    await page.getByLabel("E-mail", { exact: true }).fill(NEWCOMER_EMAIL);
    await page.getByLabel("Rolle", { exact: true }).selectOption({ label: "Medlem" });
    await page.getByRole("button", { name: "Send invitation" }).click();
    await status(page, `Invitationen er sendt til ${NEWCOMER_EMAIL}.`).waitFor();
    await page.locator("main .plain-list li").filter({ hasText: NEWCOMER_EMAIL }).waitFor();

    // No SMTP server is configured, so the mail lands in the outbox that an administrator reads.
    admin = await openContext();
    await signIn(admin.page, "admin@hub.example");
    await mainNav(admin.page).getByRole("link", { name: "Udbakke" }).click();
    await admin.page.waitForURL(`${hub.url}/admin/outbox`);
    await expectHeading(admin.page, "Udbakke");
    const mail = admin.page.locator("main .card").filter({ hasText: NEWCOMER_EMAIL });
    expect(await mail.count()).toBe(1);
    expect(await mail.getByRole("heading", { level: 2 }).innerText()).toBe(
      `Du er inviteret til ${NETWORK.name}`,
    );
    const body = await mail.locator(".mail-body").innerText();
    expect(body).toContain("Mette Lindholm");
    await expectNoAxeViolations(admin.page, "outbox");
    const link = /https?:\/\/\S+\/invitation\/[a-z0-9]+/.exec(body)?.[0];
    expect(link, body).toBeTruthy();
    const { pathname } = new URL(link!);

    const newcomer = await openContext();
    await visit(newcomer.page, pathname);
    await expectHeading(newcomer.page, "Opret din adgang");
    await newcomer.page.getByText(`som ${NEWCOMER_EMAIL}`).waitFor();
    await newcomer.page.getByLabel("Navn", { exact: true }).fill(NEWCOMER_NAME);
    await newcomer.page.getByLabel("Adgangskode", { exact: true }).fill("en-god-lang-adgangskode");
    await newcomer.page
      .getByLabel("Gentag adgangskode", { exact: true })
      .fill("en-god-lang-adgangskode");
    await newcomer.page.getByRole("button", { name: "Opret adgang" }).click();
    await newcomer.page.waitForURL(`${hub.url}/`);
    await expectHeading(newcomer.page, "Mine rum");
    await newcomer.page.getByText(`Velkommen, ${NEWCOMER_NAME}`).waitFor();
    expect(await linksTo(mainNav(newcomer.page), SPACE_PAGE)).toEqual([networkLink]);
    expect(await linksTo(newcomer.page.locator("main"), SPACE_PAGE)).toEqual([networkLink]);
    await newcomer.page.getByText("Din rolle: Medlem").waitFor();
    await expectNoAxeViolations(newcomer.page, "home of the newcomer");
    expect(newcomer.problems).toEqual([]);

    // The network member finds the newcomer in the directory and on the members page.
    await visit(ngo.page, `/people?q=${encodeURIComponent("nørgaard")}`);
    await poll(() => directoryNames(ngo.page)).toEqual([NEWCOMER_NAME]);
    await visit(ngo.page, MEMBERS_PATH);
    expect(await namesIn(currentMembers(ngo.page))).toContain(NEWCOMER_NAME);
    expect(await roleOf(ngo.page, NEWCOMER_NAME)).toBe("Medlem");
    expect(await namesIn(formerMembers(ngo.page))).toContain("Hanne Kristiansen");

    // The invitation is no longer pending for the secretariat.
    await visit(page, MEMBERS_PATH);
    await page.getByText("Ingen afventende invitationer.").waitFor();
    expect(await namesIn(currentMembers(page))).toContain(NEWCOMER_NAME);

    expect(ngo.problems).toEqual([]);
    expect(secretariat.problems).toEqual([]);
    expect(admin.problems).toEqual([]);
  }, 45_000);

  test("the administrator deactivates a person, reads the audit log and sees every space", async () => {
    const { page } = admin;
    await mainNav(page).getByRole("link", { name: "Brugere" }).click();
    await page.waitForURL(`${hub.url}/admin/people`);
    await expectHeading(page, "Brugere");
    await expectNoAxeViolations(page, "admin people");

    const row = page
      .getByRole("row")
      .filter({ has: page.getByRole("link", { name: "Mikkel Thomsen", exact: true }) });
    expect(await row.getByRole("cell").nth(3).innerText()).toBe("Aktiv");
    await row.getByRole("button", { name: "Deaktiver Mikkel Thomsen" }).click();
    await status(page, "Kontoen er deaktiveret. Personen er logget ud alle steder.").waitFor();
    await poll(() => row.getByRole("cell").nth(3).innerText()).toBe("Deaktiveret");
    await row.getByRole("button", { name: "Genaktiver Mikkel Thomsen" }).waitFor();
    // An administrator cannot deactivate themselves from here.
    const own = page
      .getByRole("row")
      .filter({ has: page.getByRole("link", { name: "Anne Holm Sørensen", exact: true }) });
    expect(await own.getByRole("button").count()).toBe(0);
    await expectNoAxeViolations(page, "admin people after deactivation");

    await mainNav(page).getByRole("link", { name: "Revisionslog" }).click();
    await page.waitForURL(`${hub.url}/admin/audit`);
    await expectHeading(page, "Revisionslog");
    const entries = await page
      .locator("main tbody tr")
      .evaluateAll((rows) =>
        rows.map((r) =>
          [...r.querySelectorAll("td")].slice(1).map((td) => (td.textContent ?? "").trim()),
        ),
      );
    const entry = (who: string, what: string, where: string, details: RegExp) =>
      expect(entries, `${what} by ${who}`).toContainEqual([
        who,
        what,
        where,
        expect.stringMatching(details),
      ]);
    const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    entry("Mette Lindholm", "Invitation sendt", NETWORK.name, new RegExp(esc(INVITED_AND_REVOKED)));
    entry(
      "Mette Lindholm",
      "Invitation sendt igen",
      NETWORK.name,
      new RegExp(esc(INVITED_AND_REVOKED)),
    );
    entry(
      "Mette Lindholm",
      "Invitation tilbagekaldt",
      NETWORK.name,
      new RegExp(esc(INVITED_AND_REVOKED)),
    );
    entry("Mette Lindholm", "Invitation sendt", NETWORK.name, new RegExp(esc(NEWCOMER_EMAIL)));
    entry(NEWCOMER_NAME, "Invitation modtaget", "", /^$/);
    entry("Mette Lindholm", "Rolle ændret", NETWORK.name, /"from":"member".*"to":"observer"/);
    entry("Mette Lindholm", "Medlemskab afsluttet", NETWORK.name, /"role":"member"/);
    entry("Yasmin Haddad", "Profil opdateret", "", /^$/);
    entry("Anne Holm Sørensen", "Konto deaktiveret", "", /^$/);
    await expectNoAxeViolations(page, "audit log");

    // Administrators see the spaces they are not in, to administer them.
    await visit(page, "/spaces");
    await expectHeading(page, "Rum");
    await page.getByText("Du er ikke medlem af nogen rum endnu.").waitFor();
    await page.getByRole("heading", { level: 2, name: "Andre rum (som administrator)" }).waitFor();
    expect(await linksTo(page.locator("main"), SPACE_PAGE)).toEqual(
      SPACES.map((s) => ({ href: `/spaces/${s.slug}`, text: s.name })).sort((a, b) =>
        a.href.localeCompare(b.href),
      ),
    );
    expect(await linksTo(mainNav(page), SPACE_PAGE)).toEqual([]);

    expect(admin.problems).toEqual([]);
  }, 30_000);

  test("the directory switches to English and back", async () => {
    const { page } = ngo;
    await visit(page, "/people");
    await expectHeading(page, "Personer");
    await page.getByRole("button", { name: "English", exact: true }).click();
    await expectHeading(page, "People");
    await poll(() => page.locator("html").getAttribute("lang")).toBe("en");
    expect(new URL(page.url()).pathname).toBe("/people");
    await page.getByLabel("Search by name, organisation or field").waitFor();
    await page
      .getByRole("navigation", { name: "Main menu" })
      .getByRole("link", { name: "People" })
      .waitFor();
    await expectNoAxeViolations(page, "directory in English");

    await page.getByRole("button", { name: "Dansk", exact: true }).click();
    await expectHeading(page, "Personer");
    await poll(() => page.locator("html").getAttribute("lang")).toBe("da");
    await page.getByLabel("Søg på navn, organisation eller fagområde").waitFor();
    await expectNoAxeViolations(page, "directory back in Danish");

    expect(ngo.problems).toEqual([]);
  }, 30_000);
});

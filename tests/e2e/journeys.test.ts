import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SPACES, type SpaceSlug } from "../../db/seed/data";
import { DEMO_PASSWORD, startTestHub, type TestHub } from "../helpers/hub";
import {
  expectNoAxeViolations,
  expectNoAxeViolationsWithoutJs,
  launchBrowser,
  newUserContext,
  waitForHydration,
} from "./browser";

// One hub and one Chromium for the whole file; every person gets a fresh browser context.
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

async function openContext(options: Parameters<typeof newUserContext>[2] = {}) {
  const session = await newUserContext(browser, hub.url, options);
  contexts.push(session.context);
  return session;
}

const spaceName = (slug: SpaceSlug) => SPACES.find((s) => s.slug === slug)!.name;
const ALL_SPACE_SLUGS = SPACES.map((s) => s.slug);

/** Retries until the page catches up; a loaded 2-core machine needs more than the 1 s default. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 5_000, interval: 50 });
const mainNav = (page: Page) => page.getByRole("navigation", { name: "Hovedmenu" });

// Pages that look the same to every visitor need axe only once per file (axe takes ~0.5 s a run).
const checkedSharedPages = new Set<string>();

/** Opens a path, waits for hydration, and checks the page with axe. */
async function visit(page: Page, path: string, { sameForEveryone = false } = {}) {
  await page.goto(path);
  await waitForHydration(page);
  if (sameForEveryone && checkedSharedPages.has(path)) return;
  await expectNoAxeViolations(page);
  if (sameForEveryone) checkedSharedPages.add(path);
}

async function expectHeading(page: Page, text: string) {
  await page.getByRole("heading", { level: 1, name: text, exact: true }).waitFor();
}

/** Signs in through the login form exactly as a person would. */
async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await visit(page, "/login", { sameForEveryone: true });
  await page.getByLabel("E-mail", { exact: true }).fill(email);
  await page.getByLabel("Adgangskode", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Log ind", exact: true }).click();
}

/** Text and target of every link in `scope` whose target matches `href`. */
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
const ADMIN_PAGE = /^\/admin\//;

/**
 * The home page lists exactly these spaces, in the header menu and as cards on the page, and the
 * administration links only for an administrator. Other menu entries may come and go.
 */
async function expectSpaces(page: Page, slugs: readonly SpaceSlug[], { admin = false } = {}) {
  await page.waitForURL(`${hub.url}/`);
  await expectHeading(page, "Mine rum");
  const expected = slugs
    .map((slug) => ({ href: `/spaces/${slug}`, text: spaceName(slug) }))
    .sort((a, b) => a.href.localeCompare(b.href));

  expect(await linksTo(mainNav(page), SPACE_PAGE)).toEqual(expected);
  expect(await linksTo(page.locator("main"), SPACE_PAGE)).toEqual(expected);
  if (slugs.length === 0) {
    await page.getByText("Du er ikke medlem af nogen rum endnu.").waitFor();
  }

  const adminLinks = [
    { href: "/admin/invitations", text: "Invitationer" },
    { href: "/admin/outbox", text: "Udbakke" },
  ];
  const adminSection = page.getByRole("region", { name: "Administration" });
  if (admin) {
    expect(await linksTo(mainNav(page), ADMIN_PAGE)).toEqual(expect.arrayContaining(adminLinks));
    expect(await linksTo(adminSection, ADMIN_PAGE)).toEqual(expect.arrayContaining(adminLinks));
  } else {
    expect(await linksTo(mainNav(page), ADMIN_PAGE)).toEqual([]);
    expect(await adminSection.count()).toBe(0);
  }
}

const activeElement = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return {
      tag: el?.tagName.toLowerCase(),
      id: el?.id,
      text: (el as HTMLElement | null)?.innerText?.trim(),
      name: el?.getAttribute("name"),
      inMain: !!el?.closest("main"),
    };
  });

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

describe("browser journeys", () => {
  test("a signed-out visitor lands on the Danish login page with a working skip link", async () => {
    const { page, problems } = await openContext();
    await page.goto("/");
    await page.waitForURL(`${hub.url}/login`);
    await waitForHydration(page);
    await expectHeading(page, "Log ind");
    expect(await page.locator("html").getAttribute("lang")).toBe("da");
    await expectNoAxeViolations(page);
    checkedSharedPages.add("/login");

    await page.keyboard.press("Tab");
    const first = await activeElement(page);
    expect(first).toMatchObject({ tag: "a", text: "Spring til indhold" });
    const skip = page.getByRole("link", { name: "Spring til indhold" });
    const box = await skip.boundingBox();
    expect(box && box.x >= 0 && box.y >= 0 && box.width > 0).toBe(true);

    await page.keyboard.press("Enter");
    await poll(async () => (await activeElement(page)).id).toBe("main");
    // Sequential navigation continues inside main, at the first form field.
    await page.keyboard.press("Tab");
    expect(await activeElement(page)).toMatchObject({ inMain: true, name: "email" });

    expect(problems).toEqual([]);
  }, 30_000);

  test("the CSP is enforced with a nonce, and a violation would be caught by these journeys", async () => {
    const { page, problems } = await openContext();
    const response = await page.goto("/login");
    await waitForHydration(page);
    const csp = (await response!.allHeaders())["content-security-policy"] ?? "";
    const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
    expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(problems).toEqual([]);

    // A script without the nonce, as an injection would be: blocked, and reported on the console.
    const ran = await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.__injected = true;";
      document.body.append(script);
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ran).toBe(false);
    await poll(() => problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatch(/Content Security Policy/i);
  }, 30_000);

  test("the secretariat signs in, visits every space, the statement, English and back, and signs out", async () => {
    const { page, problems } = await openContext();
    await signIn(page, "sekretariat@bif.example");
    await expectSpaces(page, ALL_SPACE_SLUGS);
    await page.getByText("Velkommen, Mette Lindholm").waitFor();
    await expectNoAxeViolations(page);

    for (const space of SPACES) {
      await mainNav(page).getByRole("link", { name: space.name, exact: true }).click();
      await page.waitForURL(`${hub.url}/spaces/${space.slug}`);
      await expectHeading(page, space.name);
      await page.getByText("Din rolle: Sekretariat").waitFor();
      expect(
        await mainNav(page)
          .getByRole("link", { name: space.name, exact: true })
          .getAttribute("aria-current"),
      ).toBe("page");
      await expectNoAxeViolations(page);
    }

    await page
      .getByRole("contentinfo")
      .getByRole("link", { name: "Tilgængelighedserklæring" })
      .click();
    await page.waitForURL(`${hub.url}/accessibility`);
    await expectHeading(page, "Tilgængelighedserklæring");
    await expectNoAxeViolations(page);

    await page.getByRole("button", { name: "English", exact: true }).click();
    await expectHeading(page, "Accessibility statement");
    await poll(() => page.locator("html").getAttribute("lang")).toBe("en");
    expect(page.url()).toBe(`${hub.url}/accessibility`);
    await page
      .getByRole("navigation", { name: "Main menu" })
      .getByRole("link", { name: "Home" })
      .waitFor();
    await poll(() => page.title()).toBe("Accessibility statement · Collaboration Hub");
    await expectNoAxeViolations(page);

    await page.getByRole("button", { name: "Dansk", exact: true }).click();
    await expectHeading(page, "Tilgængelighedserklæring");
    await poll(() => page.locator("html").getAttribute("lang")).toBe("da");
    await poll(() => page.title()).toBe("Tilgængelighedserklæring · Samarbejdshub");

    await page.getByRole("button", { name: "Log ud", exact: true }).click();
    await page.waitForURL(`${hub.url}/login?loggedOut=1`);
    await expectHeading(page, "Log ind");
    expect(await page.getByRole("status").innerText()).toBe("Du er logget ud.");
    expect(await mainNav(page).count()).toBe(0);
    await expectNoAxeViolations(page);

    // The session is gone on the server: the home page sends the visitor back to sign in.
    await page.goto("/");
    await page.waitForURL(`${hub.url}/login`);

    expect(problems).toEqual([]);
  }, 45_000);

  const accounts: { email: string; slugs: SpaceSlug[]; admin?: boolean }[] = [
    { email: "ekspert@boernsvilkaar.example", slugs: ["ekspertgruppen"] },
    { email: "ngo@bispebjerg.example", slugs: ["bispebjerg-netvaerk"] },
    { email: "medarbejder@jobcenter.example", slugs: ["foelgegruppen"] },
    { email: "admin@hub.example", slugs: [], admin: true },
  ];

  test("each other demo account sees exactly its own spaces", async () => {
    for (const account of accounts) {
      const { page, problems, context } = await openContext();
      await signIn(page, account.email);
      await expectSpaces(page, account.slugs, { admin: account.admin });
      await expectNoAxeViolations(page, `home of ${account.email}`);
      expect(problems).toEqual([]);
      await context.close();
    }
  }, 45_000);

  test("a space the person is not a member of answers like one that does not exist", async () => {
    const { page, problems } = await openContext();
    await signIn(page, "ekspert@boernsvilkaar.example");
    await expectSpaces(page, ["ekspertgruppen"]);
    const response = await page.goto("/spaces/foelgegruppen");
    expect(response?.status()).toBe(404);
    await waitForHydration(page);
    await expectHeading(page, "Der skete en fejl");
    await page.getByText("Siden findes ikke, eller du har ikke adgang til den.").waitFor();
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
  }, 30_000);

  test("the admin invites a new person, who sets a password from the mailed link and is signed in", async () => {
    const invitee = "ny.kollega@bif.example";
    const admin = await openContext();
    await signIn(admin.page, "admin@hub.example");
    await expectSpaces(admin.page, [], { admin: true });

    await mainNav(admin.page).getByRole("link", { name: "Invitationer" }).click();
    await admin.page.waitForURL(`${hub.url}/admin/invitations`);
    await expectHeading(admin.page, "Invitationer");
    await admin.page.getByText("Ingen afventende invitationer.").waitFor();
    await expectNoAxeViolations(admin.page);

    await admin.page.getByLabel("E-mail", { exact: true }).fill("ikke-en-adresse");
    await admin.page.getByRole("button", { name: "Send invitation" }).click();
    await expectFieldError(admin.page, "E-mail", "Skriv en gyldig e-mailadresse.");
    await expectNoAxeViolations(admin.page, "invitation form with an invalid email");

    // An error only the server can find comes back the same way.
    await admin.page.getByLabel("E-mail", { exact: true }).fill("sekretariat@bif.example");
    await admin.page.getByRole("button", { name: "Send invitation" }).click();
    await expectFieldError(admin.page, "E-mail", "Der findes allerede en konto med denne e-mail.");
    await expectNoAxeViolations(admin.page, "invitation form for an existing account");

    await admin.page.getByLabel("E-mail", { exact: true }).fill(invitee);
    await admin.page.getByRole("button", { name: "Send invitation" }).click();
    await admin.page
      .getByRole("status")
      .filter({ hasText: `Invitationen er sendt til ${invitee}.` })
      .waitFor();
    expect(
      await admin.page.getByLabel("E-mail", { exact: true }).getAttribute("aria-invalid"),
    ).toBeNull();
    await admin.page.getByRole("cell", { name: invitee }).waitFor();
    await expectNoAxeViolations(admin.page, "invitation sent");

    await mainNav(admin.page).getByRole("link", { name: "Udbakke" }).click();
    await admin.page.waitForURL(`${hub.url}/admin/outbox`);
    await expectHeading(admin.page, "Udbakke");
    const mail = admin.page.locator("main .card").filter({ hasText: invitee });
    expect(await mail.getByRole("heading", { level: 2 }).innerText()).toBe(
      "Du er inviteret til Samarbejdshub",
    );
    const body = await mail.locator(".mail-body").innerText();
    await expectNoAxeViolations(admin.page);
    expect(admin.problems).toEqual([]);

    // Links in mails use the configured public URL (never the request's Host), so take the path.
    const link = /https?:\/\/\S+\/invitation\/[a-z0-9]+/.exec(body)?.[0];
    expect(link, body).toBeTruthy();
    const { pathname } = new URL(link!);

    const person = await openContext();
    await visit(person.page, pathname);
    await expectHeading(person.page, "Opret din adgang");
    await person.page.getByText(`Du er inviteret til Samarbejdshub som ${invitee}.`).waitFor();

    await person.page.getByLabel("Navn", { exact: true }).fill("Nikolaj Kollega");
    await person.page.getByLabel("Adgangskode", { exact: true }).fill("en-god-lang-adgangskode");
    await person.page
      .getByLabel("Gentag adgangskode", { exact: true })
      .fill("en-anden-adgangskode");
    await person.page.getByRole("button", { name: "Opret adgang" }).click();
    await expectFieldError(person.page, "Gentag adgangskode", "De to adgangskoder er ikke ens.");
    await expectNoAxeViolations(person.page, "invitation form with mismatched passwords");
    expect(person.page.url()).toBe(`${hub.url}${pathname}`);

    await person.page
      .getByLabel("Gentag adgangskode", { exact: true })
      .fill("en-god-lang-adgangskode");
    await person.page.getByRole("button", { name: "Opret adgang" }).click();
    await expectSpaces(person.page, []);
    await person.page.getByText("Velkommen, Nikolaj Kollega").waitFor();
    await expectNoAxeViolations(person.page, "home of the new person");

    // The link was single-use.
    const again = await person.page.goto(pathname);
    expect(again?.status()).toBe(410);
    await waitForHydration(person.page);
    await person.page
      .getByRole("alert")
      .filter({ hasText: "Invitationen er ugyldig, udløbet eller allerede brugt." })
      .waitFor();
    await expectNoAxeViolations(person.page, "used invitation link");
    expect(person.problems).toEqual([]);
  }, 45_000);

  test("a wrong password is refused in Danish, and the forgotten-password page works", async () => {
    const { page, problems } = await openContext();
    await signIn(page, "sekretariat@bif.example", "forkert-adgangskode");
    await page
      .getByRole("alert")
      .filter({ hasText: "E-mail eller adgangskode er forkert." })
      .waitFor();
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(await page.getByLabel("E-mail", { exact: true }).inputValue()).toBe(
      "sekretariat@bif.example",
    );
    await expectNoAxeViolations(page, "login with a wrong password");

    await page.getByRole("link", { name: "Glemt adgangskode?" }).click();
    await page.waitForURL(`${hub.url}/password/forgot`);
    await expectHeading(page, "Glemt adgangskode");
    await expectNoAxeViolations(page);

    await page.getByLabel("E-mail", { exact: true }).fill("sekretariat@bif.example");
    await page.getByRole("button", { name: "Send link" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: "Hvis der findes en konto med den e-mail" })
      .waitFor();
    await expectNoAxeViolations(page, "password reset requested");
    expect(problems).toEqual([]);
  }, 30_000);

  test("sign-in and the language switch work without JavaScript", async () => {
    const { page } = await openContext({ javaScriptEnabled: false });
    await page.goto("/");
    await page.waitForURL(`${hub.url}/login`);
    await expectHeading(page, "Log ind");
    await expectNoAxeViolationsWithoutJs(page);

    await page.getByLabel("E-mail", { exact: true }).fill("ngo@bispebjerg.example");
    await page.getByLabel("Adgangskode", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Log ind", exact: true }).click();
    await expectSpaces(page, ["bispebjerg-netvaerk"]);
    await expectNoAxeViolationsWithoutJs(page);

    await page.getByRole("button", { name: "English", exact: true }).click();
    await expectHeading(page, "My spaces");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await expectNoAxeViolationsWithoutJs(page);
  }, 30_000);
});

import AxeBuilder from "@axe-core/playwright";
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from "playwright-core";

/** Debian's Chromium: these machines never download a browser. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** One headless Chromium per test file; each user gets its own context from it. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    timeout: 30_000,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** What a page reported that points at a CSP problem or a script crash. */
export interface PageProblems {
  /** Console errors about the Content Security Policy, and uncaught page errors. */
  problems: string[];
}

/**
 * A fresh context (own cookies) with short explicit timeouts, whose pages record CSP violations
 * (reported on the console) and uncaught errors into `problems`.
 */
export async function newUserContext(
  browser: Browser,
  baseURL: string,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page } & PageProblems> {
  const context = await browser.newContext({ baseURL, locale: "da-DK", ...options });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(15_000);
  const problems: string[] = [];
  context.on("page", (p) => watchPage(p, problems));
  const page = await context.newPage();
  return { context, page, problems };
}

function watchPage(page: Page, problems: string[]) {
  page.on("console", (message) => {
    if (message.type() === "error" && /content security policy/i.test(message.text())) {
      problems.push(`CSP on ${page.url()}: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => problems.push(`page error on ${page.url()}: ${error.message}`));
}

/** Runs axe with the WCAG 2.1 A/AA rules and fails with a readable list of every violation. */
export async function expectNoAxeViolations(page: Page, label = page.url()): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  if (results.violations.length === 0) return;
  const lines = results.violations.map((v) => {
    const nodes = v.nodes
      .map((n) => {
        const summary = (n.failureSummary ?? "").replace(/\s+/g, " ").trim();
        return `    - ${n.target.join(" ")}\n      ${n.html}\n      ${summary}`;
      })
      .join("\n");
    return `  [${v.impact ?? "?"}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}`;
  });
  throw new Error(
    `axe found ${results.violations.length} WCAG 2.1 A/AA violation(s) on ${label}:\n${lines.join("\n")}`,
  );
}

/**
 * Waits until React has hydrated the server-rendered document (its fiber is attached to <main>),
 * so clicks reach the client-side handlers instead of racing a plain form post.
 */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const main = document.querySelector("main");
    return !!main && Object.keys(main).some((k) => k.startsWith("__reactFiber$"));
  });
}

/**
 * axe-core runs inside the page, so it cannot run where JavaScript is off. This checks what such a
 * visitor got instead: the page's current HTML, scripts removed, served at its own URL in a
 * separate JavaScript-enabled context (stylesheets still load from the hub).
 */
export async function expectNoAxeViolationsWithoutJs(
  page: Page,
  label = page.url(),
): Promise<void> {
  const url = page.url();
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, "");
  const browser = page.context().browser();
  if (!browser) throw new Error("the page has no browser to open a checking context in");
  const context = await browser.newContext();
  context.setDefaultTimeout(10_000);
  try {
    await context.route(url, (route) =>
      route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }),
    );
    const copy = await context.newPage();
    await copy.goto(url);
    await expectNoAxeViolations(copy, `${label} (without JavaScript)`);
  } finally {
    await context.close();
  }
}

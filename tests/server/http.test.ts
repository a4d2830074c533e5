import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { io as connectSocket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readVersion } from "../../server/boot";
import { Client, startTestHub, type TestHub } from "../helpers/hub";

const CROSS_SITE_DA = "Forespørgslen blev afvist, fordi den ikke kom fra hubbens egne sider.";
const CROSS_SITE_EN = "The request was refused because it did not come from the hub's own pages.";

function cspNonce(res: Response): string {
  const csp = res.headers.get("content-security-policy") ?? "";
  const nonce = /script-src [^;]*'nonce-([^']+)'/.exec(csp)?.[1];
  if (!nonce) throw new Error(`no script nonce in CSP: ${csp}`);
  return nonce;
}

function expectSecurityHeaders(res: Response) {
  const csp = res.headers.get("content-security-policy");
  expect(csp, "an enforced CSP, not report-only").toBeTruthy();
  expect(res.headers.get("content-security-policy-report-only")).toBeNull();
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toMatch(/default-src 'self'/);
  expect(csp).toMatch(/object-src 'none'/);
  // Scripts only from the hub itself or with this response's nonce; never inline by default.
  const scriptSrc = /script-src ([^;]*)/.exec(csp!)?.[1] ?? "";
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc).not.toContain("'unsafe-eval'");
  expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]{22,}'/);
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  expect([
    "same-origin",
    "no-referrer",
    "strict-origin-when-cross-origin",
    "strict-origin",
  ]).toContain(res.headers.get("referrer-policy"));
}

/** Every <script> tag and its nonce attribute, in document order. */
function scriptNonces(html: string): (string | null)[] {
  return [...html.matchAll(/<script\b([^>]*)>/g)].map(
    (m) => /\bnonce="([^"]*)"/.exec(m[1]!)?.[1] ?? null,
  );
}

function mainOf(html: string): string {
  return /<main[^]*?<\/main>/.exec(html)?.[0] ?? "";
}

describe("HTTP surface", () => {
  let h: TestHub;
  beforeAll(async () => {
    h = await startTestHub();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("answers /healthz with 200 JSON, the version and a working database", async () => {
    const res = await fetch(`${h.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: "ok", database: "ok", version: h.config.version });
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
    expectSecurityHeaders(res);
  });

  it("reports the version from package.json when started the normal way", () => {
    const pkg = JSON.parse(fs.readFileSync("package.json", "utf8")) as { version: string };
    expect(readVersion()).toBe(pkg.version);
  });

  it("sends the security headers on HTML pages, with a fresh nonce that the page's scripts carry", async () => {
    const first = await fetch(`${h.url}/login`);
    const second = await fetch(`${h.url}/login`);
    for (const res of [first, second]) {
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      expectSecurityHeaders(res);
    }
    const [nonceA, nonceB] = [cspNonce(first), cspNonce(second)];
    expect(nonceA).not.toBe(nonceB);

    for (const [res, nonce] of [
      [first, nonceA],
      [second, nonceB],
    ] as const) {
      const nonces = scriptNonces(await res.text());
      expect(nonces.length).toBeGreaterThan(0);
      // Every script would be blocked by the CSP unless it carries exactly this response's nonce.
      expect(new Set(nonces)).toEqual(new Set([nonce]));
    }
  });

  it("sends the security headers on a signed-in page too", async () => {
    const client = new Client(h.url);
    await client.login("sekretariat@bif.example");
    const res = await client.get("/");
    expect(res.status).toBe(200);
    expectSecurityHeaders(res);
    const nonce = cspNonce(res);
    expect(new Set(scriptNonces(await res.text()))).toEqual(new Set([nonce]));
  });

  it("answers an unknown page with a Danish 404 page, the security headers and no stack trace", async () => {
    const res = await fetch(`${h.url}/findes-slet-ikke`);
    expect(res.status).toBe(404);
    expectSecurityHeaders(res);
    const html = await res.text();
    expect(html).toMatch(/<html lang="da"/);
    expect(mainOf(html)).toContain("Siden findes ikke, eller du har ikke adgang til den.");
    expect(html).not.toMatch(/\bat [\w.<>]+ \(.*:\d+:\d+\)/);
    expect(html).not.toContain("node_modules");
    expect(html).not.toContain(process.cwd());
    expect(new Set(scriptNonces(html))).toEqual(new Set([cspNonce(res)]));
  });

  it("answers the 404 page in English to a visitor who chose English", async () => {
    const client = new Client(h.url);
    await client.post("/language", { lng: "en", redirectTo: "/" });
    const res = await client.get("/findes-slet-ikke");
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toMatch(/<html lang="en"/);
    expect(mainOf(html)).toContain("The page does not exist, or you do not have access to it.");
  });

  it("answers a POST to a page without a form with 405, not a 500", async () => {
    const client = new Client(h.url);
    const res = await client.post("/healthz", { a: "b" });
    expect(res.status).toBe(405);
    expectSecurityHeaders(res);
    const html = await res.text();
    expect(mainOf(html)).toContain("Noget gik galt. Prøv igen om lidt.");
    expect(html).not.toMatch(/\bat [\w.<>]+ \(.*:\d+:\d+\)/);
  });

  it("answers a missing asset with 404 and the security headers", async () => {
    const res = await fetch(`${h.url}/assets/does-not-exist-abc123.js`);
    expect(res.status).toBe(404);
    expectSecurityHeaders(res);
  });

  it("serves hashed assets with a one-year immutable cache", async () => {
    const assets = fs.readdirSync(path.join("build", "client", "assets"));
    const js = assets.find((f) => /-[\w-]{8}\.js$/.test(f));
    const css = assets.find((f) => f.endsWith(".css"));
    expect(js, "the production build has hashed JS assets").toBeTruthy();
    for (const file of [js, css].filter(Boolean)) {
      const res = await fetch(`${h.url}/assets/${file}`);
      expect(res.status).toBe(200);
      const cache = res.headers.get("cache-control") ?? "";
      expect(cache).toContain("immutable");
      expect(cache).toMatch(/max-age=31536000\b/);
      expectSecurityHeaders(res);
      await res.arrayBuffer();
    }
  });

  describe("cross-site state changes", () => {
    const credentials = { email: "ekspert@boernsvilkaar.example", password: "hub-demo-2026" };

    async function sessionCount() {
      const row = await h.db
        .selectFrom("session")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    }

    it("refuses a POST from a foreign Origin with 403 and a Danish message, signing nobody in", async () => {
      const before = await sessionCount();
      const client = new Client(h.url);
      const res = await client.post("/login", credentials, { origin: "http://evil.example" });
      expect(res.status).toBe(403);
      expect(await res.text()).toBe(CROSS_SITE_DA);
      expect(res.headers.getSetCookie().some((c) => c.startsWith("hub_session="))).toBe(false);
      expect(await sessionCount()).toBe(before);
      expectSecurityHeaders(res);
    });

    it("refuses a POST marked Sec-Fetch-Site: cross-site even with the hub's own Origin", async () => {
      const client = new Client(h.url);
      const res = await client.post("/login", credentials, {
        headers: { "Sec-Fetch-Site": "cross-site" },
      });
      expect(res.status).toBe(403);
      expect(await res.text()).toBe(CROSS_SITE_DA);
    });

    it("refuses a POST without any Origin", async () => {
      const client = new Client(h.url);
      const res = await client.post("/login", credentials, { origin: null });
      expect(res.status).toBe(403);
      expect(await res.text()).toBe(CROSS_SITE_DA);
    });

    it("accepts the same POST from the hub's own pages", async () => {
      const client = new Client(h.url);
      const res = await client.post("/login", credentials);
      expect(res.status).toBe(302);
    });

    it("answers in English to a visitor with lng=en", async () => {
      const res = await fetch(`${h.url}/login`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: "http://evil.example", Cookie: "lng=en" },
        body: new URLSearchParams(credentials),
      });
      expect(res.status).toBe(403);
      expect(await res.text()).toBe(CROSS_SITE_EN);
    });

    it("answers in English to a visitor who chose English with the language switch", async () => {
      const client = new Client(h.url);
      const switched = await client.post("/language", { lng: "en", redirectTo: "/login" });
      expect(switched.status).toBe(302);
      const res = await client.post("/login", credentials, { origin: "http://evil.example" });
      expect(res.status).toBe(403);
      expect(await res.text()).toBe(CROSS_SITE_EN);
    });

    it("cannot sign a victim out from another site", async () => {
      const victim = new Client(h.url);
      await victim.login("ngo@bispebjerg.example");
      const res = await victim.post("/logout", {}, { origin: "http://evil.example" });
      expect(res.status).toBe(403);
      expect((await victim.get("/")).status).toBe(200);
    });
  });

  it("refuses a malformed (non-form) body with 400 and a message, not a 500", async () => {
    const client = new Client(h.url);
    for (const [type, body] of [
      ["application/json", '{"email":"ekspert@boernsvilkaar.example"}'],
      ["multipart/form-data; boundary=x", "--x\r\nbroken"],
    ] as const) {
      const res = await client.request("/login", {
        method: "POST",
        headers: { "Content-Type": type },
        body,
      });
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(mainOf(html)).toContain("Formularen kunne ikke læses. Prøv igen.");
      expect(html).not.toMatch(/\bat [\w.<>]+ \(.*:\d+:\d+\)/);
    }
  });
});

describe("oversized bodies", () => {
  let h: TestHub;
  beforeAll(async () => {
    h = await startTestHub({ env: { MAX_BODY_BYTES: "300" } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("refuses a body over MAX_BODY_BYTES with 413 and a Danish message, and writes nothing", async () => {
    const admin = new Client(h.url);
    await admin.login("admin@hub.example");
    const res = await admin.post("/admin/invitations", {
      email: "stor.formular@example.org",
      padding: "x".repeat(1000),
    });
    expect(res.status).toBe(413);
    expect(await res.text()).toBe("Forespørgslen er for stor.");
    const invitations = await h.db.selectFrom("invitation").select("id").execute();
    const mails = await h.db.selectFrom("outboxMail").select("id").execute();
    expect(invitations).toEqual([]);
    expect(mails).toEqual([]);

    // The same form within the limit goes through.
    const ok = await admin.post("/admin/invitations", { email: "lille.formular@example.org" });
    expect(ok.status).toBe(200);
  });

  it("does not sign in through an oversized login form", async () => {
    const sessionsBefore = await h.db.selectFrom("session").select("id").execute();
    const client = new Client(h.url);
    const res = await client.post("/login", {
      email: "ekspert@boernsvilkaar.example",
      password: "hub-demo-2026",
      redirectTo: "/" + "a".repeat(400),
    });
    expect(res.status).toBe(413);
    expect(client.cookies.has("hub_session")).toBe(false);
    expect(await h.db.selectFrom("session").select("id").execute()).toEqual(sessionsBefore);
  });

  it("refuses a body without a declared length (411)", async () => {
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("email=a%40b.example&password=x"));
        controller.close();
      },
    });
    const res = await fetch(`${h.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: h.url, "Content-Type": "application/x-www-form-urlencoded" },
      body: stream,
      // why: Node's fetch needs this to stream a request body (sent chunked, without a length).
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(411);
    expect(await res.text()).toBe("Forespørgslen mangler en længdeangivelse.");
  });
});

describe("database check", () => {
  it("answers /healthz with 503 when the database is gone", async () => {
    const h = await startTestHub({ seed: false });
    try {
      await h.db.destroy();
      const res = await fetch(`${h.url}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ database: "unavailable" });
    } finally {
      await h.close();
    }
  });
});

describe("graceful close", () => {
  it("resolves, disconnects sockets, stops accepting and closes the database", async () => {
    const h = await startTestHub();
    const client = new Client(h.url);
    await client.login("sekretariat@bif.example");
    const socket = connectSocket(h.url, {
      transports: ["websocket"],
      reconnection: false,
      extraHeaders: { Cookie: client.cookieHeader(), Origin: h.url },
    });
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    const disconnected = new Promise<string>((resolve) => socket.once("disconnect", resolve));
    // A keep-alive connection left open by an earlier request must not hold the close up.
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);

    const started = Date.now();
    await h.close();
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(await disconnected).toBeTruthy();
    socket.close();

    await expect(fetch(`${h.url}/healthz`)).rejects.toThrow();
    await expect(sql`select 1`.execute(h.db)).rejects.toThrow();
    // Closing twice is harmless (SIGTERM then SIGINT).
    await expect(h.close()).resolves.toBeUndefined();
  });
});

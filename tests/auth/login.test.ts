import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, DEMO_PASSWORD, startTestHub, type TestHub } from "../helpers/hub";

const SPACE_NAMES = {
  "bispebjerg-netvaerk": "Lokalnetværket på Bispebjerg Bakke / Bispebjerg Nordvest",
  ekspertgruppen: "Ekspertgruppen til forebyggelse af negativ social kontrol",
  foelgegruppen: "Følgegruppen",
} as const;
type Slug = keyof typeof SPACE_NAMES;
const ALL_SLUGS = Object.keys(SPACE_NAMES) as Slug[];

const DEMO_SPACES: Record<string, Slug[]> = {
  "admin@hub.example": [],
  "sekretariat@bif.example": ALL_SLUGS,
  "ekspert@boernsvilkaar.example": ["ekspertgruppen"],
  "ngo@bispebjerg.example": ["bispebjerg-netvaerk"],
  "medarbejder@jobcenter.example": ["foelgegruppen"],
};

const INVALID_DA = "E-mail eller adgangskode er forkert.";
const NOT_FOUND_DA = "Siden findes ikke, eller du har ikke adgang til den.";
const FORBIDDEN_DA = "Du har ikke adgang til denne handling.";

function mainOf(html: string): string {
  return /<main[^]*?<\/main>/.exec(html)?.[0] ?? "";
}

/** The form-level message (role="alert"), as a screen reader would announce it. */
function formAlert(html: string): string {
  const block = /<div id="[^"]*-error" role="alert"[^>]*>([^]*?)<\/div>/.exec(html)?.[1] ?? "";
  return block
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The message shown under one field. */
function fieldError(html: string, field: string): string | null {
  return (
    new RegExp(`id="[^"]*-${field}-error" class="field__error">([^<]*)<`).exec(html)?.[1] ?? null
  );
}

function sessionCookie(res: Response): string | undefined {
  return res.headers.getSetCookie().find((c) => c.startsWith("hub_session="));
}

async function countSessions(h: TestHub, userEmail?: string): Promise<number> {
  let q = h.db
    .selectFrom("session")
    .innerJoin("user", "user.id", "session.userId")
    .select((eb) => eb.fn.countAll<number>().as("n"));
  if (userEmail) q = q.where("user.email", "=", userEmail);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

describe("sign-in", () => {
  let h: TestHub;
  beforeAll(async () => {
    // A generous per-IP limit: every request in this file comes from 127.0.0.1.
    h = await startTestHub({ env: { LOGIN_LIMIT_PER_IP: "1000" } });
  });
  afterAll(async () => {
    await h?.close();
  });

  for (const [email, slugs] of Object.entries(DEMO_SPACES)) {
    it(`${email} signs in and sees exactly their spaces`, async () => {
      const client = new Client(h.url);
      const res = await client.post("/login", { email, password: DEMO_PASSWORD });
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe("/");

      const cookie = sessionCookie(res);
      expect(cookie).toBeTruthy();
      const attrs = cookie!.split(";").map((a) => a.trim().toLowerCase());
      expect(attrs).toContain("httponly");
      expect(attrs).toContain("samesite=lax");
      expect(attrs).toContain("path=/");
      // Served over plain http: a Secure cookie would never come back.
      expect(attrs).not.toContain("secure");

      const home = await client.get("/");
      expect(home.status).toBe(200);
      const html = await home.text();
      const main = mainOf(html);
      for (const slug of ALL_SLUGS) {
        if (slugs.includes(slug)) {
          expect(main, `${email} sees ${slug}`).toContain(SPACE_NAMES[slug]);
          expect(html).toContain(`href="/spaces/${slug}"`);
        } else {
          expect(html, `${email} must not see ${slug}`).not.toContain(SPACE_NAMES[slug]);
          expect(html).not.toContain(`/spaces/${slug}`);
        }
      }
      if (slugs.length === 0) expect(main).toContain("Du er ikke medlem af nogen rum endnu.");
    });
  }

  it("gives a wrong password and an unknown email the same 401 and Danish message", async () => {
    const client = new Client(h.url);
    const wrong = await client.post("/login", {
      email: "ekspert@boernsvilkaar.example",
      password: "forkert-kodeord",
    });
    const unknown = await client.post("/login", {
      email: "findes.ikke@hub.example",
      password: "forkert-kodeord",
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [formAlert(await wrong.text()), formAlert(await unknown.text())];
    expect(a).toBe(INVALID_DA);
    expect(b).toBe(a);
    expect(sessionCookie(wrong)).toBeUndefined();
    expect(sessionCookie(unknown)).toBeUndefined();
  });

  it("answers a malformed form with 400 and field messages, never a 500", async () => {
    const client = new Client(h.url);
    const before = await countSessions(h);

    const empty = await client.post("/login", {});
    expect(empty.status).toBe(400);
    const emptyHtml = await empty.text();
    expect(fieldError(emptyHtml, "email")).toBe("Udfyld feltet.");
    expect(fieldError(emptyHtml, "password")).toBe("Udfyld feltet.");

    const badEmail = await client.post("/login", {
      email: "ikke-en-adresse",
      password: DEMO_PASSWORD,
    });
    expect(badEmail.status).toBe(400);
    const badHtml = await badEmail.text();
    expect(fieldError(badHtml, "email")).toBe("Skriv en gyldig e-mailadresse.");
    expect(fieldError(badHtml, "password")).toBeNull();
    // The password is never echoed back into the page.
    expect(badHtml).not.toContain(DEMO_PASSWORD);

    const noPassword = await client.post("/login", { email: "ekspert@boernsvilkaar.example" });
    expect(noPassword.status).toBe(400);
    expect(fieldError(await noPassword.text(), "password")).toBe("Udfyld feltet.");

    expect(await countSessions(h)).toBe(before);
  });

  it("answers field messages in English for a visitor who chose English", async () => {
    const client = new Client(h.url);
    await client.post("/language", { lng: "en", redirectTo: "/login" });
    const res = await client.post("/login", { email: "ikke-en-adresse", password: "x" });
    expect(res.status).toBe(400);
    expect(fieldError(await res.text(), "email")).toBe("Enter a valid email address.");
  });

  it("stores only the SHA-256 of the session token", async () => {
    const client = new Client(h.url);
    await client.login("medarbejder@jobcenter.example");
    const token = client.cookies.get("hub_session")!;
    // At least 128 bits of randomness: 32 base32 characters carry 160.
    expect(token).toMatch(/^[a-z2-7]{32,}$/);
    const rows = await h.db
      .selectFrom("session")
      .innerJoin("user", "user.id", "session.userId")
      .select(["session.id"])
      .where("user.email", "=", "medarbejder@jobcenter.example")
      .execute();
    const ids = rows.map((r) => r.id);
    expect(ids).not.toContain(token);
    expect(ids).toContain(createHash("sha256").update(token).digest("hex"));
  });

  it("issues a new token at every sign-in", async () => {
    const a = new Client(h.url);
    const b = new Client(h.url);
    await a.login("ngo@bispebjerg.example");
    await b.login("ngo@bispebjerg.example");
    expect(a.cookies.get("hub_session")).not.toBe(b.cookies.get("hub_session"));
  });

  it("ends the session on the server at logout", async () => {
    const client = new Client(h.url);
    await client.login("ekspert@boernsvilkaar.example");
    const token = client.cookies.get("hub_session")!;
    const id = createHash("sha256").update(token).digest("hex");
    expect(
      await h.db.selectFrom("session").select("id").where("id", "=", id).execute(),
    ).toHaveLength(1);

    const res = await client.post("/logout", {});
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/login/);
    expect(sessionCookie(res)).toMatch(/Max-Age=0/i);

    expect(await h.db.selectFrom("session").select("id").where("id", "=", id).execute()).toEqual(
      [],
    );
    // Someone who kept the old cookie is not signed in any more.
    const replay = new Client(h.url);
    replay.cookies.set("hub_session", token);
    const home = await replay.get("/");
    expect(home.status).toBe(302);
    expect(home.headers.get("location")).toBe("/login");
  });

  it("follows a same-site redirectTo and ignores one that leaves the site", async () => {
    // The whole journey: a deep link, the login page, back to the deep link.
    const visitor = new Client(h.url);
    const deep = await visitor.get("/spaces/ekspertgruppen");
    expect(deep.status).toBe(302);
    const loginUrl = deep.headers.get("location")!;
    expect(loginUrl).toBe("/login?redirectTo=%2Fspaces%2Fekspertgruppen");
    const page = await visitor.get(loginUrl);
    expect(await page.text()).toContain('name="redirectTo" value="/spaces/ekspertgruppen"');
    const res = await visitor.post("/login", {
      email: "ekspert@boernsvilkaar.example",
      password: DEMO_PASSWORD,
      redirectTo: "/spaces/ekspertgruppen",
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/spaces/ekspertgruppen");
    expect((await visitor.get("/spaces/ekspertgruppen")).status).toBe(200);

    for (const evil of ["//evil.example", "https://evil.example/", "/\\evil.example"]) {
      const client = new Client(h.url);
      const r = await client.post("/login", {
        email: "ekspert@boernsvilkaar.example",
        password: DEMO_PASSWORD,
        redirectTo: evil,
      });
      expect(r.status).toBe(302);
      expect(r.headers.get("location"), evil).toBe("/");
    }
  });

  it("sends a signed-out visitor to the login page", async () => {
    const visitor = new Client(h.url);
    const home = await visitor.get("/");
    expect(home.status).toBe(302);
    expect(home.headers.get("location")).toBe("/login");
    const space = await visitor.get("/spaces/ekspertgruppen");
    expect(space.status).toBe(302);
    expect(space.headers.get("location")).toBe("/login?redirectTo=%2Fspaces%2Fekspertgruppen");
    // The space's existence or content is not revealed to a signed-out visitor.
    expect(await space.text()).not.toContain(SPACE_NAMES.ekspertgruppen);
  });

  it("answers 404 for another space's page, exactly as for a space that does not exist", async () => {
    const client = new Client(h.url);
    await client.login("ngo@bispebjerg.example");
    const own = await client.get("/spaces/bispebjerg-netvaerk");
    expect(own.status).toBe(200);
    expect(mainOf(await own.text())).toContain(SPACE_NAMES["bispebjerg-netvaerk"]);

    const other = await client.get("/spaces/ekspertgruppen");
    expect(other.status).toBe(404);
    const otherHtml = await other.text();
    expect(mainOf(otherHtml)).toContain(NOT_FOUND_DA);
    expect(otherHtml).not.toContain(SPACE_NAMES.ekspertgruppen);

    const missing = await client.get("/spaces/findes-ikke");
    expect(missing.status).toBe(404);
    expect(mainOf(await missing.text())).toBe(mainOf(otherHtml));
  });

  it("answers 404 to a former member of a space", async () => {
    // Jonas Vestergaard left the local network in 2025 (seed data); the row stays as history.
    const client = new Client(h.url);
    await client.login("jonas.vestergaard@cdp.example");
    expect((await client.get("/spaces/bispebjerg-netvaerk")).status).toBe(404);
    expect((await client.get("/spaces/ekspertgruppen")).status).toBe(200);
  });

  it("lets only the site administrator reach /admin", async () => {
    const staff = new Client(h.url);
    await staff.login("sekretariat@bif.example");
    for (const path of ["/admin/outbox", "/admin/invitations"]) {
      const res = await staff.get(path);
      expect(res.status, path).toBe(403);
      expect(mainOf(await res.text())).toContain(FORBIDDEN_DA);
    }
    const post = await staff.post("/admin/invitations", { email: "snig@example.org" });
    expect(post.status).toBe(403);
    expect(await h.db.selectFrom("invitation").select("id").execute()).toEqual([]);

    const admin = new Client(h.url);
    await admin.login("admin@hub.example");
    expect((await admin.get("/admin/outbox")).status).toBe(200);
    expect((await admin.get("/admin/invitations")).status).toBe(200);
  });

  it("shuts a deactivated person out, including their open session", async () => {
    const email = "marwa.saleh@jobcenter.example";
    const client = new Client(h.url);
    await client.login(email);
    expect((await client.get("/")).status).toBe(200);

    await h.db
      .updateTable("user")
      .set({ status: "deactivated" })
      .where("email", "=", email)
      .execute();

    const home = await client.get("/");
    expect(home.status).toBe(302);
    expect(home.headers.get("location")).toBe("/login");
    expect(await countSessions(h, email)).toBe(0);

    const again = new Client(h.url);
    const res = await again.post("/login", { email, password: DEMO_PASSWORD });
    expect(res.status).not.toBe(302);
    expect(res.status).toBeLessThan(500);
    expect(sessionCookie(res)).toBeUndefined();
    expect(formAlert(await res.text())).toBe("Din konto er deaktiveret. Kontakt sekretariatet.");
    expect(await countSessions(h, email)).toBe(0);
  });

  it("limits attempts per account: 429 with a Danish message and Retry-After, even with the right password", async () => {
    const email = "rasmus.kjaer@cntact.example";
    const client = new Client(h.url);
    // LOGIN_LIMIT_PER_ACCOUNT defaults to 5 failed attempts per window.
    for (let i = 0; i < h.config.loginLimitPerAccount; i++) {
      const res = await client.post("/login", { email, password: `forkert-${i}` });
      expect(res.status).toBe(401);
    }
    const res = await client.post("/login", { email, password: DEMO_PASSWORD });
    expect(res.status).toBe(429);
    expect(sessionCookie(res)).toBeUndefined();
    const retryAfter = Number(res.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(h.config.loginLimitWindowMs / 1000);
    expect(formAlert(await res.text())).toMatch(
      /^For mange loginforsøg\. Vent \d+ minutter, og prøv igen\.$/,
    );

    // The same address typed differently is the same account.
    const shouted = await client.post("/login", {
      email: ` ${email.toUpperCase()} `,
      password: DEMO_PASSWORD,
    });
    expect(shouted.status).toBe(429);

    // Other people are not locked out by it.
    const other = new Client(h.url);
    expect(
      (
        await other.post("/login", {
          email: "amira.khalil@boernsvilkaar.example",
          password: DEMO_PASSWORD,
        })
      ).status,
    ).toBe(302);
  });
});

describe("sign-in limit per IP address", () => {
  let h: TestHub;
  beforeAll(async () => {
    h = await startTestHub({ env: { LOGIN_LIMIT_PER_IP: "3" } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("answers 429 once one address has used its attempts, whichever accounts it tries", async () => {
    const client = new Client(h.url);
    const accounts = [
      "ekspert@boernsvilkaar.example",
      "ngo@bispebjerg.example",
      "nobody@hub.example",
    ];
    for (const email of accounts) {
      const res = await client.post("/login", { email, password: "forkert-kodeord" });
      expect(res.status).toBe(401);
    }
    const res = await client.post("/login", {
      email: "medarbejder@jobcenter.example",
      password: DEMO_PASSWORD,
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(formAlert(await res.text())).toMatch(/^For mange loginforsøg/);
    expect(sessionCookie(res)).toBeUndefined();
  });
});

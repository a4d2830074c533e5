import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, DEMO_PASSWORD, startTestHub, type TestHub } from "../helpers/hub";
import { findLink, startSmtpCapture, type SmtpCapture } from "../helpers/smtp";

const INVALID_DA = "Linket er ugyldigt, udløbet eller allerede brugt. Bed om et nyt.";

function mainOf(html: string): string {
  return /<main[^]*?<\/main>/.exec(html)?.[0] ?? "";
}

/** The page as a person sees it, minus what differs on every response (nonces, React ids). */
function comparable(html: string): string {
  return mainOf(html).replace(/_R_\w+_/g, "_R_");
}

function fieldError(html: string, field: string): string | null {
  return (
    new RegExp(`id="[^"]*-${field}-error" class="field__error">([^<]*)<`).exec(html)?.[1] ?? null
  );
}

describe("password reset by email link", () => {
  let smtp: SmtpCapture;
  let h: TestHub;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    h = await startTestHub({ env: { SMTP_URL: smtp.url, LOGIN_LIMIT_PER_IP: "1000" } });
  });
  afterAll(async () => {
    await h?.close();
    await smtp?.close();
  });

  async function requestReset(email: string): Promise<Response> {
    return new Client(h.url).post("/password/forgot", { email });
  }

  async function sessionsOf(email: string): Promise<number> {
    const row = await h.db
      .selectFrom("session")
      .innerJoin("user", "user.id", "session.userId")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("user.email", "=", email)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it("answers a known and an unknown address identically, and mails only the known one", async () => {
    const known = "ngo@bispebjerg.example";
    const unknown = "ingen.konto@example.org";
    const mailsBefore = smtp.mails.length;

    const a = await requestReset(known);
    const b = await requestReset(unknown);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    const [pageA, pageB] = [await a.text(), await b.text()];
    expect(mainOf(pageA)).toContain(
      "Hvis der findes en konto med den e-mail, har vi sendt et link.",
    );
    expect(comparable(pageB)).toBe(comparable(pageA));

    // The mail goes out after the answer: waiting for the mail server would let the response
    // time tell who has an account.
    await smtp.waitForMails(known);
    expect(smtp.mails).toHaveLength(mailsBefore + 1);
    expect(smtp.mailsTo(known)).toHaveLength(1);
    expect(smtp.mailsTo(unknown)).toEqual([]);
    const mail = smtp.mailsTo(known)[0]!;
    expect(mail.headers.subject).toBe("Nulstil din adgangskode til Samarbejdshub");
    expect(mail.text).toContain("Hej Yasmin Haddad");
    expect(findLink(mail.text, "/password/reset/")).toBeTruthy();
  });

  it("answers a malformed request with 400 and a field message, sending nothing", async () => {
    const before = smtp.mails.length;
    const res = await requestReset("ikke-en-adresse");
    expect(res.status).toBe(400);
    expect(fieldError(await res.text(), "email")).toBe("Skriv en gyldig e-mailadresse.");
    expect(smtp.mails).toHaveLength(before);
  });

  it("sets a new password once, ending every session of the person", async () => {
    const email = "ekspert@boernsvilkaar.example";
    const newPassword = "helt-nyt-kodeord-2026";

    // Signed in on two devices before the reset.
    const laptop = new Client(h.url);
    const phone = new Client(h.url);
    await laptop.login(email);
    await phone.login(email);
    expect(await sessionsOf(email)).toBe(2);

    expect((await requestReset(email)).status).toBe(200);
    const link = findLink((await smtp.waitForMails(email)).at(-1)!.text, "/password/reset/")!;
    expect(link).toBeTruthy();

    const person = new Client(h.url);
    expect((await person.get(link)).status).toBe(200);

    // A bad form changes nothing and keeps the link usable.
    const mismatch = await person.post(link, {
      password: newPassword,
      passwordConfirm: "noget-andet-123",
    });
    expect(mismatch.status).toBe(400);
    expect(fieldError(await mismatch.text(), "passwordConfirm")).toBe(
      "De to adgangskoder er ikke ens.",
    );
    const short = await person.post(link, { password: "kort", passwordConfirm: "kort" });
    expect(short.status).toBe(400);
    expect(fieldError(await short.text(), "password")).toBe(
      "Adgangskoden skal være mindst 10 tegn.",
    );
    expect(await sessionsOf(email)).toBe(2);
    expect((await laptop.get("/")).status).toBe(200);

    const res = await person.post(link, { password: newPassword, passwordConfirm: newPassword });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/login/);

    // Every existing session has ended, on the server.
    expect(await sessionsOf(email)).toBe(0);
    for (const device of [laptop, phone]) {
      const home = await device.get("/");
      expect(home.status).toBe(302);
      expect(home.headers.get("location")).toBe("/login");
    }

    const old = await new Client(h.url).post("/login", { email, password: DEMO_PASSWORD });
    expect(old.status).toBe(401);
    const fresh = await new Client(h.url).post("/login", { email, password: newPassword });
    expect(fresh.status).toBe(302);

    // Single use: the link is gone now.
    const reuse = new Client(h.url);
    const get = await reuse.get(link);
    expect(get.status).toBe(410);
    expect(mainOf(await get.text())).toContain(INVALID_DA);
    const post = await reuse.post(link, {
      password: "tredje-kodeord-99",
      passwordConfirm: "tredje-kodeord-99",
    });
    expect(post.status).toBe(410);
    expect((await new Client(h.url).post("/login", { email, password: newPassword })).status).toBe(
      302,
    );
  });

  it("closes older open links when one of them is used", async () => {
    const email = "medarbejder@jobcenter.example";
    await requestReset(email);
    await requestReset(email);
    const [first, second] = (await smtp.waitForMails(email, 2)).map((m) =>
      findLink(m.text, "/password/reset/")!,
    );
    expect(first).not.toBe(second);
    const person = new Client(h.url);
    const used = await person.post(second!, {
      password: "nyt-kodeord-for-kasper",
      passwordConfirm: "nyt-kodeord-for-kasper",
    });
    expect(used.status).toBe(302);
    expect((await person.get(first!)).status).toBe(410);
  });

  it("expires: an old link is 410 and leaves the password as it was", async () => {
    const email = "sekretariat@bif.example";
    await requestReset(email);
    const link = findLink((await smtp.waitForMails(email)).at(-1)!.text, "/password/reset/")!;
    await h.db
      .updateTable("passwordReset")
      .set({ expiresAt: new Date(Date.now() - 60_000).toISOString() })
      .where("usedAt", "is", null)
      .execute();

    const person = new Client(h.url);
    const get = await person.get(link);
    expect(get.status).toBe(410);
    expect(mainOf(await get.text())).toContain(INVALID_DA);
    const post = await person.post(link, {
      password: "for-sent-kodeord-1",
      passwordConfirm: "for-sent-kodeord-1",
    });
    expect(post.status).toBe(410);
    expect(
      (await new Client(h.url).post("/login", { email, password: DEMO_PASSWORD })).status,
    ).toBe(302);
  });

  it("answers an unknown link with 410", async () => {
    const res = await new Client(h.url).get(`/password/reset/${"b".repeat(32)}`);
    expect(res.status).toBe(410);
  });

  it("sends no link to a deactivated account, with the same answer", async () => {
    const email = "peter.brandt@ms.example";
    await h.db
      .updateTable("user")
      .set({ status: "deactivated" })
      .where("email", "=", email)
      .execute();
    const res = await requestReset(email);
    expect(res.status).toBe(200);
    expect(mainOf(await res.text())).toContain("Hvis der findes en konto med den e-mail");
    // Mails leave in the order asked for: once a later request's mail is here, none is on its way.
    const later = "sekretariat@bif.example";
    const before = smtp.mailsTo(later).length;
    await requestReset(later);
    await smtp.waitForMails(later, before + 1);
    expect(smtp.mailsTo(email)).toEqual([]);
  });
});

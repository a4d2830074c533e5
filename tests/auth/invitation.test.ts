import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestHub, type TestHub } from "../helpers/hub";
import { findLink, startSmtpCapture, type SmtpCapture } from "../helpers/smtp";

const INVALID_DA =
  "Invitationen er ugyldig, udløbet eller allerede brugt. Bed sekretariatet om en ny.";
const NEW_PASSWORD = "mit-nye-kodeord-2026";

function mainOf(html: string): string {
  return /<main[^]*?<\/main>/.exec(html)?.[0] ?? "";
}

function fieldError(html: string, field: string): string | null {
  return (
    new RegExp(`id="[^"]*-${field}-error" class="field__error">([^<]*)<`).exec(html)?.[1] ?? null
  );
}

async function userByEmail(h: TestHub, email: string) {
  return h.db
    .selectFrom("user")
    .select(["id", "name", "passwordHash", "status", "isSiteAdmin"])
    .where("email", "=", email)
    .executeTakeFirst();
}

describe("invitations by email over SMTP", () => {
  let smtp: SmtpCapture;
  let h: TestHub;
  let admin: Client;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    h = await startTestHub({ env: { SMTP_URL: smtp.url, PUBLIC_URL: "https://hub.example.org" } });
    admin = new Client(h.url);
    await admin.login("admin@hub.example");
  });
  afterAll(async () => {
    await h?.close();
    await smtp?.close();
  });

  /** Invites `email` as the administrator and returns the link path from the mail that arrived. */
  async function invite(email: string): Promise<string> {
    const before = smtp.mailsTo(email).length;
    const res = await admin.post("/admin/invitations", { email });
    expect(res.status).toBe(200);
    expect(mainOf(await res.text())).toContain(`Invitationen er sendt til ${email}.`);
    const mails = smtp.mailsTo(email);
    expect(mails).toHaveLength(before + 1);
    const link = findLink(mails.at(-1)!.text, "/invitation/");
    expect(link).toBeTruthy();
    return link!;
  }

  it("mails a single-use link that creates the account and signs the person in", async () => {
    const email = "ny.kollega@example.org";
    const link = await invite(email);

    const mail = smtp.mailsTo(email)[0]!;
    expect(mail.headers.subject).toBe("Du er inviteret til Samarbejdshub");
    expect(mail.headers.to).toBe(email);
    // Links are built from PUBLIC_URL, never from the request's Host header.
    expect(mail.text).toContain(`https://hub.example.org${link}`);
    expect(mail.text).toContain("Anne Holm Sørensen har inviteret dig");
    // The token in the mail is not what the database keeps.
    const token = link.split("/").at(-1)!;
    expect(token).toMatch(/^[a-z2-7]{32,}$/);
    const stored = await h.db
      .selectFrom("invitation")
      .select(["tokenHash"])
      .where("email", "=", email)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).not.toContain(token);

    const person = new Client(h.url);
    const form = await person.get(link);
    expect(form.status).toBe(200);
    const formHtml = mainOf(await form.text());
    expect(formHtml).toContain(`Du er inviteret til Samarbejdshub som ${email}.`);
    expect(formHtml).toMatch(/name="password"/);

    const res = await person.post(link, {
      name: "Ny Kollega",
      password: NEW_PASSWORD,
      passwordConfirm: NEW_PASSWORD,
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/");
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("hub_session="));
    expect(cookie).toMatch(/HttpOnly/);

    const home = await person.get("/");
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("Ny Kollega");

    const user = await userByEmail(h, email);
    expect(user).toMatchObject({ name: "Ny Kollega", status: "active", isSiteAdmin: 0 });
    expect(user!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user!.passwordHash).not.toContain(NEW_PASSWORD);

    // The new account works with its password like any other.
    const later = new Client(h.url);
    expect((await later.post("/login", { email, password: NEW_PASSWORD })).status).toBe(302);

    // The link is spent: a second use is 410 Gone with the Danish message, and changes nothing.
    const reuse = new Client(h.url);
    const again = await reuse.post(link, {
      name: "Ubuden Gæst",
      password: "et-andet-kodeord-1",
      passwordConfirm: "et-andet-kodeord-1",
    });
    expect(again.status).toBe(410);
    expect(mainOf(await again.text())).toContain(INVALID_DA);
    expect(reuse.cookies.has("hub_session")).toBe(false);
    expect((await userByEmail(h, email))!.name).toBe("Ny Kollega");
    const get = await reuse.get(link);
    expect(get.status).toBe(410);
    expect(mainOf(await get.text())).toContain(INVALID_DA);
  });

  it("refuses bad passwords with 400 and field messages, and writes nothing", async () => {
    const email = "forsigtig@example.org";
    const link = await invite(email);
    const person = new Client(h.url);
    const attempts: [Record<string, string>, string, string][] = [
      [
        { name: "Forsigtig Person", password: NEW_PASSWORD, passwordConfirm: "noget-helt-andet-1" },
        "passwordConfirm",
        "De to adgangskoder er ikke ens.",
      ],
      [
        { name: "Forsigtig Person", password: "kort", passwordConfirm: "kort" },
        "password",
        "Adgangskoden skal være mindst 10 tegn.",
      ],
      [
        { name: "", password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD },
        "name",
        "Udfyld feltet.",
      ],
      [{}, "password", "Udfyld feltet."],
    ];
    for (const [fields, field, message] of attempts) {
      const res = await person.post(link, fields);
      expect(res.status, JSON.stringify(fields)).toBe(400);
      const html = await res.text();
      expect(fieldError(html, field)).toBe(message);
      // Passwords are never echoed back into the page.
      if (fields.password) expect(html).not.toContain(`value="${fields.password}"`);
    }
    expect(person.cookies.has("hub_session")).toBe(false);
    expect(await userByEmail(h, email)).toBeUndefined();
    const invitation = await h.db
      .selectFrom("invitation")
      .select(["acceptedAt"])
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    expect(invitation.acceptedAt).toBeNull();
    // The link still works once the form is right.
    expect((await person.get(link)).status).toBe(200);
  });

  it("answers an expired invitation with 410 and creates no account", async () => {
    const email = "for.sent@example.org";
    const link = await invite(email);
    await h.db
      .updateTable("invitation")
      .set({ expiresAt: new Date(Date.now() - 60_000).toISOString() })
      .where("email", "=", email)
      .execute();
    const person = new Client(h.url);
    const get = await person.get(link);
    expect(get.status).toBe(410);
    expect(mainOf(await get.text())).toContain(INVALID_DA);
    const post = await person.post(link, {
      name: "For Sent",
      password: NEW_PASSWORD,
      passwordConfirm: NEW_PASSWORD,
    });
    expect(post.status).toBe(410);
    expect(person.cookies.has("hub_session")).toBe(false);
    expect(await userByEmail(h, email)).toBeUndefined();
  });

  it("answers an unknown link with 410", async () => {
    const res = await new Client(h.url).get(`/invitation/${"a".repeat(32)}`);
    expect(res.status).toBe(410);
    expect(mainOf(await res.text())).toContain(INVALID_DA);
  });

  it("keeps only the newest link working when an address is invited twice", async () => {
    const email = "to.gange@example.org";
    const first = await invite(email);
    const second = await invite(email);
    expect(first).not.toBe(second);
    const person = new Client(h.url);
    expect((await person.get(first)).status).toBe(410);
    expect((await person.get(second)).status).toBe(200);
  });

  it("does not invite an address that already has an account, and sends no mail", async () => {
    const email = "ekspert@boernsvilkaar.example";
    const res = await admin.post("/admin/invitations", { email });
    expect(res.status).toBe(409);
    expect(fieldError(await res.text(), "email")).toBe(
      "Der findes allerede en konto med denne e-mail.",
    );
    expect(smtp.mailsTo(email)).toEqual([]);
  });

  it("answers a malformed invitation form with 400 and a field message", async () => {
    const before = smtp.mails.length;
    const res = await admin.post("/admin/invitations", { email: "ikke en adresse" });
    expect(res.status).toBe(400);
    expect(fieldError(await res.text(), "email")).toBe("Skriv en gyldig e-mailadresse.");
    expect(smtp.mails).toHaveLength(before);
  });
});

describe("invitations without SMTP", () => {
  let h: TestHub;
  beforeAll(async () => {
    h = await startTestHub();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("puts the mail in the outbox, where the administrator reads it and the link works", async () => {
    const admin = new Client(h.url);
    await admin.login("admin@hub.example");
    const email = "via.udbakken@example.org";
    const res = await admin.post("/admin/invitations", { email });
    expect(res.status).toBe(200);

    const outbox = await admin.get("/admin/outbox");
    expect(outbox.status).toBe(200);
    const html = mainOf(await outbox.text());
    expect(html).toContain("Du er inviteret til Samarbejdshub");
    expect(html).toContain(email);
    const link = findLink(html, "/invitation/");
    expect(link).toBeTruthy();
    // And in the log, for whoever runs the hub.
    expect(h.logs.some((line) => line.includes(email) && line.includes(link!))).toBe(true);

    const person = new Client(h.url);
    expect((await person.get(link!)).status).toBe(200);
    const accepted = await person.post(link!, {
      name: "Via Udbakken",
      password: NEW_PASSWORD,
      passwordConfirm: NEW_PASSWORD,
    });
    expect(accepted.status).toBe(302);
  });
});

describe("invitations when the SMTP server is down", () => {
  let h: TestHub;
  beforeAll(async () => {
    // A port that was free a moment ago: nothing listens there.
    const smtp = await startSmtpCapture();
    const url = smtp.url;
    await smtp.close();
    h = await startTestHub({ env: { SMTP_URL: url } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("still records the invitation and keeps the mail in the outbox", async () => {
    const admin = new Client(h.url);
    await admin.login("admin@hub.example");
    const email = "uden.server@example.org";
    const res = await admin.post("/admin/invitations", { email });
    expect(res.status).toBe(200);
    const outbox = mainOf(await (await admin.get("/admin/outbox")).text());
    expect(outbox).toContain(email);
    expect(findLink(outbox, "/invitation/")).toBeTruthy();
  });
});

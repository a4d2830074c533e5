import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestHub, type TestHub } from "../helpers/hub";
import { findLink, startSmtpCapture, type SmtpCapture } from "../helpers/smtp";
import {
  DA,
  fieldError,
  linkedPeople,
  mainOf,
  membershipId,
  rowCounts,
  signIn,
  spaceId,
  userId,
} from "../helpers/fixtures";

/**
 * Membership administration by the secretariat, with mail over real SMTP: invite, accept,
 * resend, revoke, change role, end; the refusals; and the audit log that records it all.
 */
const SLUG = "bispebjerg-netvaerk";
const SPACE_NAME = "Lokalnetværket på Bispebjerg Bakke / Bispebjerg Nordvest";
const MEMBERS = `/spaces/${SLUG}/members`;
const PASSWORD = "frivillig-kodeord-2026";
const GONE = "Invitationen er ugyldig, udløbet eller allerede brugt. Bed sekretariatet om en ny.";

describe("membership administration", () => {
  let smtp: SmtpCapture;
  let h: TestHub;
  let secretariat: Client;
  let admin: Client;
  let member: Client;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    h = await startTestHub({ env: { SMTP_URL: smtp.url, PUBLIC_URL: "https://hub.example.org" } });
    [secretariat, admin, member] = await Promise.all([
      signIn(h, "sekretariat@bif.example"),
      signIn(h, "admin@hub.example"),
      signIn(h, "ngo@bispebjerg.example"),
    ]);
  });
  afterAll(async () => {
    await h?.close();
    await smtp?.close();
  });

  const auditRows = () => h.db.selectFrom("auditLog").select(["id", "action", "actorId"]).execute();

  /** Runs `act` and expects exactly one new audit entry: `action`. */
  async function expectAudited<T>(action: string, act: () => Promise<T>): Promise<T> {
    const before = new Set((await auditRows()).map((r) => r.id));
    const result = await act();
    const added = (await auditRows()).filter((r) => !before.has(r.id));
    expect(
      added.map((r) => r.action),
      `audit after ${action}`,
    ).toEqual([action]);
    return result;
  }

  /** Runs `act` and expects no row anywhere and no mail to have been written. */
  async function expectNothingWritten(act: () => Promise<void>) {
    const counts = await rowCounts(h.db);
    const mails = smtp.mails.length;
    await act();
    expect(await rowCounts(h.db)).toEqual(counts);
    expect(smtp.mails.length).toBe(mails);
  }

  async function invite(email: string, role = "member") {
    return secretariat.post(MEMBERS, { intent: "invite", email, role });
  }

  /** The link in the newest mail to `email`. */
  function lastLink(email: string): string {
    const mail = smtp.mailsTo(email).at(-1);
    expect(mail, `a mail to ${email}`).toBeTruthy();
    const link = findLink(mail!.text, "/invitation/");
    expect(link).toBeTruthy();
    return link!;
  }

  async function openInvitationId(email: string) {
    const row = await h.db
      .selectFrom("invitation")
      .select("id")
      .where("email", "=", email)
      .where("revokedAt", "is", null)
      .where("acceptedAt", "is", null)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  it("invites by email: the mail arrives, the person accepts, and appears in the directory", async () => {
    const email = "nanna.frivillig@example.org";
    const res = await expectAudited("invitation.created", () => invite(email));
    expect(res.status).toBe(200);
    const page = mainOf(await res.text());
    expect(page).toContain(`Invitationen er sendt til ${email}.`);
    expect(page).toContain(email); // under pending invitations

    const mail = smtp.mailsTo(email);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.text).toContain(`Mette Lindholm har inviteret dig til ${SPACE_NAME}`);
    const link = lastLink(email);
    expect(mail[0]!.text).toContain(`https://hub.example.org${link}`);

    const person = new Client(h.url);
    const form = await person.get(link);
    expect(form.status).toBe(200);
    expect(mainOf(await form.text())).toContain(email);
    const accepted = await expectAudited("invitation.accepted", () =>
      person.post(link, { name: "Nanna Frivillig", password: PASSWORD, passwordConfirm: PASSWORD }),
    );
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("location")).toBe("/");

    // Signed in, and the network is theirs.
    const home = await person.get("/");
    expect(home.status).toBe(200);
    const homeHtml = mainOf(await home.text());
    expect(homeHtml).toContain(`href="/spaces/${SLUG}"`);
    expect(homeHtml).toContain("Medlem");
    expect((await person.get(`/spaces/${SLUG}`)).status).toBe(200);

    // Another member of the network finds them on the member list and in the directory.
    const id = await userId(h.db, email);
    const members = mainOf(await (await member.get(MEMBERS)).text());
    expect(linkedPeople(members).has(id)).toBe(true);
    expect(members).toContain("Nanna Frivillig");
    const directory = mainOf(await (await member.get("/people")).text());
    expect(linkedPeople(directory).has(id)).toBe(true);
    const search = mainOf(await (await member.get("/people?q=nanna")).text());
    expect([...linkedPeople(search)]).toEqual([id]);
    expect((await member.get(`/people/${id}`)).status).toBe(200);
    // The invitation is no longer pending.
    expect(mainOf(await (await secretariat.get(MEMBERS)).text())).toContain(
      "Ingen afventende invitationer.",
    );
  });

  it("refuses an invalid email with 400 and a Danish field message, writing nothing", async () => {
    for (const email of ["ikke en adresse", "", "a@b"]) {
      await expectNothingWritten(async () => {
        const res = await invite(email);
        expect(res.status, email).toBe(400);
        expect(fieldError(await res.text(), "email"), email).toMatch(
          /^(Skriv en gyldig e-mailadresse\.|Udfyld feltet\.)$/,
        );
      });
    }
    await expectNothingWritten(async () => {
      const res = await secretariat.post(MEMBERS, {
        intent: "invite",
        email: "rolle@example.org",
        role: "konge",
      });
      // Only a hand-made request can name an unknown role: the form offers the four there are.
      expect(res.status).toBe(400);
    });
  });

  it("refuses a second invitation to the same address with 409, writing nothing", async () => {
    const email = "dobbelt@example.org";
    expect((await invite(email)).status).toBe(200);
    await expectNothingWritten(async () => {
      const res = await invite(email.toUpperCase());
      expect(res.status).toBe(409);
      expect(fieldError(await res.text(), "email")).toBe(
        "Personen er allerede inviteret. Brug »Send igen« i listen over invitationer.",
      );
    });
  });

  it("refuses to invite a current member with 409, writing nothing", async () => {
    await expectNothingWritten(async () => {
      const res = await invite("ngo@bispebjerg.example");
      expect(res.status).toBe(409);
      expect(fieldError(await res.text(), "email")).toBe("Personen er allerede medlem af rummet.");
    });
  });

  it("adds an existing account at once and tells them by mail", async () => {
    const email = "ekspert@boernsvilkaar.example";
    const expert = await signIn(h, email);
    expect((await expert.get(`/spaces/${SLUG}`)).status).toBe(404);
    const invitations = (await rowCounts(h.db)).invitation;
    const res = await expectAudited("membership.created", () => invite(email, "observer"));
    expect(res.status).toBe(200);
    expect(mainOf(await res.text())).toContain(
      `${email} er tilføjet til rummet og har fået besked.`,
    );
    expect((await rowCounts(h.db)).invitation).toBe(invitations);
    const mail = smtp.mailsTo(email);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.text).toContain("Hej Sofie Bach Nielsen");
    expect(mail[0]!.text).toContain(`Mette Lindholm har tilføjet dig til ${SPACE_NAME}`);
    expect(mail[0]!.text).toContain(`https://hub.example.org/spaces/${SLUG}`);
    expect(findLink(mail[0]!.text, "/invitation/")).toBeNull();
    // The same session now reaches the space.
    expect((await expert.get(`/spaces/${SLUG}`)).status).toBe(200);
  });

  it("resends: a new link works and the old one no longer does", async () => {
    const email = "gensend@example.org";
    expect((await invite(email)).status).toBe(200);
    const first = lastLink(email);
    const res = await expectAudited("invitation.resent", async () =>
      secretariat.post(MEMBERS, { intent: "resend", invitationId: await openInvitationId(email) }),
    );
    expect(res.status).toBe(200);
    expect(mainOf(await res.text())).toContain(`Invitationen er sendt igen til ${email}.`);
    expect(smtp.mailsTo(email)).toHaveLength(2);
    const second = lastLink(email);
    expect(second).not.toBe(first);
    const visitor = new Client(h.url);
    expect((await visitor.get(first)).status).toBe(410);
    expect((await visitor.get(second)).status).toBe(200);
  });

  it("revokes: the link then answers 410 and creates no account", async () => {
    const email = "tilbagekald@example.org";
    expect((await invite(email)).status).toBe(200);
    const link = lastLink(email);
    const res = await expectAudited("invitation.revoked", async () =>
      secretariat.post(MEMBERS, { intent: "revoke", invitationId: await openInvitationId(email) }),
    );
    expect(res.status).toBe(200);
    expect(mainOf(await res.text())).toContain(`Invitationen til ${email} er tilbagekaldt.`);
    const visitor = new Client(h.url);
    const get = await visitor.get(link);
    expect(get.status).toBe(410);
    expect(mainOf(await get.text())).toContain(GONE);
    const post = await visitor.post(link, {
      name: "For Sent",
      password: PASSWORD,
      passwordConfirm: PASSWORD,
    });
    expect(post.status).toBe(410);
    expect(visitor.cookies.has("hub_session")).toBe(false);
    expect(
      await h.db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirst(),
    ).toBeUndefined();
  });

  it("changes a member's role", async () => {
    const email = "hanne.kristiansen@bakkehusene.example";
    const id = await membershipId(h.db, SLUG, email);
    const res = await expectAudited("membership.role_changed", () =>
      secretariat.post(MEMBERS, { intent: "changeRole", membershipId: id, role: "observer" }),
    );
    expect(res.status).toBe(200);
    expect(mainOf(await res.text())).toContain("Rollen for Hanne Kristiansen er ændret.");
    const hanne = await signIn(h, email);
    expect(mainOf(await (await hanne.get("/")).text())).toContain("Din rolle: Observatør");
  });

  it("ends a membership: listed under former members, and the space is gone for them at once", async () => {
    const email = "amira.khalil@boernsvilkaar.example";
    const amira = await signIn(h, email);
    expect((await amira.get(`/spaces/${SLUG}`)).status).toBe(200);
    const id = await membershipId(h.db, SLUG, email);
    const res = await expectAudited("membership.ended", () =>
      secretariat.post(MEMBERS, { intent: "end", membershipId: id }),
    );
    expect(res.status).toBe(200);
    const html = mainOf(await res.text());
    expect(html).toContain(
      "Medlemskabet for Amira Khalil er afsluttet. Det står nu under tidligere medlemmer.",
    );
    const former = html.slice(html.indexOf("Tidligere medlemmer"));
    expect(html.indexOf("Tidligere medlemmer")).toBeGreaterThan(-1);
    expect(former).toContain("Amira Khalil");

    // Her very next request: no space, no member list, no menu entry.
    for (const path of [`/spaces/${SLUG}`, MEMBERS, `${MEMBERS}.csv`]) {
      const r = await amira.get(path);
      expect(r.status, path).toBe(404);
      expect(await r.text()).toContain(DA.notFound);
    }
    expect(await (await amira.get("/")).text()).not.toContain(`href="/spaces/${SLUG}"`);
    // Ending it again finds no current membership.
    await expectNothingWritten(async () => {
      const again = await secretariat.post(MEMBERS, { intent: "end", membershipId: id });
      expect(again.status).toBe(404);
    });
  });

  it("keeps the last secretariat: ending or demoting them answers 409 and writes nothing", async () => {
    const own = await membershipId(h.db, SLUG, "sekretariat@bif.example");
    const attempts: Record<string, string>[] = [
      { intent: "end", membershipId: own },
      { intent: "changeRole", membershipId: own, role: "member" },
    ];
    for (const fields of attempts) {
      await expectNothingWritten(async () => {
        const res = await secretariat.post(MEMBERS, fields);
        expect(res.status, fields.intent).toBe(409);
        expect(mainOf(await res.text())).toContain(
          "Rummet skal have mindst ét sekretariatsmedlem. Udpeg et nyt først.",
        );
      });
    }
    const row = await h.db
      .selectFrom("membership")
      .select(["role", "leftAt"])
      .where("id", "=", own)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ role: "secretariat", leftAt: null });
  });

  it("refuses every intent from a member who does not run the space: 403, nothing written", async () => {
    expect((await invite("venter@example.org")).status).toBe(200);
    const invitationId = await openInvitationId("venter@example.org");
    const membership = await membershipId(h.db, SLUG, "zainab.hussein@ncak.example");
    const attempts: Record<string, string>[] = [
      { intent: "invite", email: "ubuden@example.org", role: "member" },
      { intent: "resend", invitationId },
      { intent: "revoke", invitationId },
      { intent: "changeRole", membershipId: membership, role: "secretariat" },
      { intent: "end", membershipId: membership },
    ];
    for (const fields of attempts) {
      await expectNothingWritten(async () => {
        const res = await member.post(MEMBERS, fields);
        expect(res.status, fields.intent).toBe(403);
        expect(await res.text()).toContain(DA.forbidden);
      });
    }
    // Nor does the member list offer them the forms.
    expect(mainOf(await (await member.get(MEMBERS)).text())).not.toContain('name="intent"');
  });

  it("refuses inviting into a space one does not run: 404 outside it, 403 inside, nothing written", async () => {
    const expert = await signIn(h, "ekspert@boernsvilkaar.example"); // a member of the expert group
    const cases: [Client, number][] = [
      [member, 404],
      [expert, 403],
    ];
    for (const [client, status] of cases) {
      await expectNothingWritten(async () => {
        const res = await client.post("/spaces/ekspertgruppen/members", {
          intent: "invite",
          email: "udefra@example.org",
          role: "member",
        });
        expect(res.status).toBe(status);
      });
    }
    expect(smtp.mailsTo("udefra@example.org")).toEqual([]);
  });

  it("shows every change in the audit log to administrators only", async () => {
    const res = await admin.get("/admin/audit");
    expect(res.status).toBe(200);
    const html = mainOf(await res.text());
    for (const label of [
      "Invitation sendt",
      "Invitation modtaget",
      "Medlem tilføjet",
      "Invitation sendt igen",
      "Invitation tilbagekaldt",
      "Rolle ændret",
      "Medlemskab afsluttet",
    ]) {
      expect(html, label).toContain(label);
    }
    expect(html).toContain("Mette Lindholm");
    expect(html).toContain(SPACE_NAME);
    expect(html).toContain("nanna.frivillig@example.org");
    expect(html).toContain("tilbagekald@example.org");

    const network = await spaceId(h.db, SLUG);
    const entries = await h.db
      .selectFrom("auditLog")
      .select(["action", "actorId"])
      .where("spaceId", "=", network)
      .execute();
    const mette = await userId(h.db, "sekretariat@bif.example");
    expect(entries.length).toBeGreaterThanOrEqual(7);
    expect(entries.every((e) => e.actorId === mette)).toBe(true);

    for (const client of [secretariat, member]) {
      const refused = await client.get("/admin/audit");
      expect(refused.status).toBe(403);
      const body = await refused.text();
      expect(body).toContain(DA.forbidden);
      expect(body).not.toContain("nanna.frivillig@example.org");
    }
  });
});

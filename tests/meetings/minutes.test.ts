import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestHub, type TestHub } from "../helpers/hub";
import {
  createMembership,
  createPerson,
  DA,
  mainOf,
  rowCounts,
  signIn,
  spaceId,
  unescapeHtml,
  userId,
} from "../helpers/fixtures";
import {
  createTestAgendaItem,
  createTestMeeting,
  setTestAttendance,
} from "../helpers/meeting-fixtures";
import { findLink, startSmtpCapture, type SmtpCapture } from "../helpers/smtp";

/**
 * The minutes of a meeting over real HTTP, as people without JavaScript use them: the secretariat
 * writes, sends for comments (real mail over loopback SMTP), approves, and makes a change after
 * approval; members comment and read; closed items stay with the people named on them.
 */

const SLUG = "bispebjerg-netvaerk";
const PUBLIC_URL = "https://hub.example.org";

const TXT = {
  notReady: "Referatet er ikke klar endnu.",
  saved: "Referatet for punktet er gemt.",
  circulated: (n: number) => `Referatet er sendt til ${n} deltagere.`,
  commentAdded: "Din kommentar er gemt.",
  approved: "Referatet er godkendt.",
  alreadyApproved: "Referatet er allerede godkendt. Der er ikke gemt noget.",
  frozen: "Referatet er godkendt og låst.",
  stale: (n: number) => `Referatet er ændret, siden du åbnede siden (nu version ${n}).`,
  reopened: (n: number) => `Version ${n} er startet som udkast.`,
  changed: (n: number) => `Referatet er ændret efter godkendelsen af version ${n}.`,
  notCirculated: "Der kan kun kommenteres, mens referatet er sendt til kommentering.",
  tooLong: "Teksten må højst være 20.000 tegn.",
  noCitizen: "Skriv aldrig oplysninger om enkelte borgere eller sager her.",
};

function alertOf(html: string): string | null {
  const text = /<p role="alert" class="form-error">([^<]*)<\/p>/.exec(html)?.[1];
  return text === undefined ? null : unescapeHtml(text);
}

function statusOf(html: string): string | null {
  const text = /<p role="status" class="notice">([^<]*)<\/p>/.exec(html)?.[1];
  return text === undefined ? null : unescapeHtml(text);
}

/** The item titles of a minutes page, in page order. */
function itemTitles(html: string): string[] {
  return [
    ...mainOf(html).matchAll(/<h[23] id="title-[^"]+" class="minutes-item__title">([^<]*)/g),
  ].map((m) => unescapeHtml(m[1]!));
}

describe("minutes over HTTP", () => {
  let smtp: SmtpCapture;
  let h: TestHub;
  let space: string;
  let ids: Record<string, string>;
  let secretariat: Client;
  let secretariat2: Client; // a second secretariat member, not named on closed items
  let chair: Client;
  let member: Client; // Yasmin Haddad
  let amira: Client; // Amira Khalil, member, reads in English
  let observer: Client;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    h = await startTestHub({ env: { SMTP_URL: smtp.url, PUBLIC_URL } });
    space = await spaceId(h.db, SLUG);
    ids = {
      secretariat: await userId(h.db, "sekretariat@bif.example"),
      chair: await userId(h.db, "leyla.ozdemir@bif.example"),
      member: await userId(h.db, "ngo@bispebjerg.example"),
      amira: await userId(h.db, "amira.khalil@boernsvilkaar.example"),
      nadia: await userId(h.db, "nadia.rahimi@dfh.example"),
      observer: await userId(h.db, "emre.yilmaz@nordvestgym.example"),
    };
    ids.secretariat2 = await createPerson(h.db, {
      email: "sekretariat2@bif.example",
      name: "Sekretær To",
      canSignIn: true,
    });
    await createMembership(h.db, { spaceId: space, userId: ids.secretariat2, role: "secretariat" });
    await h.db.updateTable("user").set({ locale: "en" }).where("id", "=", ids.amira).execute();
    [secretariat, secretariat2, chair, member, amira, observer] = await Promise.all(
      [
        "sekretariat@bif.example",
        "sekretariat2@bif.example",
        "leyla.ozdemir@bif.example",
        "ngo@bispebjerg.example",
        "amira.khalil@boernsvilkaar.example",
        "emre.yilmaz@nordvestgym.example",
      ].map((email) => signIn(h, email)),
    );
  });
  afterAll(async () => {
    await h?.close();
    await smtp?.close();
  });

  /** A held meeting with an ordinary item, an item with a sub-item, a closed item and a proposal. */
  async function meetingWithAgenda(title: string) {
    const meetingId = await createTestMeeting(h.db, {
      spaceId: space,
      createdById: ids.secretariat!,
      title,
    });
    const base = { meetingId, spaceId: space, createdById: ids.secretariat! };
    const welcome = await createTestAgendaItem(h.db, { ...base, title: "Velkomst", position: 1 });
    const activities = await createTestAgendaItem(h.db, {
      ...base,
      title: "Aktiviteter i området",
      position: 2,
    });
    const summer = await createTestAgendaItem(h.db, {
      ...base,
      title: "Sommerarrangement",
      position: 1,
      parentId: activities,
    });
    const closed = await createTestAgendaItem(h.db, {
      ...base,
      title: "Lukket punkt om samarbejdsaftale",
      position: 3,
      access: [ids.secretariat!, ids.chair!],
      notes: "Fortroligt referat om aftalen",
    });
    await createTestAgendaItem(h.db, {
      ...base,
      title: "Foreslået punkt",
      position: 4,
      state: "proposed",
    });
    return { meetingId, welcome, activities, summer, closed, url: minutesUrl(meetingId) };
  }

  const minutesUrl = (meetingId: string) => `/spaces/${SLUG}/meetings/${meetingId}/minutes`;

  async function meetingRow(meetingId: string) {
    return h.db
      .selectFrom("meeting")
      .select(["status", "minutesStatus", "minutesVersion", "updatedAt"])
      .where("id", "=", meetingId)
      .executeTakeFirstOrThrow();
  }

  async function page(client: Client, path: string) {
    const res = await client.get(path);
    return { status: res.status, html: await res.text() };
  }

  it("runs draft → circulated → comments → approved → frozen → changed → approved again", async () => {
    const m = await meetingWithAgenda("Netværksmøde marts");
    await setTestAttendance(h.db, {
      meetingId: m.meetingId,
      userId: ids.member!,
      response: "attending",
    });
    await setTestAttendance(h.db, {
      meetingId: m.meetingId,
      userId: ids.amira!,
      response: "attending",
    });
    await setTestAttendance(h.db, {
      meetingId: m.meetingId,
      userId: ids.chair!,
      response: "attending",
    });
    await setTestAttendance(h.db, {
      meetingId: m.meetingId,
      userId: ids.nadia!,
      response: "absent",
    });

    // Nothing written yet: the secretariat sees the agenda in order, members see nothing.
    let view = await page(secretariat, m.url);
    expect(view.status).toBe(200);
    expect(itemTitles(view.html)).toEqual([
      "Velkomst",
      "Aktiviteter i området",
      "Sommerarrangement",
      "Lukket punkt om samarbejdsaftale",
    ]);
    expect(mainOf(view.html)).toContain("Ikke påbegyndt");
    expect(mainOf(view.html)).toContain(TXT.noCitizen);
    view = await page(member, m.url);
    expect(view.status).toBe(200);
    expect(mainOf(view.html)).toContain(TXT.notReady);

    // The secretariat writes: the minutes become a draft, version 1; Markdown, never raw HTML.
    let res = await secretariat.post(m.url, {
      intent: "saveItem",
      agendaItemId: m.welcome,
      notes: "**Godt fremmøde** <script>alert(1)</script>",
      decision: "Næste møde holdes i juni.",
    });
    expect(res.status).toBe(200);
    expect(statusOf(await res.text())).toBe(TXT.saved);
    expect(await meetingRow(m.meetingId)).toMatchObject({
      minutesStatus: "draft",
      minutesVersion: 1,
    });
    view = await page(secretariat, m.url);
    expect(mainOf(view.html)).toContain("<strong>Godt fremmøde</strong>");
    expect(mainOf(view.html)).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(mainOf(view.html)).not.toContain("<script>alert(1)");
    expect(mainOf(view.html)).toContain("Næste møde holdes i juni.");

    // A draft is the secretariat's work in progress.
    for (const reader of [member, chair, observer]) {
      view = await page(reader, m.url);
      expect(mainOf(view.html)).toContain(TXT.notReady);
      expect(view.html).not.toContain("Godt fremmøde");
    }
    // Commenting on a draft is refused.
    const before = await rowCounts(h.db);
    res = await member.post(m.url, { intent: "comment", version: "1", body: "For tidligt" });
    expect(res.status).toBe(409);
    expect(alertOf(await res.text())).toBe(TXT.notCirculated);
    expect(await rowCounts(h.db)).toEqual(before);

    // Sent for comments: exactly the attendees get a mail, each in their own language.
    const mailsBefore = smtp.mails.length;
    res = await secretariat.post(m.url, { intent: "circulate", version: "1" });
    expect(res.status).toBe(200);
    expect(statusOf(await res.text())).toBe(TXT.circulated(3));
    const sent = smtp.mails.slice(mailsBefore);
    expect(sent.flatMap((s) => s.to).sort()).toEqual(
      [
        "amira.khalil@boernsvilkaar.example",
        "leyla.ozdemir@bif.example",
        "ngo@bispebjerg.example",
      ].sort(),
    );
    const yasmin = sent.find((s) => s.to.includes("ngo@bispebjerg.example"))!;
    expect(yasmin.text).toContain("Hej Yasmin Haddad");
    expect(yasmin.text).toContain(`${PUBLIC_URL}${m.url}`);
    expect(findLink(yasmin.text, `/spaces/${SLUG}/meetings/`)).toBe(
      `/spaces/${SLUG}/meetings/${m.meetingId}`,
    );
    const english = sent.find((s) => s.to.includes("amira.khalil@boernsvilkaar.example"))!;
    expect(english.text).toContain("Hello Amira Khalil");
    expect(english.text).toContain("are sent for comments");
    expect(await meetingRow(m.meetingId)).toMatchObject({ minutesStatus: "circulated" });

    // Members read and comment; an observer reads but may not comment.
    view = await page(member, m.url);
    expect(mainOf(view.html)).toContain("<strong>Godt fremmøde</strong>");
    expect(mainOf(view.html)).toContain("Sendt til kommentering");
    res = await member.post(m.url, {
      intent: "comment",
      version: "1",
      body: "Husk at nævne biblioteket.",
    });
    expect(res.status).toBe(200);
    expect(statusOf(await res.text())).toBe(TXT.commentAdded);
    const counts = await rowCounts(h.db);
    res = await observer.post(m.url, { intent: "comment", version: "1", body: "Må jeg?" });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain(DA.forbidden);
    expect(await rowCounts(h.db)).toEqual(counts);
    view = await page(secretariat, m.url);
    expect(mainOf(view.html)).toContain("Husk at nævne biblioteket.");
    expect(mainOf(view.html)).toContain("Yasmin Haddad");

    // The secretariat keeps editing while the minutes are out for comments.
    res = await secretariat.post(m.url, {
      intent: "saveItem",
      agendaItemId: m.activities,
      notes: "Biblioteket lægger lokaler til.",
      decision: "",
    });
    expect(res.status).toBe(200);

    // Only the secretariat approves: the others get 403 and nothing is written.
    const beforeApproval = await meetingRow(m.meetingId);
    for (const who of [member, chair, observer, amira]) {
      const total = await rowCounts(h.db);
      res = await who.post(m.url, { intent: "approve", version: "1" });
      expect(res.status).toBe(403);
      expect(await rowCounts(h.db)).toEqual(total);
      expect(await meetingRow(m.meetingId)).toEqual(beforeApproval);
    }

    res = await secretariat.post(m.url, { intent: "approve", version: "1" });
    expect(res.status).toBe(200);
    let html = await res.text();
    expect(statusOf(html)).toBe(TXT.approved);
    expect(await meetingRow(m.meetingId)).toMatchObject({
      status: "approved",
      minutesStatus: "approved",
      minutesVersion: 1,
    });
    const version1 = await h.db
      .selectFrom("minutesVersion")
      .selectAll()
      .where("meetingId", "=", m.meetingId)
      .execute();
    expect(version1).toHaveLength(1);
    expect(version1[0]!.approvedById).toBe(ids.secretariat);
    expect(Date.now() - Date.parse(version1[0]!.approvedAt)).toBeLessThan(60_000);
    const snapshot = JSON.parse(version1[0]!.snapshot) as { title: string; notes: string }[];
    expect(snapshot.map((s) => s.title)).toEqual([
      "Velkomst",
      "Aktiviteter i området",
      "Sommerarrangement",
      "Lukket punkt om samarbejdsaftale",
    ]);
    view = await page(member, m.url);
    expect(mainOf(view.html)).toContain("Godkendt af Mette Lindholm");
    const audit = await h.db
      .selectFrom("auditLog")
      .select(["actorId", "details"])
      .where("action", "=", "minutes.approved")
      .where("subjectId", "=", m.meetingId)
      .execute();
    expect(audit).toEqual([{ actorId: ids.secretariat, details: '{"version":1}' }]);

    // Approving twice: a clear message, nothing written.
    const afterApproval = await meetingRow(m.meetingId);
    let total = await rowCounts(h.db);
    res = await secretariat.post(m.url, { intent: "approve", version: "1" });
    expect(res.status).toBe(409);
    expect(alertOf(await res.text())).toBe(TXT.alreadyApproved);
    expect(await rowCounts(h.db)).toEqual(total);
    expect(await meetingRow(m.meetingId)).toEqual(afterApproval);

    // Frozen: editing and commenting are refused.
    res = await secretariat.post(m.url, {
      intent: "saveItem",
      agendaItemId: m.welcome,
      notes: "Rettet bagefter",
      decision: "",
    });
    expect(res.status).toBe(409);
    expect(alertOf(await res.text())).toContain(TXT.frozen);
    const welcome = await h.db
      .selectFrom("agendaItem")
      .select("minutesNotes")
      .where("id", "=", m.welcome)
      .executeTakeFirstOrThrow();
    expect(welcome.minutesNotes).toBe("**Godt fremmøde** <script>alert(1)</script>");
    res = await member.post(m.url, { intent: "comment", version: "1", body: "Sent svar" });
    expect(res.status).toBe(409);
    expect(await rowCounts(h.db)).toEqual(total);

    // Make a change: version 2 starts as a draft, and the page says what changed since version 1.
    res = await member.post(m.url, { intent: "reopen", version: "1" });
    expect(res.status).toBe(403);
    res = await secretariat.post(m.url, { intent: "reopen", version: "1" });
    expect(res.status).toBe(200);
    expect(statusOf(await res.text())).toBe(TXT.reopened(2));
    expect(await meetingRow(m.meetingId)).toMatchObject({
      minutesStatus: "draft",
      minutesVersion: 2,
    });
    res = await secretariat.post(m.url, {
      intent: "saveItem",
      agendaItemId: m.summer,
      notes: "Sommerfesten flyttes til august.",
      decision: "",
    });
    expect(res.status).toBe(200);
    view = await page(secretariat, m.url);
    html = mainOf(view.html);
    expect(html).toContain(TXT.changed(1));
    expect(html).toContain("Ændrede punkter: Sommerarrangement");
    expect(html).toContain("Ændret siden version 1");
    expect(html).toContain("Version 1 – godkendt af Mette Lindholm");

    // While version 2 is a draft, members still read the approved version 1.
    view = await page(member, m.url);
    html = mainOf(view.html);
    expect(html).toContain("Du læser den godkendte version 1, godkendt af Mette Lindholm");
    expect(html).not.toContain("Sommerfesten flyttes til august.");
    expect(html).toContain("Biblioteket lægger lokaler til.");

    // The approved version stays readable, with approver and time.
    view = await page(secretariat, `${m.url}?version=1`);
    expect(view.status).toBe(200);
    html = mainOf(view.html);
    expect(html).toContain("Du læser den godkendte version 1, godkendt af Mette Lindholm");
    expect(html).not.toContain("Sommerfesten flyttes til august.");
    expect((await page(member, `${m.url}?version=7`)).status).toBe(404);
    expect((await page(member, `${m.url}?version=abc`)).status).toBe(404);

    // A stale form (for version 1) cannot approve version 2.
    total = await rowCounts(h.db);
    const beforeStale = await meetingRow(m.meetingId);
    res = await secretariat.post(m.url, { intent: "approve", version: "1" });
    expect(res.status).toBe(409);
    expect(alertOf(await res.text())).toContain(TXT.stale(2));
    expect(await rowCounts(h.db)).toEqual(total);
    expect(await meetingRow(m.meetingId)).toEqual(beforeStale);

    // Approve again: two approved versions, version 2 current.
    res = await secretariat.post(m.url, { intent: "approve", version: "2" });
    expect(res.status).toBe(200);
    const versions = await h.db
      .selectFrom("minutesVersion")
      .select(["versionNo", "approvedById"])
      .where("meetingId", "=", m.meetingId)
      .orderBy("versionNo")
      .execute();
    expect(versions).toEqual([
      { versionNo: 1, approvedById: ids.secretariat },
      { versionNo: 2, approvedById: ids.secretariat },
    ]);
    view = await page(member, m.url);
    html = mainOf(view.html);
    expect(html).toContain("Sommerfesten flyttes til august.");
    expect(html).toContain("Version 2 – godkendt af Mette Lindholm");
    expect(html).not.toContain(TXT.changed(1));
  });

  it("mails every current member when nobody answered attendance", async () => {
    const m = await meetingWithAgenda("Møde uden tilmeldinger");
    await secretariat.post(m.url, {
      intent: "saveItem",
      agendaItemId: m.welcome,
      notes: "Kort møde",
      decision: "",
    });
    const current = await h.db
      .selectFrom("membership")
      .innerJoin("user", "user.id", "membership.userId")
      .select("user.email")
      .where("membership.spaceId", "=", space)
      .where("membership.leftAt", "is", null)
      .where("user.status", "=", "active")
      .execute();
    const mailsBefore = smtp.mails.length;
    const res = await secretariat.post(m.url, { intent: "circulate", version: "1" });
    expect(res.status).toBe(200);
    const sent = smtp.mails.slice(mailsBefore).flatMap((s) => s.to);
    expect(sent.sort()).toEqual(current.map((c) => c.email).sort());
    expect(sent).not.toContain("jonas.vestergaard@cdp.example"); // left the network in 2025
  });

  it("shows a closed item only to the people named on it: page, old versions and print view", async () => {
    const m = await meetingWithAgenda("Møde med lukket punkt");
    await secretariat.post(m.url, {
      intent: "saveItem",
      agendaItemId: m.closed,
      notes: "Aftalen forhandles fortsat.",
      decision: "Fortrolig beslutning",
    });
    // A secretariat member not named on the item cannot write its minutes either.
    const total = await rowCounts(h.db);
    let res = await secretariat2.post(m.url, {
      intent: "saveItem",
      agendaItemId: m.closed,
      notes: "Overskrevet",
      decision: "",
    });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain(DA.notFound);
    expect(await rowCounts(h.db)).toEqual(total);
    res = await secretariat.post(m.url, { intent: "approve", version: "1" });
    expect(res.status).toBe(200);

    const paths = [m.url, `${m.url}?print=1`, `${m.url}?version=1`, `${m.url}?version=1&print=1`];
    const hidden = ["Lukket punkt om samarbejdsaftale", "Aftalen forhandles", "Fortrolig"];
    for (const reader of [member, secretariat2, observer]) {
      for (const path of paths) {
        const view = await page(reader, path);
        expect(view.status, path).toBe(200);
        expect(itemTitles(view.html)).toContain("Velkomst");
        for (const text of hidden) expect(view.html, `${path}: ${text}`).not.toContain(text);
      }
    }
    for (const named of [secretariat, chair]) {
      for (const path of paths) {
        const view = await page(named, path);
        expect(itemTitles(view.html), path).toContain("Lukket punkt om samarbejdsaftale");
        expect(view.html).toContain("Fortrolig beslutning");
        expect(view.html).toContain("Lukket punkt");
      }
    }

    // Old snapshots follow today's access list: once the chair is taken off, version 1 hides it.
    await h.db
      .deleteFrom("agendaItemAccess")
      .where("agendaItemId", "=", m.closed)
      .where("userId", "=", ids.chair!)
      .execute();
    const view = await page(chair, `${m.url}?version=1`);
    expect(view.html).not.toContain("Fortrolig beslutning");
  });

  it("has a print layout without navigation or forms", async () => {
    const m = await meetingWithAgenda("Møde til udskrift");
    await secretariat.post(m.url, {
      intent: "saveItem",
      agendaItemId: m.welcome,
      notes: "Til udskrift",
      decision: "",
    });
    const view = await page(secretariat, `${m.url}?print=1`);
    expect(view.status).toBe(200);
    const main = mainOf(view.html);
    expect(main).toContain("Til udskrift");
    expect(main).not.toContain("<form");
    expect(main).not.toContain('class="tabs"');
    const css = /href="(\/assets\/minutes-[^"]+\.css)"/.exec(view.html)?.[1];
    expect(css).toBeTruthy();
    const sheet = await (await secretariat.get(css!)).text();
    expect(sheet).toMatch(/@media print\s*\{[^}]*\.site-header/);
  });

  it("refuses bad input with a clear message and writes nothing", async () => {
    const m = await meetingWithAgenda("Møde med fejl");
    const other = await meetingWithAgenda("Et andet møde");
    const foreign = await createTestMeeting(h.db, {
      spaceId: await spaceId(h.db, "ekspertgruppen"),
      createdById: ids.secretariat!,
      title: "Ekspertgruppens møde",
    });
    const total = await rowCounts(h.db);
    const items = () =>
      h.db.selectFrom("agendaItem").select(["id", "minutesNotes", "minutesDecision"]).execute();
    const itemsBefore = await items();

    // Oversize text.
    let res = await secretariat.post(m.url, {
      intent: "saveItem",
      agendaItemId: m.welcome,
      notes: "x".repeat(20_001),
      decision: "",
    });
    expect(res.status).toBe(400);
    expect(alertOf(await res.text())).toBe(TXT.tooLong);

    // An agenda item of another meeting; a meeting id that is no meeting; a meeting of another space.
    res = await secretariat.post(m.url, {
      intent: "saveItem",
      agendaItemId: other.welcome,
      notes: "Forkert møde",
      decision: "",
    });
    expect(res.status).toBe(404);
    for (const id of [foreign, "00000000-0000-4000-8000-000000000000", "ikke-et-id"]) {
      const url = `/spaces/${SLUG}/meetings/${id}/minutes`;
      expect((await page(secretariat, url)).status).toBe(404);
      res = await secretariat.post(url, { intent: "circulate", version: "0" });
      expect(res.status).toBe(404);
      expect(await res.text()).toContain(DA.notFound);
    }
    // Not a form this page knows; a version that is no number; an empty comment.
    res = await secretariat.post(m.url, { intent: "publish" });
    expect(res.status).toBe(400);
    res = await secretariat.post(m.url, { intent: "approve", version: "seneste" });
    expect(res.status).toBe(400);
    res = await member.post(m.url, { intent: "comment", version: "0", body: "   " });
    expect(res.status).toBe(400);
    expect(alertOf(await res.text())).toBe("Udfyld feltet.");
    // Nothing to approve or circulate before anything is written.
    res = await secretariat.post(m.url, { intent: "approve", version: "0" });
    expect(res.status).toBe(409);
    res = await secretariat.post(m.url, { intent: "circulate", version: "0" });
    expect(res.status).toBe(409);
    res = await secretariat.post(m.url, { intent: "reopen", version: "0" });
    expect(res.status).toBe(409);

    expect(await rowCounts(h.db)).toEqual(total);
    expect(await items()).toEqual(itemsBefore);
    expect(await meetingRow(m.meetingId)).toMatchObject({
      minutesStatus: "none",
      minutesVersion: 0,
    });
  });

  it("hides a draft meeting's minutes from members and refuses minutes for it", async () => {
    const meetingId = await createTestMeeting(h.db, {
      spaceId: space,
      createdById: ids.secretariat!,
      title: "Mødeudkast",
      status: "draft",
    });
    const item = await createTestAgendaItem(h.db, {
      meetingId,
      spaceId: space,
      createdById: ids.secretariat!,
      title: "Punkt i udkast",
      position: 1,
    });
    const url = minutesUrl(meetingId);
    expect((await page(member, url)).status).toBe(404);
    expect((await page(secretariat, url)).status).toBe(200);
    const res = await secretariat.post(url, {
      intent: "saveItem",
      agendaItemId: item,
      notes: "For tidligt",
      decision: "",
    });
    expect(res.status).toBe(409);
    expect(alertOf(await res.text())).toBe(
      "Der kan ikke skrives referat til et mødeudkast eller et aflyst møde.",
    );
  });
});

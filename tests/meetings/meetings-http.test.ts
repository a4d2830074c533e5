import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDateTime } from "../../app/lib/dates";
import { utcToCopenhagen } from "../../app/lib/zoned-time";
import { Client, startTestHub, type TestHub } from "../helpers/hub";
import {
  createMembership,
  createPerson,
  createTestDocument,
  DA,
  mainOf,
  rowCounts,
  signIn,
  spaceId,
  unescapeHtml,
  userId,
} from "../helpers/fixtures";
import { findLink, startSmtpCapture, type SmtpCapture } from "../helpers/smtp";

/**
 * Meetings over plain HTTP, as a browser without JavaScript uses them: every change is a form
 * post, every outcome is read back from the pages people see (and the mails they get, through a
 * real SMTP server on loopback).
 */

const SLUG = "bispebjerg-netvaerk";
const LIST = `/spaces/${SLUG}/meetings`;
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

const TXT = {
  endBeforeStart: "Mødet skal slutte efter, at det er begyndt.",
  dateTime: "Skriv en gyldig dato og et gyldigt klokkeslæt.",
  url: "Skriv en webadresse, der begynder med https:// eller http://.",
  duration: "Varigheden skal være et helt antal minutter fra 0 til 600.",
  kind: "Vælg orientering, drøftelse eller beslutning.",
  otherSpaceDocument: "Dokumentet findes ikke i dette rums dokumenter.",
  alreadyPublished: "Mødet er allerede offentliggjort. Der er ikke sendt nye e-mails.",
  locked: "Mødet er afholdt eller aflyst, så svaret kan ikke længere ændres.",
};

/** Form fields, a field given more than once as an array (checkboxes). */
function form(fields: Record<string, string | string[]>): URLSearchParams {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields))
    for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  return body;
}

function send(client: Client, path: string, fields: Record<string, string | string[]>) {
  return client.request(path, { method: "POST", body: form(fields) });
}

const text = (html: string) =>
  unescapeHtml(
    html
      .replace(/<!-- -->/g, "")
      .replace(/<[^>]+>/g, " ")
      .replace(/\s+/g, " ")
      .trim(),
  );

/** The agenda as shown: "HH:MM N. Title" for each item, sub-items after their item. */
function agendaOf(html: string): string[] {
  return [
    ...mainOf(html).matchAll(
      new RegExp(`<h3 id="item-${UUID}-title" class="agenda__title">([\\s\\S]*?)</h3>`, "g"),
    ),
  ].map((m) => text(m[1]!).replace(/^Kl\. /, ""));
}

/** The agenda of the print view, in the same form. */
function printedAgendaOf(html: string): string[] {
  return [...mainOf(html).matchAll(/<h2 class="print-agenda__title">([\s\S]*?)<\/h2>/g)].map((m) =>
    text(m[1]!),
  );
}

function alertOf(html: string): string | null {
  const m = /<p role="alert" class="form-error">([^<]*)<\/p>/.exec(html);
  return m ? unescapeHtml(m[1]!) : null;
}

function statusOf(html: string): string | null {
  const m = /<p role="status" class="notice">([^<]*)<\/p>/.exec(html);
  return m ? unescapeHtml(m[1]!) : null;
}

/** Every field error shown on the page. */
function fieldErrorsOf(html: string): string[] {
  return [...html.matchAll(/class="field__error">([^<]*)</g)].map((m) => unescapeHtml(m[1]!));
}

describe("meetings over HTTP", () => {
  let h: TestHub;
  let smtp: SmtpCapture;
  let secretariat: Client; // Mette Lindholm
  let yasmin: Client; // a plain member (ngo@bispebjerg.example)
  let amira: Client; // another member
  let observer: Client;
  let secondSecretariat: Client;
  let space: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    h = await startTestHub({
      env: {
        SMTP_URL: smtp.url,
        PUBLIC_URL: "https://hub.example.org",
        LOGIN_LIMIT_PER_IP: "1000",
      },
    });
    space = await spaceId(h.db, SLUG);
    const second = await createPerson(h.db, {
      email: "anden.sekretaer@bif.example",
      name: "Anden Sekretær",
      canSignIn: true,
    });
    await createMembership(h.db, { spaceId: space, userId: second, role: "secretariat" });
    [secretariat, yasmin, amira, observer, secondSecretariat] = await Promise.all([
      signIn(h, "sekretariat@bif.example"),
      signIn(h, "ngo@bispebjerg.example"),
      signIn(h, "amira.khalil@boernsvilkaar.example"),
      signIn(h, "emre.yilmaz@nordvestgym.example"),
      signIn(h, "anden.sekretaer@bif.example"),
    ]);
    ids.yasmin = await userId(h.db, "ngo@bispebjerg.example");
    ids.amira = await userId(h.db, "amira.khalil@boernsvilkaar.example");
    ids.secretariat = await userId(h.db, "sekretariat@bif.example");
  });
  afterAll(async () => {
    await h?.close();
    await smtp?.close();
  });

  /** The space's current, active members' addresses: who a publication mail must reach. */
  async function currentMemberEmails(): Promise<string[]> {
    const rows = await h.db
      .selectFrom("membership")
      .innerJoin("user", "user.id", "membership.userId")
      .select("user.email")
      .where("membership.spaceId", "=", space)
      .where("membership.leftAt", "is", null)
      .where("user.status", "=", "active")
      .execute();
    return rows.map((r) => r.email).sort();
  }

  async function createMeeting(fields: Partial<Record<string, string>> = {}): Promise<string> {
    const res = await send(secretariat, LIST, {
      intent: "create",
      title: "Netværksmøde",
      startsAt: "2031-01-14T17:00",
      endsAt: "2031-01-14T19:00",
      place: "Bispebjerg Bibliotek",
      onlineUrl: "",
      description: "",
      ...fields,
    } as Record<string, string>);
    expect(res.status).toBe(302);
    const location = res.headers.get("location")!;
    expect(location).toMatch(new RegExp(`^${LIST}/${UUID}$`));
    return location.split("/").pop()!;
  }

  async function addItem(meetingId: string, fields: Record<string, string | string[]>) {
    const res = await send(secretariat, `${LIST}/${meetingId}`, {
      intent: "addItem",
      description: "",
      presenter: "",
      kind: "orientation",
      ...fields,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const row = await h.db
      .selectFrom("agendaItem")
      .select("id")
      .where("meetingId", "=", meetingId)
      .where("title", "=", fields.title as string)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  const page = async (client: Client, meetingId: string) => {
    const res = await client.get(`${LIST}/${meetingId}`);
    return { status: res.status, html: await res.text() };
  };

  it("creates a draft that only the secretariat sees, in the list and on its page", async () => {
    const meetingId = await createMeeting({ title: "Kladdemøde" });
    const row = await h.db
      .selectFrom("meeting")
      .selectAll()
      .where("id", "=", meetingId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      spaceId: space,
      status: "draft",
      startsAt: "2031-01-14T16:00:00.000Z",
      endsAt: "2031-01-14T18:00:00.000Z",
      place: "Bispebjerg Bibliotek",
      onlineUrl: null,
    });

    const mine = mainOf(await (await secretariat.get(LIST)).text());
    expect(mine).toContain("Kladdemøde");
    expect(mine).toContain("Kladde");
    expect(mine).toContain(formatDateTime(row.startsAt, "da"));

    expect(mainOf(await (await yasmin.get(LIST)).text())).not.toContain("Kladdemøde");
    const hidden = await page(yasmin, meetingId);
    expect(hidden.status).toBe(404);
    expect(hidden.html).toContain(DA.notFound);
    expect((await yasmin.get(`${LIST}/${meetingId}/print`)).status).toBe(404);
  });

  it("lists upcoming meetings soonest first and past ones most recent first, with the viewer's answer", async () => {
    const later = await createMeeting({
      title: "Senere møde",
      startsAt: "2032-05-01T10:00",
      endsAt: "2032-05-01T11:00",
    });
    const sooner = await createMeeting({
      title: "Tidligere kommende",
      startsAt: "2031-06-01T10:00",
      endsAt: "2031-06-01T11:00",
    });
    const old = await createMeeting({
      title: "Gammelt møde",
      startsAt: "2024-05-01T10:00",
      endsAt: "2024-05-01T11:00",
    });
    const older = await createMeeting({
      title: "Ældre møde",
      startsAt: "2023-05-01T10:00",
      endsAt: "2023-05-01T11:00",
    });
    for (const id of [later, sooner, old, older])
      expect((await send(secretariat, `${LIST}/${id}`, { intent: "publish" })).status).toBe(200);
    expect(
      (await send(yasmin, `${LIST}/${sooner}`, { intent: "respond", response: "maybe", note: "" }))
        .status,
    ).toBe(200);

    const html = mainOf(await (await yasmin.get(LIST)).text());
    const [upcoming, past] = html.split('id="past-heading"');
    const order = (chunk: string, titles: string[]) =>
      titles
        .map((t) => chunk.indexOf(t))
        .every((i, n, all) => i >= 0 && (n === 0 || i > all[n - 1]!));
    expect(order(upcoming!, ["Tidligere kommende", "Senere møde"])).toBe(true);
    expect(order(past!, ["Gammelt møde", "Ældre møde"])).toBe(true);
    expect(upcoming).not.toContain("Gammelt møde");
    // The viewer's own answer is in the meeting's row.
    const soonerRow = /<tr[^>]*>(?:(?!<\/tr>)[\s\S])*Tidligere kommende[\s\S]*?<\/tr>/.exec(
      upcoming!,
    )![0];
    expect(text(soonerRow)).toContain("Måske");
    const laterRow = /<tr[^>]*>(?:(?!<\/tr>)[\s\S])*Senere møde[\s\S]*?<\/tr>/.exec(upcoming!)![0];
    expect(text(laterRow)).toContain("Ikke svaret");
  });

  it("refuses bad meeting input with field messages and writes nothing", async () => {
    const before = await rowCounts(h.db);
    const cases: [Record<string, string>, string][] = [
      [{ startsAt: "2031-02-01T18:00", endsAt: "2031-02-01T17:00" }, TXT.endBeforeStart],
      [{ startsAt: "2031-02-01T18:00", endsAt: "2031-02-01T18:00" }, TXT.endBeforeStart],
      [{ startsAt: "2031-02-30T18:00", endsAt: "2031-03-01T19:00" }, TXT.dateTime],
      [{ startsAt: "i morgen", endsAt: "2031-03-01T19:00" }, TXT.dateTime],
      [{ onlineUrl: "javascript:alert(1)" }, TXT.url],
      [{ onlineUrl: "ftp://example.org/møde" }, TXT.url],
    ];
    for (const [fields, message] of cases) {
      const res = await send(secretariat, LIST, {
        intent: "create",
        title: "Forkert møde",
        startsAt: "2031-02-01T17:00",
        endsAt: "2031-02-01T18:00",
        ...fields,
      });
      expect(res.status, JSON.stringify(fields)).toBe(400);
      const html = await res.text();
      expect(fieldErrorsOf(html), JSON.stringify(fields)).toContain(message);
      // The form keeps what was typed.
      expect(html).toContain('value="Forkert møde"');
    }
    // A member may not create meetings at all.
    const refused = await send(yasmin, LIST, {
      intent: "create",
      title: "Medlemsmøde",
      startsAt: "2031-02-01T17:00",
      endsAt: "2031-02-01T18:00",
    });
    expect(refused.status).toBe(403);
    expect(await rowCounts(h.db)).toEqual(before);
  });

  it("creates a monthly series whose meetings stay at 17:00 across daylight saving, and moves or cancels one occurrence alone", async () => {
    const res = await send(secretariat, LIST, {
      intent: "createSeries",
      title: "Første tirsdag",
      frequency: "monthly",
      nth: "1",
      weekday: "2",
      interval: "1",
      startTime: "17:00",
      durationMinutes: "120",
      firstDate: "2030-09-01",
      untilDate: "2031-02-28",
      place: "Lokalhuset",
      onlineUrl: "",
      description: "",
    });
    expect(res.status).toBe(200);
    expect(statusOf(await res.text())).toBe("6 møder er oprettet som kladder.");
    const series = await h.db
      .selectFrom("meetingSeries")
      .selectAll()
      .where("title", "=", "Første tirsdag")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(series.rule)).toEqual({ kind: "monthly", weekday: 2, nth: 1 });
    const meetings = await h.db
      .selectFrom("meeting")
      .select(["id", "seriesDate", "startsAt", "endsAt", "status", "calendarSequence"])
      .where("seriesId", "=", series.id)
      .orderBy("startsAt")
      .execute();
    expect(meetings.map((m) => m.seriesDate)).toEqual([
      "2030-09-03",
      "2030-10-01",
      "2030-11-05",
      "2030-12-03",
      "2031-01-07",
      "2031-02-04",
    ]);
    expect(meetings.map((m) => utcToCopenhagen(m.startsAt).time)).toEqual(Array(6).fill("17:00"));
    // Summer time in September and October, winter time from November: the UTC hour differs.
    expect(meetings[0]!.startsAt).toBe("2030-09-03T15:00:00.000Z");
    expect(meetings[3]!.startsAt).toBe("2030-12-03T16:00:00.000Z");
    expect(meetings.every((m) => m.status === "draft")).toBe(true);
    // The list shows both at 17.00 Copenhagen time.
    const list = mainOf(await (await secretariat.get(LIST)).text());
    expect(list).toContain(formatDateTime(meetings[0]!.startsAt, "da"));
    expect(formatDateTime(meetings[0]!.startsAt, "da")).toContain("17.00");
    expect(formatDateTime(meetings[3]!.startsAt, "da")).toContain("17.00");

    // Moving the December meeting changes only it and keeps its series date.
    const december = meetings[3]!;
    const moved = await send(secretariat, `${LIST}/${december.id}`, {
      intent: "edit",
      title: "Første tirsdag (flyttet)",
      startsAt: "2030-12-10T16:00",
      endsAt: "2030-12-10T18:00",
      place: "Lokalhuset",
      onlineUrl: "",
      description: "",
    });
    expect(moved.status).toBe(200);
    const afterMove = await h.db
      .selectFrom("meeting")
      .select(["seriesDate", "startsAt", "calendarSequence", "title"])
      .where("id", "=", december.id)
      .executeTakeFirstOrThrow();
    expect(afterMove).toEqual({
      seriesDate: "2030-12-03",
      startsAt: "2030-12-10T15:00:00.000Z",
      calendarSequence: december.calendarSequence + 1,
      title: "Første tirsdag (flyttet)",
    });
    // A change of the title alone does not bother calendars.
    await send(secretariat, `${LIST}/${december.id}`, {
      intent: "edit",
      title: "Første tirsdag i december",
      startsAt: "2030-12-10T16:00",
      endsAt: "2030-12-10T18:00",
      place: "Lokalhuset",
    });
    expect(
      (
        await h.db
          .selectFrom("meeting")
          .select("calendarSequence")
          .where("id", "=", december.id)
          .executeTakeFirstOrThrow()
      ).calendarSequence,
    ).toBe(december.calendarSequence + 1);

    // A draft cannot be cancelled (members never heard of it; it can be deleted instead).
    const january = meetings[4]!;
    const draftCancel = await send(secretariat, `${LIST}/${january.id}`, { intent: "cancel" });
    expect(draftCancel.status).toBe(409);
    expect(alertOf(await draftCancel.text())).toBe(
      "Kun et offentliggjort møde kan aflyses. En kladde kan slettes i stedet.",
    );
    // Cancelling the published January meeting leaves the rest of the series alone.
    const january2 = `${LIST}/${january.id}`;
    expect((await send(secretariat, january2, { intent: "publish" })).status).toBe(200);
    expect((await send(secretariat, january2, { intent: "cancel" })).status).toBe(200);
    const statuses = await h.db
      .selectFrom("meeting")
      .select(["id", "status", "calendarSequence"])
      .where("seriesId", "=", series.id)
      .execute();
    expect(statuses.filter((m) => m.status === "cancelled").map((m) => m.id)).toEqual([january.id]);
    // Raised by publishing and again by cancelling.
    expect(statuses.find((m) => m.id === january.id)!.calendarSequence).toBe(2);
    const cancelledPage = await page(secretariat, january.id);
    expect(cancelledPage.html).toContain("Mødet er aflyst.");
  });

  it("creates a weekly series every second week, and refuses a series that gives no meetings or bad fields", async () => {
    const before = await rowCounts(h.db);
    const base = {
      intent: "createSeries",
      title: "Hver anden onsdag",
      frequency: "weekly",
      nth: "1",
      weekday: "3",
      interval: "2",
      startTime: "09:00",
      durationMinutes: "60",
      firstDate: "2030-03-01",
      untilDate: "2030-03-31",
    };
    const bad: [Record<string, string>, string][] = [
      [{ untilDate: "2030-02-01" }, "Slutdatoen skal ligge efter den første dato."],
      [
        { firstDate: "2030-03-01", untilDate: "2030-03-04" },
        "Reglen giver ingen møder i perioden.",
      ],
      [{ startTime: "25:00" }, "Skriv et klokkeslæt som 17:00."],
      [{ durationMinutes: "-5" }, "Varigheden skal være et helt antal minutter fra 1 til 1440."],
      [{ onlineUrl: "javascript:alert(1)" }, TXT.url],
    ];
    for (const [fields, message] of bad) {
      const res = await send(secretariat, LIST, { ...base, ...fields });
      expect(res.status, JSON.stringify(fields)).toBe(400);
      expect(fieldErrorsOf(await res.text())).toContain(message);
    }
    expect(await rowCounts(h.db)).toEqual(before);

    const res = await send(secretariat, LIST, base);
    expect(res.status).toBe(200);
    const dates = await h.db
      .selectFrom("meeting")
      .innerJoin("meetingSeries", "meetingSeries.id", "meeting.seriesId")
      .select("meeting.seriesDate")
      .where("meetingSeries.title", "=", "Hver anden onsdag")
      .orderBy("meeting.startsAt")
      .execute();
    // 2030-03-01 is a Friday: the first Wednesday is the 6th, then every other week.
    expect(dates.map((d) => d.seriesDate)).toEqual(["2030-03-06", "2030-03-20"]);
  });

  it("builds an agenda with sub-items, computed start times and reordering", async () => {
    const meetingId = await createMeeting({ title: "Dagsordensmøde" });
    const a = await addItem(meetingId, { title: "Velkomst", durationMinutes: "20" });
    const b = await addItem(meetingId, {
      title: "Status på indsatser",
      durationMinutes: "30",
      kind: "discussion",
      presenter: "Leyla Özdemir",
      description: "Se **bilag 1**.\n\n<script>alert(1)</script>",
    });
    await addItem(meetingId, { title: "Skolerne", durationMinutes: "10", parentId: b });
    await addItem(meetingId, { title: "Eventuelt", durationMinutes: "0", kind: "decision" });

    let html = (await page(secretariat, meetingId)).html;
    expect(agendaOf(html)).toEqual([
      "17.00 1. Velkomst",
      "17.20 2. Status på indsatser",
      "17.50 2.1. Skolerne",
      "18.00 3. Eventuelt",
    ]);
    // Markdown is rendered; raw HTML is not.
    expect(html).toContain("<strong>bilag 1</strong>");
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("Oplæg: Leyla Özdemir");
    expect(html).toContain("Drøftelse");

    // "Move up" on the second item swaps it with the first; its sub-item goes with it.
    expect(
      (await send(secretariat, `${LIST}/${meetingId}`, { intent: "moveUp", itemId: b })).status,
    ).toBe(200);
    html = (await page(secretariat, meetingId)).html;
    expect(agendaOf(html)).toEqual([
      "17.00 1. Status på indsatser",
      "17.30 1.1. Skolerne",
      "17.40 2. Velkomst",
      "18.00 3. Eventuelt",
    ]);
    // Moving the first item up does nothing.
    await send(secretariat, `${LIST}/${meetingId}`, { intent: "moveUp", itemId: b });
    await send(secretariat, `${LIST}/${meetingId}`, { intent: "moveDown", itemId: a });
    expect(agendaOf((await page(secretariat, meetingId)).html)).toEqual([
      "17.00 1. Status på indsatser",
      "17.30 1.1. Skolerne",
      "17.40 2. Eventuelt",
      "17.40 3. Velkomst",
    ]);

    // Positions stay dense after a delete.
    const eventuelt = await h.db
      .selectFrom("agendaItem")
      .select("id")
      .where("title", "=", "Eventuelt")
      .where("meetingId", "=", meetingId)
      .executeTakeFirstOrThrow();
    await send(secretariat, `${LIST}/${meetingId}`, { intent: "deleteItem", itemId: eventuelt.id });
    const positions = await h.db
      .selectFrom("agendaItem")
      .select(["title", "position"])
      .where("meetingId", "=", meetingId)
      .where("parentId", "is", null)
      .orderBy("position")
      .execute();
    expect(positions).toEqual([
      { title: "Status på indsatser", position: 1 },
      { title: "Velkomst", position: 2 },
    ]);

    // Editing an item changes its duration and so the times after it.
    const edited = await send(secretariat, `${LIST}/${meetingId}`, {
      intent: "editItem",
      itemId: b,
      title: "Status på indsatserne",
      description: "",
      presenter: "",
      durationMinutes: "45",
      kind: "decision",
    });
    expect(edited.status).toBe(200);
    expect(agendaOf((await page(secretariat, meetingId)).html)).toEqual([
      "17.00 1. Status på indsatserne",
      "17.45 1.1. Skolerne",
      "17.55 2. Velkomst",
    ]);
  });

  it("refuses a negative, fractional or too long duration and an unknown kind, writing nothing", async () => {
    const meetingId = await createMeeting({ title: "Fejlmøde" });
    const itemId = await addItem(meetingId, { title: "Punkt", durationMinutes: "15" });
    const before = await rowCounts(h.db);
    const snapshot = () =>
      h.db.selectFrom("agendaItem").selectAll().where("id", "=", itemId).executeTakeFirstOrThrow();
    const original = await snapshot();
    const cases: [Record<string, string>, string][] = [
      [{ durationMinutes: "-10" }, TXT.duration],
      [{ durationMinutes: "1.5" }, TXT.duration],
      [{ durationMinutes: "601" }, TXT.duration],
      [{ durationMinutes: "en time" }, TXT.duration],
      [{ kind: "hemmelig" }, TXT.kind],
    ];
    for (const [fields, message] of cases) {
      for (const intent of ["addItem", "editItem"]) {
        const res = await send(secretariat, `${LIST}/${meetingId}`, {
          intent,
          itemId,
          title: "Punkt",
          durationMinutes: "15",
          kind: "orientation",
          ...fields,
        });
        expect(res.status, `${intent} ${JSON.stringify(fields)}`).toBe(400);
        expect(fieldErrorsOf(await res.text())).toContain(message);
      }
    }
    expect(await rowCounts(h.db)).toEqual(before);
    expect(await snapshot()).toEqual(original);
  });

  it("hides a closed item from everyone not named on it: page, print view, counts", async () => {
    const meetingId = await createMeeting({ title: "Møde med lukket punkt" });
    await addItem(meetingId, { title: "Åbent punkt", durationMinutes: "30" });
    await addItem(meetingId, {
      title: "Fortroligt personalepunkt",
      description: "Hemmelig beskrivelse",
      durationMinutes: "15",
      isClosed: "on",
      accessUserIds: [ids.amira!],
    });
    await addItem(meetingId, { title: "Afslutning", durationMinutes: "10" });
    await send(secretariat, `${LIST}/${meetingId}`, { intent: "publish" });
    const parentOfSub = await h.db
      .selectFrom("agendaItem")
      .select("id")
      .where("title", "=", "Fortroligt personalepunkt")
      .executeTakeFirstOrThrow();
    // A sub-item that is not itself closed is hidden with its closed item.
    const subId = await addItem(meetingId, {
      title: "Underpunkt til lukket",
      durationMinutes: "0",
      parentId: parentOfSub.id,
    });
    const closedId = (
      await h.db
        .selectFrom("agendaItem")
        .select("id")
        .where("title", "=", "Fortroligt personalepunkt")
        .executeTakeFirstOrThrow()
    ).id;
    // Named: Amira and the creator.
    const access = await h.db
      .selectFrom("agendaItemAccess")
      .select("userId")
      .where("agendaItemId", "=", closedId)
      .execute();
    expect(access.map((a) => a.userId).sort()).toEqual([ids.amira!, ids.secretariat!].sort());

    for (const [who, client] of [
      ["member", yasmin],
      ["unnamed secretariat", secondSecretariat],
    ] as const) {
      const { status, html } = await page(client, meetingId);
      expect(status, who).toBe(200);
      expect(html, who).not.toContain("Fortroligt personalepunkt");
      expect(html, who).not.toContain("Hemmelig beskrivelse");
      expect(html, who).not.toContain(closedId);
      // The next item still starts after the closed one's 15 minutes.
      expect(agendaOf(html), who).toEqual(["17.00 1. Åbent punkt", "17.45 2. Afslutning"]);
      expect(html, who).toContain("2 punkter");
      const print = await (await client.get(`${LIST}/${meetingId}/print`)).text();
      expect(print, who).not.toContain("Fortroligt personalepunkt");
      expect(printedAgendaOf(print), who).toEqual(["17.00 1. Åbent punkt", "17.45 2. Afslutning"]);
      // Nor can they touch it.
      const edit = await send(client, `${LIST}/${meetingId}`, {
        intent: "moveUp",
        itemId: closedId,
      });
      expect(edit.status, who).toBe(who === "member" ? 403 : 404);
      expect(html, who).not.toContain("Underpunkt til lukket");
      const sub = await send(client, `${LIST}/${meetingId}`, {
        intent: "deleteItem",
        itemId: subId,
      });
      expect(sub.status, who).toBe(who === "member" ? 403 : 404);
    }
    for (const client of [amira, secretariat]) {
      const { html } = await page(client, meetingId);
      expect(agendaOf(html)).toEqual([
        "17.00 1. Åbent punkt",
        "17.30 2. Fortroligt personalepunkt",
        "17.45 2.1. Underpunkt til lukket",
        "17.45 3. Afslutning",
      ]);
      expect(html).toContain("Hemmelig beskrivelse");
      expect(html).toContain("4 punkter");
      const print = await (await client.get(`${LIST}/${meetingId}/print`)).text();
      expect(printedAgendaOf(print)).toContain("17.30 2. Fortroligt personalepunkt");
    }
  });

  it("attaches papers: a document of the space and a web link; refuses another space's document and a non-web link", async () => {
    const meetingId = await createMeeting({ title: "Bilagsmøde" });
    const itemId = await addItem(meetingId, { title: "Punkt med bilag", durationMinutes: "15" });
    const own = await createTestDocument(h.db, h.config.filesPath, {
      spaceId: space,
      userId: ids.secretariat!,
      title: "Årsrapport 2025",
    });
    const foreign = await createTestDocument(h.db, h.config.filesPath, {
      spaceId: await spaceId(h.db, "ekspertgruppen"),
      userId: ids.secretariat!,
      title: "Ekspertgruppens notat",
    });
    const path = `${LIST}/${meetingId}`;
    expect(
      (await send(secretariat, path, { intent: "addDocument", itemId, documentId: own.documentId }))
        .status,
    ).toBe(200);
    expect(
      (
        await send(secretariat, path, {
          intent: "addLink",
          itemId,
          title: "Handleplanen",
          url: "https://kk.dk/handleplan",
        })
      ).status,
    ).toBe(200);

    const before = await rowCounts(h.db);
    const refused = await send(secretariat, path, {
      intent: "addDocument",
      itemId,
      documentId: foreign.documentId,
    });
    expect(refused.status).toBe(400);
    expect(alertOf(await refused.text())).toBe(TXT.otherSpaceDocument);
    const badLink = await send(secretariat, path, {
      intent: "addLink",
      itemId,
      title: "Farlig",
      url: "javascript:alert(1)",
    });
    expect(badLink.status).toBe(400);
    expect(fieldErrorsOf(await badLink.text())).toContain(TXT.url);
    expect(await rowCounts(h.db)).toEqual(before);

    const html = mainOf((await page(secretariat, meetingId)).html);
    expect(html).toContain(`href="/spaces/${SLUG}/documents/${own.documentId}"`);
    expect(html).toContain('href="https://kk.dk/handleplan"');
    expect(html).not.toContain("Ekspertgruppens notat");
    const print = await (await secretariat.get(`${path}/print`)).text();
    expect(text(print)).toContain("Bilag: Årsrapport 2025; Handleplanen");
  });

  it("lets a member propose an item that only they and the secretariat see, until it is accepted or declined", async () => {
    const meetingId = await createMeeting({ title: "Forslagsmøde" });
    await send(secretariat, `${LIST}/${meetingId}`, { intent: "publish" });
    const path = `${LIST}/${meetingId}`;
    const propose = (client: Client, title: string) =>
      send(client, path, {
        intent: "propose",
        title,
        description: "",
        presenter: "",
        durationMinutes: "10",
        kind: "discussion",
      });
    const sent = await propose(yasmin, "Forældremøder på skolerne");
    expect(sent.status).toBe(200);
    expect(statusOf(await sent.text())).toBe("Tak. Dit forslag er sendt til sekretariatet.");
    await propose(yasmin, "Ny hjemmeside");
    // Observers read but do not propose.
    expect((await propose(observer, "Observatørens forslag")).status).toBe(403);

    expect(mainOf((await page(amira, meetingId)).html)).not.toContain("Forældremøder på skolerne");
    expect(mainOf((await page(yasmin, meetingId)).html)).toContain("Afventer sekretariatet");
    const secretariatView = mainOf((await page(secretariat, meetingId)).html);
    expect(secretariatView).toContain("Forældremøder på skolerne");
    expect(secretariatView).toContain("Foreslået af Yasmin Haddad");
    expect(agendaOf(secretariatView)).toEqual([]);

    const [first, second] = await h.db
      .selectFrom("agendaItem")
      .select(["id", "title"])
      .where("meetingId", "=", meetingId)
      .orderBy("createdAt")
      .execute();
    expect((await send(secretariat, path, { intent: "accept", itemId: first!.id })).status).toBe(
      200,
    );
    const declined = await send(secretariat, path, {
      intent: "decline",
      itemId: second!.id,
      reason: "Hører til i følgegruppen",
    });
    expect(declined.status).toBe(200);
    // Deciding twice is refused and changes nothing.
    const again = await send(secretariat, path, {
      intent: "decline",
      itemId: second!.id,
      reason: "Igen",
    });
    expect(again.status).toBe(409);
    expect(alertOf(await again.text())).toBe("Forslaget er allerede behandlet.");

    for (const client of [amira, yasmin]) {
      expect(agendaOf((await page(client, meetingId)).html)).toEqual([
        "17.00 1. Forældremøder på skolerne",
      ]);
    }
    const yasminView = mainOf((await page(yasmin, meetingId)).html);
    expect(text(yasminView)).toContain("Afvist. Begrundelse: Hører til i følgegruppen");
    expect(mainOf((await page(amira, meetingId)).html)).not.toContain("Ny hjemmeside");
  });

  it("publishes once: every current member gets a mail in their own language with a link to the meeting", async () => {
    const meetingId = await createMeeting({ title: "Offentliggørelse" });
    // One member reads English.
    await h.db.updateTable("user").set({ locale: "en" }).where("id", "=", ids.amira!).execute();
    const sentBefore = smtp.mails.length;
    const res = await send(secretariat, `${LIST}/${meetingId}`, { intent: "publish" });
    expect(res.status).toBe(200);
    const expected = await currentMemberEmails();
    expect(statusOf(await res.text())).toBe(
      `Dagsordenen er offentliggjort, og ${expected.length} medlemmer har fået en e-mail.`,
    );
    const mails = smtp.mails.slice(sentBefore);
    expect(mails.flatMap((m) => m.to).sort()).toEqual(expected);
    // Not sent to anyone who left the space.
    expect(mails.flatMap((m) => m.to)).not.toContain("jonas.vestergaard@cdp.example");
    const toYasmin = smtp.mailsTo("ngo@bispebjerg.example").at(-1)!;
    expect(toYasmin.text).toContain("Dagsordenen til Offentliggørelse");
    expect(findLink(toYasmin.text, `${LIST}/`)).toBe(`${LIST}/${meetingId}`);
    const toAmira = smtp.mailsTo("amira.khalil@boernsvilkaar.example").at(-1)!;
    expect(toAmira.text).toContain("The agenda for Offentliggørelse");
    await h.db.updateTable("user").set({ locale: "da" }).where("id", "=", ids.amira!).execute();

    const published = await h.db
      .selectFrom("meeting")
      .selectAll()
      .where("id", "=", meetingId)
      .executeTakeFirstOrThrow();
    expect(published.status).toBe("published");

    // Publishing again: a clear message, nothing written and no mails.
    const countsBefore = await rowCounts(h.db);
    const sentNow = smtp.mails.length;
    const twice = await send(secretariat, `${LIST}/${meetingId}`, { intent: "publish" });
    expect(twice.status).toBe(409);
    expect(alertOf(await twice.text())).toBe(TXT.alreadyPublished);
    expect(smtp.mails.length).toBe(sentNow);
    expect(await rowCounts(h.db)).toEqual(countsBefore);
    expect(
      await h.db
        .selectFrom("meeting")
        .selectAll()
        .where("id", "=", meetingId)
        .executeTakeFirstOrThrow(),
    ).toEqual(published);

    // Members now see it.
    expect((await page(yasmin, meetingId)).status).toBe(200);
  });

  it("records answers, shows the secretariat who has not answered, and reminds exactly them", async () => {
    const meetingId = await createMeeting({ title: "Tilmeldingsmøde" });
    const path = `${LIST}/${meetingId}`;
    await send(secretariat, path, { intent: "publish" });
    const answered = await send(yasmin, path, {
      intent: "respond",
      response: "absent",
      note: "Ferie i uge 3",
    });
    expect(answered.status).toBe(200);
    expect(statusOf(await answered.text())).toBe("Dit svar er gemt.");
    await send(amira, path, { intent: "respond", response: "attending", note: "" });
    // Changing one's mind replaces the answer.
    await send(amira, path, { intent: "respond", response: "maybe", note: "Måske sent" });
    const rows = await h.db
      .selectFrom("attendance")
      .select(["userId", "response", "note"])
      .where("meetingId", "=", meetingId)
      .execute();
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.userId === ids.amira)).toMatchObject({
      response: "maybe",
      note: "Måske sent",
    });

    const bad = await send(yasmin, path, { intent: "respond", response: "kommer-ikke" });
    expect(bad.status).toBe(400);
    expect(fieldErrorsOf(await bad.text())).toEqual(["Vælg deltager, afbud eller måske."]);

    const table = mainOf((await page(secretariat, meetingId)).html);
    const row = (name: string) =>
      text(new RegExp(`<tr><td>${name}</td>[\\s\\S]*?</tr>`).exec(table)?.[0] ?? "");
    expect(row("Yasmin Haddad")).toBe("Yasmin Haddad Afbud Ferie i uge 3");
    expect(row("Amira Khalil")).toBe("Amira Khalil Måske Måske sent");
    const members = await currentMemberEmails();
    const notAnswered = members.filter(
      (e) => e !== "ngo@bispebjerg.example" && e !== "amira.khalil@boernsvilkaar.example",
    );
    expect(text(table)).toContain(
      `0 deltager · 1 afbud · 1 måske · ${notAnswered.length} har ikke svaret`,
    );
    // Members do not see the table.
    expect(mainOf((await page(yasmin, meetingId)).html)).not.toContain("Medlemmernes svar");

    const sentBefore = smtp.mails.length;
    const reminded = await send(secretariat, path, { intent: "remind" });
    expect(reminded.status).toBe(200);
    expect(statusOf(await reminded.text())).toBe(
      `${notAnswered.length} medlemmer har fået en påmindelse.`,
    );
    const reminders = smtp.mails.slice(sentBefore);
    expect(reminders.flatMap((m) => m.to).sort()).toEqual(notAnswered.sort());
    expect(reminders[0]!.text).toContain("Du har endnu ikke svaret");
    // A member cannot send reminders.
    expect((await send(yasmin, path, { intent: "remind" })).status).toBe(403);

    // Once held, answers are closed.
    expect((await send(secretariat, path, { intent: "markHeld" })).status).toBe(200);
    const before = await rowCounts(h.db);
    const late = await send(yasmin, path, { intent: "respond", response: "attending", note: "" });
    expect(late.status).toBe(409);
    expect(alertOf(await late.text())).toBe(TXT.locked);
    expect(await rowCounts(h.db)).toEqual(before);
    expect(
      (
        await h.db
          .selectFrom("attendance")
          .select("response")
          .where("meetingId", "=", meetingId)
          .where("userId", "=", ids.yasmin!)
          .executeTakeFirstOrThrow()
      ).response,
    ).toBe("absent");
  });

  it("answers 404 to someone who left the space and to a meeting id of another space, writing nothing", async () => {
    const meetingId = await createMeeting({ title: "Efter udtræden" });
    await send(secretariat, `${LIST}/${meetingId}`, { intent: "publish" });
    const removed = await signIn(h, "jonas.vestergaard@cdp.example");
    const before = await rowCounts(h.db);
    const res = await send(removed, `${LIST}/${meetingId}`, {
      intent: "respond",
      response: "attending",
      note: "",
    });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain(DA.notFound);
    expect((await removed.get(`${LIST}/${meetingId}`)).status).toBe(404);

    // A meeting of ekspertgruppen, addressed through the network's URL.
    const experts = await spaceId(h.db, "ekspertgruppen");
    const foreignId = crypto.randomUUID();
    await h.db
      .insertInto("meeting")
      .values({
        id: foreignId,
        spaceId: experts,
        seriesId: null,
        seriesDate: null,
        title: "Ekspertmøde",
        startsAt: "2031-03-01T10:00:00.000Z",
        endsAt: "2031-03-01T12:00:00.000Z",
        status: "published",
        publishedAt: "2026-01-01T00:00:00.000Z",
        cancelledAt: null,
        onlineUrl: null,
        minutesCirculatedAt: null,
        createdById: ids.secretariat!,
        createdAt: "2026-01-01T00:00:00.000Z",
        updatedAt: "2026-01-01T00:00:00.000Z",
      })
      .execute();
    const snapshot = await rowCounts(h.db);
    expect(snapshot.meeting).toBe(before.meeting! + 1);
    for (const [client, fields] of [
      [yasmin, { intent: "respond", response: "attending", note: "" }],
      [
        secretariat,
        { intent: "addItem", title: "Indsmuglet", durationMinutes: "5", kind: "orientation" },
      ],
      [secretariat, { intent: "cancel" }],
    ] as const) {
      const r = await send(client, `${LIST}/${foreignId}`, fields);
      expect(r.status).toBe(404);
    }
    expect((await secretariat.get(`${LIST}/${foreignId}`)).status).toBe(404);
    expect((await secretariat.get(`${LIST}/${foreignId}/print`)).status).toBe(404);
    expect((await secretariat.get(`${LIST}/not-a-uuid`)).status).toBe(404);
    expect(await rowCounts(h.db)).toEqual(snapshot);
  });

  it("cancels a published meeting (telling members) and deletes only drafts", async () => {
    const meetingId = await createMeeting({ title: "Aflysningsmøde" });
    const path = `${LIST}/${meetingId}`;
    await send(secretariat, path, { intent: "publish" });
    const sequence = async () =>
      await h.db
        .selectFrom("meeting")
        .select(["calendarSequence", "status"])
        .where("id", "=", meetingId)
        .executeTakeFirstOrThrow();
    const before = await sequence();
    const sentBefore = smtp.mails.length;
    const cancelled = await send(secretariat, path, { intent: "cancel" });
    expect(cancelled.status).toBe(200);
    expect(await sequence()).toEqual({
      calendarSequence: before.calendarSequence + 1,
      status: "cancelled",
    });
    const mails = smtp.mails.slice(sentBefore);
    expect(mails.flatMap((m) => m.to).sort()).toEqual(await currentMemberEmails());
    expect(
      unescapeHtml(mails.find((m) => m.to.includes("ngo@bispebjerg.example"))!.text),
    ).toContain("er aflyst");
    // Shown as cancelled in the list.
    const list = mainOf(await (await yasmin.get(LIST)).text());
    const row =
      [...list.matchAll(/<tr class="is-cancelled">[\s\S]*?<\/tr>/g)]
        .map((m) => m[0])
        .find((r) => r.includes("Aflysningsmøde")) ?? "";
    expect(text(row)).toContain("Aflysningsmøde");
    expect(text(row)).toContain("Aflyst");

    // A cancelled (not draft) meeting cannot be deleted.
    const del = await send(secretariat, path, { intent: "delete" });
    expect(del.status).toBe(409);
    expect(alertOf(await del.text())).toBe("Kun et møde, der stadig er kladde, kan slettes.");

    const draft = await createMeeting({ title: "Slettes" });
    await addItem(draft, { title: "Punkt", durationMinutes: "5" });
    const gone = await send(secretariat, `${LIST}/${draft}`, { intent: "delete" });
    expect(gone.status).toBe(302);
    expect(gone.headers.get("location")).toBe(LIST);
    expect(await h.db.selectFrom("meeting").select("id").where("id", "=", draft).execute()).toEqual(
      [],
    );
    expect(
      await h.db.selectFrom("agendaItem").select("id").where("meetingId", "=", draft).execute(),
    ).toEqual([]);
  });

  it("shows the next meeting on the space's overview and a Møder tab", async () => {
    const html = mainOf(await (await yasmin.get(`/spaces/${SLUG}`)).text());
    expect(html).toContain("Næste møde");
    expect(html).toContain(`href="${LIST}"`);
  });
});

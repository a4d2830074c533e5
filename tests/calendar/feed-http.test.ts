import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId, nowIso } from "../../app/lib/ids.server";
import { copenhagenToUtc } from "../../app/lib/zoned-time";
import type { Database } from "../../db/client";
import { Client, startTestHub, type TestHub } from "../helpers/hub";
import {
  createMembership,
  createPerson,
  DA,
  mainOf,
  signIn,
  spaceId,
  unescapeHtml,
  userId,
} from "../helpers/fixtures";

/**
 * The private calendar feed and the per-meeting .ics download over real HTTP, read back with an
 * iCalendar parser as a calendar client would. The feed is fetched without any cookie: the token
 * in its URL is the only credential a calendar client has.
 */

const NETWORK = "bispebjerg-netvaerk";
const EXPERTS = "ekspertgruppen";

const TXT = {
  created: "Dit kalenderlink er oprettet.",
  renewed: "Dit kalenderlink er fornyet. Det gamle link virker ikke længere.",
  alreadyExists: "Du har allerede et kalenderlink. Forny det, hvis du har brug for et nyt.",
  nothingToRenew: "Du har ikke et kalenderlink at forny. Opret et først.",
  onceOnly: "Derfor vises linket kun én gang",
  hasFeed: "Du har et kalenderlink, oprettet",
};

interface TestMeeting {
  spaceId: string;
  title: string;
  /** Copenhagen wall-clock "YYYY-MM-DDTHH:MM". */
  start: string;
  end: string;
  status?: string;
  place?: string;
  onlineUrl?: string | null;
  createdById: string;
}

/** A meeting row straight into the database, as the meetings pages would store it. */
async function createMeeting(db: Database, m: TestMeeting): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db
    .insertInto("meeting")
    .values({
      id,
      spaceId: m.spaceId,
      title: m.title,
      description: "",
      startsAt: copenhagenToUtc(m.start)!,
      endsAt: copenhagenToUtc(m.end)!,
      place: m.place ?? "",
      onlineUrl: m.onlineUrl ?? null,
      status: m.status ?? "published",
      publishedAt: m.status === "draft" ? null : now,
      cancelledAt: m.status === "cancelled" ? now : null,
      createdById: m.createdById,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  return id;
}

async function createItem(
  db: Database,
  i: {
    meetingId: string;
    spaceId: string;
    title: string;
    position: number;
    createdById: string;
    parentId?: string;
    closedFor?: string[];
    state?: string;
  },
): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db
    .insertInto("agendaItem")
    .values({
      id,
      meetingId: i.meetingId,
      spaceId: i.spaceId,
      parentId: i.parentId ?? null,
      position: i.position,
      title: i.title,
      isClosed: i.closedFor ? 1 : 0,
      state: i.state ?? "accepted",
      createdById: i.createdById,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  for (const userId of i.closedFor ?? []) {
    await db.insertInto("agendaItemAccess").values({ agendaItemId: id, userId }).execute();
  }
  return id;
}

/** A Copenhagen wall-clock time `days` from now at `time`. */
function daysFromNow(days: number, time: string): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.toISOString().slice(0, 10)}T${time}`;
}

interface ParsedEvent {
  uid: string;
  summary: string;
  start: string;
  end: string;
  sequence: number;
  status: string;
  description: string;
  url: string;
  location: string;
}

function parseCalendar(text: string): ParsedEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents("vevent").map((v) => {
    const e = new ICAL.Event(v);
    return {
      uid: e.uid,
      summary: e.summary,
      start: e.startDate.toJSDate().toISOString(),
      end: e.endDate.toJSDate().toISOString(),
      sequence: Number(v.getFirstPropertyValue("sequence")),
      status: String(v.getFirstPropertyValue("status")),
      description: e.description ?? "",
      url: String(v.getFirstPropertyValue("url") ?? ""),
      location: e.location ?? "",
    };
  });
}

function expectWellFormedLines(text: string) {
  expect(text.endsWith("\r\n")).toBe(true);
  expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  for (const line of text.slice(0, -2).split("\r\n")) {
    expect(Buffer.byteLength(line, "utf8"), line).toBeLessThanOrEqual(75);
  }
}

/** The feed URL shown once on the calendar page after creating or renewing. */
function feedUrlOf(html: string): string | null {
  const match = /<input id="feed-url"[^>]*value="([^"]+)"/.exec(html);
  return match ? unescapeHtml(match[1]!) : null;
}

describe("calendar feed over HTTP", () => {
  let h: TestHub;
  const anonymous = () => new Client(h.url);
  const ids: Record<string, string> = {};
  let member: Client; // Yasmin Haddad, member of the network only
  let memberFeed: string;

  /** Creates (or renews) a feed through the page, as the person would; returns its path. */
  async function feedFor(client: Client, intent: "create" | "renew" = "create") {
    const res = await client.post("/calendar", { intent });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(mainOf(html)).toContain(intent === "create" ? TXT.created : TXT.renewed);
    const url = feedUrlOf(html);
    expect(url).not.toBeNull();
    expect(url!.startsWith(`${h.config.publicUrl}/calendar/feed/`)).toBe(true);
    expect(url).toMatch(/\/calendar\/feed\/[a-z2-7]{32}\.ics$/);
    return new URL(url!).pathname;
  }

  async function fetchFeed(path: string) {
    const res = await anonymous().get(path);
    const raw = await res.text();
    // Content checks read the unfolded text: a folded line could hide a title from toContain.
    const text = raw.replace(/\r\n /g, "");
    return { res, raw, text, events: res.status === 200 ? parseCalendar(raw) : [] };
  }

  beforeAll(async () => {
    h = await startTestHub();
    const { db } = h;
    ids.network = await spaceId(db, NETWORK);
    ids.experts = await spaceId(db, EXPERTS);
    ids.secretariat = await userId(db, "sekretariat@bif.example");
    ids.chair = await userId(db, "leyla.ozdemir@bif.example");
    ids.member = await userId(db, "ngo@bispebjerg.example");
    const by = ids.secretariat;
    ids.networkMeeting = await createMeeting(db, {
      spaceId: ids.network,
      title: "Temamøde om fællesaftenen; program, mad og lokaler",
      start: daysFromNow(20, "17:00"),
      end: daysFromNow(20, "18:30"),
      place: "Beboerhuset, salen",
      onlineUrl: "https://moede.example/tema",
      createdById: by,
    });
    ids.openItem = await createItem(db, {
      meetingId: ids.networkMeeting,
      spaceId: ids.network,
      title: "Program for aftenen",
      position: 1,
      createdById: by,
    });
    ids.closedItem = await createItem(db, {
      meetingId: ids.networkMeeting,
      spaceId: ids.network,
      title: "Lukket: Honorar til oplægsholder",
      position: 2,
      createdById: by,
      closedFor: [ids.chair],
    });
    await createItem(db, {
      meetingId: ids.networkMeeting,
      spaceId: ids.network,
      title: "Underpunkt: Budget for oplægget",
      position: 3,
      createdById: by,
      parentId: ids.closedItem,
    });
    await createItem(db, {
      meetingId: ids.networkMeeting,
      spaceId: ids.network,
      title: "Foreslået: Lektiecaféens julefrokost",
      position: 4,
      createdById: ids.member,
      state: "proposed",
    });
    ids.draft = await createMeeting(db, {
      spaceId: ids.network,
      title: "Kladde: Ekstraordinært netværksmøde",
      start: daysFromNow(30, "10:00"),
      end: daysFromNow(30, "11:00"),
      status: "draft",
      createdById: by,
    });
    ids.cancelled = await createMeeting(db, {
      spaceId: ids.network,
      title: "Aflyst temamøde om digital kontrol",
      start: daysFromNow(40, "15:00"),
      end: daysFromNow(40, "16:00"),
      status: "cancelled",
      createdById: by,
    });
    ids.lastYear = await createMeeting(db, {
      spaceId: ids.network,
      title: "Møde for elleve måneder siden",
      start: daysFromNow(-335, "15:00"),
      end: daysFromNow(-335, "16:00"),
      status: "approved",
      createdById: by,
    });
    ids.tooOld = await createMeeting(db, {
      spaceId: ids.network,
      title: "Møde for fjorten måneder siden",
      start: daysFromNow(-425, "15:00"),
      end: daysFromNow(-425, "16:00"),
      status: "approved",
      createdById: by,
    });
    ids.expertMeeting = await createMeeting(db, {
      spaceId: ids.experts,
      title: "Ekstra møde i ekspertgruppen",
      start: daysFromNow(25, "13:00"),
      end: daysFromNow(25, "15:00"),
      createdById: by,
    });
    member = await signIn(h, "ngo@bispebjerg.example");
    memberFeed = await feedFor(member);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("shows the URL once: the page afterwards says a feed exists but never shows it again", async () => {
    const res = await member.get("/calendar");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(mainOf(html)).toContain(TXT.hasFeed);
    expect(mainOf(html)).toContain(TXT.onceOnly);
    expect(feedUrlOf(html)).toBeNull();
    expect(html).not.toContain(memberFeed.split("/").pop()!.replace(".ics", ""));
    // Only the hash is stored.
    const row = await h.db
      .selectFrom("calendarFeed")
      .selectAll()
      .where("userId", "=", ids.member)
      .executeTakeFirstOrThrow();
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(memberFeed).not.toContain(row.tokenHash);

    // A second "create" (another tab) does not replace the feed: it says so, and the URL works.
    const again = await member.post("/calendar", { intent: "create" });
    expect(again.status).toBe(400);
    expect(mainOf(await again.text())).toContain(TXT.alreadyExists);
    expect((await fetchFeed(memberFeed)).res.status).toBe(200);
    // Nonsense intents are refused with the form message, nothing written.
    const bad = await member.post("/calendar", { intent: "delete-everything" });
    expect(bad.status).toBe(400);
  });

  it("serves the person's spaces' meetings as text/calendar, without drafts or other spaces", async () => {
    const { res, raw, text, events } = await fetchFeed(memberFeed);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("cache-control")).toContain("no-store");
    expectWellFormedLines(raw);
    const byUid = new Map(events.map((e) => [e.uid, e]));
    const host = new URL(h.config.publicUrl).hostname;
    const uid = (id: string) => `meeting-${id}@${host}`;

    const meeting = byUid.get(uid(ids.networkMeeting))!;
    expect(meeting).toBeDefined();
    expect(meeting.summary).toBe(
      "Lokalnetværket på Bispebjerg Bakke / Bispebjerg Nordvest: Temamøde om fællesaftenen; program, mad og lokaler",
    );
    expect(meeting.start).toBe(copenhagenToUtc(daysFromNow(20, "17:00")));
    expect(meeting.end).toBe(copenhagenToUtc(daysFromNow(20, "18:30")));
    expect(meeting.status).toBe("CONFIRMED");
    expect(meeting.location).toBe("Beboerhuset, salen, https://moede.example/tema");
    const page = `${h.config.publicUrl}/spaces/${NETWORK}/meetings/${ids.networkMeeting}`;
    expect(meeting.url).toBe(page);
    expect(meeting.description).toContain(page);
    expect(meeting.description).toContain("Program for aftenen");

    // The seeded demo: the network's past and upcoming Netværksmøder are there.
    const seeded = events.filter((e) => e.summary.endsWith(": Netværksmøde"));
    expect(seeded.some((e) => e.start < new Date().toISOString())).toBe(true);
    expect(seeded.filter((e) => e.start > new Date().toISOString()).length).toBe(6);

    expect(byUid.get(uid(ids.cancelled))?.status).toBe("CANCELLED");
    expect(byUid.has(uid(ids.lastYear))).toBe(true);
    expect(byUid.has(uid(ids.tooOld))).toBe(false);
    expect(byUid.has(uid(ids.draft))).toBe(false);
    expect(byUid.has(uid(ids.expertMeeting))).toBe(false);
    expect(text).not.toContain("Kladde");
    expect(text).not.toContain("ekspertgruppen");
    expect(text).not.toContain("Ekspertgruppen");

    // The secretariat reads drafts in the hub, but a feed is read outside it: no drafts there.
    const secretariat = await signIn(h, "sekretariat@bif.example");
    const secretariatFeed = await fetchFeed(await feedFor(secretariat));
    const secretariatUids = secretariatFeed.events.map((e) => e.uid);
    expect(secretariatUids).not.toContain(uid(ids.draft));
    expect(secretariatUids).toContain(uid(ids.expertMeeting));
    expect(secretariatUids).toContain(uid(ids.networkMeeting));
  });

  it("never shows a closed item's title, or its sub-items, to someone not named on it", async () => {
    const { text } = await fetchFeed(memberFeed);
    expect(text).not.toContain("Honorar");
    expect(text).not.toContain("Budget for oplægget");
    expect(text).not.toContain("Lektiecaféens julefrokost"); // a proposal, not on the agenda
    // The seeded closed item of the expert group reaches nobody but the people named on it.
    const secretariat = await signIn(h, "sekretariat@bif.example");
    const sec = await fetchFeed(await feedFor(secretariat, "renew"));
    expect(sec.text).toContain("Fordeling af puljemidler 2027");
    const expert = await signIn(h, "ekspert@boernsvilkaar.example");
    const exp = await fetchFeed(await feedFor(expert));
    expect(exp.events.length).toBeGreaterThan(0);
    expect(exp.text).not.toContain("puljemidler");

    // The chair is named on the network's closed item and sees it, with its sub-item.
    const chair = await signIn(h, "leyla.ozdemir@bif.example");
    const chairFeed = await fetchFeed(await feedFor(chair));
    const event = chairFeed.events.find((e) => e.uid.startsWith(`meeting-${ids.networkMeeting}@`))!;
    expect(event.description).toContain("Lukket: Honorar til oplægsholder");
    expect(event.description).toContain("Underpunkt: Budget for oplægget");
  });

  it("shows a moved meeting at its new time with a higher SEQUENCE under the same UID", async () => {
    const before = (await fetchFeed(memberFeed)).events.find((e) =>
      e.uid.startsWith(`meeting-${ids.networkMeeting}@`),
    )!;
    const moved = { start: daysFromNow(21, "18:00"), end: daysFromNow(21, "19:30") };
    await h.db
      .updateTable("meeting")
      .set((eb) => ({
        startsAt: copenhagenToUtc(moved.start)!,
        endsAt: copenhagenToUtc(moved.end)!,
        calendarSequence: eb("calendarSequence", "+", 1),
        updatedAt: nowIso(),
      }))
      .where("id", "=", ids.networkMeeting)
      .execute();
    const after = (await fetchFeed(memberFeed)).events.find((e) => e.uid === before.uid)!;
    expect(after.start).toBe(copenhagenToUtc(moved.start));
    expect(after.end).toBe(copenhagenToUtc(moved.end));
    expect(after.start).not.toBe(before.start);
    expect(after.sequence).toBe(before.sequence + 1);
  });

  it("stops the old URL when renewed: 404 in plain Danish, and the new URL works", async () => {
    const renewed = await feedFor(member, "renew");
    expect(renewed).not.toBe(memberFeed);
    const old = await fetchFeed(memberFeed);
    expect(old.res.status).toBe(404);
    expect(old.res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(old.raw).toBe(DA.notFound);
    expect((await fetchFeed(renewed)).res.status).toBe(200);
    memberFeed = renewed;

    for (const path of [
      "/calendar/feed/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.ics",
      "/calendar/feed/ikke-et-token.ics",
      `/calendar/feed/${renewed.split("/").pop()!.replace(".ics", "")}`,
      `/calendar/feed/${renewed.split("/").pop()!.replace(".ics", ".ICS")}`,
    ]) {
      const res = await fetchFeed(path);
      expect(res.res.status, path).toBe(404);
      expect(res.raw, path).toBe(DA.notFound);
    }

    // Renewing without a feed is refused; nothing is created.
    const fresh = await createPerson(h.db, {
      email: "kalender.ny@example.org",
      name: "Ny Kalender",
      canSignIn: true,
    });
    const client = await signIn(h, "kalender.ny@example.org");
    const res = await client.post("/calendar", { intent: "renew" });
    expect(res.status).toBe(400);
    expect(mainOf(await res.text())).toContain(TXT.nothingToRenew);
    expect(
      await h.db.selectFrom("calendarFeed").select("userId").where("userId", "=", fresh).execute(),
    ).toEqual([]);
  });

  it("answers 404 for a deactivated person's feed", async () => {
    const person = await createPerson(h.db, {
      email: "kalender.deaktiveret@example.org",
      name: "Deaktiveret Kalender",
      canSignIn: true,
    });
    await createMembership(h.db, { spaceId: ids.network, userId: person, role: "member" });
    const feed = await feedFor(await signIn(h, "kalender.deaktiveret@example.org"));
    expect((await fetchFeed(feed)).res.status).toBe(200);
    await h.db
      .updateTable("user")
      .set({ status: "deactivated" })
      .where("id", "=", person)
      .execute();
    const res = await fetchFeed(feed);
    expect(res.res.status).toBe(404);
    expect(res.raw).toBe(DA.notFound);
  });

  it("drops a space's meetings once the person leaves it", async () => {
    const person = await createPerson(h.db, {
      email: "kalender.to.rum@example.org",
      name: "To Rum",
      canSignIn: true,
    });
    const networkMembership = await createMembership(h.db, {
      spaceId: ids.network,
      userId: person,
      role: "member",
    });
    await createMembership(h.db, { spaceId: ids.experts, userId: person, role: "member" });
    const feed = await feedFor(await signIn(h, "kalender.to.rum@example.org"));
    const uids = async () => (await fetchFeed(feed)).events.map((e) => e.uid.split("@")[0]);
    expect(await uids()).toEqual(
      expect.arrayContaining([`meeting-${ids.networkMeeting}`, `meeting-${ids.expertMeeting}`]),
    );
    await h.db
      .updateTable("membership")
      .set({ leftAt: nowIso() })
      .where("id", "=", networkMembership)
      .execute();
    const after = await uids();
    expect(after).toContain(`meeting-${ids.expertMeeting}`);
    expect(after).not.toContain(`meeting-${ids.networkMeeting}`);
    const { text } = await fetchFeed(feed);
    expect(text).not.toContain("Netværksmøde");
  });
});

describe("per-meeting .ics download", () => {
  let h: TestHub;
  const ids: Record<string, string> = {};
  const ics = (id: string, slug = NETWORK) => `/spaces/${slug}/meetings/${id}/calendar.ics`;

  beforeAll(async () => {
    h = await startTestHub();
    const { db } = h;
    ids.network = await spaceId(db, NETWORK);
    ids.experts = await spaceId(db, EXPERTS);
    ids.secretariat = await userId(db, "sekretariat@bif.example");
    ids.chair = await userId(db, "leyla.ozdemir@bif.example");
    ids.meeting = await createMeeting(db, {
      spaceId: ids.network,
      title: "Netværksmøde: Årsplan, æ/ø/å",
      start: "2027-03-28T01:30", // the night before summer time starts…
      end: "2027-03-28T04:30", // …ends after it: three wall-clock hours, two real ones
      createdById: ids.secretariat,
    });
    await createItem(db, {
      meetingId: ids.meeting,
      spaceId: ids.network,
      title: "Lukket: Fortroligt punkt",
      position: 1,
      createdById: ids.secretariat,
      closedFor: [ids.chair],
    });
    ids.draft = await createMeeting(db, {
      spaceId: ids.network,
      title: "Kladde til møde",
      start: "2027-04-06T15:00",
      end: "2027-04-06T16:30",
      status: "draft",
      createdById: ids.secretariat,
    });
    ids.expertMeeting = await createMeeting(db, {
      spaceId: ids.experts,
      title: "Ekspertmøde",
      start: "2027-04-08T13:00",
      end: "2027-04-08T15:00",
      createdById: ids.secretariat,
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("gives a member the meeting as an attachment, the same event as in the feed", async () => {
    const member = await signIn(h, "ngo@bispebjerg.example");
    const res = await member.get(ics(ids.meeting));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="netvaerksmoede-aarsplan-ae-oe-aa-2027-03-28.ics"',
    );
    const text = await res.text();
    expectWellFormedLines(text);
    const events = parseCalendar(text);
    const flat = text.replace(/\r\n /g, "");
    expect(events).toHaveLength(1);
    const e = events[0]!;
    expect(e.uid).toBe(`meeting-${ids.meeting}@${new URL(h.config.publicUrl).hostname}`);
    expect(e.start).toBe("2027-03-28T00:30:00.000Z");
    expect(e.end).toBe("2027-03-28T02:30:00.000Z");
    expect(e.summary).toBe(
      "Lokalnetværket på Bispebjerg Bakke / Bispebjerg Nordvest: Netværksmøde: Årsplan, æ/ø/å",
    );
    expect(flat).not.toContain("Fortroligt");

    // The chair is named on the closed item and sees it in the download too.
    const chair = await signIn(h, "leyla.ozdemir@bif.example");
    const chairs = await (await chair.get(ics(ids.meeting))).text();
    expect(chairs.replace(/\r\n /g, "")).toContain("Lukket: Fortroligt punkt");
  });

  it("refuses what the meeting page refuses", async () => {
    const member = await signIn(h, "ngo@bispebjerg.example");
    const outsider = await signIn(h, "ekspert@boernsvilkaar.example");
    const secretariat = await signIn(h, "sekretariat@bif.example");
    const admin = await signIn(h, "admin@hub.example");

    const expectRefusal = async (res: Response, status: number, text: string) => {
      expect(res.status).toBe(status);
      expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(await res.text()).toBe(text);
    };
    await expectRefusal(await outsider.get(ics(ids.meeting)), 404, DA.notFound);
    await expectRefusal(await member.get(ics(ids.draft)), 404, DA.notFound);
    await expectRefusal(await member.get(ics(newId())), 404, DA.notFound);
    await expectRefusal(await member.get(ics("ikke-et-id")), 404, DA.notFound);
    // Another space's meeting under this space's address: not found, even for the secretariat.
    await expectRefusal(await secretariat.get(ics(ids.expertMeeting)), 404, DA.notFound);
    // The site administrator sees the space to administer it, not its meetings.
    await expectRefusal(await admin.get(ics(ids.meeting)), 403, DA.forbidden);

    const draft = await secretariat.get(ics(ids.draft));
    expect(draft.status).toBe(200);
    expect(parseCalendar(await draft.text())[0]!.summary).toContain("Kladde til møde");

    const anonymous = await new Client(h.url).get(ics(ids.meeting));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
  });
});

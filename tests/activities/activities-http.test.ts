import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copenhagenToUtc } from "../../app/lib/zoned-time";
import { createActivity } from "../../app/models/activity.server";
import { type Client, startTestHub, type TestHub } from "../helpers/hub";
import {
  createMembership,
  createSpace,
  DA,
  fieldError,
  mainOf,
  organisationId,
  rowCounts,
  signIn,
  spaceId,
  unescapeHtml,
  userId,
} from "../helpers/fixtures";

/**
 * Local activities over plain HTTP, as a browser without JavaScript uses them: forms posted to
 * the route actions, outcomes read back from the pages and from the calendar file. Test
 * activities lie in 2031, far from the demo's own (the coming weeks), so the two never collide.
 */

const SLUG = "bispebjerg-netvaerk";
const LIST = `/spaces/${SLUG}/activities`;
const FEED = `${LIST}/calendar.ics`;
const ID = /\/activities\/([0-9a-f-]{36})$/;

const TXT = {
  overlapTitle: "Overlapper med en anden aktivitet for samme målgruppe",
  confirm: "Gem alligevel",
  endBeforeStart: "Sluttidspunktet skal ligge efter starttidspunktet.",
  cancelled: "Aflyst",
  contactHint: "Skriv aldrig borgeres navne eller kontaktoplysninger.",
};

let h: TestHub;
let member: Client; // Yasmin Haddad, Mellemfolkeligt Samvirke
let otherMember: Client; // Amira Khalil, Børns Vilkår
let secretariat: Client;
let observer: Client;
let expert: Client; // only in ekspertgruppen
let network: string;
let ms: string;

beforeAll(async () => {
  h = await startTestHub();
  [member, otherMember, secretariat, observer, expert] = await Promise.all([
    signIn(h, "ngo@bispebjerg.example"),
    signIn(h, "amira.khalil@boernsvilkaar.example"),
    signIn(h, "sekretariat@bif.example"),
    signIn(h, "emre.yilmaz@nordvestgym.example"),
    signIn(h, "ekspert@boernsvilkaar.example"),
  ]);
  network = await spaceId(h.db, SLUG);
  ms = await organisationId(h.db, "Mellemfolkeligt Samvirke");
}, 60_000);

afterAll(async () => {
  await h?.close();
});

const activityCount = async () => (await rowCounts(h.db)).activity!;

function fields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    title: "Forældrecafé i Nordvest",
    startsAt: "2031-03-10T16:00",
    endsAt: "2031-03-10T18:00",
    place: "Fælleslokalet, Bakkehusene",
    targetGroup: "parents",
    organiserOrganisationId: ms,
    contactName: "Yasmin Haddad",
    contactDetails: "ngo@bispebjerg.example",
    description: "Kaffe, kage og **samtale**.\n\n<script>alert(1)</script>",
    ...overrides,
  };
}

/** Posts a new activity that must be stored at once; its id. */
async function create(client: Client, overrides: Record<string, string> = {}): Promise<string> {
  const res = await client.post(LIST, fields(overrides));
  expect(res.status, await res.clone().text()).toBe(302);
  const id = ID.exec(res.headers.get("location") ?? "")?.[1];
  expect(id).toBeDefined();
  return id!;
}

async function page(client: Client, path: string): Promise<string> {
  const res = await client.get(path);
  expect(res.status, path).toBe(200);
  return unescapeHtml(await res.text());
}

describe("posting an activity", () => {
  it("stores it with Copenhagen times, shows it on its page and renders Markdown without HTML", async () => {
    const id = await create(member, { title: "Forældrecafé: Æbler, øl og ål" });
    const row = await h.db
      .selectFrom("activity")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    // 16:00 in Copenhagen in March (winter time, +1) is 15:00 UTC.
    expect(row.startsAt).toBe("2031-03-10T15:00:00.000Z");
    expect(row.spaceId).toBe(network);
    const html = mainOf(await page(member, `${LIST}/${id}`));
    expect(html).toContain("Forældrecafé: Æbler, øl og ål");
    expect(html).toContain("Forældre");
    expect(html).toContain("Mellemfolkeligt Samvirke");
    expect(html).toContain("<strong>samtale</strong>");
    // Raw HTML in the description is shown as text, never run: escaped in the served page.
    const raw = mainOf(await (await member.get(`${LIST}/${id}`)).text());
    expect(raw).not.toContain("<script>alert(1)</script>");
    expect(raw).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("suggests the poster's own organisation and says the contact is staff, not a citizen", async () => {
    const html = await page(member, LIST);
    expect(html).toMatch(new RegExp(`<option value="${ms}" selected="">Mellemfolkeligt Samvirke`));
    expect(html).toContain(TXT.contactHint);
  });

  it("refuses an end before the start with a message under the field, and writes nothing", async () => {
    const before = await activityCount();
    const res = await member.post(
      LIST,
      fields({ startsAt: "2031-03-11T18:00", endsAt: "2031-03-11T17:00" }),
    );
    expect(res.status).toBe(400);
    expect(fieldError(unescapeHtml(await res.text()), "endsAt")).toBe(TXT.endBeforeStart);
    expect(await activityCount()).toBe(before);
    // The same instant at both ends is no activity either.
    const same = await member.post(
      LIST,
      fields({ startsAt: "2031-03-11T18:00", endsAt: "2031-03-11T18:00" }),
    );
    expect(same.status).toBe(400);
    // A target group outside the list.
    const group = await member.post(LIST, fields({ targetGroup: "borger" }));
    expect(group.status).toBe(400);
    expect(await activityCount()).toBe(before);
    // An organiser id that names no organisation (a stale or tampered form): a field message.
    const organiser = await member.post(
      LIST,
      fields({ organiserOrganisationId: "00000000-0000-4000-8000-000000000000" }),
    );
    expect(organiser.status).toBe(400);
    expect(fieldError(unescapeHtml(await organiser.text()), "organiserOrganisationId")).toBe(
      "Vælg en organisation fra listen.",
    );
    expect(await activityCount()).toBe(before);
  });

  it("lets observers read but not post (403, nothing written)", async () => {
    const before = await activityCount();
    expect((await observer.get(LIST)).status).toBe(200);
    expect((await observer.post(LIST, fields())).status).toBe(403);
    expect(await activityCount()).toBe(before);
  });
});

describe("overlap warning", () => {
  it("warns about the same target group at an overlapping time and stores nothing until confirmed", async () => {
    const first = await create(member, {
      title: "Lektiecafé i biblioteket",
      targetGroup: "children",
      startsAt: "2031-04-07T16:00",
      endsAt: "2031-04-07T18:00",
    });
    const before = await activityCount();
    const clash = fields({
      title: "Børneklub med spil",
      targetGroup: "children",
      startsAt: "2031-04-07T17:00",
      endsAt: "2031-04-07T19:00",
    });
    const warned = await otherMember.post(LIST, clash);
    expect(warned.status).toBe(200);
    const html = unescapeHtml(await warned.text());
    expect(html).toContain(TXT.overlapTitle);
    expect(html).toMatch(new RegExp(`href="${LIST}/${first}"[^>]*>Lektiecafé i biblioteket</a>`));
    expect(html).toContain(TXT.confirm);
    // The form comes back filled in, ready for the second submit.
    expect(html).toContain('value="Børneklub med spil"');
    expect(await activityCount()).toBe(before);

    const confirmed = await otherMember.post(LIST, { ...clash, confirmOverlap: "1" });
    expect(confirmed.status).toBe(302);
    expect(await activityCount()).toBe(before + 1);
  });

  it("does not warn for another target group, or when one ends as the other starts", async () => {
    await create(member, {
      title: "Mødregruppe",
      targetGroup: "women",
      startsAt: "2031-04-14T16:00",
      endsAt: "2031-04-14T18:00",
    });
    // Same time, other group.
    await create(otherMember, {
      title: "Fædrecafé",
      targetGroup: "men",
      startsAt: "2031-04-14T16:00",
      endsAt: "2031-04-14T18:00",
    });
    // Same group, touching at both ends.
    await create(otherMember, {
      title: "Kvindernes formiddag",
      targetGroup: "women",
      startsAt: "2031-04-14T14:00",
      endsAt: "2031-04-14T16:00",
    });
    await create(otherMember, {
      title: "Kvindernes aften",
      targetGroup: "women",
      startsAt: "2031-04-14T18:00",
      endsAt: "2031-04-14T20:00",
    });
  });

  it("ignores cancelled activities, and warns on edit as on create", async () => {
    const cancelled = await create(member, {
      title: "Aflyst ungeaften",
      targetGroup: "youth",
      startsAt: "2031-04-21T17:00",
      endsAt: "2031-04-21T19:00",
    });
    expect((await member.post(`${LIST}/${cancelled}`, { intent: "cancel" })).status).toBe(302);
    await create(otherMember, {
      title: "Ungeaften i klubben",
      targetGroup: "youth",
      startsAt: "2031-04-21T17:30",
      endsAt: "2031-04-21T19:30",
    });

    // Moving a parents' activity onto the young people's evening warns; nothing changes.
    const moved = await create(member, {
      title: "Forældremøde",
      targetGroup: "parents",
      startsAt: "2031-04-21T17:00",
      endsAt: "2031-04-21T18:00",
    });
    const before = await h.db
      .selectFrom("activity")
      .selectAll()
      .where("id", "=", moved)
      .executeTakeFirstOrThrow();
    const edit = {
      intent: "edit",
      ...fields({
        title: "Forældremøde",
        targetGroup: "youth",
        startsAt: "2031-04-21T17:00",
        endsAt: "2031-04-21T18:00",
      }),
    };
    const warned = await member.post(`${LIST}/${moved}`, edit);
    expect(warned.status).toBe(200);
    const html = unescapeHtml(await warned.text());
    expect(html).toContain(TXT.overlapTitle);
    expect(html).toContain("Ungeaften i klubben");
    expect(html).not.toContain(">Aflyst ungeaften</a>");
    const after = await h.db
      .selectFrom("activity")
      .selectAll()
      .where("id", "=", moved)
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    const saved = await member.post(`${LIST}/${moved}`, { ...edit, confirmOverlap: "1" });
    expect(saved.status).toBe(302);
    const updated = await h.db
      .selectFrom("activity")
      .select(["targetGroup", "calendarSequence"])
      .where("id", "=", moved)
      .executeTakeFirstOrThrow();
    expect(updated).toEqual({ targetGroup: "youth", calendarSequence: 1 });
  });
});

describe("views and filters", () => {
  it("lists upcoming activities grouped by day, the demo's among them", async () => {
    const html = mainOf(await page(member, LIST));
    expect(html).toContain("Kommende aktiviteter");
    expect(html).toContain("Pigeklub: aften med mad og samtale");
    // A day heading in Danish, e.g. "mandag den 10. marts 2031".
    expect(html).toMatch(/<h3 id="day-2031-03-10">mandag den 10\. marts 2031<\/h3>/);
    // Past activities are not upcoming.
    const past = await createActivity(h.db, {
      spaceId: network,
      createdById: await userId(h.db, "ngo@bispebjerg.example"),
      confirmOverlap: true,
      activity: {
        title: "Sidste års sommerfest",
        startsAt: "2020-06-01T10:00:00.000Z",
        endsAt: "2020-06-01T12:00:00.000Z",
        place: "Bispeparken",
        targetGroup: "everyone",
        organiserOrganisationId: ms,
        contactName: "",
        contactDetails: "",
        description: "",
        descriptionHtml: "",
      },
    });
    expect(past.status).toBe("saved");
    expect(mainOf(await page(member, LIST))).not.toContain("Sidste års sommerfest");
  });

  it("shows a month as a calendar table with the month's activities and links to its neighbours", async () => {
    const html = mainOf(await page(member, `${LIST}?view=month&month=2031-04`));
    expect(html).toContain('<table class="month-grid">');
    expect(html).toContain("Aktiviteter i april 2031");
    expect(html).toContain("16.00 Lektiecafé i biblioteket");
    expect(html).toContain(`href="${LIST}?view=month&month=2031-03"`);
    expect(html).toContain(`href="${LIST}?view=month&month=2031-05"`);
    // Seven weekday columns, Monday first; 1 April 2031 is a Tuesday, so one blank cell leads.
    expect(html).toMatch(/<th scope="col"><abbr title="Mandag">Man<\/abbr><\/th>/);
    expect(html).toMatch(
      /<tbody><tr><td><\/td><td[^>]*><span class="month-grid__day"><span aria-hidden="true">1<\/span>/,
    );
    // March's activities are not in April.
    expect(html).not.toContain("Forældrecafé i Nordvest");
  });

  it("filters by target group and by organiser", async () => {
    const women = mainOf(await page(member, `${LIST}?view=month&month=2031-04&group=women`));
    expect(women).toContain("Mødregruppe");
    expect(women).not.toContain("Fædrecafé");
    expect(women).not.toContain("Lektiecafé i biblioteket");

    const bv = await organisationId(h.db, "Børns Vilkår");
    const byOrg = mainOf(await page(member, `${LIST}?view=month&month=2031-04&organiser=${ms}`));
    expect(byOrg).toContain("Mødregruppe"); // Yasmin's, organised by Mellemfolkeligt Samvirke
    expect(byOrg).not.toContain(`${bv}" selected`);
    const other = mainOf(await page(member, `${LIST}?view=month&month=2031-04&organiser=${bv}`));
    expect(other).not.toContain("Mødregruppe");
  });
});

describe("another space's activities", () => {
  let foreignSpace: string;
  let foreignActivity: string;

  beforeAll(async () => {
    foreignSpace = await createSpace(h.db, {
      slug: "andet-netvaerk",
      name: "Et andet lokalnetværk",
      kind: "local_network",
    });
    const owner = await userId(h.db, "sekretariat@bif.example");
    await createMembership(h.db, { spaceId: foreignSpace, userId: owner, role: "secretariat" });
    const result = await createActivity(h.db, {
      spaceId: foreignSpace,
      createdById: owner,
      confirmOverlap: true,
      activity: {
        title: "Fremmed aktivitet",
        startsAt: "2031-05-01T10:00:00.000Z",
        endsAt: "2031-05-01T12:00:00.000Z",
        place: "Et andet sted",
        targetGroup: "everyone",
        organiserOrganisationId: null,
        contactName: "",
        contactDetails: "",
        description: "",
        descriptionHtml: "",
      },
    });
    if (result.status !== "saved") throw new Error("setup failed");
    foreignActivity = result.activityId;
  });

  it("answers 404 for its id under this space, on the page and to every intent, and writes nothing", async () => {
    const path = `${LIST}/${foreignActivity}`;
    for (const client of [member, secretariat]) {
      const res = await client.get(path);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain(DA.notFound);
    }
    const before = await rowCounts(h.db);
    const row = await h.db
      .selectFrom("activity")
      .selectAll()
      .where("id", "=", foreignActivity)
      .executeTakeFirst();
    for (const intent of ["edit", "cancel", "reinstate", "delete"]) {
      const res = await secretariat.post(path, { intent, ...fields() });
      expect(res.status, intent).toBe(404);
    }
    expect(await rowCounts(h.db)).toEqual(before);
    expect(
      await h.db
        .selectFrom("activity")
        .selectAll()
        .where("id", "=", foreignActivity)
        .executeTakeFirst(),
    ).toEqual(row);
  });

  it("answers 404 to a person who is not in the space, and for spaces that are not local networks", async () => {
    const before = await activityCount();
    expect((await member.get("/spaces/andet-netvaerk/activities")).status).toBe(404);
    expect((await member.post("/spaces/andet-netvaerk/activities", fields())).status).toBe(404);
    expect((await expert.get("/spaces/ekspertgruppen/activities")).status).toBe(404);
    expect((await expert.post("/spaces/ekspertgruppen/activities", fields())).status).toBe(404);
    expect((await expert.get("/spaces/ekspertgruppen/activities/calendar.ics")).status).toBe(404);
    expect((await expert.get(LIST)).status).toBe(404);
    // An observer of ekspertgruppen is told 404 too, not 403: there is nothing there to refuse.
    const lars = await signIn(h, "lars.winther@bif.example");
    expect((await lars.post("/spaces/ekspertgruppen/activities", fields())).status).toBe(404);
    expect((await lars.post("/spaces/ekspertgruppen/training", { title: "X" })).status).toBe(404);
    expect(await activityCount()).toBe(before);
  });
});

describe("editing and deleting", () => {
  it("lets the poster and the secretariat change an activity, and refuses other members (403)", async () => {
    const id = await create(member, {
      title: "Sy-café",
      targetGroup: "women",
      startsAt: "2031-06-02T10:00",
      endsAt: "2031-06-02T12:00",
    });
    const path = `${LIST}/${id}`;
    const before = await h.db
      .selectFrom("activity")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    for (const intent of ["edit", "cancel", "delete"]) {
      const res = await otherMember.post(path, { intent, ...fields({ title: "Overtaget" }) });
      expect(res.status, intent).toBe(403);
    }
    expect(
      await h.db.selectFrom("activity").selectAll().where("id", "=", id).executeTakeFirstOrThrow(),
    ).toEqual(before);
    // The other member sees no edit controls.
    expect(mainOf(await page(otherMember, path))).not.toContain("Aflys aktiviteten");

    const edited = await secretariat.post(path, {
      intent: "edit",
      ...fields({
        title: "Sy-café og snak",
        targetGroup: "women",
        startsAt: "2031-06-02T10:00",
        endsAt: "2031-06-02T12:30",
      }),
    });
    expect(edited.status).toBe(302);
    expect(mainOf(await page(member, path))).toContain("Sy-café og snak");
    const saved = await h.db
      .selectFrom("activity")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    const badOrganiser = await member.post(path, {
      intent: "edit",
      ...fields({ organiserOrganisationId: "00000000-0000-4000-8000-000000000000" }),
    });
    expect(badOrganiser.status).toBe(400);
    expect(fieldError(unescapeHtml(await badOrganiser.text()), "organiserOrganisationId")).toBe(
      "Vælg en organisation fra listen.",
    );
    expect(
      await h.db.selectFrom("activity").selectAll().where("id", "=", id).executeTakeFirstOrThrow(),
    ).toEqual(saved);

    const deleted = await member.post(path, { intent: "delete" });
    expect(deleted.status).toBe(302);
    expect(deleted.headers.get("location")).toBe(LIST);
    expect((await member.get(path)).status).toBe(404);
  });
});

describe("iCalendar feed", () => {
  it("is a download for members that parses back with the events, UTC times, statuses and Danish letters", async () => {
    const id = await create(member, {
      title:
        "Dialogmøde: Frihed, fællesskab; og ære – på tværs af generationer i Bispebjerg Nordvest",
      targetGroup: "everyone",
      startsAt: "2031-07-01T18:00",
      endsAt: "2031-07-01T20:00",
      place: "Bispebjerg Bibliotek, salen",
      description: "Første linje\nAnden linje med æøå, komma og semikolon;",
    });
    const cancelled = await create(member, {
      title: "Sommerudflugt",
      targetGroup: "families",
      startsAt: "2031-07-05T09:00",
      endsAt: "2031-07-05T16:00",
    });
    await member.post(`${LIST}/${cancelled}`, { intent: "cancel" });

    const res = await member.get(FEED);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/calendar; charset=utf-8/);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename=".+\.ics"$/);
    const text = await res.text();
    // CRLF everywhere, and no line longer than 75 octets.
    expect(text.split("\r\n").every((l) => !l.includes("\n"))).toBe(true);
    for (const line of text.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);

    const calendar = new ICAL.Component(ICAL.parse(text));
    const events = calendar.getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));
    const host = new URL(h.config.publicUrl).hostname;
    const event = events.find((e) => e.uid === `activity-${id}@${host}`)!;
    expect(event).toBeDefined();
    expect(event.summary).toBe(
      "Dialogmøde: Frihed, fællesskab; og ære – på tværs af generationer i Bispebjerg Nordvest",
    );
    expect(event.location).toBe("Bispebjerg Bibliotek, salen");
    expect(event.description).toContain("Anden linje med æøå, komma og semikolon;");
    expect(event.startDate.toJSDate().toISOString()).toBe(copenhagenToUtc("2031-07-01T18:00"));
    expect(event.endDate.toJSDate().toISOString()).toBe("2031-07-01T18:00:00.000Z");
    expect(event.component.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(event.sequence).toBe(0);

    const gone = events.find((e) => e.uid === `activity-${cancelled}@${host}`)!;
    expect(gone.component.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(gone.sequence).toBe(1);
    // The demo's activities are in the feed too, another space's are not.
    expect(events.some((e) => e.summary === "Pigeklub: aften med mad og samtale")).toBe(true);
    expect(events.some((e) => e.summary === "Fremmed aktivitet")).toBe(false);
  });

  it("is refused to visitors without a session and to non-members", async () => {
    const { Client } = await import("../helpers/hub");
    const anonymous = await new Client(h.url).get(FEED);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login/);
    const outsider = await expert.get(FEED);
    expect(outsider.status).toBe(404);
    expect(await outsider.text()).toBe(DA.notFound);
  });
});

import { expandDates, type RecurrenceRule } from "../../app/lib/recurrence";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copenhagenToday, utcToCopenhagen } from "../../app/lib/zoned-time";
import { agendaItemVisibleTo, meetingVisible } from "../../app/models/meeting.server";
import { migrateToLatest, openDatabase, type Database } from "../../db/client";
import { seedDemoData } from "../../db/seed/index";
import { firstTuesdayOf, networkSeriesDates } from "../../db/seed/meetings";

/**
 * The demo meetings, read straight from a freshly seeded database (with its documents, so that
 * papers can link to them): what a person opening the demo finds in each space.
 */
const SPACES = ["bispebjerg-netvaerk", "ekspertgruppen", "foelgegruppen"] as const;

describe("demo meetings", () => {
  let db: Database;
  let dir: string;
  const now = new Date();
  const today = copenhagenToday(now);
  const spaceIds = new Map<string, string>();
  const userIds = new Map<string, string>();

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-seed-meetings-"));
    db = openDatabase(":memory:").db;
    await migrateToLatest(db);
    await seedDemoData(db, { password: "hub-demo-2026", filesDir: path.join(dir, "files") });
    for (const s of await db.selectFrom("space").select(["id", "slug"]).execute())
      spaceIds.set(s.slug, s.id);
    for (const u of await db.selectFrom("user").select(["id", "email"]).execute())
      userIds.set(u.email, u.id);
  });
  afterAll(async () => {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const meetingsOf = (slug: string) =>
    db
      .selectFrom("meeting")
      .selectAll()
      .where("spaceId", "=", spaceIds.get(slug)!)
      .orderBy("startsAt")
      .execute();

  const currentMemberIds = async (spaceId: string) =>
    new Set(
      (
        await db
          .selectFrom("membership")
          .select("userId")
          .where("spaceId", "=", spaceId)
          .where("leftAt", "is", null)
          .execute()
      ).map((m) => m.userId),
    );

  for (const slug of SPACES) {
    it(`${slug}: a past meeting with approved minutes, decisions and action items`, async () => {
      const past = (await meetingsOf(slug)).filter(
        (m) => m.status === "approved" && m.endsAt < now.toISOString(),
      );
      expect(past).toHaveLength(1);
      const meeting = past[0]!;
      expect(meeting.minutesStatus).toBe("approved");
      expect(meeting.minutesVersion).toBe(1);

      const items = await db
        .selectFrom("agendaItem")
        .selectAll()
        .where("meetingId", "=", meeting.id)
        .orderBy("position")
        .execute();
      expect(items.length).toBeGreaterThanOrEqual(3);
      expect(items.every((i) => i.minutesNotes.length > 0)).toBe(true);
      expect(items.some((i) => i.minutesDecision.length > 0)).toBe(true);

      const versions = await db
        .selectFrom("minutesVersion")
        .selectAll()
        .where("meetingId", "=", meeting.id)
        .execute();
      expect(versions).toHaveLength(1);
      expect(versions[0]!.versionNo).toBe(1);
      expect(versions[0]!.approvedAt > meeting.endsAt).toBe(true);
      expect(versions[0]!.approvedAt < now.toISOString()).toBe(true);
      const snapshot = JSON.parse(versions[0]!.snapshot) as {
        agendaItemId: string;
        title: string;
        isClosed: boolean;
        notes: string;
        decision: string;
      }[];
      expect(snapshot.map((s) => s.agendaItemId)).toEqual(items.map((i) => i.id));
      expect(snapshot.map((s) => [s.title, s.notes, s.decision])).toEqual(
        items.map((i) => [i.title, i.minutesNotes, i.minutesDecision]),
      );

      const answers = await db
        .selectFrom("attendance")
        .select(["response"])
        .where("meetingId", "=", meeting.id)
        .execute();
      expect(answers.some((a) => a.response === "attending")).toBe(true);
      expect(answers.some((a) => a.response === "absent")).toBe(true);

      const actions = await db
        .selectFrom("actionItem")
        .selectAll()
        .where("meetingId", "=", meeting.id)
        .execute();
      expect(actions.length).toBeGreaterThanOrEqual(3);
      const overdue = actions.filter((a) => a.status !== "done" && a.dueDate! < today);
      expect(overdue).toHaveLength(1);
      const done = actions.filter((a) => a.status === "done");
      expect(done).toHaveLength(1);
      expect(done[0]!.completedAt! < now.toISOString()).toBe(true);
      for (const a of actions) {
        expect(items.map((i) => i.id)).toContain(a.agendaItemId);
        // Assigned to exactly one: a person or an organisation.
        expect([a.assigneeUserId, a.assigneeOrganisationId].filter(Boolean)).toHaveLength(1);
      }
      expect(actions.some((a) => a.assigneeOrganisationId)).toBe(true);
      expect(actions.some((a) => a.assigneeUserId)).toBe(true);
    });

    it(`${slug}: an upcoming published meeting with an agenda, papers and answers`, async () => {
      const upcoming = (await meetingsOf(slug)).filter(
        (m) => m.status === "published" && m.startsAt > now.toISOString(),
      );
      expect(upcoming.length).toBeGreaterThanOrEqual(1);
      const meeting = upcoming[0]!;
      expect(meeting.publishedAt! <= new Date().toISOString()).toBe(true);
      const items = await db
        .selectFrom("agendaItem")
        .selectAll()
        .where("meetingId", "=", meeting.id)
        .orderBy("position")
        .execute();
      const accepted = items.filter((i) => i.state === "accepted");
      expect(accepted.length).toBeGreaterThanOrEqual(3);
      expect(new Set(accepted.map((i) => i.kind)).size).toBeGreaterThanOrEqual(2);
      expect(accepted.every((i) => i.durationMinutes > 0 && i.presenter !== "")).toBe(true);
      const subs = items.filter((i) => i.parentId);
      expect(subs).toHaveLength(1);
      expect(items.find((i) => i.id === subs[0]!.parentId)?.parentId).toBeNull();

      const papers = await db
        .selectFrom("documentLink")
        .innerJoin("document", "document.id", "documentLink.documentId")
        .select(["document.spaceId", "document.title"])
        .where("documentLink.subjectType", "=", "agenda_item")
        .where(
          "documentLink.subjectId",
          "in",
          items.map((i) => i.id),
        )
        .execute();
      expect(papers.length).toBeGreaterThanOrEqual(1);
      for (const p of papers) expect(p.spaceId).toBe(spaceIds.get(slug));
      const links = await db
        .selectFrom("agendaItemLink")
        .select(["url", "title"])
        .where(
          "agendaItemId",
          "in",
          items.map((i) => i.id),
        )
        .execute();
      expect(links.length).toBeGreaterThanOrEqual(1);
      for (const l of links) expect(l.url).toMatch(/^https:\/\/[a-z.]+\.example\//);

      const answers = await db
        .selectFrom("attendance")
        .select(["response", "note"])
        .where("meetingId", "=", meeting.id)
        .execute();
      expect(answers.length).toBeGreaterThanOrEqual(3);
      const afbud = answers.filter((a) => a.response === "absent");
      expect(afbud.length).toBeGreaterThanOrEqual(1);
      expect(afbud[0]!.note).toMatch(/Afbud/);
    });
  }

  it("keeps every row in its own space and names only current members", async () => {
    const meetings = await db.selectFrom("meeting").select(["id", "spaceId", "seriesId"]).execute();
    const spaceOf = new Map(meetings.map((m) => [m.id, m.spaceId]));
    for (const item of await db
      .selectFrom("agendaItem")
      .select(["id", "meetingId", "spaceId", "parentId", "proposedById"])
      .execute()) {
      expect(item.spaceId).toBe(spaceOf.get(item.meetingId));
      if (item.proposedById)
        expect(await currentMemberIds(item.spaceId)).toContain(item.proposedById);
    }
    const items = new Map(
      (
        await db
          .selectFrom("agendaItem")
          .select(["id", "meetingId", "spaceId", "parentId"])
          .execute()
      ).map((i) => [i.id, i]),
    );
    // A sub-item sits under an item of its own meeting.
    for (const i of items.values()) {
      if (i.parentId) expect(items.get(i.parentId)?.meetingId).toBe(i.meetingId);
    }
    for (const link of await db
      .selectFrom("documentLink")
      .innerJoin("document", "document.id", "documentLink.documentId")
      .select(["documentLink.subjectId", "document.spaceId"])
      .where("documentLink.subjectType", "=", "agenda_item")
      .execute()) {
      expect(link.spaceId).toBe(items.get(link.subjectId)?.spaceId);
    }
    for (const a of await db.selectFrom("attendance").select(["meetingId", "userId"]).execute()) {
      expect(await currentMemberIds(spaceOf.get(a.meetingId)!)).toContain(a.userId);
    }
    for (const a of await db
      .selectFrom("actionItem")
      .select(["spaceId", "meetingId", "agendaItemId", "assigneeUserId"])
      .execute()) {
      expect(a.spaceId).toBe(spaceOf.get(a.meetingId!));
      expect(items.get(a.agendaItemId!)?.spaceId).toBe(a.spaceId);
      if (a.assigneeUserId) expect(await currentMemberIds(a.spaceId)).toContain(a.assigneeUserId);
    }
    for (const s of await db.selectFrom("meetingSeries").select(["id", "spaceId"]).execute()) {
      for (const m of meetings.filter((m) => m.seriesId === s.id))
        expect(m.spaceId).toBe(s.spaceId);
    }
  });

  it("names the expert group's closed item only to the secretariat and the chair", async () => {
    const closed = await db
      .selectFrom("agendaItem")
      .select(["id", "spaceId", "title"])
      .where("isClosed", "=", 1)
      .execute();
    expect(closed).toHaveLength(1);
    expect(closed[0]!.spaceId).toBe(spaceIds.get("ekspertgruppen"));
    const named = await db
      .selectFrom("agendaItemAccess")
      .select("userId")
      .where("agendaItemId", "=", closed[0]!.id)
      .execute();
    expect(named.map((n) => n.userId).sort()).toEqual(
      [
        userIds.get("sekretariat@bif.example"),
        userIds.get("henrik.dahl.jensen@bif.example"),
      ].sort(),
    );
    // Through the shared visibility rule: the chair sees it, an ordinary expert member does not.
    const visibleTo = async (email: string) =>
      (
        await db
          .selectFrom("agendaItem")
          .select("title")
          .where("spaceId", "=", spaceIds.get("ekspertgruppen")!)
          .where(agendaItemVisibleTo(userIds.get(email)!))
          .execute()
      ).map((i) => i.title);
    expect(await visibleTo("henrik.dahl.jensen@bif.example")).toContain(closed[0]!.title);
    expect(await visibleTo("ekspert@boernsvilkaar.example")).not.toContain(closed[0]!.title);
    expect((await visibleTo("ekspert@boernsvilkaar.example")).length).toBeGreaterThan(5);
  });

  it("materialises the network's Netværksmøde on the first Tuesday, 15:00–16:30 Copenhagen time", async () => {
    const series = await db.selectFrom("meetingSeries").selectAll().execute();
    expect(series).toHaveLength(1);
    const s = series[0]!;
    expect(s.spaceId).toBe(spaceIds.get("bispebjerg-netvaerk"));
    expect(s.title).toBe("Netværksmøde");
    expect(s.startTime).toBe("15:00");
    expect(s.durationMinutes).toBe(90);
    const occurrences = await db
      .selectFrom("meeting")
      .selectAll()
      .where("seriesId", "=", s.id)
      .orderBy("startsAt")
      .execute();
    const ahead = occurrences.filter((m) => m.startsAt > now.toISOString());
    expect(ahead).toHaveLength(6);
    expect(ahead.every((m) => m.status === "published")).toBe(true);
    for (const m of occurrences) {
      const [y, mo] = m.seriesDate!.split("-").map(Number) as [number, number];
      expect(m.seriesDate).toBe(firstTuesdayOf(y, mo));
      expect(utcToCopenhagen(m.startsAt).local).toBe(`${m.seriesDate}T15:00`);
      expect(utcToCopenhagen(m.endsAt).local).toBe(`${m.seriesDate}T16:30`);
      expect(m.title).toBe("Netværksmøde");
    }
    // The stored rule is one the meeting pages understand, and it yields exactly these dates.
    const rule = JSON.parse(s.rule) as RecurrenceRule;
    expect(expandDates(rule, { firstDate: s.firstDate, untilDate: s.untilDate })).toEqual(
      occurrences.map((m) => m.seriesDate),
    );
    expect(occurrences[0]!.seriesDate).toBe(s.firstDate);
    expect(occurrences.at(-1)!.seriesDate).toBe(s.untilDate);
    expect(new Set(occurrences.map((m) => m.seriesDate)).size).toBe(occurrences.length);
    // Published meetings only: nothing in the demo is a draft the members cannot see.
    const visible = await db
      .selectFrom("meeting")
      .select("id")
      .where(meetingVisible(false))
      .execute();
    expect(visible).toHaveLength((await db.selectFrom("meeting").select("id").execute()).length);
  });

  it("always has a past approved and an upcoming network meeting, whatever the seed day", () => {
    for (let d = Date.UTC(2026, 0, 1); d < Date.UTC(2028, 0, 1); d += 86_400_000) {
      const day = new Date(d).toISOString().slice(0, 10);
      const { approved, held, ahead } = networkSeriesDates(day);
      expect(approved <= addDays(day, -14), day).toBe(true);
      expect(approved > addDays(day, -14 - 36), day).toBe(true);
      expect(held.every((h) => h > approved && h <= day)).toBe(true);
      expect(ahead).toHaveLength(6);
      expect(ahead[0]! > day && ahead[0]! <= addDays(day, 36)).toBe(true);
    }
  });
});

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase, type Database } from "../../db/client";
import { SEED_ACTIVITIES } from "../../db/seed/activities";
import { seedDemoData } from "../../db/seed/index";

// The demo's activities and key-person training, as seeded into an empty database.
describe("demo activities and key-person training", () => {
  let db: Database;
  const seededAt = Date.now();

  beforeAll(async () => {
    db = openDatabase(":memory:").db;
    await migrateToLatest(db);
    await seedDemoData(db, { password: "hub-demo-2026" });
  });
  afterAll(async () => {
    await db.destroy();
  });

  async function activities() {
    return db
      .selectFrom("activity")
      .innerJoin("space", "space.id", "activity.spaceId")
      .innerJoin("user", "user.id", "activity.createdById")
      .leftJoin("organisation", "organisation.id", "activity.organiserOrganisationId")
      .select([
        "activity.title",
        "activity.startsAt",
        "activity.endsAt",
        "activity.targetGroup",
        "activity.status",
        "activity.contactDetails",
        "space.slug",
        "user.email as creator",
        "user.organisationId as creatorOrganisationId",
        "activity.organiserOrganisationId",
      ])
      .execute();
  }

  it("puts upcoming activities of the network's organisations into the coming weeks", async () => {
    const rows = await activities();
    expect(rows).toHaveLength(SEED_ACTIVITIES.length);
    for (const a of rows) {
      expect(a.slug).toBe("bispebjerg-netvaerk");
      expect(Date.parse(a.startsAt)).toBeGreaterThan(seededAt);
      expect(Date.parse(a.startsAt)).toBeLessThan(seededAt + 35 * 86_400_000);
      expect(a.endsAt > a.startsAt).toBe(true);
      // Organised by the poster's own organisation; the contact is a member of its staff.
      expect(a.organiserOrganisationId).toBe(a.creatorOrganisationId);
      const contact = await db
        .selectFrom("user")
        .select("organisationId")
        .where("email", "=", a.contactDetails)
        .executeTakeFirst();
      expect(contact?.organisationId).toBe(a.organiserOrganisationId);
    }
    // Posted by current members of the network who write (not observers).
    const writers = await db
      .selectFrom("membership")
      .innerJoin("user", "user.id", "membership.userId")
      .innerJoin("space", "space.id", "membership.spaceId")
      .select("user.email")
      .where("space.slug", "=", "bispebjerg-netvaerk")
      .where("membership.leftAt", "is", null)
      .where("membership.role", "!=", "observer")
      .execute();
    const emails = new Set(writers.map((w) => w.email));
    for (const a of rows) expect(emails.has(a.creator), a.creator).toBe(true);
    expect(rows.filter((a) => a.status === "cancelled")).toHaveLength(1);
  });

  it("has overlapping activities only for different target groups", async () => {
    const planned = (await activities()).filter((a) => a.status === "planned");
    const overlaps = planned.flatMap((a, i) =>
      planned
        .slice(i + 1)
        .filter((b) => a.startsAt < b.endsAt && b.startsAt < a.endsAt)
        .map((b) => [a, b] as const),
    );
    expect(overlaps.length).toBeGreaterThanOrEqual(1);
    for (const [a, b] of overlaps) expect(a.targetGroup).not.toBe(b.targetGroup);
  });

  it("seeds the key-person training developed with Nationalt Center mod Æresrelaterede Konflikter", async () => {
    const courses = await db
      .selectFrom("trainingCourse")
      .select(["id", "title", "organiser"])
      .orderBy("title")
      .execute();
    expect(courses.length).toBeGreaterThanOrEqual(1);
    for (const c of courses) {
      expect(c.organiser).toContain("Nationalt Center mod Æresrelaterede Konflikter");
      const sessions = await db
        .selectFrom("trainingSession")
        .select("id")
        .where("courseId", "=", c.id)
        .execute();
      expect(sessions.length).toBeGreaterThanOrEqual(4);
    }
    const completed = await db
      .selectFrom("trainingParticipant")
      .innerJoin("user", "user.id", "trainingParticipant.userId")
      .select("user.name")
      .where("completedAt", "is not", null)
      .orderBy("user.name")
      .execute();
    expect(completed.map((c) => c.name)).toEqual(["Hanne Kristiansen", "Nadia Rahimi"]);
    const attendance = await db.selectFrom("trainingAttendance").select("present").execute();
    expect(attendance.some((a) => a.present === 1)).toBe(true);
    expect(attendance.some((a) => a.present === 0)).toBe(true);
  });
});

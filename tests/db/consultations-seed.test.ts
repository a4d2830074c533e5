import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase, type Database } from "../../db/client";
import { seedDemoData } from "../../db/seed/index";

// The demo consultations: what a visitor to the follow-up group finds on its consultations tab.

describe("demo consultations", () => {
  let db: Database;
  let filesDir: string;
  beforeEach(async () => {
    db = openDatabase(":memory:").db;
    await migrateToLatest(db);
    filesDir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-seed-consultations-"));
  });
  afterEach(async () => {
    await db.destroy();
    fs.rmSync(filesDir, { recursive: true, force: true });
  });

  async function consultationsIn(slug: string) {
    return db
      .selectFrom("consultation as c")
      .innerJoin("space as s", "s.id", "c.spaceId")
      .select(["c.id", "c.title", "c.deadline", "c.closedAt", "c.outcome", "c.createdAt"])
      .where("s.slug", "=", slug)
      .orderBy("c.createdAt")
      .execute();
  }

  async function emailsOf(table: "consultationRecipient" | "consultationAnswer", id: string) {
    const rows = await db
      .selectFrom(table)
      .innerJoin("user", "user.id", `${table}.userId`)
      .select("user.email")
      .where(`${table}.consultationId`, "=", id)
      .execute();
    return rows.map((r) => r.email).sort();
  }

  it("gives the follow-up group an open consultation with answers and a closed one with an outcome", async () => {
    const now = Date.now();
    await seedDemoData(db, { password: "hub-demo-2026", filesDir });
    const all = await consultationsIn("foelgegruppen");
    const open = all.filter((c) => !c.closedAt);
    const closed = all.filter((c) => c.closedAt);
    expect(open).toHaveLength(1);
    expect(closed).toHaveLength(1);

    const [current] = open;
    expect(current!.title).toMatch(/2027-2030/);
    expect(Date.parse(current!.deadline)).toBeGreaterThan(now + 2 * 86_400_000);
    const asked = await emailsOf("consultationRecipient", current!.id);
    const answered = await emailsOf("consultationAnswer", current!.id);
    expect(answered.length).toBeGreaterThanOrEqual(2);
    expect(answered.every((e) => asked.includes(e))).toBe(true);
    // The demo account of the follow-up group still has an answer to give.
    expect(asked).toContain("medarbejder@jobcenter.example");
    expect(answered).not.toContain("medarbejder@jobcenter.example");
    expect(asked).not.toContain("sekretariat@bif.example");
    // Its paper is the group's own status note.
    const papers = await db
      .selectFrom("documentLink as l")
      .innerJoin("document as d", "d.id", "l.documentId")
      .innerJoin("space as s", "s.id", "d.spaceId")
      .select(["d.title", "s.slug"])
      .where("l.subjectType", "=", "consultation")
      .where("l.subjectId", "=", current!.id)
      .execute();
    expect(papers).toEqual([
      { title: "Statusnote til følgegruppen, november 2026", slug: "foelgegruppen" },
    ]);

    const [done] = closed;
    expect(done!.outcome).toBeTruthy();
    expect(Date.parse(done!.closedAt!)).toBeGreaterThan(Date.parse(done!.deadline));
    expect(Date.parse(done!.closedAt!)).toBeLessThan(now);
    const doneAnswers = await db
      .selectFrom("consultationAnswer")
      .select("createdAt")
      .where("consultationId", "=", done!.id)
      .execute();
    expect(doneAnswers.length).toBeGreaterThanOrEqual(2);
    for (const a of doneAnswers) {
      expect(a.createdAt > done!.createdAt && a.createdAt < done!.deadline).toBe(true);
    }

    // And the expert group is asked about the initiatives after 2026.
    const expert = await consultationsIn("ekspertgruppen");
    expect(expert.map((c) => c.title)).toContain("Hvilke indsatser bør fortsætte efter 2026?");
  });

  it("seeds the consultations without papers when no documents are seeded", async () => {
    await seedDemoData(db, { password: "hub-demo-2026" });
    expect(await consultationsIn("foelgegruppen")).toHaveLength(2);
    const links = await db
      .selectFrom("documentLink")
      .select("documentId")
      .where("subjectType", "=", "consultation")
      .execute();
    expect(links).toEqual([]);
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyPassword } from "../../app/auth/password.server";
import { migrateToLatest, openDatabase, type Database } from "../../db/client";
import { DEMO_ACCOUNTS, isDatabaseEmpty, seedDemoData } from "../../db/seed/index";

const PASSWORD = "hub-demo-2026";

// The organisations the issue (and the memo) names.
const NAMED_ORGANISATIONS = [
  "Børns Vilkår",
  "C:NTACT",
  "BUF",
  "Center for Digital Pædagogik",
  "Etnisk Konsulentteam",
  "Dansk Flygtningehjælp",
  "Mellemfolkeligt Samvirke",
  "Nationalt Center mod Æresrelaterede Konflikter",
  "Jobcenter København",
  "BIF",
];

const DEMO = {
  admin: "admin@hub.example",
  secretariat: "sekretariat@bif.example",
  expert: "ekspert@boernsvilkaar.example",
  ngo: "ngo@bispebjerg.example",
  employee: "medarbejder@jobcenter.example",
};

describe("demo data", () => {
  let db: Database;
  beforeEach(async () => {
    db = openDatabase(":memory:").db;
    await migrateToLatest(db);
  });
  afterEach(async () => {
    await db.destroy();
  });

  async function currentSpaces(email: string) {
    const rows = await db
      .selectFrom("membership")
      .innerJoin("user", "user.id", "membership.userId")
      .innerJoin("space", "space.id", "membership.spaceId")
      .select(["space.slug", "membership.role"])
      .where("user.email", "=", email)
      .where("membership.leftAt", "is", null)
      .orderBy("space.slug")
      .execute();
    return rows.map((r) => `${r.slug}:${r.role}`);
  }

  it("fills an empty database with the three spaces, the named organisations and the demo accounts", async () => {
    expect(await isDatabaseEmpty(db)).toBe(true);
    await seedDemoData(db, { password: PASSWORD });
    expect(await isDatabaseEmpty(db)).toBe(false);

    const slugs = (await db.selectFrom("space").select("slug").orderBy("slug").execute()).map(
      (r) => r.slug,
    );
    expect(slugs).toEqual(["bispebjerg-netvaerk", "ekspertgruppen", "foelgegruppen"]);

    const organisations = (await db.selectFrom("organisation").select("name").execute()).map(
      (r) => r.name,
    );
    expect(organisations).toEqual(expect.arrayContaining(NAMED_ORGANISATIONS));

    expect([...DEMO_ACCOUNTS].sort()).toEqual(Object.values(DEMO).sort());
    const accounts = await db
      .selectFrom("user")
      .select(["email", "isSiteAdmin", "status", "passwordHash"])
      .where("email", "in", [...DEMO_ACCOUNTS])
      .execute();
    expect(accounts).toHaveLength(5);
    for (const a of accounts) expect(a.status).toBe("active");
    expect(accounts.filter((a) => a.isSiteAdmin === 1).map((a) => a.email)).toEqual([DEMO.admin]);
  });

  it("gives each demo account its memberships", async () => {
    await seedDemoData(db, { password: PASSWORD });
    expect(await currentSpaces(DEMO.admin)).toEqual([]);
    expect(await currentSpaces(DEMO.secretariat)).toEqual([
      "bispebjerg-netvaerk:secretariat",
      "ekspertgruppen:secretariat",
      "foelgegruppen:secretariat",
    ]);
    expect(await currentSpaces(DEMO.expert)).toEqual(["ekspertgruppen:member"]);
    expect(await currentSpaces(DEMO.ngo)).toEqual(["bispebjerg-netvaerk:member"]);
    expect(await currentSpaces(DEMO.employee)).toEqual(["foelgegruppen:member"]);
  });

  it("uses fictional people at .example addresses with argon2id hashes of the demo password", async () => {
    await seedDemoData(db, { password: "et-andet-demo-kodeord" });
    const users = await db.selectFrom("user").select(["email", "passwordHash"]).execute();
    expect(users.length).toBeGreaterThan(5);
    for (const u of users) expect(u.email).toMatch(/^[^@\s]+@[a-z0-9.-]+\.example$/);
    const admin = users.find((u) => u.email === DEMO.admin)!;
    expect(admin.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(admin.passwordHash!, "et-andet-demo-kodeord")).toBe(true);
    expect(await verifyPassword(admin.passwordHash!, PASSWORD)).toBe(false);
  });

  it("refuses to seed a second time and leaves the data as it was", async () => {
    await seedDemoData(db, { password: PASSWORD });
    const count = async (table: "user" | "space" | "organisation" | "membership") =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = [
      await count("user"),
      await count("space"),
      await count("organisation"),
      await count("membership"),
    ];
    await expect(seedDemoData(db, { password: PASSWORD })).rejects.toThrow(/Refusing to seed/);
    expect([
      await count("user"),
      await count("space"),
      await count("organisation"),
      await count("membership"),
    ]).toEqual(before);
  });
});

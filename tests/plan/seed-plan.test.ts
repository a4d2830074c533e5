import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase, type Database } from "../../db/client";
import { seedDemoData } from "../../db/seed/index";

// Written from the memo (notat-indsatser-negativ-social-kontrol-2026-03-19.txt), not from the
// seed module: every initiative it lists, who runs it, with whom, for whom and until when.
// "Medmindre det fremgår specifikt ... udløber indsatserne med handleplanens udløb med udgangen
// af 2026"; where the memo names nobody running an initiative, BIF owns it.
const MEMO_INITIATIVES = [
  {
    title: /^Undervisningstilbud til grundskoleelever/,
    targetGroup: "children_youth",
    owner: "Børns Vilkår",
    partners: ["BUF", "C:NTACT"],
    endYear: 2026,
  },
  {
    title: /^Helhedsorienteret skoleindsats/,
    targetGroup: "children_youth",
    owner: "Børns Vilkår",
    partners: [],
    endYear: 2026,
  },
  {
    title: /^Opkvalificering af fagpersoner/,
    targetGroup: "children_youth",
    owner: "Center for Digital Pædagogik",
    partners: ["Etnisk Konsulentteam"],
    endYear: 2026,
  },
  {
    title: /^Rettighedsvejledere/,
    targetGroup: "children_youth",
    owner: "BIF",
    partners: [],
    endYear: 2028,
    funding: /Et frit liv i Danmark/,
  },
  {
    title: /^Social kontrol-vejledere i Jobcenter København/,
    targetGroup: "adults",
    owner: "Jobcenter København",
    partners: [],
    endYear: 2029,
  },
  {
    title: /Ret til ligestilling – ret til arbejde/,
    targetGroup: "adults",
    owner: "Dansk Flygtningehjælp",
    partners: ["Jobcenter København"],
    endYear: 2026,
  },
  {
    title: /^Områdebaseret indsats .* Bispebjerg Bakke/,
    targetGroup: "civil_society",
    owner: "BIF",
    partners: ["Mellemfolkeligt Samvirke", "Nationalt Center mod Æresrelaterede Konflikter"],
    endYear: 2027,
  },
  {
    title: /Ekspertgruppen og følgegruppen/,
    targetGroup: "civil_society",
    owner: "BIF",
    partners: [],
    endYear: 2026,
  },
];

describe("the seeded action plan", () => {
  let db: Database;
  beforeAll(async () => {
    db = openDatabase(":memory:").db;
    await migrateToLatest(db);
    await seedDemoData(db, { password: "hub-demo-2026" });
  });
  afterAll(async () => {
    await db.destroy();
  });

  async function initiatives() {
    const rows = await db
      .selectFrom("initiative")
      .innerJoin("plan", "plan.id", "initiative.planId")
      .innerJoin("organisation as owner", "owner.id", "initiative.ownerOrganisationId")
      .select([
        "initiative.id",
        "initiative.title",
        "initiative.targetGroup",
        "initiative.startDate",
        "initiative.endDate",
        "initiative.status",
        "initiative.fundingContext",
        "owner.name as owner",
        "plan.title as plan",
      ])
      .execute();
    const partners = await db
      .selectFrom("initiativePartner")
      .innerJoin("organisation", "organisation.id", "initiativePartner.organisationId")
      .select(["initiativePartner.initiativeId", "organisation.name"])
      .execute();
    return rows.map((r) => ({
      ...r,
      partners: partners
        .filter((p) => p.initiativeId === r.id)
        .map((p) => p.name)
        .sort(),
    }));
  }

  it("is the 2024-2026 plan", async () => {
    const plans = await db
      .selectFrom("plan")
      .select(["title", "periodStart", "periodEnd"])
      .execute();
    expect(plans).toEqual([
      {
        title: "Handleplan til forebyggelse af negativ social kontrol 2024-2026",
        periodStart: "2024-01-01",
        periodEnd: "2026-12-31",
      },
    ]);
  });

  it("holds every initiative of the memo, each once, with its organisations, target group and end year", async () => {
    const rows = await initiatives();
    expect(rows).toHaveLength(MEMO_INITIATIVES.length);
    for (const expected of MEMO_INITIATIVES) {
      const found = rows.filter((r) => expected.title.test(r.title));
      expect(found, String(expected.title)).toHaveLength(1);
      const row = found[0]!;
      expect(row.plan).toBe("Handleplan til forebyggelse af negativ social kontrol 2024-2026");
      expect(row.targetGroup, row.title).toBe(expected.targetGroup);
      expect(row.owner, row.title).toBe(expected.owner);
      expect(row.partners, row.title).toEqual([...expected.partners].sort());
      // Initiatives run to the end of their year ("til og med 2028").
      expect(row.endDate, row.title).toBe(`${expected.endYear}-12-31`);
      expect(row.startDate <= row.endDate).toBe(true);
      if (expected.funding) expect(row.fundingContext).toMatch(expected.funding);
    }
  });

  it("marks initiatives ending with the plan as ending and the longer ones as running", async () => {
    for (const row of await initiatives()) {
      expect(row.status, row.title).toBe(row.endDate === "2026-12-31" ? "ending" : "running");
    }
  });

  it("has progress updates by the owner organisation's people or the plan's secretariat", async () => {
    const updates = await db
      .selectFrom("initiativeUpdate")
      .innerJoin("initiative", "initiative.id", "initiativeUpdate.initiativeId")
      .innerJoin("user", "user.id", "initiativeUpdate.authorId")
      .select(["user.email", "user.organisationId", "initiative.ownerOrganisationId"])
      .execute();
    expect(updates.length).toBeGreaterThanOrEqual(3);
    for (const u of updates) {
      if (u.email !== "sekretariat@bif.example")
        expect(u.organisationId).toBe(u.ownerOrganisationId);
    }
  });

  it("has an open recommendation round answered only by current expert-group members", async () => {
    const round = await db
      .selectFrom("recommendationRound")
      .innerJoin("space", "space.id", "recommendationRound.spaceId")
      .select([
        "recommendationRound.id",
        "recommendationRound.deadline",
        "recommendationRound.closedAt",
        "space.slug",
      ])
      .executeTakeFirstOrThrow();
    expect(round.slug).toBe("ekspertgruppen");
    expect(round.closedAt).toBeNull();
    expect(round.deadline > new Date().toISOString()).toBe(true);
    const answers = await db
      .selectFrom("recommendation")
      .innerJoin("membership", (j) =>
        j
          .onRef("membership.userId", "=", "recommendation.userId")
          .onRef("membership.spaceId", "=", "recommendation.spaceId")
          .on("membership.leftAt", "is", null),
      )
      .select(["membership.role", "recommendation.reason"])
      .where("recommendation.roundId", "=", round.id)
      .execute();
    const total = await db.selectFrom("recommendation").select("id").execute();
    expect(answers.length).toBeGreaterThanOrEqual(2);
    expect(answers).toHaveLength(total.length);
    for (const a of answers) {
      expect(a.role).not.toBe("observer");
      expect(a.reason.length).toBeGreaterThan(0);
    }
  });
});

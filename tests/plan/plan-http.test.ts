import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copenhagenToday } from "../../app/lib/zoned-time";
import { Client, startTestHub, type TestHub } from "../helpers/hub";
import {
  DA,
  fieldError,
  mainOf,
  organisationId,
  rowCounts as allRowCounts,
  unescapeHtml,
} from "../helpers/fixtures";

// The action plan over real HTTP against the production build, as the people in the demo see
// it: the overview's filters, chart and table; who may create and edit initiatives, write
// progress updates and give continuation recommendations; and what a refusal leaves behind.

const SECRETARIAT = "sekretariat@bif.example"; // secretariat of ekspertgruppen: administers
const ADMIN = "admin@hub.example";
const NGO = "ngo@bispebjerg.example"; // Mellemfolkeligt Samvirke; not in ekspertgruppen
const EXPERT = "ekspert@boernsvilkaar.example"; // ekspertgruppen member, Børns Vilkår
const OBSERVER = "lars.winther@bif.example"; // ekspertgruppen observer
const JOBCENTRE = "anders.lund@jobcenter.example"; // Jobcenter København, ekspertgruppen member
const JOBCENTRE_STAFF = "medarbejder@jobcenter.example"; // Jobcenter København, not in ekspertgruppen

let h: TestHub;

/** Every table's row count but sessions (a first sign-in adds one). */
async function rowCounts(db: TestHub["db"]) {
  const { session: _session, ...counts } = await allRowCounts(db);
  return counts;
}
const clients = new Map<string, Client>();

beforeAll(async () => {
  h = await startTestHub({ env: { LOGIN_LIMIT_PER_IP: "1000" } });
}, 60_000);
afterAll(async () => {
  await h?.close();
});

async function as(email: string): Promise<Client> {
  let client = clients.get(email);
  if (!client) {
    client = new Client(h.url);
    await client.login(email);
    clients.set(email, client);
  }
  return client;
}

async function page(email: string, path: string) {
  const res = await (await as(email)).get(path);
  expect(res.status, path).toBe(200);
  return mainOf(await res.text());
}

const text = (html: string) =>
  unescapeHtml(
    html
      .replace(/<[^>]+>/g, " ")
      .replace(/\s+/g, " ")
      .trim(),
  );

/** The overview table's rows: initiative id → cells as text. */
function tableRows(html: string): Map<string, string[]> {
  const table = /<table class="plan-table">[^]*?<\/table>/.exec(html)?.[0] ?? "";
  const rows = new Map<string, string[]>();
  for (const m of table.matchAll(/<tr data-initiative="([^"]+)">([^]*?)<\/tr>/g)) {
    rows.set(
      m[1]!,
      [...m[2]!.matchAll(/<t[hd][^>]*>([^]*?)<\/t[hd]>/g)].map((c) => text(c[1]!)),
    );
  }
  return rows;
}

function chartIds(html: string): string[] {
  const svg = /<svg[^>]*role="img"[^]*?<\/svg>/.exec(html)?.[0] ?? "";
  return [...svg.matchAll(/data-initiative="([^"]+)"/g)].map((m) => m[1]!);
}

async function initiativeId(title: string): Promise<string> {
  const row = await h.db
    .selectFrom("initiative")
    .select("id")
    .where("title", "=", title)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function seededPlanId(): Promise<string> {
  return (
    await h.db
      .selectFrom("plan")
      .select("id")
      .where("title", "=", "Handleplan til forebyggelse af negativ social kontrol 2024-2026")
      .executeTakeFirstOrThrow()
  ).id;
}

/** Plus `months` calendar months, day clamped, computed here independently of the app. */
function monthsAfter(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
}

async function initiativeFields(overrides: Record<string, string | string[]> = {}) {
  return {
    planId: await seededPlanId(),
    title: "Testindsats",
    description: "Til test.",
    targetGroup: "children_youth",
    ownerOrganisationId: await organisationId(h.db, "BIF"),
    fundingContext: "Handleplanen",
    startDate: "2024-01-01",
    endDate: "2026-12-31",
    status: "running",
    ...overrides,
  };
}

function form(fields: Record<string, string | string[]>): URLSearchParams {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) {
    for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  }
  return body;
}

async function post(email: string, path: string, fields: Record<string, string | string[]>) {
  return (await as(email)).request(path, { method: "POST", body: form(fields) });
}

describe("the overview", () => {
  it("shows the seeded plan as an accessible SVG chart and a table with the same initiatives", async () => {
    const html = await page(NGO, "/plan");
    expect(html).toContain("Handleplan til forebyggelse af negativ social kontrol 2024-2026");
    const svg = /<svg[^>]*role="img"[^]*?<\/svg>/.exec(html)?.[0] ?? "";
    expect(svg).toMatch(/aria-labelledby="plan-chart-title plan-chart-desc"/);
    expect(svg).toMatch(/<title id="plan-chart-title">[^<]+<\/title>/);
    expect(svg).toMatch(/<desc id="plan-chart-desc">[^<]+<\/desc>/);
    const rows = tableRows(html);
    expect(rows.size).toBe(8);
    expect(new Set(chartIds(html))).toEqual(new Set(rows.keys()));
    // Every bar carries its own label: title, dates and status, as the table row has them.
    for (const [id, cells] of rows) {
      const bar = new RegExp(`data-initiative="${id}"[^>]*><title>([^<]+)</title>`).exec(svg);
      expect(bar, cells[0]).not.toBeNull();
      const label = unescapeHtml(bar![1]!);
      expect(label).toContain(cells[0]!); // title
      expect(label).toContain(cells[5]!); // end date
      expect(label).toContain(cells[6]!); // status
    }
    expect(html).toMatch(/<caption>Indsatser i handleplanen<\/caption>/);
  });

  it("filters by status", async () => {
    const rows = tableRows(await page(NGO, "/plan?status=running"));
    expect(rows.size).toBeGreaterThan(0);
    for (const cells of rows.values()) expect(cells[6]).toBe("Kører");
    const ending = tableRows(await page(NGO, "/plan?status=ending"));
    expect(ending.size).toBeGreaterThan(0);
    for (const cells of ending.values()) expect(cells[6]).toBe("Udløber");
  });

  it('filters by "ending within N months", counted from Copenhagen today', async () => {
    const today = copenhagenToday();
    const made: Record<string, string> = {};
    for (const [name, months] of [
      ["Testindsats om 2 måneder", 2],
      ["Testindsats om 9 måneder", 9],
      ["Testindsats om 18 måneder", 18],
      ["Testindsats sluttede for en måned siden", -1],
    ] as const) {
      const res = await post(
        SECRETARIAT,
        "/plan/new",
        await initiativeFields({
          title: name,
          startDate: "2024-01-01",
          endDate: monthsAfter(today, months),
        }),
      );
      expect(res.status, name).toBe(302);
      made[name] = await initiativeId(name);
    }
    const shown = async (months: number) =>
      new Set(tableRows(await page(NGO, `/plan?endingWithin=${months}`)).keys());
    const within6 = await shown(6);
    expect(within6.has(made["Testindsats om 2 måneder"]!)).toBe(true);
    expect(within6.has(made["Testindsats om 9 måneder"]!)).toBe(false);
    expect(within6.has(made["Testindsats om 18 måneder"]!)).toBe(false);
    expect(within6.has(made["Testindsats sluttede for en måned siden"]!)).toBe(false);
    const within12 = await shown(12);
    expect(within12.has(made["Testindsats om 9 måneder"]!)).toBe(true);
    expect(within12.has(made["Testindsats om 18 måneder"]!)).toBe(false);
    const within24 = await shown(24);
    expect(within24.has(made["Testindsats om 18 måneder"]!)).toBe(true);
    expect(within24.has(made["Testindsats sluttede for en måned siden"]!)).toBe(false);

    // Every row shown ends inside the window, and every initiative that does is shown.
    const all = await h.db.selectFrom("initiative").select(["id", "endDate"]).execute();
    for (const months of [6, 12, 24]) {
      const expected = all
        .filter((i) => i.endDate >= today && i.endDate <= monthsAfter(today, months))
        .map((i) => i.id);
      expect(await shown(months)).toEqual(new Set(expected));
    }
    // The chart follows the same filter.
    const html = await page(NGO, "/plan?endingWithin=6");
    expect(new Set(chartIds(html))).toEqual(within6);

    await h.db.deleteFrom("initiative").where("id", "in", Object.values(made)).execute();
  });

  it("filters by target group and by organisation, owner or partner", async () => {
    const adults = tableRows(await page(NGO, "/plan?targetGroup=adults"));
    expect([...adults.values()].map((c) => c[0]).sort()).toEqual([
      "Social kontrol-vejledere i Jobcenter København",
      "„Ret til ligestilling – ret til arbejde“",
    ]);
    for (const cells of adults.values()) expect(cells[1]).toBe("Voksne");

    const jobcentre = await organisationId(h.db, "Jobcenter København");
    const byJobcentre = tableRows(await page(NGO, `/plan?organisation=${jobcentre}`));
    // Owner of the one, partner of the other.
    expect([...byJobcentre.values()].map((c) => c[0]).sort()).toEqual([
      "Social kontrol-vejledere i Jobcenter København",
      "„Ret til ligestilling – ret til arbejde“",
    ]);

    const combined = tableRows(
      await page(
        NGO,
        `/plan?targetGroup=children_youth&organisation=${await organisationId(h.db, "Børns Vilkår")}`,
      ),
    );
    expect(combined.size).toBe(2);
    // Nonsense filters are no filters, never an error.
    expect(tableRows(await page(NGO, "/plan?status=nonsense&endingWithin=abc")).size).toBe(8);
  });
});

describe("creating and editing initiatives", () => {
  it("is for the plan's administrators: a plain member gets 403 and nothing is written", async () => {
    expect((await (await as(NGO)).get("/plan/new")).status).toBe(403);
    const before = await rowCounts(h.db);
    const res = await post(NGO, "/plan/new", await initiativeFields({ title: "Ikke tilladt" }));
    expect(res.status).toBe(403);
    expect(await res.text()).toContain(DA.forbidden);
    // An expert-group member who is not its secretariat may not either.
    expect((await post(EXPERT, "/plan/new", await initiativeFields())).status).toBe(403);
    expect(await rowCounts(h.db)).toEqual(before);

    const id = await initiativeId("Helhedsorienteret skoleindsats for elever, forældre og lærere");
    const row = await h.db
      .selectFrom("initiative")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    const edit = await post(NGO, `/plan/${id}/edit`, await initiativeFields({ title: "Kapret" }));
    expect(edit.status).toBe(403);
    expect(
      await h.db.selectFrom("initiative").selectAll().where("id", "=", id).executeTakeFirst(),
    ).toEqual(row);
    expect(await rowCounts(h.db)).toEqual(before);
  });

  it("lets the expert group's secretariat and a site admin create and edit", async () => {
    const bif = await organisationId(h.db, "BIF");
    const partner = await organisationId(h.db, "Mellemfolkeligt Samvirke");
    const res = await post(
      SECRETARIAT,
      "/plan/new",
      await initiativeFields({
        title: "Ny indsats fra sekretariatet",
        partnerOrganisationIds: [partner],
      }),
    );
    expect(res.status).toBe(302);
    const id = await initiativeId("Ny indsats fra sekretariatet");
    expect(res.headers.get("location")).toBe(`/plan/${id}`);
    const html = await page(NGO, `/plan/${id}`);
    expect(html).toContain("Mellemfolkeligt Samvirke");

    const edit = await post(
      ADMIN,
      `/plan/${id}/edit`,
      await initiativeFields({
        title: "Ny indsats, rettet",
        ownerOrganisationId: bif,
        status: "proposed_continuation",
      }),
    );
    expect(edit.status).toBe(302);
    const after = await page(NGO, `/plan/${id}`);
    expect(after).toContain("Ny indsats, rettet");
    expect(after).toContain("Foreslået videreført");
    // The partner was unticked on the edit form.
    expect(
      await h.db
        .selectFrom("initiativePartner")
        .select("organisationId")
        .where("initiativeId", "=", id)
        .execute(),
    ).toEqual([]);
    await h.db.deleteFrom("initiative").where("id", "=", id).execute();
  });

  it("refuses an end date before the start date with a Danish field message, writing nothing", async () => {
    const before = await rowCounts(h.db);
    const res = await post(
      SECRETARIAT,
      "/plan/new",
      await initiativeFields({ title: "Baglæns", startDate: "2026-06-01", endDate: "2026-05-31" }),
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(fieldError(html, "endDate")).toBe("Slutdatoen må ikke ligge før startdatoen.");
    expect(await rowCounts(h.db)).toEqual(before);

    const id = await initiativeId("Social kontrol-vejledere i Jobcenter København");
    const row = await h.db
      .selectFrom("initiative")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    const edit = await post(
      SECRETARIAT,
      `/plan/${id}/edit`,
      await initiativeFields({ startDate: "2030-01-01", endDate: "2029-12-31" }),
    );
    expect(edit.status).toBe(400);
    expect(fieldError(await edit.text(), "endDate")).toBe(
      "Slutdatoen må ikke ligge før startdatoen.",
    );
    expect(
      await h.db.selectFrom("initiative").selectAll().where("id", "=", id).executeTakeFirst(),
    ).toEqual(row);
  });

  it("answers 404 for an initiative that does not exist", async () => {
    const res = await (await as(NGO)).get("/plan/00000000-0000-4000-8000-000000000000");
    expect(res.status).toBe(404);
    expect(await res.text()).toContain(DA.notFound);
  });
});

describe("new plans", () => {
  it("can be created by the secretariat for 2027-2030, not by a member", async () => {
    const fields = {
      intent: "createPlan",
      title: "Handleplan til forebyggelse af negativ social kontrol 2027-2030",
      periodStart: "2027-01-01",
      periodEnd: "2030-12-31",
      description: "",
      f2CaseNumber: "2025 - 24329",
    };
    const before = await rowCounts(h.db);
    expect((await post(EXPERT, "/plan", fields)).status).toBe(403);
    expect(await rowCounts(h.db)).toEqual(before);
    const backwards = await post(SECRETARIAT, "/plan", { ...fields, periodEnd: "2026-12-31" });
    expect(backwards.status).toBe(400);
    expect(fieldError(await backwards.text(), "periodEnd")).toBe(
      "Slutdatoen må ikke ligge før startdatoen.",
    );
    expect(await rowCounts(h.db)).toEqual(before);

    const res = await post(SECRETARIAT, "/plan", fields);
    expect(res.status).toBe(302);
    const planId = /plan=([0-9a-f-]{36})$/.exec(res.headers.get("location") ?? "")?.[1];
    const html = await page(NGO, `/plan?plan=${planId}`);
    expect(html).toContain(
      "<h1>Handleplan til forebyggelse af negativ social kontrol 2027-2030</h1>",
    );
    expect(html).toContain("2025 - 24329");
    expect(tableRows(html).size).toBe(0);
    // Today lies in 2024-2026, so that stays the default.
    expect(await page(NGO, "/plan")).toContain(
      "<h1>Handleplan til forebyggelse af negativ social kontrol 2024-2026</h1>",
    );
  });
});

describe("progress updates", () => {
  it("are written by the owner organisation's people and shown as safe Markdown", async () => {
    const id = await initiativeId("Social kontrol-vejledere i Jobcenter København");
    const body = "Status fra **jobcentret**.\n\n<script>alert(1)</script>";
    const res = await post(JOBCENTRE_STAFF, `/plan/${id}`, { intent: "addUpdate", body });
    expect(res.status).toBe(302);
    const html = await page(NGO, `/plan/${id}`);
    expect(html).toContain("Status fra <strong>jobcentret</strong>.");
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    // The writer sees the notice that citizens' data does not belong here.
    expect(await page(JOBCENTRE, `/plan/${id}`)).toContain(
      "Skriv aldrig oplysninger om enkelte borgere eller sager her.",
    );
    // Someone else sees no form.
    expect(html).not.toContain('name="intent" value="addUpdate"');
  });

  it("are refused for someone outside the owner organisation, and nothing is written", async () => {
    const id = await initiativeId("Social kontrol-vejledere i Jobcenter København");
    const before = await rowCounts(h.db);
    for (const email of [NGO, EXPERT, OBSERVER]) {
      const res = await post(email, `/plan/${id}`, { intent: "addUpdate", body: "Forsøg" });
      expect(res.status, email).toBe(403);
    }
    expect(await rowCounts(h.db)).toEqual(before);
    // The secretariat may.
    expect(
      (await post(SECRETARIAT, `/plan/${id}`, { intent: "addUpdate", body: "Fra sekretariatet" }))
        .status,
    ).toBe(302);
  });

  it("refuses an empty update with a field message", async () => {
    const id = await initiativeId("Social kontrol-vejledere i Jobcenter København");
    const before = await rowCounts(h.db);
    const res = await post(JOBCENTRE, `/plan/${id}`, { intent: "addUpdate", body: "  " });
    expect(res.status).toBe(400);
    expect(fieldError(await res.text(), "body")).toBe("Udfyld feltet.");
    expect(await rowCounts(h.db)).toEqual(before);
  });
});

describe("continuation recommendations", () => {
  const TITLE = "Helhedsorienteret skoleindsats for elever, forældre og lærere";

  async function roundId() {
    const row = await h.db
      .selectFrom("recommendationRound")
      .select("id")
      .where("closedAt", "is", null)
      .orderBy("createdAt", "desc")
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async function recommend(email: string, stance: string, reason: string, round?: string) {
    const id = await initiativeId(TITLE);
    return post(email, `/plan/${id}`, {
      intent: "recommend",
      roundId: round ?? (await roundId()),
      stance,
      reason,
    });
  }

  /** The summary table's counts on the initiative page, as the viewer sees them. */
  async function counts(email: string) {
    const html = await page(email, `/plan/${await initiativeId(TITLE)}`);
    const out: Record<string, number> = {};
    for (const m of html.matchAll(
      /<tr data-stance="(\w+)"><th scope="row">[^<]*<\/th><td>(\d+)<\/td>/g,
    )) {
      out[m[1]!] = Number(m[2]);
    }
    return out;
  }

  it("are given only by expert-group members: observers and non-members are refused, nothing written", async () => {
    const before = await rowCounts(h.db);
    for (const email of [OBSERVER, NGO, ADMIN]) {
      const res = await recommend(email, "continue", "Bør fortsætte");
      expect(res.status, email).toBe(403);
      expect(await res.text()).toContain(DA.forbidden);
    }
    expect(await rowCounts(h.db)).toEqual(before);
    // Without the permission there is no form either.
    expect(await page(NGO, `/plan/${await initiativeId(TITLE)}`)).not.toContain(
      'value="recommend"',
    );
  });

  it("require a reason", async () => {
    const before = await rowCounts(h.db);
    const res = await recommend(EXPERT, "continue", " ");
    expect(res.status).toBe(400);
    expect(fieldError(await res.text(), "reason")).toBe("Udfyld feltet.");
    expect(await rowCounts(h.db)).toEqual(before);
  });

  it("are summarised per stance, counting a changed answer once", async () => {
    expect((await recommend(EXPERT, "continue", "Skolerne efterspørger det.")).status).toBe(302);
    expect((await recommend(JOBCENTRE, "adjust", "Mere forældredialog.")).status).toBe(302);
    expect(
      (await recommend("fatima.ali@sof.example", "end", "Overlapper andre tilbud.")).status,
    ).toBe(302);
    expect(
      (await recommend("camilla.berg@buf.example", "continue", "Godt samarbejde.")).status,
    ).toBe(302);
    expect(await counts(SECRETARIAT)).toEqual({ continue: 2, adjust: 1, end: 1 });
    // The expert changes her mind: still one answer of hers, now "end".
    expect(
      (await recommend(EXPERT, "end", "Ved nærmere eftertanke bør midlerne flyttes.")).status,
    ).toBe(302);
    expect(await counts(SECRETARIAT)).toEqual({ continue: 1, adjust: 1, end: 2 });
    expect(await counts(EXPERT)).toEqual({ continue: 1, adjust: 1, end: 2 });

    const memberView = await page(JOBCENTRE, `/plan/${await initiativeId(TITLE)}`);
    expect(memberView).toContain("Ved nærmere eftertanke bør midlerne flyttes.");
    expect(memberView).not.toContain("Skolerne efterspørger det.");
    // Non-members of the expert group see neither the counts nor the reasons.
    const outsider = await page(NGO, `/plan/${await initiativeId(TITLE)}`);
    expect(await counts(NGO)).toEqual({});
    expect(outsider).not.toContain("Mere forældredialog.");
    expect(outsider).not.toContain("Overlapper andre tilbud.");
  });

  it("are refused after the deadline and after the round is closed, with a clear message", async () => {
    const round = await roundId();
    const deadline = (
      await h.db
        .selectFrom("recommendationRound")
        .select("deadline")
        .where("id", "=", round)
        .executeTakeFirstOrThrow()
    ).deadline;
    // Time passes beyond the deadline.
    await h.db
      .updateTable("recommendationRound")
      .set({ deadline: new Date(Date.now() - 60_000).toISOString() })
      .where("id", "=", round)
      .execute();
    const before = await rowCounts(h.db);
    const snapshot = await h.db.selectFrom("recommendation").selectAll().execute();
    const late = await recommend(EXPERT, "continue", "For sent");
    expect(late.status).toBe(400);
    expect(text(await late.text())).toContain(
      "Anbefalingsrunden er lukket, eller fristen er overskredet. Din anbefaling blev ikke gemt.",
    );
    expect(await rowCounts(h.db)).toEqual(before);
    expect(await h.db.selectFrom("recommendation").selectAll().execute()).toEqual(snapshot);
    // The page says so and offers no form.
    const html = await page(EXPERT, `/plan/${await initiativeId(TITLE)}`);
    expect(html).toContain("Der kan ikke længere afgives anbefalinger.");
    expect(html).not.toContain('name="intent" value="recommend"');

    // Back before the deadline, then closed by the secretariat.
    await h.db
      .updateTable("recommendationRound")
      .set({ deadline })
      .where("id", "=", round)
      .execute();
    expect((await post(EXPERT, "/plan", { intent: "closeRound", roundId: round })).status).toBe(
      403,
    );
    expect(
      (await post(SECRETARIAT, "/plan", { intent: "closeRound", roundId: round })).status,
    ).toBe(302);
    const closed = await recommend(JOBCENTRE, "continue", "Efter lukning", round);
    expect(closed.status).toBe(400);
    expect(await h.db.selectFrom("recommendation").selectAll().execute()).toEqual(snapshot);
  });

  it("rounds are opened by the secretariat with a deadline in the future", async () => {
    const planId = await seededPlanId();
    const before = await rowCounts(h.db);
    const fields = {
      intent: "openRound",
      planId,
      question: "Bør indsatsen videreføres?",
      deadline: "2020-01-01T12:00",
    };
    expect((await post(EXPERT, "/plan", fields)).status).toBe(403);
    const past = await post(SECRETARIAT, "/plan", fields);
    expect(past.status).toBe(400);
    expect(fieldError(await past.text(), "deadline")).toBe("Fristen skal ligge i fremtiden.");
    expect(await rowCounts(h.db)).toEqual(before);

    const future = `${new Date().getUTCFullYear() + 1}-03-01T12:00`;
    expect((await post(SECRETARIAT, "/plan", { ...fields, deadline: future })).status).toBe(302);
    // One open round at a time.
    const again = await post(ADMIN, "/plan", { ...fields, deadline: future });
    expect(again.status).toBe(400);
    expect(text(await again.text())).toContain(
      "Der er allerede en åben anbefalingsrunde for handleplanen.",
    );
    // The new round takes answers again, starting from nothing.
    expect((await recommend(EXPERT, "adjust", "Ny runde, nyt svar.")).status).toBe(302);
    expect(await counts(EXPERT)).toEqual({ continue: 0, adjust: 1, end: 0 });
  });
});

describe("links from an initiative", () => {
  const TITLE = "Social kontrol-vejledere i Jobcenter København";

  async function documentIn(slug: string) {
    return h.db
      .selectFrom("document")
      .innerJoin("space", "space.id", "document.spaceId")
      .select(["document.id", "document.title"])
      .where("space.slug", "=", slug)
      .where("document.deletedAt", "is", null)
      .orderBy("document.createdAt")
      .executeTakeFirstOrThrow();
  }

  it("shows linked documents only to people who may read them", async () => {
    const id = await initiativeId(TITLE);
    // The seeded memo summary lives in ekspertgruppen.
    const memo = await documentIn("ekspertgruppen");
    expect(await page(EXPERT, `/plan/${id}`)).toContain(`/documents/${memo.id}"`);
    expect(await page(NGO, `/plan/${id}`)).not.toContain(`/documents/${memo.id}"`);

    // A Jobcenter København member links a paper from Følgegruppen, his own space.
    const paper = await documentIn("foelgegruppen");
    const res = await post(JOBCENTRE_STAFF, `/plan/${id}`, {
      intent: "linkDocument",
      documentId: paper.id,
    });
    expect(res.status).toBe(302);
    expect(await page(JOBCENTRE_STAFF, `/plan/${id}`)).toContain(`/documents/${paper.id}"`);
    expect(await page(NGO, `/plan/${id}`)).not.toContain(`/documents/${paper.id}"`);

    // A paper from a space he is not in is, to him, not there: 404 and nothing written.
    const foreign = await documentIn("bispebjerg-netvaerk");
    const before = await rowCounts(h.db);
    const refused = await post(JOBCENTRE_STAFF, `/plan/${id}`, {
      intent: "linkDocument",
      documentId: foreign.id,
    });
    expect(refused.status).toBe(404);
    expect(await rowCounts(h.db)).toEqual(before);

    expect(
      (
        await post(JOBCENTRE_STAFF, `/plan/${id}`, {
          intent: "unlinkDocument",
          documentId: paper.id,
        })
      ).status,
    ).toBe(302);
    expect(await page(JOBCENTRE_STAFF, `/plan/${id}`)).not.toContain(`/documents/${paper.id}"`);
  });

  it("starts a discussion in the expert group, listed for its members only", async () => {
    const id = await initiativeId(TITLE);
    const before = await rowCounts(h.db);
    expect(
      (await post(NGO, `/plan/${id}`, { intent: "startDiscussion", title: "X", body: "Y" })).status,
    ).toBe(403);
    expect(await rowCounts(h.db)).toEqual(before);

    const res = await post(EXPERT, `/plan/${id}`, {
      intent: "startDiscussion",
      title: "Erfaringer med vejlederne",
      body: "Hvad hører I fra jobcentret?",
    });
    expect(res.status).toBe(302);
    const location = res.headers.get("location") ?? "";
    expect(location).toMatch(/^\/spaces\/ekspertgruppen\/threads\/[0-9a-f-]{36}$/);
    expect(await page(JOBCENTRE, `/plan/${id}`)).toContain("Erfaringer med vejlederne");
    expect(await page(NGO, `/plan/${id}`)).not.toContain("Erfaringer med vejlederne");
    expect(await page(EXPERT, location)).toContain("Hvad hører I fra jobcentret?");
  });

  it("links meetings under the meetings' own rules: a draft only for the secretariat", async () => {
    const id = await initiativeId(TITLE);
    const space = (
      await h.db
        .selectFrom("space")
        .select("id")
        .where("slug", "=", "ekspertgruppen")
        .executeTakeFirstOrThrow()
    ).id;
    const author = (
      await h.db
        .selectFrom("user")
        .select("id")
        .where("email", "=", SECRETARIAT)
        .executeTakeFirstOrThrow()
    ).id;
    const meeting = async (title: string, status: string) => {
      const mid = crypto.randomUUID();
      const now = new Date().toISOString();
      await h.db
        .insertInto("meeting")
        .values({
          id: mid,
          spaceId: space,
          title,
          startsAt: "2026-12-10T14:00:00.000Z",
          endsAt: "2026-12-10T16:00:00.000Z",
          status,
          createdById: author,
          createdAt: now,
          updatedAt: now,
        })
        .execute();
      return mid;
    };
    const draft = await meeting("Udkast til ekspertgruppemøde", "draft");
    const published = await meeting("Ekspertgruppemøde december", "published");
    // A member who may not see the draft cannot link it either.
    expect(
      (await post(JOBCENTRE, `/plan/${id}`, { intent: "linkMeeting", target: `meeting:${draft}` }))
        .status,
    ).toBe(404);
    for (const target of [`meeting:${draft}`, `meeting:${published}`]) {
      expect(
        (await post(SECRETARIAT, `/plan/${id}`, { intent: "linkMeeting", target })).status,
      ).toBe(302);
    }
    const secretariatView = await page(SECRETARIAT, `/plan/${id}`);
    expect(secretariatView).toContain("Udkast til ekspertgruppemøde");
    expect(secretariatView).toContain("Ekspertgruppemøde december");
    const memberView = await page(JOBCENTRE, `/plan/${id}`);
    expect(memberView).not.toContain("Udkast til ekspertgruppemøde");
    expect(memberView).toContain("Ekspertgruppemøde december");
    expect(await page(NGO, `/plan/${id}`)).not.toContain("Ekspertgruppemøde december");
  });
});

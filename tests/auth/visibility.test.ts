import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getVisiblePerson, listVisiblePeople, type Viewer } from "../../app/models/person.server";
import { listSpaceMembers } from "../../app/models/membership.server";
import { foldForSearch } from "../../app/lib/search-fold";
import { Client, startTestHub, type TestHub } from "../helpers/hub";
import {
  createMembership,
  createPerson,
  createSpace,
  csvValue,
  linkedPeople,
  mailtoAddresses,
  mainOf,
  parseCsv,
  signIn,
  spaceId,
  userId,
} from "../helpers/fixtures";

/**
 * List/detail consistency. Generated fixtures (extra spaces, people with current and former
 * memberships, hidden contact details, deactivated accounts) are checked three ways:
 *  - an oracle: the rule in app/models/person.server.ts written out in plain code;
 *  - the model: listVisiblePeople, listSpaceMembers and getVisiblePerson for every viewer;
 *  - HTTP, for a few viewers: /people, /organisations/:id, /spaces/:slug/members and the CSV list
 *    exactly the people whose /people/:id answers 200, with exactly the contact details it shows.
 */

/** A small deterministic generator, so that a failure can be replayed. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface UserRow {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  status: string;
  isSiteAdmin: number;
  contactVisibility: string;
  organisationId: string | null;
  searchText: string;
}
interface MembershipRow {
  spaceId: string;
  userId: string;
  leftAt: string | null;
}

const ROLES = ["chair", "secretariat", "member", "observer"] as const;
const FORMER = "2025-01-01T00:00:00.000Z";

describe("who sees whom: lists agree with detail pages", () => {
  let h: TestHub;
  let users: UserRow[];
  let memberships: MembershipRow[];
  let spaces: { id: string; slug: string }[];
  let organisations: { id: string }[];
  const generated: { g1: string; g2: string } = { g1: "", g2: "" };

  beforeAll(async () => {
    h = await startTestHub();
    const { db } = h;
    const rand = mulberry32(20260303);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;

    const genA = await createSpace(db, { slug: "gen-a", name: "Genereret rum A" });
    const genB = await createSpace(db, { slug: "gen-b", name: "Genereret rum B" });
    const genC = await createSpace(db, { slug: "gen-c", name: "Genereret rum C" });
    const net = await spaceId(db, "bispebjerg-netvaerk");
    const allSpaces = [genA, genB, genC, net, await spaceId(db, "ekspertgruppen")];
    const orgs = (await db.selectFrom("organisation").select("id").execute()).map((o) => o.id);
    const surnames = ["Ærø", "Søndergård", "Åberg", "Østergaard", "Yıldız", "Nielsen"];

    for (let i = 0; i < 24; i++) {
      const n = String(i).padStart(2, "0");
      const viewer = i < 2; // the two generated people who sign in below
      const id = await createPerson(db, {
        email: `gen.${n}@example.org`,
        name: `Gen${n} ${pick(surnames)}`,
        title: "Genereret",
        organisationId: rand() < 0.8 ? pick(orgs) : null,
        phone: rand() < 0.85 ? `+45 20 30 40 ${n}` : null,
        contactVisibility: rand() < 0.3 ? "nobody" : "members",
        status: !viewer && rand() < 0.15 ? "deactivated" : "active",
        canSignIn: viewer,
      });
      if (i === 0) {
        // Runs gen-a, is in gen-b, and left the network (so sees nobody through it any more).
        generated.g1 = id;
        await createMembership(db, { spaceId: genA, userId: id, role: "secretariat" });
        await createMembership(db, { spaceId: genB, userId: id, role: "member" });
        await createMembership(db, { spaceId: net, userId: id, role: "member", leftAt: FORMER });
        continue;
      }
      if (i === 1) {
        generated.g2 = id;
        await createMembership(db, { spaceId: genC, userId: id, role: "observer" });
        continue;
      }
      const taken = new Set<string>();
      const count = Math.floor(rand() * 4);
      for (let k = 0; k < count; k++) {
        const space = pick(allSpaces);
        if (taken.has(space)) continue;
        taken.add(space);
        const former = rand() < 0.3;
        await createMembership(db, {
          spaceId: space,
          userId: id,
          role: pick(ROLES),
          leftAt: former ? FORMER : null,
        });
        // Sometimes re-appointed after leaving: one former and one current row in the same space.
        if (former && rand() < 0.3) {
          await createMembership(db, { spaceId: space, userId: id, role: pick(ROLES) });
        }
      }
    }
    // Seeded people in the generated spaces, so that the two worlds overlap.
    const seeded = async (email: string, space: string, leftAt: string | null = null) =>
      createMembership(db, {
        spaceId: space,
        userId: await userId(db, email),
        role: "member",
        leftAt,
      });
    await seeded("ngo@bispebjerg.example", genB);
    await seeded("emre.yilmaz@nordvestgym.example", genC, FORMER);
    await seeded("nadia.rahimi@dfh.example", genA); // contact details: nobody
    await seeded("peter.brandt@ms.example", genA);
    await db
      .updateTable("user")
      .set({ status: "deactivated" })
      .where("email", "=", "peter.brandt@ms.example")
      .execute();

    users = await db
      .selectFrom("user")
      .select([
        "id",
        "name",
        "email",
        "phone",
        "status",
        "isSiteAdmin",
        "contactVisibility",
        "organisationId",
        "searchText",
      ])
      .execute();
    memberships = await db
      .selectFrom("membership")
      .select(["spaceId", "userId", "leftAt"])
      .execute();
    spaces = await db.selectFrom("space").select(["id", "slug"]).execute();
    organisations = await db.selectFrom("organisation").select("id").execute();
  });
  afterAll(async () => {
    await h?.close();
  });

  // --- the oracle: the rule in plain code --------------------------------------------
  const current = (userId: string, space: string) =>
    memberships.some((m) => m.userId === userId && m.spaceId === space && m.leftAt === null);
  const anyMembership = (userId: string, space: string) =>
    memberships.some((m) => m.userId === userId && m.spaceId === space);
  const viewerOf = (u: UserRow): Viewer => ({ id: u.id, isSiteAdmin: u.isSiteAdmin === 1 });

  function oracleSees(viewer: UserRow, person: UserRow): boolean {
    if (viewer.isSiteAdmin === 1 || viewer.id === person.id) return true;
    if (person.status !== "active") return false;
    return spaces.some((s) => current(viewer.id, s.id) && anyMembership(person.id, s.id));
  }
  function oracleContact(viewer: UserRow, person: UserRow): boolean {
    if (viewer.id === person.id) return true;
    if (person.contactVisibility !== "members" || person.status !== "active") return false;
    return spaces.some((s) => current(viewer.id, s.id) && current(person.id, s.id));
  }
  const ids = (xs: Iterable<{ id: string } | string>) =>
    [...xs].map((x) => (typeof x === "string" ? x : x.id)).sort();

  it("generated enough variety to mean something", () => {
    expect(users.length).toBeGreaterThan(40);
    expect(users.filter((u) => u.status === "deactivated").length).toBeGreaterThanOrEqual(2);
    expect(users.filter((u) => u.contactVisibility === "nobody").length).toBeGreaterThanOrEqual(4);
    expect(memberships.filter((m) => m.leftAt !== null).length).toBeGreaterThanOrEqual(4);
  });

  it("model: every list equals the detail check, for every viewer who can sign in", async () => {
    const { db } = h;
    const problems: string[] = [];
    for (const viewerRow of users.filter((u) => u.status === "active")) {
      const viewer = viewerOf(viewerRow);
      const detail = new Map<string, { email: string | null; phone: string | null }>();
      for (const person of users) {
        const seen = await getVisiblePerson(db, { viewer, personId: person.id });
        if (seen) detail.set(person.id, { email: seen.email, phone: seen.phone });
        // The detail check itself follows the rule, contact details included.
        if (!!seen !== oracleSees(viewerRow, person)) {
          problems.push(`${viewerRow.name} → ${person.name}: detail ${!!seen}`);
        }
        if (seen) {
          const shown = oracleContact(viewerRow, person);
          if (
            seen.email !== (shown ? person.email : null) ||
            seen.phone !== (shown ? person.phone : null)
          ) {
            problems.push(
              `${viewerRow.name} → ${person.name}: contact ${seen.email}/${seen.phone}`,
            );
          }
        }
      }
      const visible = [...detail.keys()].sort();
      const sameAsDetail = (
        label: string,
        rows: { id: string; email: string | null; phone: string | null }[],
        expected: string[],
      ) => {
        const got = ids(rows);
        if (JSON.stringify(got) !== JSON.stringify(expected.sort())) {
          problems.push(
            `${viewerRow.name}: ${label} lists ${got.length}, detail allows ${expected.length}`,
          );
        }
        for (const r of rows) {
          const d = detail.get(r.id);
          if (d && (d.email !== r.email || d.phone !== r.phone)) {
            problems.push(`${viewerRow.name}: ${label} shows other contact details for ${r.id}`);
          }
        }
      };

      sameAsDetail("directory", await listVisiblePeople(db, { viewer }), visible);
      // Search narrows the same set; it never widens it.
      for (const q of ["gen", "Søndergård", "aero", "Børns Vilkår", "jobcenter", "yildiz"]) {
        const terms = foldForSearch(q).split(" ");
        sameAsDetail(
          `search "${q}"`,
          await listVisiblePeople(db, { viewer, filter: { q } }),
          visible.filter((id) => {
            const text = users.find((u) => u.id === id)!.searchText;
            return terms.every((term) => text.includes(term));
          }),
        );
      }
      for (const org of organisations) {
        const inOrg = users.filter((u) => u.organisationId === org.id).map((u) => u.id);
        sameAsDetail(
          `organisation ${org.id}`,
          await listVisiblePeople(db, { viewer, filter: { organisationId: org.id } }),
          visible.filter((id) => inOrg.includes(id)),
        );
      }
      for (const space of spaces) {
        const runsOrSees = viewer.isSiteAdmin || current(viewer.id, space.id);
        // The directory's space filter: current members, and only of a space the viewer is in.
        sameAsDetail(
          `directory filtered to ${space.slug}`,
          await listVisiblePeople(db, { viewer, filter: { spaceId: space.id } }),
          runsOrSees ? visible.filter((id) => current(id, space.id)) : [],
        );
        if (!runsOrSees) continue; // the members page and CSV answer 404 (checked over HTTP)
        // The member list (page and CSV): current and former members, each one visible.
        const rows = await listSpaceMembers(db, { spaceId: space.id, viewer });
        sameAsDetail(
          `members of ${space.slug}`,
          [
            ...new Map(
              rows.map((r) => [r.userId, { id: r.userId, email: r.email, phone: r.phone }]),
            ).values(),
          ],
          visible.filter((id) => anyMembership(id, space.id)),
        );
      }
    }
    expect(problems).toEqual([]);
  });

  describe("over HTTP", () => {
    const viewers = [
      "ngo@bispebjerg.example",
      "emre.yilmaz@nordvestgym.example", // observer in the network, former member of gen-c
      "gen.00@example.org", // runs gen-a; former member of the network
      "admin@hub.example",
    ];

    for (const email of viewers) {
      it(`as ${email}: directory, organisations, member lists and CSV match the profile pages`, async () => {
        const viewer = users.find((u) => u.email === email)!;
        const client = await signIn(h, email);
        const problems: string[] = [];

        // What each profile page shows this viewer.
        const profile = new Map<string, { email: string | null; phone: boolean }>();
        await Promise.all(
          users.map(async (person) => {
            const res = await client.get(`/people/${person.id}`);
            const html = mainOf(await res.text());
            if (res.status === 200) {
              const mails = [...mailtoAddresses(html)];
              profile.set(person.id, {
                email: mails[0] ?? null,
                phone: person.phone !== null && html.includes(person.phone),
              });
            } else if (res.status !== 404) {
              problems.push(`/people/${person.name}: ${res.status}`);
            } else if (html.includes(person.name)) {
              problems.push(`/people/${person.name}: 404 page names the person`);
            }
          }),
        );
        const seen = [...profile.keys()].sort();
        expect(seen).toEqual(
          users
            .filter((p) => oracleSees(viewer, p))
            .map((p) => p.id)
            .sort(),
        );
        for (const [id, shown] of profile) {
          const person = users.find((u) => u.id === id)!;
          const contact = oracleContact(viewer, person);
          expect(shown, person.name).toEqual({
            email: contact ? person.email : null,
            phone: contact && person.phone !== null,
          });
        }
        const shownEmails = (personIds: string[]) =>
          [
            ...new Set(
              personIds.map((id) => profile.get(id)?.email).filter((e): e is string => !!e),
            ),
          ].sort();
        const phonesIn = (html: string) =>
          users
            .filter((u) => u.phone && html.includes(u.phone))
            .map((u) => u.id)
            .sort();
        const hiddenPhones = (html: string) =>
          phonesIn(html).filter((id) => !profile.get(id)?.phone);

        // The directory: the same people, the same emails, and no phone the profile hides.
        const directory = mainOf(await (await client.get("/people")).text());
        expect([...linkedPeople(directory)].sort(), "directory").toEqual(seen);
        expect([...mailtoAddresses(directory)].sort(), "directory emails").toEqual(
          shownEmails(seen),
        );
        expect(hiddenPhones(directory), "directory phones").toEqual([]);

        for (const org of organisations) {
          const res = await client.get(`/organisations/${org.id}`);
          expect(res.status).toBe(200);
          const html = mainOf(await res.text());
          const expected = seen.filter(
            (id) => users.find((u) => u.id === id)!.organisationId === org.id,
          );
          expect([...linkedPeople(html)].sort(), `organisation ${org.id}`).toEqual(expected);
          expect(hiddenPhones(html)).toEqual([]);
        }

        for (const space of spaces) {
          const sees = viewer.isSiteAdmin === 1 || current(viewer.id, space.id);
          const page = await client.get(`/spaces/${space.slug}/members`);
          expect(page.status, `${space.slug}/members`).toBe(sees ? 200 : 404);
          if (!sees) continue;
          const html = mainOf(await page.text());
          const members = seen.filter((id) => anyMembership(id, space.id));
          const currentMembers = members.filter((id) => current(id, space.id));
          expect([...linkedPeople(html)].sort(), `${space.slug}/members`).toEqual(members);
          // Contact details stand beside current members, exactly as their profiles show them.
          expect([...mailtoAddresses(html)].sort(), `${space.slug} emails`).toEqual(
            shownEmails(currentMembers),
          );
          expect(phonesIn(html), `${space.slug} phones`).toEqual(
            currentMembers.filter((id) => profile.get(id)?.phone).sort(),
          );

          const csv = await client.get(`/spaces/${space.slug}/members.csv`);
          const runs =
            viewer.isSiteAdmin === 1 ||
            (
              await h.db
                .selectFrom("membership")
                .select("role")
                .where("spaceId", "=", space.id)
                .where("userId", "=", viewer.id)
                .where("leftAt", "is", null)
                .executeTakeFirst()
            )?.role === "secretariat";
          expect(csv.status, `${space.slug}.csv`).toBe(runs ? 200 : 403);
          if (!runs) continue;
          const [header, ...rows] = parseCsv(await csv.text());
          const col = (name: string) => header!.indexOf(name);
          const byName = new Map(users.map((u) => [u.name, u]));
          const csvPeople = new Set<string>();
          for (const row of rows) {
            const person = byName.get(row[col("Navn")]!);
            if (!person) {
              problems.push(`${space.slug}.csv: unknown row ${row.join(";")}`);
              continue;
            }
            csvPeople.add(person.id);
            const shown = profile.get(person.id);
            expect(csvValue(row[col("E-mail")]), `${space.slug}.csv ${person.name}`).toBe(
              shown?.email ?? null,
            );
            expect(csvValue(row[col("Telefon")]), `${space.slug}.csv ${person.name}`).toBe(
              shown?.phone ? person.phone : null,
            );
          }
          expect([...csvPeople].sort(), `${space.slug}.csv`).toEqual(members);
        }
        expect(problems).toEqual([]);
      });
    }
  });

  it("over HTTP: a generated viewer in a single small space sees only that circle", async () => {
    const client = new Client(h.url);
    await client.login("gen.01@example.org");
    const html = mainOf(await (await client.get("/people")).text());
    const viewer = users.find((u) => u.id === generated.g2)!;
    const expected = users
      .filter((p) => oracleSees(viewer, p))
      .map((p) => p.id)
      .sort();
    expect([...linkedPeople(html)].sort()).toEqual(expected);
    // Nobody from the network or the expert group, unless they are also in gen-c.
    for (const person of users) {
      if (!expected.includes(person.id)) expect(html).not.toContain(person.name);
    }
  });
});

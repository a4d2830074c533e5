import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestHub, type TestHub } from "../helpers/hub";
import {
  createMembership,
  createPerson,
  csvValue,
  fieldError,
  linkedPeople,
  mailtoAddresses,
  mainOf,
  organisationId,
  parseCsv,
  rowCounts,
  signIn,
  spaceId,
  unescapeHtml,
  userId,
} from "../helpers/fixtures";

/**
 * The member directory: search that forgives diacritics and æ/ø/å, filters that reveal nothing
 * outside the viewer's spaces, profile editing with Danish messages for bad input, and the
 * "nobody" choice for contact details honoured everywhere.
 */
describe("member directory and profiles", () => {
  let h: TestHub;
  let yasmin: Client; // ngo@bispebjerg.example, a member of the network only
  let leyla: Client; // chair of the network
  let emre: Client; // observer in the network, member of the follow-up group
  let admin: Client;
  let secretariat: Client;
  const names = new Map<string, string>();

  beforeAll(async () => {
    h = await startTestHub();
    // A network member whose name needs folding, beside the administrator "Anne Holm Sørensen",
    // whom no network member can see.
    const soren = await createPerson(h.db, {
      email: "soren.sorensen@dfh.example",
      name: "Søren Sørensen",
      title: "Kursusleder",
      organisationId: await organisationId(h.db, "Dansk Flygtningehjælp"),
      expertise: ["æresrelaterede konflikter"],
      phone: "+45 00 00 30 01",
    });
    await createMembership(h.db, {
      spaceId: await spaceId(h.db, "bispebjerg-netvaerk"),
      userId: soren,
      role: "member",
    });
    for (const u of await h.db.selectFrom("user").select(["id", "name"]).execute()) {
      names.set(u.id, u.name);
    }
    [yasmin, leyla, emre, admin, secretariat] = await Promise.all([
      signIn(h, "ngo@bispebjerg.example"),
      signIn(h, "leyla.ozdemir@bif.example"),
      signIn(h, "emre.yilmaz@nordvestgym.example"),
      signIn(h, "admin@hub.example"),
      signIn(h, "sekretariat@bif.example"),
    ]);
  });
  afterAll(async () => {
    await h?.close();
  });

  /** The names of the people a directory URL lists, sorted. */
  async function listed(client: Client, query: string): Promise<string[]> {
    const res = await client.get(`/people${query}`);
    expect(res.status, query).toBe(200);
    return [...linkedPeople(mainOf(await res.text()))].map((id) => names.get(id)!).sort();
  }
  const q = (text: string) => `?q=${encodeURIComponent(text)}`;

  describe("search", () => {
    it("finds Özdemir with or without the diacritic, in any case", async () => {
      for (const text of ["Ozdemir", "özdemir", "OZDEMIR", "Özdemir", "leyla ozdemir"]) {
        expect(await listed(yasmin, q(text)), text).toEqual(["Leyla Özdemir"]);
      }
    });

    it("finds Sørensen however ø is typed, and only the Sørensen the viewer may see", async () => {
      for (const text of ["soerensen", "sorensen", "Sørensen", "SØRENSEN", "Soren Sorensen"]) {
        expect(await listed(yasmin, q(text)), text).toEqual(["Søren Sørensen"]);
        expect(await listed(admin, q(text)), text).toEqual([
          "Anne Holm Sørensen",
          "Søren Sørensen",
        ]);
      }
    });

    it("finds the Børns Vilkår people the viewer shares a space with, with or without æøå", async () => {
      for (const text of ["borns vilkar", "Børns Vilkår", "boerns vilkaar", "BORNS"]) {
        expect(await listed(yasmin, q(text)), text).toEqual(["Amira Khalil"]);
      }
      // The expert group member from Børns Vilkår is found by someone in the expert group.
      const expert = await signIn(h, "rasmus.kjaer@cntact.example");
      expect(await listed(expert, q("borns vilkar"))).toEqual(["Sofie Bach Nielsen"]);
    });

    it("finds dotless ı as i", async () => {
      for (const text of ["yilmaz", "Yılmaz", "YILMAZ"]) {
        expect(await listed(yasmin, q(text)), text).toEqual(["Emre Yılmaz"]);
      }
    });

    it("searches by organisation and by expertise, every word having to match", async () => {
      expect(await listed(yasmin, q("Mellemfolkeligt"))).toEqual(["Peter Brandt", "Yasmin Haddad"]);
      expect(await listed(yasmin, q("Dansk Flygtningehjælp"))).toEqual([
        "Nadia Rahimi",
        "Søren Sørensen",
      ]);
      for (const text of ["nøglepersonsuddannelse", "noeglepersonsuddannelse", "noglepersons"]) {
        expect(await listed(yasmin, q(text)), text).toEqual(["Leyla Özdemir", "Zainab Hussein"]);
      }
      expect(await listed(yasmin, q("æresrelaterede"))).toEqual([
        "Søren Sørensen",
        "Zainab Hussein",
      ]);
      expect(await listed(yasmin, q("lokalsamfund frivillighed"))).toEqual([
        "Hanne Kristiansen",
        "Nadia Rahimi",
        "Peter Brandt",
        "Yasmin Haddad",
      ]);
      expect(await listed(yasmin, q("ingen-rammer-dette"))).toEqual([]);
      // Wildcards are not wildcards.
      expect(await listed(yasmin, q("%"))).toEqual(await listed(yasmin, ""));
      expect(await listed(yasmin, q("_a_"))).toEqual(await listed(yasmin, q("a")));
    });
  });

  describe("filters", () => {
    it("filters by organisation type", async () => {
      expect(await listed(yasmin, "?organisationType=housing")).toEqual(["Hanne Kristiansen"]);
      expect(await listed(yasmin, "?organisationType=national_centre")).toEqual(["Zainab Hussein"]);
      expect(await listed(yasmin, "?organisationType=education")).toEqual(["Emre Yılmaz"]);
      // An unknown type is dropped, as a URL filter should be, rather than refused.
      expect(await listed(yasmin, "?organisationType=bogus")).toEqual(await listed(yasmin, ""));
    });

    it("filters by role, counting only roles in spaces the viewer is in", async () => {
      expect(await listed(yasmin, "?role=chair")).toEqual(["Leyla Özdemir"]);
      expect(await listed(yasmin, "?role=observer")).toEqual(["Emre Yılmaz"]);
      expect(await listed(yasmin, "?role=secretariat")).toEqual(["Mette Lindholm"]);
      // Emre is a member of the follow-up group, which Yasmin is not in: she must not learn that.
      expect(await listed(yasmin, "?role=member")).not.toContain("Emre Yılmaz");
      // Emre is in both, so he sees both chairs.
      expect(await listed(emre, "?role=chair")).toEqual(["Henrik Dahl Jensen", "Leyla Özdemir"]);
    });

    it("filters by space: its current members, and never a space the viewer is not in", async () => {
      const network = await listed(yasmin, "?space=bispebjerg-netvaerk");
      expect(network).toContain("Søren Sørensen");
      expect(network).toContain("Emre Yılmaz");
      expect(network).not.toContain("Jonas Vestergaard"); // a former member
      expect(await listed(emre, "?space=foelgegruppen&role=member")).toContain("Kasper Mortensen");

      for (const query of [
        "?space=ekspertgruppen",
        "?space=foelgegruppen",
        "?space=ekspertgruppen&role=member",
        "?space=findes-ikke",
        "?space=ekspertgruppen&q=Sofie",
      ]) {
        const res = await yasmin.get(`/people${query}`);
        expect(res.status, query).toBe(200);
        const html = await res.text();
        const main = mainOf(html);
        expect(linkedPeople(main).size, query).toBe(0);
        expect(main).toContain("0 personer");
        for (const secret of ["Ekspertgruppen til forebyggelse", "Følgegruppen", "Sofie Bach"]) {
          expect(html, `${query} reveals ${secret}`).not.toContain(secret);
        }
      }
    });
  });

  describe("profile editing", () => {
    const valid = async (over: Record<string, string> = {}) => {
      const fields: Record<string, string> = {
        name: "Yasmin Haddad",
        title: "Projektleder",
        organisationId: await organisationId(h.db, "Mellemfolkeligt Samvirke"),
        bio: "Leder frivilliginddragelsen på Bispebjerg Bakke.",
        phone: "+45 00 00 20 04",
        contactVisibility: "members",
        expertise: "frivillighed, æbleskiver, lokalsamfund",
        ...over,
      };
      const body = new URLSearchParams(fields);
      body.append("languages", "da");
      body.append("languages", "ar");
      return body;
    };
    const yasminRow = async () =>
      h.db
        .selectFrom("user")
        .selectAll()
        .where("email", "=", "ngo@bispebjerg.example")
        .executeTakeFirstOrThrow();

    it("saves a valid profile, and the directory and search reflect it at once", async () => {
      const res = await yasmin.request("/profile", { method: "POST", body: await valid() });
      expect(res.status).toBe(200);
      expect(mainOf(await res.text())).toContain("Din profil er gemt.");

      for (const text of ["aebleskiver", "æbleskiver", "ABLESKIVER"]) {
        expect(await listed(leyla, q(text)), text).toEqual(["Yasmin Haddad"]);
      }
      const id = await userId(h.db, "ngo@bispebjerg.example");
      const profile = mainOf(await (await leyla.get(`/people/${id}`)).text());
      expect(profile).toContain("Projektleder");
      expect(profile).toContain("Leder frivilliginddragelsen på Bispebjerg Bakke.");
      expect(profile).toContain("+45 00 00 20 04");
      expect(profile).toContain("Arabisk");
      expect(mainOf(await (await leyla.get("/people")).text())).toContain("Projektleder");
    });

    it("refuses bad input with 400 and a Danish message at the field, writing nothing", async () => {
      const cases: [Record<string, string>, string, string][] = [
        [{ bio: "x".repeat(2001) }, "bio", "Teksten er for lang."],
        [
          { phone: "ring til mig" },
          "phone",
          "Skriv et telefonnummer med cifre, mellemrum, + eller -.",
        ],
        [{ name: "" }, "name", "Udfyld feltet."],
        [{ name: "n".repeat(121) }, "name", "Teksten er for lang."],
        [{ organisationId: randomUUID() }, "organisationId", "Vælg en organisation fra listen."],
        [{ organisationId: "ikke-et-id" }, "organisationId", "Vælg en organisation fra listen."],
        [{ contactVisibility: "alle" }, "contactVisibility", "Udfyld feltet."],
        [
          { expertise: `unge, ${"x".repeat(61)}` },
          "expertise",
          "Hvert emne må højst være 60 tegn.",
        ],
        [
          { expertise: Array.from({ length: 21 }, (_, i) => `emne ${i}`).join(", ") },
          "expertise",
          "Højst 20 emner.",
        ],
      ];
      for (const [over, field, message] of cases) {
        const before = { row: await yasminRow(), counts: await rowCounts(h.db) };
        const res = await yasmin.request("/profile", {
          method: "POST",
          body: await valid({ title: "Skulle ikke gemmes", ...over }),
        });
        expect(res.status, field).toBe(400);
        expect(fieldError(await res.text(), field), field).toBe(message);
        expect({ row: await yasminRow(), counts: await rowCounts(h.db) }, field).toEqual(before);
      }
    });

    it("hides email and phone from everyone else when the person chooses nobody", async () => {
      const res = await yasmin.request("/profile", {
        method: "POST",
        body: await valid({ contactVisibility: "nobody" }),
      });
      expect(res.status).toBe(200);
      const id = await userId(h.db, "ngo@bispebjerg.example");
      const email = "ngo@bispebjerg.example";
      const phone = "+45 00 00 20 04";

      for (const client of [leyla, emre, secretariat, admin]) {
        for (const page of ["/people", `/people/${id}`, "/spaces/bispebjerg-netvaerk/members"]) {
          const html = mainOf(await (await client.get(page)).text());
          expect(html, page).toContain("Yasmin Haddad");
          expect(mailtoAddresses(html).has(email), page).toBe(false);
          expect(html, page).not.toContain(email);
          expect(html, page).not.toContain(phone);
        }
        const profile = mainOf(await (await client.get(`/people/${id}`)).text());
        expect(profile).toContain("Ikke synlig");
      }
      // Others keep their details: Leyla's are still shown to Emre.
      expect(mailtoAddresses(mainOf(await (await emre.get("/people")).text()))).toContain(
        "leyla.ozdemir@bif.example",
      );

      const csv = await secretariat.get("/spaces/bispebjerg-netvaerk/members.csv");
      expect(csv.status).toBe(200);
      const text = await csv.text();
      expect(text).not.toContain(email);
      expect(text).not.toContain(phone);
      const [header, ...rows] = parseCsv(text);
      const row = rows.find((r) => r[header!.indexOf("Navn")] === "Yasmin Haddad")!;
      expect(row).toBeTruthy();
      expect(csvValue(row[header!.indexOf("E-mail")])).toBeNull();
      expect(csvValue(row[header!.indexOf("Telefon")])).toBeNull();
      const leylaRow = rows.find((r) => r[header!.indexOf("Navn")] === "Leyla Özdemir")!;
      expect(csvValue(leylaRow[header!.indexOf("E-mail")])).toBe("leyla.ozdemir@bif.example");

      // She still sees her own.
      const own = mainOf(await (await yasmin.get(`/people/${id}`)).text());
      expect(mailtoAddresses(own)).toEqual(new Set([email]));
      expect(own).toContain(phone);
    });
  });
  it("shows a long result in pages of 50 that together hold every match once, and keeps the search", async () => {
    const network = await spaceId(h.db, "bispebjerg-netvaerk");
    const made = new Set<string>();
    for (let i = 1; i <= 60; i++) {
      const id = await createPerson(h.db, {
        email: `pagineret.${i}@example.org`,
        name: `Pagineret Person ${String(i).padStart(2, "0")}`,
      });
      await createMembership(h.db, { spaceId: network, userId: id, role: "member" });
      made.add(id);
    }
    const first = await (await yasmin.get("/people?q=pagineret")).text();
    expect(mainOf(first)).toContain("60 personer (side 1 af 2)");
    const onFirst = linkedPeople(mainOf(first));
    expect(onFirst.size).toBe(50);
    // The next page keeps the search.
    const next = /<a[^>]*href="([^"]+)"[^>]*rel="next"|<a[^>]*rel="next"[^>]*href="([^"]+)"/.exec(
      mainOf(first),
    );
    const href = new URL(unescapeHtml((next?.[1] ?? next?.[2])!), `${h.url}/people`);
    expect(href.pathname).toBe("/people");
    expect(href.searchParams.get("q")).toBe("pagineret");
    expect(href.searchParams.get("page")).toBe("2");
    const second = await (await yasmin.get(href.pathname + href.search)).text();
    expect(mainOf(second)).toContain("60 personer (side 2 af 2)");
    const onSecond = linkedPeople(mainOf(second));
    expect(onSecond.size).toBe(10);
    expect([...onSecond].filter((id) => onFirst.has(id))).toEqual([]);
    expect(new Set([...onFirst, ...onSecond])).toEqual(made);
    // A page past the end is empty, not an error; a nonsense page number shows the first.
    expect((await yasmin.get("/people?q=pagineret&page=9")).status).toBe(200);
    const nonsense = await (await yasmin.get("/people?q=pagineret&page=abc")).text();
    expect(linkedPeople(mainOf(nonsense))).toEqual(onFirst);
  });
});

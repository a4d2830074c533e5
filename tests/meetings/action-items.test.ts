import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copenhagenToday } from "../../app/lib/zoned-time";
import { Client, startTestHub, type TestHub } from "../helpers/hub";
import {
  createMembership,
  createPerson,
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
import {
  createTestActionItem,
  createTestAgendaItem,
  createTestMeeting,
} from "../helpers/meeting-fixtures";

/**
 * Action items over real HTTP: the secretariat hands them out (from an agenda item or directly),
 * the assignee — a person, or anyone in the assignee organisation — updates them, "My action
 * items" gathers them across spaces, and the closed-item rule narrows every list.
 */

const SLUG = "bispebjerg-netvaerk";
const LIST = `/spaces/${SLUG}/action-items`;

/** The action items of a page, in page order: title, overdue label and status text. */
function itemsOf(html: string) {
  return mainOf(html)
    .split(/<li id="action-/)
    .slice(1)
    .map((chunk) => ({
      title: unescapeHtml(/<strong>([^<]*)<\/strong>/.exec(chunk)?.[1] ?? ""),
      overdue: chunk.includes('<span class="badge badge--warning">Overskredet</span>'),
      status: unescapeHtml(/class="action-item__status">([^<]*)/.exec(chunk)?.[1] ?? ""),
      canUpdate: chunk.includes('name="intent" value="setStatus"'),
    }));
}

describe("action items over HTTP", () => {
  let h: TestHub;
  let space: string;
  let expertSpace: string;
  let ids: Record<string, string>;
  let secretariat: Client;
  let chair: Client;
  let yasmin: Client; // member, Mellemfolkeligt Samvirke
  let peter: Client; // member, Mellemfolkeligt Samvirke
  let amira: Client; // member, Børns Vilkår
  let zainab: Client; // member of the network and of the expert group, NCAK
  let jonas: Client; // left the network in 2025, still in the expert group
  let unnamedSecretariat: Client;

  beforeAll(async () => {
    h = await startTestHub();
    space = await spaceId(h.db, SLUG);
    expertSpace = await spaceId(h.db, "ekspertgruppen");
    ids = {
      secretariat: await userId(h.db, "sekretariat@bif.example"),
      chair: await userId(h.db, "leyla.ozdemir@bif.example"),
      yasmin: await userId(h.db, "ngo@bispebjerg.example"),
      amira: await userId(h.db, "amira.khalil@boernsvilkaar.example"),
      zainab: await userId(h.db, "zainab.hussein@ncak.example"),
      jonas: await userId(h.db, "jonas.vestergaard@cdp.example"),
      ms: await organisationId(h.db, "Mellemfolkeligt Samvirke"),
      ncak: await organisationId(h.db, "Nationalt Center mod Æresrelaterede Konflikter"),
    };
    ids.unnamed = await createPerson(h.db, {
      email: "sekretariat3@bif.example",
      name: "Sekretær Tre",
      canSignIn: true,
    });
    await createMembership(h.db, { spaceId: space, userId: ids.unnamed, role: "secretariat" });
    [secretariat, chair, yasmin, peter, amira, zainab, jonas, unnamedSecretariat] =
      await Promise.all(
        [
          "sekretariat@bif.example",
          "leyla.ozdemir@bif.example",
          "ngo@bispebjerg.example",
          "peter.brandt@ms.example",
          "amira.khalil@boernsvilkaar.example",
          "zainab.hussein@ncak.example",
          "jonas.vestergaard@cdp.example",
          "sekretariat3@bif.example",
        ].map((email) => signIn(h, email)),
      );
  });
  afterAll(async () => {
    await h?.close();
  });

  async function meetingWithItems() {
    const meetingId = await createTestMeeting(h.db, {
      spaceId: space,
      createdById: ids.secretariat!,
      title: "Netværksmøde april",
    });
    const base = { meetingId, spaceId: space, createdById: ids.secretariat! };
    const open = await createTestAgendaItem(h.db, { ...base, title: "Aktiviteter", position: 1 });
    const closed = await createTestAgendaItem(h.db, {
      ...base,
      title: "Lukket punkt",
      position: 2,
      access: [ids.secretariat!, ids.chair!],
    });
    return { meetingId, open, closed };
  }

  async function actionItem(title: string) {
    return h.db
      .selectFrom("actionItem")
      .selectAll()
      .where("title", "=", title)
      .executeTakeFirstOrThrow();
  }

  it("creates an action item from an agenda item, shown under it in the minutes", async () => {
    const m = await meetingWithItems();
    const res = await secretariat.post(LIST, {
      intent: "create",
      title: "Book lokaler til sommerfesten",
      description: "Spørg biblioteket først.",
      assignee: `user:${ids.amira}`,
      dueDate: "2030-06-01",
      agendaItemId: m.open,
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(
      `/spaces/${SLUG}/meetings/${m.meetingId}/minutes#item-${m.open}`,
    );
    const row = await actionItem("Book lokaler til sommerfesten");
    expect(row).toMatchObject({
      spaceId: space,
      meetingId: m.meetingId,
      agendaItemId: m.open,
      assigneeUserId: ids.amira,
      assigneeOrganisationId: null,
      dueDate: "2030-06-01",
      status: "open",
      createdById: ids.secretariat,
    });
    const minutes = await (
      await secretariat.get(`/spaces/${SLUG}/meetings/${m.meetingId}/minutes`)
    ).text();
    const item = mainOf(minutes).split(`id="item-${m.open}"`)[1]!.split('id="item-')[0]!;
    expect(item).toContain("Book lokaler til sommerfesten");
    expect(item).toContain("Amira Khalil");
    const list = await (await yasmin.get(LIST)).text();
    expect(mainOf(list)).toContain("Fra mødet Netværksmøde april, punkt: Aktiviteter");
  });

  it("assigns to a person or an organisation; the assignee or the secretariat update the status", async () => {
    await secretariat.post(LIST, {
      intent: "create",
      title: "Skriv invitation til forældremøde",
      assignee: `user:${ids.amira}`,
      dueDate: "",
    });
    await secretariat.post(LIST, {
      intent: "create",
      title: "Find frivillige til cafe",
      assignee: `org:${ids.ms}`,
      dueDate: "2030-01-15",
    });
    const toPerson = await actionItem("Skriv invitation til forældremøde");
    const toOrganisation = await actionItem("Find frivillige til cafe");
    expect(toPerson).toMatchObject({ assigneeUserId: ids.amira, assigneeOrganisationId: null });
    expect(toOrganisation).toMatchObject({ assigneeUserId: null, assigneeOrganisationId: ids.ms });

    // Only the assignee (and the secretariat) are offered the status form.
    const amiraList = itemsOf(await (await amira.get(LIST)).text());
    expect(amiraList.find((i) => i.title === toPerson.title)?.canUpdate).toBe(true);
    expect(amiraList.find((i) => i.title === toOrganisation.title)?.canUpdate).toBe(false);

    // The person assigned.
    let res = await amira.post(LIST, {
      intent: "setStatus",
      actionItemId: toPerson.id,
      status: "done",
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(LIST);
    const done = await actionItem(toPerson.title);
    expect(done.status).toBe("done");
    expect(done.completedAt).not.toBeNull();
    // Any member of the assignee organisation, back to "my action items" when asked.
    res = await peter.post(LIST, {
      intent: "setStatus",
      actionItemId: toOrganisation.id,
      status: "in_progress",
      returnTo: "/action-items",
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/action-items");
    expect((await actionItem(toOrganisation.title)).status).toBe("in_progress");

    // Others may not: 403 and nothing changes.
    for (const [who, item] of [
      [yasmin, toPerson],
      [chair, toPerson],
      [amira, toOrganisation],
    ] as const) {
      const before = await actionItem(item.title);
      res = await who.post(LIST, { intent: "setStatus", actionItemId: item.id, status: "open" });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain(DA.forbidden);
      expect(await actionItem(item.title)).toEqual(before);
    }
    // The secretariat may; reopening clears the completion time.
    res = await secretariat.post(LIST, {
      intent: "setStatus",
      actionItemId: toPerson.id,
      status: "open",
    });
    expect(res.status).toBe(302);
    expect(await actionItem(toPerson.title)).toMatchObject({ status: "open", completedAt: null });
    // A foreign redirect target is not followed.
    res = await secretariat.post(LIST, {
      intent: "setStatus",
      actionItemId: toPerson.id,
      status: "open",
      returnTo: "https://evil.example/",
    });
    expect(res.headers.get("location")).toBe(LIST);
  });

  it("gathers my action items across spaces, overdue first, and marks overdue ones in words", async () => {
    await createTestActionItem(h.db, {
      spaceId: space,
      createdById: ids.secretariat!,
      title: "Zainab: rapport til netværket",
      assigneeUserId: ids.zainab,
      dueDate: "2030-03-01",
    });
    await createTestActionItem(h.db, {
      spaceId: expertSpace,
      createdById: ids.secretariat!,
      title: "Zainab: oplæg til ekspertgruppen",
      assigneeUserId: ids.zainab,
      dueDate: "2020-01-10",
    });
    await createTestActionItem(h.db, {
      spaceId: expertSpace,
      createdById: ids.secretariat!,
      title: "NCAK: materiale om nøglepersoner",
      assigneeOrganisationId: ids.ncak,
      dueDate: "2029-05-01",
    });
    await createTestActionItem(h.db, {
      spaceId: space,
      createdById: ids.secretariat!,
      title: "Zainab: afsluttet opgave",
      assigneeUserId: ids.zainab,
      dueDate: "2020-01-01",
      status: "done",
    });
    await createTestActionItem(h.db, {
      spaceId: space,
      createdById: ids.secretariat!,
      title: "Ikke Zainabs opgave",
      assigneeUserId: ids.amira,
      dueDate: "2020-01-01",
    });
    const res = await zainab.get("/action-items");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('href="/action-items"'); // in the main navigation
    expect(mainOf(html)).toContain("<h1>Mine opfølgningspunkter</h1>");
    // The demo data gives Zainab action items of her own; these are the ones this test made.
    const made = /^(Zainab|NCAK|Ikke Zainabs)/;
    const mine = itemsOf(html).filter((i) => made.test(i.title));
    expect(mine.map((i) => i.title)).toEqual([
      "Zainab: oplæg til ekspertgruppen",
      "NCAK: materiale om nøglepersoner",
      "Zainab: rapport til netværket",
      "Zainab: afsluttet opgave",
    ]);
    expect(mine.map((i) => i.overdue)).toEqual([true, false, false, false]);
    expect(mine[3]!.status).toContain("Udført");

    // The space's list, filtered.
    const overdue = itemsOf(await (await secretariat.get(`${LIST}?status=overdue`)).text());
    expect(overdue.map((i) => i.title)).toContain("Ikke Zainabs opgave");
    expect(overdue.every((i) => i.overdue)).toBe(true);
    expect(overdue.map((i) => i.title)).not.toContain("Zainab: afsluttet opgave");
    const done = itemsOf(await (await secretariat.get(`${LIST}?status=done`)).text());
    expect(done.map((i) => i.title)).toContain("Zainab: afsluttet opgave");
    expect(done.every((i) => i.status.startsWith("Udført"))).toBe(true);
    const open = itemsOf(await (await secretariat.get(LIST)).text());
    expect(open.map((i) => i.title)).not.toContain("Zainab: afsluttet opgave");
    expect(copenhagenToday()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("shows nothing of a space to a person who left it", async () => {
    await createTestActionItem(h.db, {
      spaceId: space,
      createdById: ids.secretariat!,
      title: "Jonas: gammel opgave i netværket",
      assigneeUserId: ids.jonas,
    });
    await createTestActionItem(h.db, {
      spaceId: expertSpace,
      createdById: ids.secretariat!,
      title: "Jonas: opgave i ekspertgruppen",
      assigneeUserId: ids.jonas,
    });
    const mine = itemsOf(await (await jonas.get("/action-items")).text());
    // Only the expert group's items, the demo data's among them; nothing of the network he left.
    expect(mine.map((i) => i.title)).toContain("Jonas: opgave i ekspertgruppen");
    expect(mine.map((i) => i.title)).not.toContain("Jonas: gammel opgave i netværket");
    const networkTitles = (
      await h.db.selectFrom("actionItem").select("title").where("spaceId", "=", space).execute()
    ).map((r) => r.title);
    expect(mine.filter((i) => networkTitles.includes(i.title))).toEqual([]);
    const res = await jonas.get(LIST);
    expect(res.status).toBe(404);
    const old = await actionItem("Jonas: gammel opgave i netværket");
    const post = await jonas.post(LIST, {
      intent: "setStatus",
      actionItemId: old.id,
      status: "done",
    });
    expect(post.status).toBe(404);
    expect((await actionItem(old.title)).status).toBe("open");
  });

  it("shows an action item from a closed agenda item only to those named on it and its assignee", async () => {
    const m = await meetingWithItems();
    const res = await secretariat.post(LIST, {
      intent: "create",
      title: "Fortrolig opfølgning",
      assignee: `user:${ids.amira}`,
      dueDate: "2020-02-02",
      agendaItemId: m.closed,
    });
    expect(res.status).toBe(302);
    const item = await actionItem("Fortrolig opfølgning");
    for (const path of [LIST, `${LIST}?status=all`, `${LIST}?status=overdue`]) {
      for (const who of [yasmin, peter, unnamedSecretariat]) {
        expect(await (await who.get(path)).text()).not.toContain("Fortrolig opfølgning");
      }
      for (const who of [secretariat, chair, amira]) {
        expect(itemsOf(await (await who.get(path)).text()).map((i) => i.title)).toContain(
          "Fortrolig opfølgning",
        );
      }
    }
    expect(itemsOf(await (await amira.get("/action-items")).text()).map((i) => i.title)).toContain(
      "Fortrolig opfølgning",
    );
    // Someone who may not see it cannot change it either: it does not exist for them.
    const post = await unnamedSecretariat.post(LIST, {
      intent: "setStatus",
      actionItemId: item.id,
      status: "done",
    });
    expect(post.status).toBe(404);
    expect((await actionItem(item.title)).status).toBe("open");
    // Nor can a secretariat member not named create one from that item.
    const before = await rowCounts(h.db);
    const create = await unnamedSecretariat.post(LIST, {
      intent: "create",
      title: "Forsøg",
      agendaItemId: m.closed,
    });
    expect(create.status).toBe(400);
    expect(await rowCounts(h.db)).toEqual(before);
  });

  it("refuses bad input with a field message and writes nothing", async () => {
    const foreignMeeting = await createTestMeeting(h.db, {
      spaceId: expertSpace,
      createdById: ids.secretariat!,
      title: "Ekspertmøde",
    });
    const foreignItem = await createTestAgendaItem(h.db, {
      meetingId: foreignMeeting,
      spaceId: expertSpace,
      createdById: ids.secretariat!,
      title: "Ekspertpunkt",
      position: 1,
    });
    const before = await rowCounts(h.db);
    const cases: [Record<string, string>, string, string][] = [
      [{ dueDate: "2026-02-30" }, "dueDate", "Skriv fristen som en gyldig dato (ÅÅÅÅ-MM-DD)."],
      [{ dueDate: "i morgen" }, "dueDate", "Skriv fristen som en gyldig dato (ÅÅÅÅ-MM-DD)."],
      [
        { assignee: `user:${ids.jonas}` },
        "assignee",
        "Vælg en ansvarlig, der er medlem af rummet, eller en organisation fra listen.",
      ],
      [
        { assignee: "org:00000000-0000-4000-8000-000000000000" },
        "assignee",
        "Vælg en ansvarlig, der er medlem af rummet, eller en organisation fra listen.",
      ],
      [
        { assignee: `${ids.amira}` },
        "assignee",
        "Vælg en ansvarlig, der er medlem af rummet, eller en organisation fra listen.",
      ],
      [{ agendaItemId: foreignItem }, "agendaItemId", "Dagsordenspunktet findes ikke i dette rum."],
      [{ title: "  " }, "title", "Udfyld feltet."],
    ];
    for (const [fields, field, message] of cases) {
      const res = await secretariat.post(LIST, {
        intent: "create",
        title: "Ugyldigt punkt",
        ...fields,
      });
      expect(res.status, JSON.stringify(fields)).toBe(400);
      const html = await res.text();
      expect(fieldError(html, field), JSON.stringify(fields)).toBe(message);
    }
    // A member may not create at all, however good the form.
    const res = await yasmin.post(LIST, { intent: "create", title: "Min egen opgave" });
    expect(res.status).toBe(403);
    // An unknown status, an unknown item.
    const some = await createTestActionItem(h.db, {
      spaceId: space,
      createdById: ids.secretariat!,
      title: "Statusprøve",
    });
    const after = await rowCounts(h.db);
    expect(after.actionItem).toBe(before.actionItem! + 1);
    expect(
      (await secretariat.post(LIST, { intent: "setStatus", actionItemId: some, status: "lukket" }))
        .status,
    ).toBe(400);
    expect(
      (
        await secretariat.post(LIST, {
          intent: "setStatus",
          actionItemId: "00000000-0000-4000-8000-000000000000",
          status: "done",
        })
      ).status,
    ).toBe(404);
    expect(await rowCounts(h.db)).toEqual(after);
    expect((await actionItem("Statusprøve")).status).toBe("open");
  });
});

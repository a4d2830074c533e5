import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCourse } from "../../app/models/training.server";
import { type Client, startTestHub, type TestHub } from "../helpers/hub";
import {
  createMembership,
  createSpace,
  DA,
  fieldError,
  mainOf,
  rowCounts,
  signIn,
  spaceId,
  unescapeHtml,
  userId,
} from "../helpers/fixtures";

/**
 * The key-person training over plain HTTP: the secretariat builds a course, adds sessions and
 * participants, records attendance and completion; completion shows as a key-person badge in
 * the directory and on the profile. Members only read; every refused change writes nothing.
 */

const SLUG = "bispebjerg-netvaerk";
const LIST = `/spaces/${SLUG}/training`;
const COURSE = /\/training\/([0-9a-f-]{36})$/;
const BADGE = ' <span class="badge">Nøgleperson</span>';

const TXT = {
  notParticipant: "Personen er ikke deltager på dette forløb. Intet blev gemt.",
  notMember: "Personen er ikke medlem af netværket. Intet blev gemt.",
  sessionNotInCourse: "Undervisningsgangen hører ikke til dette forløb. Intet blev gemt.",
  endBeforeStart: "Sluttidspunktet skal ligge efter starttidspunktet.",
};

let h: TestHub;
let secretariat: Client;
let member: Client;
let observer: Client;
let expert: Client; // Sofie, only in ekspertgruppen
let network: string;
let ids: Record<"yasmin" | "amira" | "zainab" | "sofie" | "hanne" | "nadia", string>;

beforeAll(async () => {
  h = await startTestHub();
  [secretariat, member, observer, expert] = await Promise.all([
    signIn(h, "sekretariat@bif.example"),
    signIn(h, "ngo@bispebjerg.example"),
    signIn(h, "emre.yilmaz@nordvestgym.example"),
    signIn(h, "ekspert@boernsvilkaar.example"),
  ]);
  network = await spaceId(h.db, SLUG);
  ids = {
    yasmin: await userId(h.db, "ngo@bispebjerg.example"),
    amira: await userId(h.db, "amira.khalil@boernsvilkaar.example"),
    zainab: await userId(h.db, "zainab.hussein@ncak.example"),
    sofie: await userId(h.db, "ekspert@boernsvilkaar.example"),
    hanne: await userId(h.db, "hanne.kristiansen@bakkehusene.example"),
    nadia: await userId(h.db, "nadia.rahimi@dfh.example"),
  };
}, 60_000);

afterAll(async () => {
  await h?.close();
});

async function page(client: Client, path: string): Promise<string> {
  const res = await client.get(path);
  expect(res.status, path).toBe(200);
  return unescapeHtml(mainOf(await res.text()));
}

/** Posts a change that must succeed (a redirect back to the course page). */
async function ok(client: Client, path: string, fields: Record<string, string>) {
  const res = await client.post(path, fields);
  expect(res.status, await res.clone().text()).toBe(302);
  return res;
}

/** Posts a change that must be refused with `status` and leave every table as it was. */
async function refused(
  client: Client,
  path: string,
  fields: Record<string, string>,
  status: number,
  message?: string,
) {
  const before = await rowCounts(h.db);
  const participants = await h.db.selectFrom("trainingParticipant").selectAll().execute();
  const res = await client.post(path, fields);
  expect(res.status, JSON.stringify(fields)).toBe(status);
  const body = unescapeHtml(await res.text());
  if (message) expect(body).toContain(message);
  expect(await rowCounts(h.db)).toEqual(before);
  expect(await h.db.selectFrom("trainingParticipant").selectAll().execute()).toEqual(participants);
  return body;
}

describe("key-person training", () => {
  let course: string;
  let path: string;
  let session: string;

  it("shows the demo course with its key persons, and the badges in the directory", async () => {
    const list = await page(member, LIST);
    expect(list).toContain("Nøglepersonsuddannelsen – forår 2026");
    expect(list).toContain("Nationalt Center mod Æresrelaterede Konflikter");
    expect(list).toContain("2 har gennemført");
    const directory = await page(member, "/people");
    for (const name of ["Hanne Kristiansen", "Nadia Rahimi"]) {
      expect(directory).toMatch(new RegExp(`>${name}</a>${BADGE}`));
    }
    expect(directory).not.toMatch(new RegExp(`>Yasmin Haddad</a>${BADGE}`));
  });

  it("lets only the secretariat create a course", async () => {
    const fields = { title: "Nøglepersoner – efterår 2031", organiser: "NCAK og netværket" };
    await refused(member, LIST, fields, 403);
    await refused(observer, LIST, fields, 403);
    await refused(secretariat, LIST, { title: "" }, 400);
    const res = await ok(secretariat, LIST, { ...fields, description: "Fire moduler." });
    course = COURSE.exec(res.headers.get("location") ?? "")![1]!;
    path = `${LIST}/${course}`;
    const html = await page(member, path);
    expect(html).toContain("Nøglepersoner – efterår 2031");
    expect(html).toContain("NCAK og netværket");
  });

  it("adds sessions, refusing an end before the start", async () => {
    const body = await refused(
      secretariat,
      path,
      { intent: "addSession", startsAt: "2031-09-02T16:00", endsAt: "2031-09-02T13:00" },
      400,
    );
    expect(fieldError(body, "endsAt")).toBe(TXT.endBeforeStart);
    await ok(secretariat, path, {
      intent: "addSession",
      startsAt: "2031-09-02T13:00",
      endsAt: "2031-09-02T16:00",
      place: "Bispebjerg Lokaludvalg",
      teachers: "Zainab Hussein",
    });
    const row = await h.db
      .selectFrom("trainingSession")
      .select(["id", "startsAt"])
      .where("courseId", "=", course)
      .executeTakeFirstOrThrow();
    session = row.id;
    expect(row.startsAt).toBe("2031-09-02T11:00:00.000Z"); // 13:00 summer time
    const html = await page(member, path);
    expect(html).toContain("Bispebjerg Lokaludvalg");
    expect(html).toContain("Zainab Hussein");
  });

  it("adds members of the network as participants, and no one else", async () => {
    await ok(secretariat, path, { intent: "addParticipant", userId: ids.yasmin });
    await ok(secretariat, path, { intent: "addParticipant", userId: ids.zainab });
    await refused(
      secretariat,
      path,
      { intent: "addParticipant", userId: ids.sofie },
      400,
      TXT.notMember,
    );
    const html = await page(member, path);
    expect(html).toContain(`href="/people/${ids.yasmin}"`);
    expect(html).toContain("0 af 1");
  });

  it("records attendance only for participants at this course's sessions", async () => {
    await ok(secretariat, path, {
      intent: "recordAttendance",
      sessionId: session,
      userId: ids.yasmin,
      status: "present",
    });
    await ok(secretariat, path, {
      intent: "recordAttendance",
      sessionId: session,
      userId: ids.zainab,
      status: "absent",
    });
    await refused(
      secretariat,
      path,
      { intent: "recordAttendance", sessionId: session, userId: ids.amira, status: "present" },
      400,
      TXT.notParticipant,
    );
    const seededSession = await h.db
      .selectFrom("trainingSession")
      .innerJoin("trainingCourse", "trainingCourse.id", "trainingSession.courseId")
      .select("trainingSession.id")
      .where("trainingCourse.title", "=", "Nøglepersonsuddannelsen – forår 2026")
      .executeTakeFirstOrThrow();
    await refused(
      secretariat,
      path,
      {
        intent: "recordAttendance",
        sessionId: seededSession.id,
        userId: ids.yasmin,
        status: "present",
      },
      400,
      TXT.sessionNotInCourse,
    );
    const html = await page(secretariat, path);
    expect(html).toMatch(/Yasmin Haddad<\/a><\/th><td>Mellemfolkeligt Samvirke<\/td><td>1 af 1/);
    expect(html).toMatch(/Zainab Hussein<\/a><\/th><td>[^<]*<\/td><td>0 af 1/);
  });

  it("completes a participant, who becomes a key person in the directory and on the profile", async () => {
    await refused(
      secretariat,
      path,
      { intent: "complete", userId: ids.amira },
      400,
      TXT.notParticipant,
    );
    await ok(secretariat, path, { intent: "complete", userId: ids.yasmin });
    expect(await page(member, "/people")).toMatch(new RegExp(`>Yasmin Haddad</a>${BADGE}`));
    expect(await page(secretariat, `/people/${ids.yasmin}`)).toContain(
      '<p class="badge">Nøgleperson</p>',
    );
  });

  it("shows a key person's badge only to people in the space of the course", async () => {
    await ok(secretariat, path, { intent: "complete", userId: ids.zainab });
    // Zainab is in the network and in ekspertgruppen; Sofie only shares ekspertgruppen with her.
    expect(await page(member, `/people/${ids.zainab}`)).toContain("Nøgleperson");
    expect(await page(expert, `/people/${ids.zainab}`)).not.toContain("Nøgleperson");
    await ok(secretariat, path, { intent: "uncomplete", userId: ids.zainab });
    expect(await page(member, `/people/${ids.zainab}`)).not.toContain("Nøgleperson");
  });

  it("refuses every change to members and observers (403, nothing written)", async () => {
    const intents: Record<string, string>[] = [
      { intent: "addSession", startsAt: "2031-09-09T13:00", endsAt: "2031-09-09T16:00" },
      { intent: "deleteSession", sessionId: session },
      { intent: "addParticipant", userId: ids.amira },
      { intent: "removeParticipant", userId: ids.zainab },
      { intent: "recordAttendance", sessionId: session, userId: ids.yasmin, status: "absent" },
      { intent: "complete", userId: ids.zainab },
      { intent: "uncomplete", userId: ids.yasmin },
    ];
    for (const client of [member, observer]) {
      for (const fields of intents) await refused(client, path, fields, 403, DA.forbidden);
    }
    // Members see no management controls.
    const html = await page(member, path);
    expect(html).not.toContain("Tilføj deltager");
    expect(html).not.toContain("Fremmøde</h2>");
  });

  it("takes a participant off the course with their attendance", async () => {
    await ok(secretariat, path, { intent: "removeParticipant", userId: ids.zainab });
    const left = await h.db
      .selectFrom("trainingAttendance")
      .select("userId")
      .where("sessionId", "=", session)
      .execute();
    expect(left.map((r) => r.userId)).toEqual([ids.yasmin]);
    await refused(
      secretariat,
      path,
      { intent: "removeParticipant", userId: ids.zainab },
      400,
      TXT.notParticipant,
    );
  });

  it("answers 404 for another space's course and for spaces that are not local networks", async () => {
    const other = await createSpace(h.db, {
      slug: "andet-netvaerk",
      name: "Et andet lokalnetværk",
      kind: "local_network",
    });
    const mette = await userId(h.db, "sekretariat@bif.example");
    await createMembership(h.db, { spaceId: other, userId: mette, role: "secretariat" });
    const foreign = await createCourse(h.db, {
      spaceId: other,
      createdById: mette,
      title: "Fremmed forløb",
      organiser: "",
      description: "",
      descriptionHtml: "",
    });
    expect((await secretariat.get(`${LIST}/${foreign}`)).status).toBe(404);
    await refused(
      secretariat,
      `${LIST}/${foreign}`,
      { intent: "addParticipant", userId: ids.yasmin },
      404,
      DA.notFound,
    );
    expect((await member.get("/spaces/andet-netvaerk/training")).status).toBe(404);
    expect((await expert.get("/spaces/ekspertgruppen/training")).status).toBe(404);
    expect(network).toBeTruthy();
  });
});

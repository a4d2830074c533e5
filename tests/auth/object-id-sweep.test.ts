import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInvitation } from "../../app/models/invitation.server";
import routes from "../../app/routes";
import { Client, startTestHub, type TestHub } from "../helpers/hub";
import {
  connectSocket,
  createMembership,
  createPerson,
  createTestThread,
  DA,
  mainOf,
  membershipId,
  organisationId,
  rowCounts,
  signIn,
  spaceId,
  userId,
} from "../helpers/fixtures";

/**
 * Replaying a request with the id of an object in another space (or of nothing at all) answers
 * 404 in Danish, shows nothing of the foreign object, and writes nothing.
 */
const HOME = "bispebjerg-netvaerk";
const FOREIGN = "ekspertgruppen";
const FOREIGN_NAME = "Ekspertgruppen til forebyggelse af negativ social kontrol";
// Rasmus Kjær is only in the expert group; the invitation is only to the expert group.
const FOREIGN_PERSON = { email: "rasmus.kjaer@cntact.example", name: "Rasmus Kjær" };
const FOREIGN_INVITEE = "hemmelig.ekspert@example.org";
const FOREIGN_THREAD = "Hemmelig ekspertdrøftelse";
const FOREIGN_POST = "Et fortroligt oplæg fra ekspertgruppen";

describe("object-id sweep", () => {
  let h: TestHub;
  let foreign: {
    membership: string;
    invitation: string;
    person: string;
    spaceId: string;
    thread: string;
    post: string;
  };
  let clients: Record<"solo" | "allSpaces" | "admin" | "member", Client>;

  beforeAll(async () => {
    h = await startTestHub();
    const { db } = h;
    // A secretariat who runs the network only (the demo's secretariat runs every space).
    const solo = await createPerson(db, {
      email: "solo.sekretariat@bif.example",
      name: "Solo Sekretær",
      canSignIn: true,
    });
    await createMembership(db, {
      spaceId: await spaceId(db, HOME),
      userId: solo,
      role: "secretariat",
    });
    const foreignSpace = await spaceId(db, FOREIGN);
    foreign = {
      spaceId: foreignSpace,
      person: await userId(db, FOREIGN_PERSON.email),
      membership: await membershipId(db, FOREIGN, FOREIGN_PERSON.email),
      invitation: (
        await createInvitation(db, {
          email: FOREIGN_INVITEE,
          invitedById: await userId(db, "sekretariat@bif.example"),
          ttlMs: 86_400_000,
          spaceId: foreignSpace,
          role: "member",
        })
      ).id,
      ...(await createTestThread(db, {
        spaceId: foreignSpace,
        authorId: await userId(db, FOREIGN_PERSON.email),
        title: FOREIGN_THREAD,
        body: FOREIGN_POST,
      }).then((t) => ({ thread: t.threadId, post: t.postId }))),
    };
    const [a, b, c, d] = await Promise.all([
      signIn(h, "solo.sekretariat@bif.example"),
      signIn(h, "sekretariat@bif.example"),
      signIn(h, "admin@hub.example"),
      signIn(h, "ngo@bispebjerg.example"),
    ]);
    clients = { solo: a, allSpaces: b, admin: c, member: d };
  });
  afterAll(async () => {
    await h?.close();
  });

  /** The foreign rows as they are now, to prove that nothing touched them. */
  async function foreignState() {
    return {
      counts: await rowCounts(h.db),
      membership: await h.db
        .selectFrom("membership")
        .select(["role", "leftAt"])
        .where("id", "=", foreign.membership)
        .executeTakeFirstOrThrow(),
      invitation: await h.db
        .selectFrom("invitation")
        .select(["revokedAt", "acceptedAt"])
        .where("id", "=", foreign.invitation)
        .executeTakeFirstOrThrow(),
    };
  }

  function expectNothingForeign(html: string, { wholeBody }: { wholeBody: boolean }) {
    // Someone who is in the expert group has it in their own menu; the page itself must not.
    const text = wholeBody ? html : mainOf(html);
    expect(text).not.toContain(FOREIGN_PERSON.name);
    expect(text).not.toContain(FOREIGN_PERSON.email);
    expect(text).not.toContain(FOREIGN_INVITEE);
    expect(text).not.toContain(FOREIGN_NAME);
    expect(text).not.toContain(FOREIGN_THREAD);
    expect(text).not.toContain(FOREIGN_POST);
  }

  const replays = (): Record<string, string>[] => [
    { intent: "resend", invitationId: foreign.invitation },
    { intent: "revoke", invitationId: foreign.invitation },
    { intent: "changeRole", membershipId: foreign.membership, role: "observer" },
    { intent: "end", membershipId: foreign.membership },
  ];

  it.each(["solo", "allSpaces", "admin"] as const)(
    "%s: ids from the expert group posted to the network's member page are 404 and change nothing",
    async (who) => {
      for (const fields of replays()) {
        const before = await foreignState();
        const res = await clients[who].post(`/spaces/${HOME}/members`, fields);
        expect(res.status, `${who} ${fields.intent}`).toBe(404);
        const html = await res.text();
        expect(html).toContain(DA.notFound);
        expectNothingForeign(html, { wholeBody: who === "solo" });
        expect(await foreignState()).toEqual(before);
      }
    },
  );

  it("the same ids posted to the expert group itself by someone who does not run it: 404, nothing written", async () => {
    for (const who of ["solo", "member"] as const) {
      const attempts: Record<string, string>[] = [
        ...replays(),
        { intent: "invite", email: "x@example.org", role: "member" },
      ];
      for (const fields of attempts) {
        const before = await foreignState();
        const res = await clients[who].post(`/spaces/${FOREIGN}/members`, fields);
        expect(res.status, `${who} ${fields.intent}`).toBe(404);
        expectNothingForeign(await res.text(), { wholeBody: true });
        expect(await foreignState()).toEqual(before);
      }
    }
  });

  it("every URL of the expert group is 404 for people outside it, in Danish, revealing nothing", async () => {
    const slugRoutes = routes.filter((r) => r.path?.includes(":slug")).map((r) => r.path!);
    expect(slugRoutes.length).toBeGreaterThanOrEqual(3);
    for (const who of ["solo", "member"] as const) {
      for (const pattern of slugRoutes) {
        const res = await clients[who].get("/" + pattern.replace(":slug", FOREIGN));
        expect(res.status, `${who} ${pattern}`).toBe(404);
        const body = await res.text();
        expect(body).toContain(DA.notFound);
        expectNothingForeign(body, { wholeBody: true });
      }
      const person = await clients[who].get(`/people/${foreign.person}`);
      expect(person.status).toBe(404);
      expectNothingForeign(await person.text(), { wholeBody: true });
    }
  });

  it("a thread of the expert group replayed under the network: 404, untold, unchanged", async () => {
    const thread = `/spaces/${HOME}/threads/${foreign.thread}`;
    for (const who of ["solo", "member", "allSpaces"] as const) {
      for (const p of [thread, `${thread}/posts/${foreign.post}/history`]) {
        const res = await clients[who].get(p);
        expect(res.status, `${who} GET ${p}`).toBe(404);
        expectNothingForeign(await res.text(), { wholeBody: who !== "allSpaces" });
      }
      const attempts: Record<string, string>[] = [
        { intent: "reply", body: "Indtrængen" },
        { intent: "edit", postId: foreign.post, body: "Indtrængen" },
        { intent: "delete", postId: foreign.post },
        { intent: "hide", postId: foreign.post, reason: "Indtrængen" },
        { intent: "lock" },
        { intent: "subscribe", subscription: "follow" },
      ];
      for (const fields of attempts) {
        const before = await rowCounts(h.db);
        const res = await clients[who].post(thread, fields);
        expect(res.status, `${who} ${fields.intent}`).toBe(404);
        expectNothingForeign(await res.text(), { wholeBody: who !== "allSpaces" });
        expect(await rowCounts(h.db)).toEqual(before);
      }
    }
    // The expert group's own secretariat, posting a network post id into the expert thread.
    const networkThread = await createTestThread(h.db, {
      spaceId: await spaceId(h.db, HOME),
      authorId: await userId(h.db, "ngo@bispebjerg.example"),
      title: "Netværkets tråd",
      body: "Netværkets indlæg",
    });
    const crossed = await clients.allSpaces.post(`/spaces/${FOREIGN}/threads/${foreign.thread}`, {
      intent: "hide",
      postId: networkThread.postId,
      reason: "Forkert rum",
    });
    expect(crossed.status).toBe(404);
    // Over the socket: the same ids are unknown, and nothing is joined.
    const outcome = await connectSocket(h, clients.solo.cookieHeader());
    if (!outcome.connected) throw outcome.error;
    try {
      for (const [event, payload] of [
        ["thread:join", { threadId: foreign.thread, afterSeq: 0 }],
        ["thread:read", { threadId: foreign.thread, seq: 1 }],
        ["thread:typing", { threadId: foreign.thread }],
      ] as const) {
        const reply = await outcome.socket
          .timeout(3_000)
          .emitWithAck(event as never, payload as never);
        expect(reply, event).toEqual({ ok: false, error: "not_found" });
        expect(JSON.stringify(reply)).not.toContain(FOREIGN_POST);
      }
      const server = h.hub.io.sockets.sockets.get(outcome.socket.id!)!;
      expect([...server.rooms].some((r) => r.includes(foreign.thread))).toBe(false);
    } finally {
      outcome.socket.close();
    }
  });

  it("the network member finds no trace of the expert group anywhere they can go", async () => {
    const client = clients.member;
    const orgs = await h.db.selectFrom("organisation").select("id").execute();
    const pages = [
      "/",
      "/spaces",
      `/spaces/${HOME}`,
      `/spaces/${HOME}/members`,
      "/people",
      `/people?space=${FOREIGN}`,
      `/people?space=${FOREIGN}&role=member`,
      "/people?q=Rasmus",
      "/people?q=cntact",
      "/profile",
      "/organisations",
      ...orgs.map((o) => `/organisations/${o.id}`),
    ];
    for (const page of pages) {
      const res = await client.get(page);
      expect(res.status, page).toBe(200);
      const body = await res.text();
      expectNothingForeign(body, { wholeBody: true });
      expect(body, page).not.toContain(`/spaces/${FOREIGN}`);
    }
    // A space filter naming the foreign space finds nobody rather than its members.
    const filtered = mainOf(await (await client.get(`/people?space=${FOREIGN}`)).text());
    expect(filtered).toContain("0 personer");
    expect(filtered).not.toMatch(/href="\/people\/[0-9a-f-]{36}"/);
    // The organisation of a foreign-only person is visible, but not that person.
    const cntact = await client.get(`/organisations/${await organisationId(h.db, "C:NTACT")}`);
    expect(mainOf(await cntact.text())).toContain("Ingen personer, du kan se.");
  });

  it("unknown slugs and ids are 404 in Danish for everyone, administrators included", async () => {
    const unknown = randomUUID();
    const paths = [
      "/spaces/findes-ikke",
      "/spaces/findes-ikke/members",
      "/spaces/findes-ikke/members.csv",
      `/people/${unknown}`,
      "/people/ikke-et-id",
      `/organisations/${unknown}`,
      "/organisations/ikke-et-id",
    ];
    for (const who of ["member", "solo", "admin"] as const) {
      for (const p of paths) {
        const res = await clients[who].get(p);
        expect(res.status, `${who} ${p}`).toBe(404);
        expect(await res.text(), `${who} ${p}`).toContain(DA.notFound);
      }
    }
  });

  it("unknown ids in changes are 404 and write nothing", async () => {
    const before = await rowCounts(h.db);
    const unknown = randomUUID();
    const attempts: Record<string, string>[] = [
      { intent: "resend", invitationId: unknown },
      { intent: "revoke", invitationId: unknown },
      { intent: "changeRole", membershipId: unknown, role: "member" },
      { intent: "end", membershipId: unknown },
    ];
    for (const fields of attempts) {
      const res = await clients.solo.post(`/spaces/${HOME}/members`, fields);
      expect(res.status, fields.intent).toBe(404);
    }
    const none = await clients.solo.post("/spaces/findes-ikke/members", {
      intent: "invite",
      email: "ingen@example.org",
      role: "member",
    });
    expect(none.status).toBe(404);
    const admin = await clients.admin.post("/admin/people", {
      userId: unknown,
      status: "deactivated",
    });
    expect(admin.status).toBe(404);
    expect(await admin.text()).toContain(DA.notFound);
    const after = await rowCounts(h.db);
    expect(after).toEqual(before);
  });
});

import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClientToServerEvents, ServerToClientEvents } from "../../app/realtime/events";
import { Client, startTestHub, type TestHub } from "../helpers/hub";
import { membershipId, signIn, userId } from "../helpers/fixtures";

/**
 * Meeting pages over real sockets on a real hub: a viewer joined to a meeting hears of every
 * change (and nothing of its content), a stranger cannot join, and a removed member stops
 * hearing at once.
 */

type HubClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const NETWORK = "bispebjerg-netvaerk";
const LIST = `/spaces/${NETWORK}/meetings`;
const ACK_MS = 3_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(check: () => boolean, what: string, ms = ACK_MS) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(10);
  }
}

describe("meetings over sockets", () => {
  let h: TestHub;
  let mette: Client; // secretariat
  let yasmin: Client; // member
  let amira: Client; // member, named on the closed item
  let outsider: Client; // only in ekspertgruppen
  let hanne: Client; // member, removed during a test
  const open: HubClientSocket[] = [];
  let meetingId: string;

  async function connect(client: Client): Promise<HubClientSocket> {
    const socket: HubClientSocket = io(h.url, {
      transports: ["websocket"],
      extraHeaders: { cookie: client.cookieHeader(), origin: h.url },
      reconnection: false,
      forceNew: true,
      timeout: ACK_MS,
    });
    open.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("connect_error", reject);
    });
    // why: the server joins a new socket's rooms just after "connect" reaches the client.
    await waitUntil(
      () => (h.hub.io.sockets.sockets.get(socket.id!)?.rooms.size ?? 0) > 1,
      "the socket's rooms",
    );
    return socket;
  }

  const join = (socket: HubClientSocket, id: string) =>
    socket.timeout(ACK_MS).emitWithAck("meeting:join", { meetingId: id });

  /** Every raw frame the socket receives, as text: to prove what never arrives. */
  function wire(socket: HubClientSocket): string[] {
    const frames: string[] = [];
    socket.onAny((event, ...args) => frames.push(JSON.stringify([event, ...args])));
    return frames;
  }

  function changes(socket: HubClientSocket) {
    const seen: { meetingId: string }[] = [];
    socket.on("meeting:changed", (p) => seen.push(p));
    return seen;
  }

  beforeAll(async () => {
    h = await startTestHub();
    [mette, yasmin, amira, outsider, hanne] = await Promise.all([
      signIn(h, "sekretariat@bif.example"),
      signIn(h, "ngo@bispebjerg.example"),
      signIn(h, "amira.khalil@boernsvilkaar.example"),
      signIn(h, "ekspert@boernsvilkaar.example"),
      signIn(h, "hanne.kristiansen@bakkehusene.example"),
    ]);
    const res = await mette.post(LIST, {
      intent: "create",
      title: "Live møde",
      startsAt: "2031-04-01T17:00",
      endsAt: "2031-04-01T19:00",
    });
    meetingId = res.headers.get("location")!.split("/").pop()!;
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await h?.close();
  });

  it("lets no one but the secretariat join a draft, and nobody outside the space join at all", async () => {
    const [metteSocket, yasminSocket, outsiderSocket] = await Promise.all([
      connect(mette),
      connect(yasmin),
      connect(outsider),
    ]);
    expect(await join(metteSocket, meetingId)).toEqual({ ok: true });
    // A draft is unknown to members.
    expect(await join(yasminSocket, meetingId)).toEqual({ ok: false, error: "not_found" });
    expect((await mette.post(`${LIST}/${meetingId}`, { intent: "publish" })).status).toBe(200);
    expect(await join(yasminSocket, meetingId)).toEqual({ ok: true });
    // Someone outside the space, a made-up id and garbage all get the same answer or "invalid".
    expect(await join(outsiderSocket, meetingId)).toEqual({ ok: false, error: "not_found" });
    expect(await join(outsiderSocket, crypto.randomUUID())).toEqual({
      ok: false,
      error: "not_found",
    });
    expect(await join(outsiderSocket, "x")).toEqual({ ok: false, error: "invalid" });
    const serverSide = h.hub.io.sockets.sockets.get(outsiderSocket.id!)!;
    expect([...serverSide.rooms].some((r) => r.includes(":meeting:"))).toBe(false);
  });

  it("tells a viewer of every agenda change, with only the meeting's id, never a closed item's content", async () => {
    const [yasminSocket, amiraSocket] = await Promise.all([connect(yasmin), connect(amira)]);
    expect(await join(yasminSocket, meetingId)).toEqual({ ok: true });
    expect(await join(amiraSocket, meetingId)).toEqual({ ok: true });
    const frames = wire(yasminSocket);
    const atYasmin = changes(yasminSocket);
    const atAmira = changes(amiraSocket);

    const added = await mette.post(`${LIST}/${meetingId}`, {
      intent: "addItem",
      title: "Åbent punkt",
      durationMinutes: "20",
      kind: "orientation",
    });
    expect(added.status).toBe(200);
    await waitUntil(() => atYasmin.length === 1 && atAmira.length === 1, "meeting:changed");
    expect(atYasmin).toEqual([{ meetingId }]);

    const closed = await mette.request(`${LIST}/${meetingId}`, {
      method: "POST",
      body: new URLSearchParams([
        ["intent", "addItem"],
        ["title", "Hemmeligt punkt om personale"],
        ["description", "Fortrolig tekst"],
        ["durationMinutes", "10"],
        ["kind", "decision"],
        ["isClosed", "on"],
        ["accessUserIds", await userId(h.db, "amira.khalil@boernsvilkaar.example")],
      ]),
    });
    expect(closed.status).toBe(200);
    await waitUntil(() => atYasmin.length === 2 && atAmira.length === 2, "the second change");
    await sleep(100);
    expect(frames.length).toBeGreaterThanOrEqual(2);
    const everything = frames.join("\n");
    expect(everything).not.toContain("Hemmeligt punkt");
    expect(everything).not.toContain("Fortrolig tekst");
    expect(everything).not.toContain("Åbent punkt");
    for (const frame of frames)
      expect(JSON.parse(frame)).toEqual(["meeting:changed", { meetingId }]);

    // An answer is a change too; leaving the room ends the events.
    await yasmin.post(`${LIST}/${meetingId}`, { intent: "respond", response: "absent", note: "" });
    await waitUntil(() => atAmira.length === 3, "the answer's change");
    await amiraSocket.timeout(ACK_MS).emitWithAck("meeting:leave", { meetingId });
    await mette.post(`${LIST}/${meetingId}`, {
      intent: "addItem",
      title: "Eventuelt",
      durationMinutes: "5",
      kind: "orientation",
    });
    await waitUntil(() => atYasmin.length === 4, "the last change at Yasmin");
    await sleep(200);
    expect(atAmira).toHaveLength(3);
  });

  it("stops a removed member's events at once and does not let them back in", async () => {
    const socket = await connect(hanne);
    expect(await join(socket, meetingId)).toEqual({ ok: true });
    const seen = changes(socket);
    const ended: unknown[] = [];
    socket.on("membership:ended", (p) => ended.push(p));
    const res = await mette.post(`/spaces/${NETWORK}/members`, {
      intent: "end",
      membershipId: await membershipId(h.db, NETWORK, "hanne.kristiansen@bakkehusene.example"),
    });
    expect(res.status).toBe(200);
    await waitUntil(() => ended.length === 1, "membership:ended");

    await mette.post(`${LIST}/${meetingId}`, {
      intent: "addItem",
      title: "Efter udtræden",
      durationMinutes: "5",
      kind: "orientation",
    });
    await sleep(300);
    expect(seen).toEqual([]);
    expect(await join(socket, meetingId)).toEqual({ ok: false, error: "not_found" });
  });
});

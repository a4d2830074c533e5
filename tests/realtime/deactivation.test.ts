import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestHub, type TestHub } from "../helpers/hub";
import {
  connectSocket,
  DA,
  mainOf,
  membershipId,
  signIn,
  spaceId,
  userId,
} from "../helpers/fixtures";

/**
 * Deactivating a person ends their sessions and live socket connections within 5 seconds; ending
 * a membership tells that person's open connections at once, and nobody else's.
 */
const WITHIN_MS = 5_000;

describe("realtime consequences of access changes", () => {
  let h: TestHub;
  let admin: Client;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    h = await startTestHub();
    admin = await signIn(h, "admin@hub.example");
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await h?.close();
  });

  async function liveSocket(client: Client): Promise<Socket> {
    const outcome = await connectSocket(h, client.cookieHeader());
    if (!outcome.connected) throw outcome.error;
    sockets.push(outcome.socket);
    return outcome.socket;
  }

  /** Resolves with the reason when the socket is disconnected; rejects after `ms`. */
  function disconnected(socket: Socket, ms = WITHIN_MS): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`still connected after ${ms} ms`)), ms);
      socket.once("disconnect", (reason) => {
        clearTimeout(timer);
        resolve(reason);
      });
    });
  }

  function received<T>(socket: Socket, event: string, ms = WITHIN_MS): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
      socket.once(event, (payload: T) => {
        clearTimeout(timer);
        resolve(payload);
      });
    });
  }

  it("an administrator deactivates a person: every socket drops and every session stops working", async () => {
    const email = "peter.brandt@ms.example";
    // Two devices: two sessions, two sockets.
    const [laptop, phone] = await Promise.all([signIn(h, email), signIn(h, email)]);
    const laptopCookie = laptop.cookieHeader();
    const [laptopSocket, phoneSocket] = await Promise.all([liveSocket(laptop), liveSocket(phone)]);
    // Someone else's socket stays up.
    const bystander = await liveSocket(await signIn(h, "ngo@bispebjerg.example"));
    expect((await laptop.get(`/spaces/bispebjerg-netvaerk`)).status).toBe(200);

    const started = Date.now();
    const drops = Promise.all([disconnected(laptopSocket), disconnected(phoneSocket)]);
    const res = await admin.post("/admin/people", {
      userId: await userId(h.db, email),
      status: "deactivated",
    });
    expect(res.status).toBe(200);
    expect(mainOf(await res.text())).toContain(
      "Kontoen er deaktiveret. Personen er logget ud alle steder.",
    );
    const reasons = await drops;
    expect(Date.now() - started).toBeLessThan(WITHIN_MS);
    // Closed by the server, not lost: the client must not try to reconnect by itself.
    expect(reasons).toEqual(["io server disconnect", "io server disconnect"]);
    expect(bystander.connected).toBe(true);

    // Both HTTP sessions are over: pages send them to the login page...
    for (const device of [laptop, phone]) {
      const page = await device.get("/spaces/bispebjerg-netvaerk");
      expect(page.status).toBe(302);
      expect(page.headers.get("location")).toMatch(/^\/login/);
    }
    // ...the old cookie cannot open a new socket...
    const again = await connectSocket(h, laptopCookie);
    expect(again.connected).toBe(false);
    if (!again.connected) expect(again.error.message).toBe("unauthorized");
    // ...and signing in again is refused with the Danish message.
    const retry = await new Client(h.url).post("/login", {
      email,
      password: "hub-demo-2026",
    });
    expect(retry.status).toBe(403);
    expect(await retry.text()).toContain(DA.deactivatedLogin);
    const sessions = await h.db
      .selectFrom("session")
      .select("id")
      .where("userId", "=", await userId(h.db, email))
      .execute();
    expect(sessions).toEqual([]);
  });

  it("a session that outlives its account's deactivation cannot open a socket", async () => {
    const email = "zainab.hussein@ncak.example";
    const zainab = await signIn(h, email);
    // Deactivated straight in the database, so the session row is still there.
    await h.db
      .updateTable("user")
      .set({ status: "deactivated" })
      .where("email", "=", email)
      .execute();
    const outcome = await connectSocket(h, zainab.cookieHeader());
    expect(outcome.connected).toBe(false);
    if (!outcome.connected) expect(outcome.error.message).toBe("unauthorized");
    const page = await zainab.get("/");
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toBe("/login");
  });

  it("ending a membership emits membership:ended to that person's sockets only", async () => {
    const email = "hanne.kristiansen@bakkehusene.example";
    const hanne = await signIn(h, email);
    const [hanneSocket, otherSocket] = await Promise.all([
      liveSocket(hanne),
      liveSocket(await signIn(h, "ngo@bispebjerg.example")),
    ]);
    const others: unknown[] = [];
    otherSocket.on("membership:ended", (p) => others.push(p));

    const secretariat = await signIn(h, "sekretariat@bif.example");
    const network = await spaceId(h.db, "bispebjerg-netvaerk");
    const event = received<{ spaceId: string }>(hanneSocket, "membership:ended");
    const res = await secretariat.post("/spaces/bispebjerg-netvaerk/members", {
      intent: "end",
      membershipId: await membershipId(h.db, "bispebjerg-netvaerk", email),
    });
    expect(res.status).toBe(200);
    expect(await event).toEqual({ spaceId: network });
    // The page Hanne's client reloads on that event is already closed to her.
    const page = await hanne.get("/spaces/bispebjerg-netvaerk");
    expect(page.status).toBe(404);
    expect(await page.text()).toContain(DA.notFound);
    // She is still signed in and connected: only the space is gone.
    expect(hanneSocket.connected).toBe(true);
    expect((await hanne.get("/")).status).toBe(200);
    // Emits to one room go out together; a moment later nothing has reached anyone else.
    await new Promise((r) => setTimeout(r, 100));
    expect(others).toEqual([]);
  });
});

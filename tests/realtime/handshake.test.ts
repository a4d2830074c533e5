import { io, type Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestHub, type TestHub } from "../helpers/hub";

type Outcome = { connected: true; socket: Socket } | { connected: false; error: Error };

describe("socket handshake", () => {
  let h: TestHub;
  const open: Socket[] = [];

  beforeAll(async () => {
    h = await startTestHub();
  });
  afterEach(() => {
    for (const s of open.splice(0)) s.close();
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Connects over WebSocket with the given headers; resolves on connect or connect_error. */
  function connect(headers: Record<string, string>): Promise<Outcome> {
    const socket = io(h.url, {
      transports: ["websocket"],
      extraHeaders: headers,
      reconnection: false,
      timeout: 5_000,
    });
    open.push(socket);
    return new Promise((resolve) => {
      socket.once("connect", () => resolve({ connected: true, socket }));
      socket.once("connect_error", (error) => resolve({ connected: false, error }));
    });
  }

  async function signedIn(email: string): Promise<string> {
    const client = new Client(h.url);
    await client.login(email);
    return client.cookieHeader();
  }

  it("connects with the session cookie of a signed-in person", async () => {
    const cookie = await signedIn("ekspert@boernsvilkaar.example");
    const outcome = await connect({ Cookie: cookie, Origin: h.url });
    expect(outcome.connected).toBe(true);
    if (outcome.connected) expect(outcome.socket.id).toBeTruthy();
  });

  it("refuses a connection without a cookie as unauthorized", async () => {
    const outcome = await connect({ Origin: h.url });
    expect(outcome.connected).toBe(false);
    if (!outcome.connected) expect(outcome.error.message).toBe("unauthorized");
  });

  it("refuses a bogus or malformed session cookie as unauthorized", async () => {
    for (const cookie of [
      `hub_session=${"a".repeat(32)}`,
      "hub_session=not-a-token",
      "hub_session=",
    ]) {
      const outcome = await connect({ Cookie: cookie, Origin: h.url });
      expect(outcome.connected, cookie).toBe(false);
      if (!outcome.connected) expect(outcome.error.message).toBe("unauthorized");
    }
  });

  it("refuses the cookie of a session that has ended", async () => {
    const client = new Client(h.url);
    await client.login("ngo@bispebjerg.example");
    const cookie = client.cookieHeader();
    expect((await client.post("/logout", {})).status).toBe(302);
    const outcome = await connect({ Cookie: cookie, Origin: h.url });
    expect(outcome.connected).toBe(false);
    if (!outcome.connected) expect(outcome.error.message).toBe("unauthorized");
  });

  it("refuses a foreign Origin even with a valid session cookie", async () => {
    const cookie = await signedIn("sekretariat@bif.example");
    let accepted = 0;
    const count = () => void accepted++;
    h.hub.io.on("connection", count);
    try {
      const outcome = await connect({ Cookie: cookie, Origin: "http://evil.example" });
      expect(outcome.connected).toBe(false);
      // Refused before the handshake: the server never saw a connection.
      expect(accepted).toBe(0);
    } finally {
      h.hub.io.off("connection", count);
    }
  });

  it("refuses a handshake that shows no Origin at all", async () => {
    const cookie = await signedIn("sekretariat@bif.example");
    const outcome = await connect({ Cookie: cookie });
    expect(outcome.connected).toBe(false);
  });

  it("refuses a foreign Origin over long-polling as well", async () => {
    const cookie = await signedIn("sekretariat@bif.example");
    const socket = io(h.url, {
      transports: ["polling"],
      extraHeaders: { Cookie: cookie, Origin: "http://evil.example" },
      reconnection: false,
    });
    open.push(socket);
    const outcome = await new Promise<Outcome>((resolve) => {
      socket.once("connect", () => resolve({ connected: true, socket }));
      socket.once("connect_error", (error) => resolve({ connected: false, error }));
    });
    expect(outcome.connected).toBe(false);
  });
});

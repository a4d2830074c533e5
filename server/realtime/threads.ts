import { z } from "zod";
import { can } from "../../app/auth/permissions.server";
import { toPostView } from "../../app/lib/post-view";
import { getMembershipRole } from "../../app/models/space.server";
import { getThread, getThreadSpaceId, listPosts, markRead } from "../../app/models/thread.server";
import type {
  ClientToServerEvents,
  HubSocket,
  HubSocketServer,
  Viewer,
} from "../../app/realtime/events";
import { threadRoom } from "../../app/realtime/rooms";
import type { Database } from "../../db/client";

const threadRef = z.object({ threadId: z.uuid() });
const joinPayload = threadRef.extend({
  afterSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});
const readPayload = threadRef.extend({ seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) });

// A catch-up never sends more than this at once; a client that is further behind reloads.
const CATCH_UP_LIMIT = 1000;
const TYPING_INTERVAL_MS = 2000;

/**
 * Thread viewing over sockets: join (with catch-up), leave, typing, read position. Every event
 * names a thread and is checked against the permission module with the sender's current role,
 * so a forged or foreign thread id gets "not_found" and joins nothing.
 */
export function handleThreadEvents(
  io: HubSocketServer,
  socket: HubSocket,
  { db }: { db: Database },
) {
  const user = socket.data.user;
  const lastTyping = new Map<string, number>();

  async function authorise(threadId: string) {
    const spaceId = await getThreadSpaceId(db, { threadId });
    if (!spaceId) return null;
    const spaceRole = await getMembershipRole(db, { spaceId, userId: user.id });
    if (!can(user, "thread.read", { spaceRole })) return null;
    return { spaceId, spaceRole };
  }

  socket.on("thread:join", async (payload, ack) => {
    if (typeof ack !== "function") return;
    const parsed = joinPayload.safeParse(payload);
    if (!parsed.success) return ack({ ok: false, error: "invalid" });
    const access = await authorise(parsed.data.threadId);
    if (!access) return ack({ ok: false, error: "not_found" });
    const { spaceId, spaceRole } = access;
    const thread = await getThread(db, { spaceId, threadId: parsed.data.threadId });
    if (!thread) return ack({ ok: false, error: "not_found" });
    const room = threadRoom(spaceId, thread.id);
    // Join before reading, so nothing committed in between is missed; the client drops doubles.
    await socket.join(room);
    const rows = await listPosts(db, {
      spaceId,
      threadId: thread.id,
      afterSeq: parsed.data.afterSeq,
      limit: CATCH_UP_LIMIT,
    });
    const canModerate = can(user, "thread.moderate", { spaceRole });
    ack({
      ok: true,
      posts: rows.map((r) => toPostView(r, { canModerate })),
      viewers: await viewersOf(room),
      lastSeq: thread.lastSeq,
    });
    await broadcastPresence(spaceId, thread.id);
  });

  socket.on("thread:leave", async (payload, ack) => {
    const parsed = threadRef.safeParse(payload);
    if (!parsed.success) return ack?.({ ok: false, error: "invalid" });
    const room = [...socket.rooms].find((r) => r.endsWith(`:thread:${parsed.data.threadId}`));
    if (room) {
      await socket.leave(room);
      await broadcastPresence(room.split(":")[1]!, parsed.data.threadId);
    }
    ack?.({ ok: true });
  });

  socket.on("thread:typing", (payload, ack) => {
    const parsed = threadRef.safeParse(payload);
    if (!parsed.success) return ack?.({ ok: false, error: "invalid" });
    // Only a viewer of the thread (checked when joining) can type in it.
    const room = [...socket.rooms].find((r) => r.endsWith(`:thread:${parsed.data.threadId}`));
    if (!room) return ack?.({ ok: false, error: "not_found" });
    const now = Date.now();
    if (now - (lastTyping.get(room) ?? 0) >= TYPING_INTERVAL_MS) {
      lastTyping.set(room, now);
      socket.to(room).emit("thread:typing", {
        threadId: parsed.data.threadId,
        user: { id: user.id, name: user.name },
      });
    }
    ack?.({ ok: true });
  });

  socket.on("thread:read", async (payload, ack) => {
    const parsed = readPayload.safeParse(payload);
    if (!parsed.success) return ack?.({ ok: false, error: "invalid" });
    if (!(await authorise(parsed.data.threadId))) return ack?.({ ok: false, error: "not_found" });
    await markRead(db, { threadId: parsed.data.threadId, userId: user.id, seq: parsed.data.seq });
    ack?.({ ok: true });
  });

  socket.on("disconnecting", () => {
    const threads = [...socket.rooms].filter((r) => r.includes(":thread:"));
    // After the socket has left its rooms, tell the others who is still there.
    setImmediate(() => {
      for (const room of threads) {
        const [, spaceId, , threadId] = room.split(":");
        void broadcastPresence(spaceId!, threadId!);
      }
    });
  });

  async function viewersOf(room: string): Promise<Viewer[]> {
    const seen = new Map<string, Viewer>();
    for (const s of await io.in(room).fetchSockets()) {
      seen.set(s.data.user.id, { id: s.data.user.id, name: s.data.user.name });
    }
    return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name, "da"));
  }

  async function broadcastPresence(spaceId: string, threadId: string) {
    const room = threadRoom(spaceId, threadId);
    io.to(room).emit("thread:presence", { threadId, viewers: await viewersOf(room) });
  }
}

// Every event a client may send; anything else is refused before it reaches a handler.
const clientEvents: Record<keyof ClientToServerEvents, true> = {
  "thread:join": true,
  "thread:leave": true,
  "thread:typing": true,
  "thread:read": true,
  "meeting:join": true,
  "meeting:leave": true,
};

/**
 * Refuses unknown events with "unknown_event", and events without a payload with "invalid", when
 * the sender asked for an ack. (Reserved names such as "disconnecting" never get this far: the
 * parser rejects them and closes the connection.)
 */
export function refuseUnknownEvents(socket: HubSocket) {
  socket.use((packet, next) => {
    const [event, payload] = packet;
    const last = packet[packet.length - 1];
    const ack = packet.length > 1 && typeof last === "function" ? last : undefined;
    if (typeof event !== "string" || !Object.hasOwn(clientEvents, event)) {
      return ack?.({ ok: false, error: "unknown_event" });
    }
    if (packet.length < 2 || typeof payload === "function") {
      return ack?.({ ok: false, error: "invalid" });
    }
    next();
  });
}

/**
 * A per-socket budget of events: a fixed window of `limit` events per `windowMs`. Over budget,
 * events are refused with an error ack; a socket far over budget is disconnected.
 */
export function limitFlood(socket: HubSocket, { limit = 40, windowMs = 10_000 } = {}) {
  let windowStart = Date.now();
  let count = 0;
  socket.use((packet, next) => {
    const now = Date.now();
    if (now - windowStart >= windowMs) {
      windowStart = now;
      count = 0;
    }
    count++;
    if (count <= limit) return next();
    const ack = packet[packet.length - 1];
    if (typeof ack === "function") ack({ ok: false, error: "rate_limited" });
    if (count > limit * 3) socket.disconnect(true);
  });
}

import { readSessionToken, validateSessionToken } from "../../app/auth/session.server";
import type { Database } from "../../db/client";
import type { HubConfig } from "../../app/lib/env.server";
import type { HubSocketServer } from "../../app/realtime/events";
import { listSpacesForUser } from "../../app/models/space.server";
import { sessionRoom, spaceRoom, userRoom } from "../../app/realtime/rooms";
import { isSecureRequest } from "../security";
import { handleMeetingEvents } from "./meetings";
import { handleThreadEvents, limitFlood, refuseUnknownEvents } from "./threads";

/**
 * Every socket belongs to a signed-in person: the handshake carries the same session cookie as
 * HTTP and is validated by the same code. Foreign origins are refused earlier, in allowRequest.
 */
export function authenticateSockets(
  io: HubSocketServer,
  { db, config }: { db: Database; config: HubConfig },
) {
  io.use(async (socket, next) => {
    try {
      const secure = isSecureRequest(socket.request, config.trustProxy);
      const token = readSessionToken(socket.request.headers.cookie, secure);
      const session = token
        ? await validateSessionToken(db, {
            token,
            policy: { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs },
          })
        : null;
      if (!session) return next(new Error("unauthorized"));
      socket.data.user = session.user;
      socket.data.sessionId = session.sessionId;
      next();
    } catch {
      next(new Error("unavailable"));
    }
  });
  io.on("connection", async (socket) => {
    limitFlood(socket);
    refuseUnknownEvents(socket);
    handleThreadEvents(io, socket, { db });
    handleMeetingEvents(socket, { db });
    const spaces = await listSpacesForUser(db, { userId: socket.data.user.id });
    await socket.join([
      userRoom(socket.data.user.id),
      sessionRoom(socket.data.sessionId),
      ...spaces.map((s) => spaceRoom(s.id)),
    ]);
  });
}
